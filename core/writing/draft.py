"""The self-evaluation draft: one section per competency (or per review question), built only
from the user's own evidence inside the review period.

Why it is written this way:
- Every sentence is either the user's own words (a story's challenge/action/result, a quote) or a
  template filled with facts counted from the evidence (counts, quarters, project names). Nothing
  is invented, so every claim on the page can be traced to a citation like `[S12, Mar 2026]`.
- Stories are chosen by strength across the whole period, with a cap on the last quarter, to
  counter recency bias: no more than half of a section's stories come from the last quarter
  when earlier evidence exists.
- Word and character limits are met by dropping whole sentences (never mid-sentence), and the
  section records that it was trimmed, so the user is told.

The Draft is plain data; core/writing/exports.py renders it (docx, md, txt, bullets, json).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from core.analysis.period import Period
from core.model import Dataset, Evidence, Framework, Praise, Story
from core.text import MONTH_ABBR

TONES = ("numbers", "story")
LENGTHS = ("brief", "standard", "detailed")
MONTHS = MONTH_ABBR  # the project's one month table (core.text)

# How much each length puts in a section: stories, quotes, whether the challenge is told,
# whether project/metric details are added, growth items.
_LENGTH = {
    "brief": {"stories": 2, "quotes": 1, "challenge": False, "details": False, "growth": 2},
    "standard": {"stories": 3, "quotes": 1, "challenge": True, "details": False, "growth": 3},
    "detailed": {"stories": 3, "quotes": 2, "challenge": True, "details": True, "growth": 4},
}
_QUOTE_MAX_WORDS = 80  # longer quotes are cut at a sentence boundary and marked with "…"
_HEADLINE_MAX_WORDS = 30  # a result longer than this is not quoted in the opening sentence
GROWTH_HEADING = "What I'm working on"
# Questions mode: evidence counts as an answer when it scores at least this share of the best match.
_QUESTION_RELATIVE = 0.5
_LINK_CHECKS = 12  # quotes per section checked for a link to the stories told


@dataclass
class DraftOptions:
    """What the user chose on the Draft page (or on the command line)."""

    tone: str = "numbers"  # "numbers": results first; "story": challenge, action, result
    length: str = "standard"  # "brief" | "standard" | "detailed"
    word_limit: int | None = None  # per section
    char_limit: int | None = None  # per section
    questions: list[str] | None = None  # the user's review questions, instead of competencies

    def __post_init__(self) -> None:
        if self.tone not in TONES:
            raise ValueError(f"tone must be one of {', '.join(TONES)}, not {self.tone!r}")
        if self.length not in LENGTHS:
            raise ValueError(f"length must be one of {', '.join(LENGTHS)}, not {self.length!r}")
        for name in ("word_limit", "char_limit"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 1):
                raise ValueError(f"{name} must be a positive whole number")
        if self.questions is not None:
            self.questions = [q.strip() for q in self.questions if q and q.strip()] or None

    def as_dict(self) -> dict:
        return {
            "tone": self.tone,
            "length": self.length,
            "word_limit": self.word_limit,
            "char_limit": self.char_limit,
            "questions": list(self.questions) if self.questions else None,
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> DraftOptions:
        data = data or {}
        keys = ("tone", "length", "word_limit", "char_limit", "questions")
        return cls(**{k: data[k] for k in keys if k in data})


@dataclass(frozen=True)
class Citation:
    """One cited item: its id, when it happened, and the quarter of the period it falls in."""

    id: str
    kind: str  # "story" | "praise"
    date: dt.date
    quarter: str | None

    @property
    def label(self) -> str:
        return f"[{self.id}, {month_label(self.date)}]"

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "date": self.date.isoformat(), "quarter": self.quarter,
                "label": self.label}


@dataclass
class Paragraph:
    """A block of a section. `sentences` are shown in order, then the citations' labels.

    kind: "claim" (opening sentence), "story", "quote" (praise, with `attribution`), "note"
    (honest thin-evidence or trimming notes, addressed to the user).
    """

    kind: str
    sentences: list[str]
    cites: list[str] = field(default_factory=list)
    lead: str = ""  # a story's title, shown before the sentences (bold where formats allow)
    attribution: str = ""  # a quote's "who said it"

    @property
    def body(self) -> str:
        return " ".join(s for s in self.sentences if s)


@dataclass
class RatingHelp:
    """The figures a user needs to pick their own rating for one competency (the app never picks)."""

    competency: str
    stories: int
    praise: int
    strength: dict[str, int]  # {"strong": n, "solid": n, "thin": n} over the stories
    mean_strength: float  # 0..1, 0 when there are no stories
    quarters: list[tuple[str, int]]  # evidence count per quarter of the period, in order
    expectations: dict[str, list[str]]  # level -> behaviours, from the framework
    rating: str | None = None  # the user's own choice

    @property
    def spread(self) -> int:
        """How many quarters of the period have any evidence for this competency."""
        return sum(1 for _, n in self.quarters if n)

    def as_dict(self) -> dict:
        return {
            "competency": self.competency,
            "stories": self.stories,
            "praise": self.praise,
            "strength": dict(self.strength),
            "mean_strength": round(self.mean_strength, 3),
            "quarters": [{"quarter": q, "count": n} for q, n in self.quarters],
            "quarters_with_evidence": self.spread,
            "expectations": {k: list(v) for k, v in self.expectations.items()},
            "rating": self.rating,
        }


@dataclass
class Section:
    heading: str
    paragraphs: list[Paragraph]
    competency: str | None = None
    question: str | None = None
    rating: str | None = None  # the user's self-rating, shown under the heading
    words: int = 0  # of the section's text as exported (citations included)
    chars: int = 0
    word_limit: int | None = None
    char_limit: int | None = None
    trimmed_from: tuple[int, int] | None = None  # (words, chars) before trimming, when trimmed

    @property
    def cites(self) -> list[str]:
        return list(dict.fromkeys(c for p in self.paragraphs for c in p.cites))

    @property
    def count_label(self) -> str:
        """'142 words / 900 characters (limit 150 words)', for the preview and exports."""
        text = f"{self.words} words, {self.chars} characters"
        pairs = ((self.word_limit, "words"), (self.char_limit, "characters"))
        limits = [f"{n} {unit}" for n, unit in pairs if n]
        if limits:
            text += f" (limit {' and '.join(limits)})"
        if self.trimmed_from:
            text += f"; trimmed at a sentence boundary from {self.trimmed_from[0]} words"
        return text


@dataclass
class RecencyAudit:
    """Which quarters the draft's citations come from: the draft's own recency check."""

    quarters: list[tuple[str, int]]
    total: int
    last_quarter_share: float
    even_share: float
    statement: str

    def as_dict(self) -> dict:
        return {
            "quarters": [{"quarter": q, "citations": n} for q, n in self.quarters],
            "total": self.total,
            "last_quarter_share": round(self.last_quarter_share, 3),
            "even_share": round(self.even_share, 3),
            "statement": self.statement,
        }


@dataclass
class Draft:
    title: str
    period: Period
    framework: str | None
    options: DraftOptions
    sections: list[Section]
    growth: Section
    citations: dict[str, Citation]  # every cited item, in order of first citation: the appendix
    items: dict[str, Evidence]  # the cited items and the top stories, for the exporters
    helpers: list[RatingHelp]
    audit: RecencyAudit
    top_stories: list[str]  # strongest stories of the period, for resume bullets

    @property
    def all_sections(self) -> list[Section]:
        return [*self.sections, self.growth]

    def citation_label(self, item_id: str) -> str:
        return self.citations[item_id].label


# --- small text helpers -------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")


def month_label(day: dt.date) -> str:
    """'Mar 2026', the same in every locale."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def clean(text: str) -> str:
    """User text on one line: newlines and runs of spaces become single spaces."""
    return _SPACE.sub(" ", text or "").strip()


