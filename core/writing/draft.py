"""The self-evaluation draft: a review a person submits after light edits, built only from their
evidence inside the review period.

Its shape is a review's: an opening summary of the period's headline results; one section per
competency (or per review question) that opens with a claim and tells its stories as prose
(core/writing/prose.py); each story told in full once, in the section it fits best, with at most
a short back-reference elsewhere; each quote used once; related stories (same project or link)
told together; a closing "Next year" section of goals from growth items and gaps.

Stories are chosen by significance (core.analysis.strength.significance), pinned stories always
and left-out ones never; recency balance only breaks near-ties. What was left out, and why, and
every note to the user ("before you send it") are kept apart from the sections, so no export can
carry them to the manager.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from core.analysis.period import MONTH_NAMES, Period
from core.model import Dataset, Framework, Praise, Story
from core.writing import prose
from core.writing.document import (
    LENGTHS,
    TONES,
    Citation,
    Draft,
    DraftOptions,
    LeftOut,
    Paragraph,
    RatingHelp,
    RecencyAudit,
    Section,
    join_words,
    paragraph_text,
    plural,
    spoken_period,
)
from core.writing.rating import rating_paragraph

__all__ = ["LENGTHS", "TONES", "Draft", "DraftOptions", "build_draft", "paragraph_text", "plural"]

# How much each length puts in a section: stories, quotes, growth items, headline sentences.
_LENGTH = {
    "brief": {"stories": 2, "quotes": 1, "growth": 2, "summary": 3},
    "standard": {"stories": 3, "quotes": 1, "growth": 3, "summary": 4},
    "detailed": {"stories": 4, "quotes": 2, "growth": 4, "summary": 5},
}
_MUST_TELL = 5  # the year's strongest wins are told even when their section is full
_NEAR_DAYS = 45  # an untitled story's quotes come from within this many days of it
_LINK_POOL = 60  # quotes are matched to (at most) this many of the strongest wins
_RECENCY_NUDGE = 0.03  # a last-quarter story yields only to an earlier one this close behind it
_GAP_GOALS = 3
NEXT_HEADING = "Next year"
# A story logged as a win that tells a setback ("Shipped 5 weeks late", "Forgot to hand over"):
# it feeds Next year, never the strongest wins. Read in the title, the action and the result only
# (a challenge is often a problem the user then solved).
_SETBACK = re.compile(
    r"\b(?:\d+ (?:days?|weeks?|months?) late|(?:shipped|finished|delivered|launched) late|forgot|"
    r"my mistake|i missed|missed (?:a|the|my)|overspent|over budget|should have|instead of flagging|"
    r"i broke|caused (?:an|the) (?:outage|incident))\b"
)  # matched on lower-cased text


@dataclass
class _Item:
    story: Story
    significance: float
    impact: str
    level: str
    strength: float
    quarter: str | None


class _Builder:
    """One draft's state: what is told where, so nothing is told twice."""

    def __init__(self, dataset: Dataset, period: Period, options: DraftOptions, strengths, links):
        from core.analysis.strength import score_story, significance

        self.period, self.options, self.links = period, options, links
        self.spoken = spoken_period(period)
        self.spec = _LENGTH[options.length]
        self.stories, praise = in_period(dataset, period)
        self.praise = [p for p in praise if not p.hidden]
        projects = Counter(_norm(s.project) for s in self.stories if _norm(s.project))
        self.items: dict[str, _Item] = {}
        for story in self.stories:
            strength = (strengths or {}).get(story.id) or score_story(story)
            sig = significance(story, strength, projects.get(_norm(story.project), 1))
            quarter = period.quarter_of(story.date)
            self.items[story.id] = _Item(
                story,
                sig.score,
                sig.impact,
                strength.level,
                strength.score,
                quarter.label if quarter else None,
            )
        out = set(options.left_out)
        setback = {i.story.id for i in self.items.values() if is_setback(i.story)}
        self.wins = sorted(
            (
                i
                for i in self.items.values()
                if i.story.story_kind == "win" and i.story.id not in out | setback
            ),
            key=_rank,
        )
        self.growth = [
            i
            for i in self.items.values()
            if (i.story.story_kind != "win" or i.story.id in setback) and i.story.id not in out
        ]
        self.pinned = [i for i in options.pinned if i in self.items and i not in out]
        from core.analysis.strength import SIGNIFICANT_AT

        top = [i for i in self.wins[:_MUST_TELL] if i.significance >= SIGNIFICANT_AT]
        self.must = {i.story.id for i in top} | set(self.pinned)  # told even when their section is full
        self.home: dict[str, str | None] = {}  # story id -> the competency it fits best with room
        self.told: dict[str, str] = {}  # story id -> heading of the section that tells it
        self.quoted: set[str] = set()
        self.checklist: list[str] = []
        self.last = period.quarters[-1].label if period.quarters else None

    # --- choosing --------------------------------------------------------------------------

    def choose(self, pool: list[_Item], k: int, heading: str) -> list[_Item]:
        """Up to k untold stories of the pool, the must-tell ones always; recency breaks near-ties."""
        free = [i for i in pool if i.story.id not in self.told]
        has_earlier = any(i.quarter != self.last for i in free)
        ranked = sorted(
            free,
            key=lambda i: (
                -(i.significance - (_RECENCY_NUDGE if has_earlier and i.quarter == self.last else 0.0)),
                i.story.date,
                i.story.id,
            ),
        )
        chosen = [i for i in ranked if i.story.id in self.must]
        for item in ranked:
            if len(chosen) >= k:
                break
            if item not in chosen:
                chosen.append(item)
        for item in chosen:
            self.told[item.story.id] = heading
        return sorted(chosen, key=lambda i: (i.story.date, i.story.id))

    def quotes(self, pool: list[Praise], chosen: list[_Item], k: int) -> list[Paragraph]:
        """Up to k unused quotes: those about a chosen story first (from any section's pool), then
        the section's own, skipping one that is about a story another section tells."""
        links = self._links()
        ids = {c.story.id for c in chosen}
        linked = {p.id: p for c in chosen for p in links.get(c.story.id, ()) if not p.hidden}
        elsewhere = {
            p.id for sid, quotes in links.items() if sid not in ids and self.home.get(sid) for p in quotes
        }
        candidates = [*linked.values(), *(p for p in pool if p.id not in linked and p.id not in elsewhere)]
        ranked = sorted(
            (p for p in candidates if p.id not in self.quoted),
            key=lambda p: (
                p.id not in linked,
                not p.author,
                not 8 <= len(p.text.split()) <= prose.QUOTE_MAX_WORDS,
                p.date,
                p.id,
            ),
        )
        out = []
        for praise in ranked[:k]:
            self.quoted.add(praise.id)
            out.append(
                Paragraph(
                    "quote", [prose.quote_text(praise)], [praise.id], attribution=prose.attribution(praise)
                )
            )
        return out

    def _links(self) -> dict[str, list[Praise]]:
        """{story id: quotes about it}: the caller's index, else built once (core.analysis.links)."""
        if self.links is None:
            from core.analysis.links import link_index

            # Only the stories a section may tell: linking every story of a large year costs more
            # than the rest of the draft together.
            ranked = self.wins[:_LINK_POOL] + [i for i in self.wins[_LINK_POOL:] if i.story.id in self.must]
            self.links = link_index([i.story for i in ranked], self.praise)
            for item in ranked:  # a story without a title: link by the words of what happened
                if not self.links.get(item.story.id) and not item.story.title.strip():
                    self.links[item.story.id] = _near_quotes(item.story, self.praise)
        return self.links

    # --- writing ---------------------------------------------------------------------------

    def story_paragraphs(self, chosen: list[_Item]) -> list[Paragraph]:
        """One paragraph per story; stories on the same project (or link) told together."""
        groups: dict[str, list[_Item]] = {}
        for item in chosen:
            key = _norm(item.story.project) or _norm(item.story.link) or item.story.id
            groups.setdefault(key, []).append(item)
        out = []
        for members in groups.values():
            sentences: list[str] = []
            for index, item in enumerate(members):
                told = prose.story_sentences(item.story, self.options.tone)
                if index and told:
                    told[0] = "Later, " + prose.lower_first(told[0], item.story.text)
                sentences += told
            lead = (
                prose.clean(members[0].story.project)
                if len(members) > 1
                else prose.short_context(members[0].story)
            )
            out.append(Paragraph("story", sentences, [m.story.id for m in members], lead=lead))
        return out

    def named(self, items: list[_Item]) -> str:
        names = []
        for item in items:
            name = prose.name_clause(item.story)
            impact = prose.story_impact(item.story)
            if impact and impact.lower() not in name.lower() and not any(c.isdigit() for c in name):
                name += f" ({impact})"
            names.append(name)
        return join_words(names)

    def section(
        self,
        heading: str,
        pool: list[_Item],
        quote_pool: list[Praise],
        claim: str,
        role: str,
        refs: list[_Item] = (),
    ) -> Section:
        chosen = self.choose(pool, self.spec["stories"], heading)
        stories = self.story_paragraphs(chosen)
        quotes = self.quotes(quote_pool, chosen, self.spec["quotes"])
        paragraphs: list[Paragraph] = []
        if chosen and claim:
            best = sorted(chosen, key=_rank)[:3]
            paragraphs.append(
                Paragraph(
                    "claim",
                    [prose.sentence(claim.format(named=self.named(best)))],
                    [i.story.id for i in best],
                )
            )
        elif quotes and claim:
            paragraphs.append(
                Paragraph("claim", [prose.sentence(f"Others noticed my work in {self.spoken}")])
            )
        paragraphs += stories[:1] + quotes + stories[1:]
        room = self.spec["stories"] - len(chosen)
        for item in [r for r in refs if r.story.id in self.told and r not in chosen][: max(0, min(room, 1))]:
            where = self.told[item.story.id]
            paragraphs.append(
                Paragraph(
                    "ref",
                    [prose.sentence(f"This also shows {self.named([item])}, told under {where}")],
                    [item.story.id],
                )
            )
        return Section(
            heading,
            paragraphs,
            role=role,
            word_limit=self.options.word_limit,
            char_limit=self.options.char_limit,
        )

    def summary(self) -> Section | None:
        """3-5 headline sentences across the whole period, at least one per quarter where possible."""
        told = [self.items[i] for i in self.told if self.items[i].story.story_kind == "win"]
        told.sort(key=_rank)
        k = self.spec["summary"]
        picked: list[_Item] = []
        for quarter in self.period.quarters:
            best = next((i for i in told[: 2 * k] if i.quarter == quarter.label), None)
            if best:
                picked.append(best)
        for item in told:
            if len(picked) >= k:
                break
            if item not in picked:
                picked.append(item)
        picked = sorted(sorted(picked, key=_rank)[:k], key=lambda i: i.story.date)
        if not picked:
            return None
        sentences = []
        for item in picked:
            line = prose.headline(item.story)
            month = MONTH_NAMES[item.story.date.month - 1]
            sentences.append(
                prose.sentence(
                    f"In {month} {line}"
                    if line.startswith("I ")
                    else f"In {month}, {prose.lower_first(line, item.story.text)}"
                )
            )
        return Section(
            f"{self.spoken} in brief",
            [Paragraph("story", sentences, [i.story.id for i in picked])],
            role="summary",
            word_limit=self.options.word_limit,
            char_limit=self.options.char_limit,
        )

    def goals(self, gaps: list[str], heading: str = NEXT_HEADING, role: str = "next") -> Section | None:
        """Next year's goals: struggles and lessons in the user's words, then the gaps."""
        pool = sorted(self.growth, key=lambda i: (i.story.date, i.story.id))
        chosen = sorted(pool, key=_rank)[: self.spec["growth"]]
        paragraphs = []
        for item in sorted(chosen, key=lambda i: (i.story.date, i.story.id)):
            sentences = prose.story_sentences(item.story, "story")
            lesson = prose.clean(getattr(item.story, "lesson", ""))
            if lesson:
                sentences.append(prose.sentence(lesson))
            paragraphs.append(Paragraph("goal", sentences, [item.story.id]))
            self.told[item.story.id] = heading
        for item in self.wins:  # lessons logged on wins feed the goals too
            lesson = prose.clean(getattr(item.story, "lesson", ""))
            if lesson and len(paragraphs) < self.spec["growth"] + 1:
                paragraphs.append(Paragraph("goal", [prose.sentence(lesson)], [item.story.id]))
        for gap in gaps[:_GAP_GOALS]:
            paragraphs.append(Paragraph("goal", [prose.sentence(f"Next year I want to grow my {gap} work")]))
        if not paragraphs:
            return None
        return Section(
            heading,
            paragraphs,
            role=role,
            word_limit=self.options.word_limit,
            char_limit=self.options.char_limit,
        )


