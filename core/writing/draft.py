"""The self-evaluation draft: a review a person submits after light edits, built only from their
evidence inside the review period.

Its shape is a review's: an opening summary of the period's headline results; one section per
competency (or per review question) that opens with a claim and tells its stories as prose
(core/writing/prose.py); each story told in full once, in the section it fits best, with at most
a short back-reference elsewhere; each quote used once; related stories (same project, link or
subject, core/writing/themes.py) told together; a closing "Next year" section of goals from growth
items and gaps.

Stories are chosen by significance (core.analysis.strength.significance), pinned stories always
and left-out ones never; recency balance only breaks near-ties. What was left out, and why, and
every note to the user ("before you send it") are kept apart from the sections, so no export can
carry them to the manager.
"""

from __future__ import annotations

from collections import Counter

from core.analysis.period import Period
from core.model import Dataset, Framework, Praise
from core.writing.builder import Builder, Item, in_period, is_setback
from core.writing.checklist import check_sections, left_out
from core.writing.citations import audit, collect_citations
from core.writing.document import (
    LENGTHS,
    TONES,
    Draft,
    DraftOptions,
    RatingHelp,
    Section,
    paragraph_text,
    plural,
)
from core.writing.limits import trim
from core.writing.rating import rating_paragraph

TOP_UNMAPPED = 5  # a win this high in the year's ranking is told even when no competency claims it

__all__ = [
    "LENGTHS", "TONES", "Draft", "DraftOptions", "build_draft", "in_period", "is_setback", "paragraph_text",
    "plural",
]  # fmt: skip


# --- the draft ---------------------------------------------------------------------------------


def build_draft(
    dataset: Dataset,
    framework: Framework | None,
    assignments: dict[str, list[str]],
    period: Period,
    options: DraftOptions | None = None,
    ratings: dict | None = None,
    *,
    strengths: dict | None = None,
    links: dict[str, list[Praise]] | None = None,
    readiness=None,
) -> Draft:
    """Draft the self-evaluation from the evidence inside `period` (see the module docstring).

    `strengths` ({story id: Strength}) and `links` ({story id: [Praise]}, as
    core.analysis.links.link_index gives) are optional: the app passes the ones it already cached.
    `readiness` (core.competencies.readiness.Readiness) lets a rated section argue its rating.
    """
    options = options or DraftOptions()
    ratings = ratings or {}
    b = Builder(dataset, period, options, strengths, links)
    helpers: list[RatingHelp] = []
    if options.questions:
        from core.writing.questions import question_sections

        body, gaps = question_sections(b, framework, assignments), []
    else:
        body, gaps, helpers = _competency_sections(b, framework, assignments, ratings, readiness)
    summary = None if options.questions else b.summary()
    closing = None if options.questions else b.goals(gaps)
    if closing is None and not options.questions:
        b.checklist.append(
            f"No struggles or lessons recorded in {b.spoken}: a Next year section shows "
            "the reviewer what you are working on."
        )
    sections = [s for s in (summary, *body, closing) if s is not None]
    citations = collect_citations(sections, dataset, period)
    for section in sections:
        trim(section, citations)
        if section.trimmed_from:
            b.checklist.append(f"“{section.heading}” was trimmed to fit its limit: check its last sentence.")
    citations = collect_citations(sections, dataset, period)
    check_sections(b, sections)
    top = [i.story.id for i in b.wins[:8]]
    by_id = dataset.by_id()
    return Draft(
        title=f"Self-evaluation: {b.spoken}",
        period=period,
        framework=framework.name if framework and not options.questions else None,
        options=options,
        sections=sections,
        citations=citations,
        items={i: by_id[i] for i in [*citations, *top]},
        helpers=helpers,
        audit=audit(citations, period),
        top_stories=top,
        left_out=left_out(b, sections),
        checklist=[*period.notes, *b.checklist],
    )