def sentence(text: str) -> str:
    """The text as a sentence: trailing punctuation added when it has none."""
    text = clean(text)
    if text and text[-1] not in ".!?…\"'”’)":
        text += "."
    return text


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(clean(text)) if s]


def _strip_end(text: str) -> str:
    return clean(text).rstrip(" .")


def _first_person_action(action: str) -> str:
    """'Led the migration' -> 'I led the migration.'; text already in first person is kept as is."""
    from core.analysis.strength import IRREGULAR_PAST

    text = clean(action)
    first, _, rest = text.partition(" ")
    low = first.lower()
    if low in {"i", "i'm", "i've", "i'd", "we", "we've", "my", "our", "together,"}:
        return sentence(text)
    is_past = low in IRREGULAR_PAST or (len(low) >= 4 and low.endswith("ed") and low.isalpha())
    if is_past:
        # Lower-case a capitalised verb only ("Led" -> "led"), never an acronym or a name.
        word = first[0].lower() + first[1:] if first[:1].isupper() and first[1:].islower() else first
        return sentence(f"I {word} {rest}".strip())
    return sentence(f"What I did: {text}")


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 story', '3 stories'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def paragraph_text(paragraph: Paragraph, citations: dict[str, Citation]) -> str:
    """A paragraph as plain text, the way every export counts it: lead, sentences, citations."""
    parts = []
    if paragraph.lead:
        parts.append(sentence(paragraph.lead) if paragraph.lead[-1:] not in ":" else paragraph.lead)
    if paragraph.kind == "quote":
        parts.append(f"“{paragraph.body}”")
        if paragraph.attribution:
            parts.append(f"— {paragraph.attribution}")
    else:
        parts.append(paragraph.body)
    parts.extend(citations[c].label for c in paragraph.cites if c in citations)
    return " ".join(p for p in parts if p)