def _near_quotes(story: Story, praise: list[Praise]) -> list[Praise]:
    """Quotes from within a few weeks of an untitled story that share two of its distinctive words
    (the links module matches titles, and many sheets have no title column)."""
    from core.analysis.links import distinctive_words, words

    mine = set(distinctive_words(" ".join((story.challenge, story.action, story.result))))
    near = [p for p in praise if abs((p.date - story.date).days) <= _NEAR_DAYS]
    return [p for p in near if len(mine & set(words(p.text))) >= 2][:3]


def is_setback(story: Story) -> bool:
    """A struggle or a failure, whatever its kind column says (see _SETBACK)."""
    if story.story_kind != "win":
        return True
    return bool(_SETBACK.search(" ".join((story.title, story.action, story.result)).lower()))


def in_period(dataset: Dataset, period: Period) -> tuple[list[Story], list[Praise]]:
    """(the stories, the praise) dated inside `period`: the only evidence a draft reads."""
    return (
        [s for s in dataset.stories if period.contains(s.date)],
        [p for p in dataset.praise if period.contains(p.date)],
    )


def _norm(text: str) -> str:
    return " ".join((text or "").lower().split())


def _rank(item: _Item) -> tuple:
    return (-item.significance, item.story.date, item.story.id)


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
    b = _Builder(dataset, period, options, strengths, links)
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
    citations = _collect_citations(sections, dataset, period)
    for section in sections:
        _trim(section, citations)
        if section.trimmed_from:
            b.checklist.append(f"“{section.heading}” was trimmed to fit its limit: check its last sentence.")
    citations = _collect_citations(sections, dataset, period)
    _check_sections(b, sections)
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
        audit=_audit(citations, period),
        top_stories=top,
        left_out=_left_out(b, sections),
        checklist=[*period.notes, *b.checklist],
    )


