"""What a draft is made of: options, paragraphs, sections, citations, the left-out list and the
"before you send it" checklist. Plain data; core/writing/draft.py builds it, exports render it.

Notes to the user live only in `Draft.checklist`, never in a section, so no export can leak them
to the manager.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from core.analysis.period import MONTHS, Period
from core.model import Evidence

TONES = ("story", "numbers")
LENGTHS = ("brief", "standard", "detailed")
ROLES = ("summary", "competency", "question", "next")


@dataclass
class DraftOptions:
    """What the user chose on the Draft page (or on the command line)."""

    tone: str = "story"  # "story": challenge, action, result; "numbers": the result first
    length: str = "standard"  # "brief" | "standard" | "detailed"
    word_limit: int | None = None  # per section
    char_limit: int | None = None  # per section: the review form's box
    questions: list[str] | None = None  # the user's review questions, instead of competencies
    pinned: list[str] = field(default_factory=list)  # story ids that must be in the draft
    left_out: list[str] = field(default_factory=list)  # story ids the user keeps out

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
        self.pinned = [str(i) for i in dict.fromkeys(self.pinned or ())]
        self.left_out = [str(i) for i in dict.fromkeys(self.left_out or ()) if i not in self.pinned]

    def as_dict(self) -> dict:
        return {
            "tone": self.tone,
            "length": self.length,
            "word_limit": self.word_limit,
            "char_limit": self.char_limit,
            "questions": list(self.questions) if self.questions else None,
            "pinned": list(self.pinned),
            "left_out": list(self.left_out),
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> DraftOptions:
        data = dict(data or {})
        keys = ("tone", "length", "word_limit", "char_limit", "questions", "pinned", "left_out")
        if data.get("tone") not in TONES:
            data.pop("tone", None)
        return cls(**{k: data[k] for k in keys if k in data})


def month_label(day: dt.date) -> str:
    """'Mar 2026', the same in every locale."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def spoken_period(period: Period) -> str:
    """The period as people say it: '2026', 'FY26', 'H1 2026', 'Apr 2025 – Mar 2026'."""
    if period.kind in ("fiscal", "half", "calendar"):
        return period.label.split(" (")[0]
    start, end = period.start, period.end
    if not (start.day == 1 and (end + dt.timedelta(days=1)).day == 1):
        return period.label
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.year == end.year and start.month == 1 and months == 12:
        return str(start.year)
    if start.year == end.year and start.month in (1, 7) and months == 6:
        return f"H{1 if start.month == 1 else 2} {start.year}"
    return f"{month_label(start)} – {month_label(end)}"


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
        return {
            "id": self.id,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "quarter": self.quarter,
            "label": self.label,
        }


@dataclass
class Paragraph:
    """A block of a section: `sentences` in order, then (in the working copy) the citations.

    kind: "claim" (the section's opening sentence), "story" (one story or a theme of related
    stories), "ref" (a short pointer to a story told in another section), "quote" (praise, with
    `attribution`), "goal" (the Next year section), "rating" (the self-rating argued from evidence).
    """

    kind: str
    sentences: list[str]
    cites: list[str] = field(default_factory=list)
    lead: str = ""  # a theme's name, shown before the sentences (bold where formats allow)
    attribution: str = ""  # a quote's "who said it"

    @property
    def body(self) -> str:
        return " ".join(s for s in self.sentences if s)


@dataclass
class Section:
    heading: str
    paragraphs: list[Paragraph]
    role: str = "competency"  # one of ROLES
    competency: str | None = None
    question: str | None = None
    intent: str | None = None  # the question's intent (core.writing.intents), when one was found
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
    def told(self) -> list[str]:
        """Story and quote ids told in full here (not the back-references)."""
        return list(dict.fromkeys(c for p in self.paragraphs if p.kind != "ref" for c in p.cites))

    @property
    def count_label(self) -> str:
        """'142 words, 900 characters (limit 150 words)', for the preview."""
        text = f"{self.words} words, {self.chars} characters"
        pairs = ((self.word_limit, "words"), (self.char_limit, "characters"))
        limits = [f"{n} {unit}" for n, unit in pairs if n]
        if limits:
            text += f" (limit {' and '.join(limits)})"
        if self.trimmed_from:
            text += f"; trimmed at a sentence boundary from {self.trimmed_from[0]} words"
        return text


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


@dataclass(frozen=True)
class LeftOut:
    """A win of the period the draft does not tell, and why (shown on the Draft page)."""

    id: str
    title: str
    significance: float
    why: str

    def as_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "significance": self.significance, "why": self.why}


@dataclass
class Draft:
    title: str
    period: Period
    framework: str | None
    options: DraftOptions
    sections: list[Section]  # in order: summary, competencies or questions, next year
    citations: dict[str, Citation]  # every cited item, in order of first citation: the appendix
    items: dict[str, Evidence]  # the cited items and the top stories, for the exporters
    helpers: list[RatingHelp]
    audit: RecencyAudit
    top_stories: list[str]  # strongest wins of the period, for resume bullets
    left_out: list[LeftOut] = field(default_factory=list)  # strongest first
    checklist: list[str] = field(default_factory=list)  # "before you send it": page only

    @property
    def all_sections(self) -> list[Section]:
        return list(self.sections)

    @property
    def growth(self) -> Section | None:
        return next((s for s in self.sections if s.role == "next"), None)

    def citation_label(self, item_id: str) -> str:
        return self.citations[item_id].label


def paragraph_text(paragraph: Paragraph, citations: dict[str, Citation] | None) -> str:
    """A paragraph as plain text: lead, sentences, and citations unless `citations` is None."""
    from core.writing.sentences import strip_end

    parts = []
    if paragraph.lead:  # a run-in heading, bold elsewhere: "Hackathon: I built ...", not "Hackathon."
        parts.append(strip_end(paragraph.lead) + ":")
    if paragraph.kind == "quote":
        parts.append(f"“{paragraph.body}”")
        if paragraph.attribution:
            parts.append(f"— {paragraph.attribution}")
    else:
        parts.append(paragraph.body)
    if citations is not None:
        parts.extend(citations[c].label for c in paragraph.cites if c in citations)
    return " ".join(p for p in parts if p)


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 story', '3 stories'."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def join_words(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