def _count(paragraphs: list[Paragraph], citations: dict[str, Citation]) -> tuple[int, int]:
    texts = [paragraph_text(p, citations) for p in paragraphs]
    return sum(len(t.split()) for t in texts), len("\n\n".join(texts))


# --- evidence selection -------------------------------------------------------------------------


@dataclass
class _Scored:
    story: Story
    score: float
    level: str
    quarter: str | None


def _choose(candidates: list[_Scored], k: int, period: Period, used: set[str] | None = None) -> list[_Scored]:
    """The k strongest, with at most half from the last quarter when earlier evidence exists.

    A story already told in an earlier section sinks by half a point, so the draft does not
    repeat one story everywhere unless nothing comparable is left.
    """
    used = used or set()
    last = period.quarters[-1].label if period.quarters else None
    ranked = sorted(
        candidates,
        key=lambda c: (-(c.score - (0.5 if c.story.id in used else 0.0)), c.story.date, c.story.id),
    )
    has_earlier = any(c.quarter != last for c in ranked)
    cap = k // 2 if has_earlier else k
    chosen: list[_Scored] = []
    in_last = 0
    for cand in ranked:
        if len(chosen) >= k:
            break
        if cand.quarter == last:
            if in_last >= cap:
                continue
            in_last += 1
        chosen.append(cand)
    # Tell the chosen stories in date order: a year's arc reads better than a ranking.
    return sorted(chosen, key=lambda c: (c.story.date, c.story.id))


def _quote_rank(praise: Praise, linked: set[str]) -> tuple:
    words = len(praise.text.split())
    return (
        praise.id not in linked,  # a quote about a story told in this section first
        not praise.author,  # attributed before anonymous
        not (8 <= words <= _QUOTE_MAX_WORDS),  # a quotable length
        praise.date,  # earlier first: the counter to recency bias
        praise.id,
    )


def _quote_text(text: str) -> str:
    text = clean(text)
    if len(text.split()) <= _QUOTE_MAX_WORDS:
        return text
    kept: list[str] = []
    for s in split_sentences(text):
        if kept and len(" ".join([*kept, s]).split()) > _QUOTE_MAX_WORDS:
            break
        kept.append(s)
    return " ".join(kept) + (" …" if len(kept) < len(split_sentences(text)) else "")