def _competency_sections(
    b: _Builder, framework: Framework | None, assignments: dict[str, list[str]], ratings: dict, readiness=None
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
    b.home = home
    sections, gaps, helpers = [], [], []
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
        section.competency, section.rating = comp.name, ratings.get(comp.name)
        told = [b.items[c].story for c in section.told if c in b.items]
        extra = rating_paragraph(
            comp.name, told, [p for p in quotes if p.id in section.told], section.rating, b.spoken,
            readiness=readiness, citable=citable,
        )
        if extra is not None:
            section.paragraphs.append(extra)
        sections.append(section)
    unplaced = [i for i in b.wins if i.story.id in b.must and i.story.id not in b.told]
    if unplaced:  # a pinned or top story no competency claims: still told
        sections.append(
            b.section("Other work", unplaced, [], f"Other work in {b.spoken} shows {{named}}", "competency")
        )
    return sections, gaps, helpers


def _check_sections(b: _Builder, sections: list[Section]) -> None:
    for section in sections:
        if section.role in ("summary", "next"):
            continue
        told = [c for c in section.told if c in b.items]
        if not section.paragraphs:
            b.checklist.append(
                f"“{section.heading}”: none of your evidence answers it yet. Write this answer "
                "yourself, or log the story it needs."
            )
        elif len(told) + sum(1 for p in section.paragraphs if p.kind == "quote") < 2:
            b.checklist.append(f"“{section.heading}” rests on one piece of evidence: add a story or a quote.")
        for item_id in told:
            story = b.items[item_id].story
            if not prose.clean(story.result):
                b.checklist.append(
                    f"“{prose.clean(story.title) or item_id}” has no result: say what changed."
                )
    for item_id in b.options.pinned:
        if item_id not in b.items:
            b.checklist.append(f"Pinned {item_id} is not in {b.spoken}: change the period to include it.")


def _left_out(b: _Builder, sections: list[Section]) -> list[LeftOut]:
    """The period's wins not told in full, strongest first, with the reason."""
    told = {c for s in sections for c in s.told}
    by_heading = Counter(b.told.values())
    out = []
    for item in sorted(b.items.values(), key=_rank):
        story = item.story
        if story.story_kind != "win" or story.id in told:
            continue
        if story.id in b.options.left_out:
            why = "You left it out."
        elif story.id in b.told:
            why = f"Cut to fit the limit of “{b.told[story.id]}”."
        elif b.options.questions:
            why = "Stronger or closer stories answer each question."
        else:
            home = b.home.get(story.id)
            why = (
                f"“{home}” already tells {plural(by_heading.get(home, 0), 'stronger story', 'stronger stories')}."  # noqa: E501
                if home
                else "It is not mapped to a competency: confirm one on the Competencies page, or pin it."
            )
        out.append(
            LeftOut(
                story.id, prose.clean(story.title) or prose.clean(story.action)[:60], item.significance, why
            )
        )
    return out


def _trim(section: Section, citations: dict[str, Citation]) -> None:
    """Count the section; over a limit, drop whole sentences from the end and record it."""

    def count(paragraphs: list[Paragraph]) -> tuple[int, int]:
        texts = [paragraph_text(p, citations) for p in paragraphs]
        return sum(len(t.split()) for t in texts), len("\n\n".join(texts))

    def fits(paragraphs: list[Paragraph]) -> bool:
        w, c = count(paragraphs)
        return (not section.word_limit or w <= section.word_limit) and (
            not section.char_limit or c <= section.char_limit
        )

    section.words, section.chars = words, chars = count(section.paragraphs)
    if fits(section.paragraphs):
        return
    kept: list[Paragraph] = []
    for paragraph in section.paragraphs:
        if fits([*kept, paragraph]):
            kept.append(paragraph)
            continue
        if paragraph.kind != "quote":  # a quote is never cut: whole or not at all
            sentences = list(paragraph.sentences)
            while len(sentences) > 1:
                sentences.pop()
                shorter = Paragraph(
                    paragraph.kind, sentences, paragraph.cites, paragraph.lead, paragraph.attribution
                )
                if fits([*kept, shorter]):
                    kept.append(shorter)
                    break
        break
    section.paragraphs = kept
    section.trimmed_from = (words, chars)
    section.words, section.chars = count(kept)


def _helper(
    competency, stories: list[_Item], praise: list[Praise], period: Period, rating: str | None
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


def _collect_citations(sections: list[Section], dataset: Dataset, period: Period) -> dict[str, Citation]:
    by_id = dataset.by_id()
    out: dict[str, Citation] = {}
    for section in sections:
        for item_id in section.cites:
            if item_id in out:
                continue
            item = by_id[item_id]
            quarter = period.quarter_of(item.date)
            out[item_id] = Citation(item_id, item.kind, item.date, quarter.label if quarter else None)
    return out


def _audit(citations: dict[str, Citation], period: Period) -> RecencyAudit:
    counts = Counter(c.quarter for c in citations.values())
    quarters = [(q.label, counts.get(q.label, 0)) for q in period.quarters]
    total = len(citations)
    even = 1 / len(period.quarters) if period.quarters else 0.0
    last_label, last_n = quarters[-1] if quarters else ("", 0)
    share = last_n / total if total else 0.0
    if not total:
        statement = "The draft cites no evidence yet."
    else:
        spread = join_words([f"{label}: {n}" for label, n in quarters])
        statement = (
            f"The draft cites {plural(total, 'item')} ({spread}); {round(share * 100)}% come from "
            f"{last_label}, where an even spread would be {round(even * 100)}%."
        )
    return RecencyAudit(quarters, total, share, even, statement)