def _competency_sections(
    b: Builder, framework: Framework | None, assignments: dict[str, list[str]], ratings: dict, readiness=None
) -> tuple[list[Section], list[str], list[RatingHelp]]:
    """One section per competency with evidence; every win told in its best-fitting section."""
    comps = list(framework.competencies) if framework else []
    names = {c.name for c in comps}
    home: dict[str, str | None] = {}
    room = Counter()
    for item in b.wins:  # strongest first: each takes its best-fitting section that has room
        fits = [c for c in assignments.get(item.story.id, ()) if c in names]
        free = [c for c in fits if room[c] < b.spec["stories"]]
        home[item.story.id] = (free or fits or [None])[0]
        room[home[item.story.id]] += 1
    # Related stories are told together where the strongest of them fits; one that fits only
    # other competencies is about another side of the work and stays in its own section.
    theme_home: dict[str, str] = {}
    for item in b.wins:
        if home[item.story.id]:
            theme_home.setdefault(b.theme_of(item), home[item.story.id])
    for item in b.wins:
        fits = [c for c in assignments.get(item.story.id, ()) if c in names]
        together = theme_home.get(b.theme_of(item))
        if together and (together in fits or not fits):
            home[item.story.id] = together
    b.home = home
    sections, gaps, thin, helpers = [], [], [], []
    out = set(b.options.left_out)
    citable = {s.id: s for s in b.stories if s.id not in out} | {p.id: p for p in b.praise}
    for comp in comps:
        pool = [i for i in b.wins if home[i.story.id] == comp.name]
        refs = [
            i
            for i in b.wins
            if comp.name in assignments.get(i.story.id, ()) and home[i.story.id] != comp.name
        ]
        quotes = [p for p in b.praise if comp.name in assignments.get(p.id, ())]
        all_stories = [b.items[s.id] for s in b.stories if comp.name in assignments.get(s.id, ())]
        helpers.append(_helper(comp, all_stories, quotes, b.period, ratings.get(comp.name)))
        if not pool and not quotes and not refs:
            gaps.append(comp.name)
            b.checklist.append(
                f"No evidence for {comp.name} in {b.spoken}: add a story before the review, "
                "or leave the competency out."
            )
            continue
        section = b.section(
            comp.name,
            pool,
            quotes,
            f"My {comp.name} work in {b.spoken} shows most clearly {{named}}",
            "competency",
            refs,
        )
        if not section.told:  # only pointers to stories told elsewhere: nothing new to say here
            continue
        levels = {b.items[c].level for c in section.told if c in b.items}
        if levels == {"thin"} and not any(p.kind == "quote" for p in section.paragraphs):
            thin.append(comp.name)  # thin evidence only: a competency to grow next year too
        section.competency, section.rating = comp.name, ratings.get(comp.name)
        told = [b.items[c].story for c in section.told if c in b.items]
        extra = rating_paragraph(
            comp.name,
            told,
            [p for p in quotes if p.id in section.told],
            section.rating,
            b.spoken,
            readiness=readiness,
            citable=citable,
        )
        if extra is not None:
            section.paragraphs.append(extra)
        sections.append(section)
    top = {i.story.id for i in b.wins[:TOP_UNMAPPED]}  # among the year's strongest, by rank
    unplaced = [i for i in b.wins if i.story.id in b.must | top and i.story.id not in b.told]
    if unplaced:  # a pinned or top story no competency claims: still told
        claim = f"My other work in {b.spoken} shows most clearly {{named}}"
        sections.append(b.section("Other work", unplaced, [], claim, "competency"))
    return sections, gaps + thin, helpers


def _helper(
    competency, stories: list[Item], praise: list[Praise], period: Period, rating: str | None
) -> RatingHelp:
    levels = Counter(s.level for s in stories)
    per_quarter = Counter(s.quarter for s in stories)
    for p in praise:
        quarter = period.quarter_of(p.date)
        per_quarter[quarter.label if quarter else None] += 1
    strengths = [s.strength for s in stories]
    return RatingHelp(
        competency=competency.name,
        stories=len(stories),
        praise=len(praise),
        strength={level: levels.get(level, 0) for level in ("strong", "solid", "thin")},
        mean_strength=sum(strengths) / len(strengths) if strengths else 0.0,
        quarters=[(q.label, per_quarter.get(q.label, 0)) for q in period.quarters],
        expectations={k: list(v) for k, v in competency.expectations.items()},
        rating=rating,
    )