def _attribution(praise: Praise) -> str:
    who = clean(praise.author)
    role = clean(praise.role)
    text = ", ".join(p for p in (who, role) if p) or "unattributed"
    if clean(praise.channel):
        text += f" ({clean(praise.channel)})"
    return text


# --- paragraphs ---------------------------------------------------------------------------------


def _story_paragraph(story: Story, tone: str, spec: dict) -> Paragraph:
    """A story retold in first-person CAR form from its own words; results first for "numbers"."""
    challenge, action, result = clean(story.challenge), clean(story.action), clean(story.result)
    parts: dict[str, str] = {}
    if challenge and (spec["challenge"] or not (action or result)):
        parts["c"] = sentence(f"The challenge: {challenge}")
    if action:
        parts["a"] = _first_person_action(action)
    if result:
        parts["r"] = sentence(f"The result: {result}")
    if not parts and clean(story.description):
        parts["a"] = sentence(story.description)
    order = "rac" if tone == "numbers" else "car"
    sentences = [parts[k] for k in order if k in parts]
    if clean(story.description) and parts.get("a") != sentence(story.description) and spec["details"]:
        sentences.append(sentence(story.description))
    if spec["details"]:
        metric = clean(story.metric)
        if metric and metric not in result:
            sentences.append(sentence(f"Measured by: {metric}"))
        if clean(story.project):
            sentences.append(sentence(f"Project: {clean(story.project)}"))
    return Paragraph("story", sentences, [story.id], lead=clean(story.title))


def _claim(topic: str | None, chosen: list[_Scored], stories: list[_Scored], praise: list[Praise],
           period: Period, tone: str) -> Paragraph | None:
    """The opening sentence, filled only with facts present in the evidence."""
    if not chosen and not praise:
        return None
    quarters = [q.label for q in period.quarters if any(s.quarter == q.label for s in stories)
                or any(period.quarter_of(p.date) == q for p in praise)]
    projects = [p for p, _ in Counter(clean(s.story.project) for s in stories if clean(s.story.project))
                .most_common(3)]
    parts = [plural(len(stories), "story", "stories")] if stories else []
    if praise:
        parts.append(f"{plural(len(praise), 'quote')} from others")
    counts = " and ".join(parts)
    verb = "shows" if len(stories) + len(praise) == 1 else "show"
    where = f" on {_join(projects)}" if projects else ""
    when = _join(quarters)
    best = max(chosen, key=lambda c: c.score, default=None)
    headline = ""
    cites: list[str] = []
    if best is not None:
        result = split_sentences(best.story.result)[:1]
        if result and len(result[0].split()) <= _HEADLINE_MAX_WORDS:
            headline = _strip_end(result[0])
            cites = [best.story.id]
    if topic is None:  # a review question: say what answers it
        speak = "speaks" if verb == "shows" else "speak"
        text = f"{counts[0].upper() + counts[1:]} from {when}{where} {speak} to this"
        text += f"; for example: “{headline}”." if headline else "."
    elif tone == "numbers":
        text = f"In {period.label}, {counts} {verb} my {topic} work{where}"
        text += f", with the strongest result: “{headline}”." if headline else "."
    else:
        text = f"My {topic} work{where} runs through {when}: {counts} back{'s' if verb == 'shows' else ''} it"
        text += f", including this result: “{headline}”." if headline else "."
    return Paragraph("claim", [text], cites)


def _thin_note(topic: str | None, stories: list[_Scored], praise: list[Praise],
               period: Period) -> Paragraph | None:
    """An honest note when the evidence cannot carry the section; None when it can."""
    if not stories and not praise:
        if topic is None:
            return Paragraph("note", [f"None of my evidence in {period.label} matches this question. "
                                      "Answer it from a story I have not recorded yet, or add one."])
        return Paragraph("note", [f"I have no evidence recorded for {topic} in {period.label}. "
                                  "Add a story before the review rather than writing a claim without one."])
    strong = [s for s in stories if s.level != "thin"]
    if len(stories) + len(praise) >= 2 and (strong or len(praise) >= 2):
        return None
    counted = plural(len(stories), "story", "stories") + " and " + (
        plural(len(praise), "quote") if praise else "no quotes")
    labels = [s.quarter for s in stories if s.quarter]
    labels += [q.label for p in praise if (q := period.quarter_of(p.date))]
    quarters = _join(list(dict.fromkeys(labels)))
    why = f"Evidence for {topic or 'this answer'} is thin: {counted}"
    why += f" ({quarters})" if quarters else ""
    if stories and not strong:
        why += ", and the stories lack detail"
    return Paragraph("note", [why + ".", "Add a story or a quote rather than stretching what is here."])


def _trim(section: Section, citations: dict[str, Citation]) -> None:
    """Count the section; over a limit, drop whole sentences from the end and record it."""
    words, chars = _count(section.paragraphs, citations)
    section.words, section.chars = words, chars

    def fits(paragraphs: list[Paragraph]) -> bool:
        w, c = _count(paragraphs, citations)
        return (not section.word_limit or w <= section.word_limit) and (
            not section.char_limit or c <= section.char_limit)

    if fits(section.paragraphs):
        return
    kept: list[Paragraph] = []
    for paragraph in section.paragraphs:
        if fits([*kept, paragraph]):
            kept.append(paragraph)
            continue
        if paragraph.kind not in ("quote",):  # a quote is never cut: whole or not at all
            sentences = list(paragraph.sentences)
            while len(sentences) > 1:
                sentences.pop()
                shorter = Paragraph(paragraph.kind, sentences, paragraph.cites, paragraph.lead,
                                    paragraph.attribution)
                if fits([*kept, shorter]):
                    kept.append(shorter)
                    break
        break
    section.paragraphs = kept
    section.trimmed_from = (words, chars)
    section.words, section.chars = _count(kept, citations)


# --- similarity for questions mode --------------------------------------------------------------

def question_scores(questions: list[str], items: list[Evidence]):
    """(items, questions) similarity 0..1, with core.competencies.mapping's matcher: each question is treated
    as a competency named by its own words, so answers are found the way evidence is mapped."""
    from core.competencies.mapping import build_model, item_text, score_texts
    from core.model import Competency

    model = build_model(Framework("questions", [Competency(q) for q in questions]))
    return score_texts(model, [item_text(item) for item in items])


# --- the draft ----------------------------------------------------------------------------------


def in_period(dataset: Dataset, period: Period) -> tuple[list[Story], list[Praise]]:
    """(the stories, the praise) dated inside `period`: the only evidence a draft reads."""
    return ([s for s in dataset.stories if period.contains(s.date)],
            [p for p in dataset.praise if period.contains(p.date)])


def _score_all(stories: list[Story], period: Period, strengths: dict | None) -> dict[str, _Scored]:
    """Each story's strength: the caller's (e.g. the app's cached, quote-corroborated scores) or
    scored here on the story's own words (corroboration then comes from its link only)."""
    from core.analysis.strength import score_story

    out = {}
    for story in stories:
        strength = (strengths or {}).get(story.id) or score_story(story)
        quarter = period.quarter_of(story.date)
        out[story.id] = _Scored(story, strength.score, strength.level, quarter.label if quarter else None)
    return out


def _linked_ids(chosen: list[_Scored], pool: list[Praise], links: dict | None) -> set[str]:
    """Quotes of the pool that talk about a chosen story (core.analysis.links rules), checked only for the
    few quotes that could be shown: checking every pair costs seconds on a large year."""
    if links is not None:
        return {p.id for c in chosen for p in links.get(c.story.id, ())}
    from core.analysis.links import link_reason

    return {p.id for p in pool[:_LINK_CHECKS] for c in chosen if link_reason(c.story, p) is not None}


def build_draft(dataset: Dataset, framework: Framework | None, assignments: dict[str, list[str]],
                period: Period, options: DraftOptions | None = None, ratings: dict | None = None, *,
                strengths: dict | None = None, links: dict[str, list[Praise]] | None = None) -> Draft:
    """Draft the self-evaluation from the evidence inside `period` (see the module docstring).

    `strengths` ({story id: core.analysis.strength.Strength}) and `links` ({story id: [Praise]}, as
    core.analysis.links.link_index gives) are optional: the app passes the ones it already cached.
    """
    options = options or DraftOptions()
    ratings = ratings or {}
    spec = _LENGTH[options.length]
    stories, praise = in_period(dataset, period)
    scored = _score_all(stories, period, strengths)
    wins = [scored[s.id] for s in stories if s.story_kind == "win"]
    quotable = [p for p in praise if not p.hidden]
    used: set[str] = set()
    sections: list[Section] = []
    helpers: list[RatingHelp] = []

    def section_for(topic: str | None, heading: str, win_pool: list[_Scored], praise_pool: list[Praise],
                    all_evidence_stories: list[_Scored]) -> Section:
        chosen = _choose(win_pool, spec["stories"], period, used)
        used.update(c.story.id for c in chosen)
        paragraphs: list[Paragraph] = []
        claim = _claim(topic, chosen, win_pool, praise_pool, period,
                       options.tone)
        story_paragraphs = [_story_paragraph(c.story, options.tone, spec) for c in chosen]
        shown = sorted((p for p in praise_pool if not p.hidden), key=lambda p: _quote_rank(p, set()))
        linked = _linked_ids(chosen, shown, links)
        ranked = sorted(shown, key=lambda p: _quote_rank(p, linked))
        quotes = [Paragraph("quote", [_quote_text(p.text)], [p.id], attribution=_attribution(p))
                  for p in ranked[: spec["quotes"]]]
        if claim:
            paragraphs.append(claim)
        # A quote right after the first story: it corroborates it, and survives a tight limit.
        paragraphs += story_paragraphs[:1] + quotes + story_paragraphs[1:]
        note = _thin_note(topic, all_evidence_stories, praise_pool, period)
        if note:
            paragraphs.append(note)
        return Section(heading, paragraphs, word_limit=options.word_limit, char_limit=options.char_limit)

    if options.questions:
        from core.competencies.mapping import ACCEPT_FLOOR

        s_scores = question_scores(options.questions, stories) if stories else None
        p_scores = question_scores(options.questions, quotable) if quotable else None
        for q_index, question in enumerate(options.questions):
            rel = {s.id: float(s_scores[i, q_index]) for i, s in enumerate(stories)} if stories else {}
            prel = [float(p_scores[i, q_index]) for i in range(len(quotable))] if quotable else []
            # Keep what is clearly about the question: near the best match, and above the mapper's floor.
            cutoff = max(ACCEPT_FLOOR, _QUESTION_RELATIVE * max([*rel.values(), *prel], default=0.0))
            # Every kind of story may answer a question ("What would you do differently?").
            matching = [scored[s.id] for s in stories if rel[s.id] >= cutoff]
            # Relevance first, strength second: the answer must be about the question.
            pool = [_Scored(c.story, rel[c.story.id] * (0.5 + 0.5 * c.score), c.level, c.quarter)
                    for c in matching]
            ranked = sorted(range(len(quotable)), key=lambda i: -prel[i])
            ppool = [quotable[i] for i in ranked[:5] if prel[i] >= cutoff]
            section = section_for(None, question, pool, ppool, matching)
            section.question = question
            sections.append(section)
    else:
        names = framework.names if framework else []
        by_comp: dict[str, list[str]] = {name: [] for name in names}
        for item_id, comps in assignments.items():
            for comp in comps:
                if comp in by_comp:
                    by_comp[comp].append(item_id)
        story_ids = {s.id for s in stories}
        praise_by_id = {p.id: p for p in praise}
        for competency in framework.competencies if framework else []:
            ids = set(by_comp[competency.name])
            comp_stories = [scored[s.id] for s in stories if s.id in ids]
            comp_wins = [c for c in comp_stories if c.story.story_kind == "win"]
            comp_praise = [praise_by_id[i] for i in sorted(ids - story_ids, key=_id_order)
                           if i in praise_by_id]
            section = section_for(competency.name, competency.name, comp_wins, comp_praise, comp_wins)
            section.competency = competency.name
            section.rating = ratings.get(competency.name)
            sections.append(section)
            helpers.append(_helper(competency, comp_stories, comp_praise, period, section.rating))

    growth = _growth(scored, stories, period, options, spec)
    citations = _collect_citations([*sections, growth], dataset, period)
    for section in [*sections, growth]:
        _trim(section, citations)
    citations = _collect_citations([*sections, growth], dataset, period)  # trimming may drop some
    top = [c.story.id for c in _choose(wins, 8, period)]
    top.sort(key=lambda i: -scored[i].score)
    by_id = dataset.by_id()
    items = {i: by_id[i] for i in [*citations, *top]}
    return Draft(
        title=f"Self-evaluation: {period.label}",
        period=period,
        framework=framework.name if framework and not options.questions else None,
        options=options,
        sections=sections,
        growth=growth,
        citations=citations,
        items=items,
        helpers=helpers,
        audit=_audit(citations, period),
        top_stories=top,
    )


def _id_order(item_id: str) -> tuple:
    digits = re.sub(r"\D", "", item_id)
    return (item_id[:1], int(digits) if digits else 0, item_id)


def _growth(scored: dict[str, _Scored], stories: list[Story], period: Period, options: DraftOptions,
            spec: dict) -> Section:
    """'What I'm working on', from the period's struggles and lessons in the user's own words."""
    pool = [scored[s.id] for s in stories if s.story_kind in ("struggle", "lesson")]
    chosen = _choose(pool, spec["growth"], period)
    paragraphs: list[Paragraph] = []
    for cand in chosen:
        story = cand.story
        sentences = []
        if clean(story.challenge):
            sentences.append(sentence(f"What was hard: {clean(story.challenge)}"))
        if clean(story.action):
            sentences.append(_first_person_action(story.action))
        if clean(story.result):
            label = "What I learned" if story.story_kind == "lesson" else "Where it stands"
            sentences.append(sentence(f"{label}: {clean(story.result)}"))
        if not sentences and clean(story.description):
            sentences.append(sentence(story.description))
        paragraphs.append(Paragraph("story", sentences, [story.id], lead=clean(story.title)))
    if not pool:
        paragraphs.append(Paragraph("note", [f"I recorded no struggles or lessons in {period.label}. "
                                             "Adding one shows the reviewer what I am working on next."]))
    return Section(GROWTH_HEADING, paragraphs, word_limit=options.word_limit, char_limit=options.char_limit)


def _helper(competency, stories: list[_Scored], praise: list[Praise], period: Period,
            rating: str | None) -> RatingHelp:
    levels = Counter(s.level for s in stories)
    per_quarter = Counter(s.quarter for s in stories)
    for p in praise:
        quarter = period.quarter_of(p.date)
        per_quarter[quarter.label if quarter else None] += 1
    return RatingHelp(
        competency=competency.name,
        stories=len(stories),
        praise=len(praise),
        strength={level: levels.get(level, 0) for level in ("strong", "solid", "thin")},
        mean_strength=sum(s.score for s in stories) / len(stories) if stories else 0.0,
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
        spread = _join([f"{label}: {n}" for label, n in quarters])
        statement = (f"The draft cites {plural(total, 'item')} ({spread}); {round(share * 100)}% come from "
                     f"{last_label}, where an even spread would be {round(even * 100)}%.")
    return RecencyAudit(quarters, total, share, even, statement)
