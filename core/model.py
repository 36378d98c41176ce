"""The shared vocabulary: evidence items, their origin, load problems and frameworks.

Every other module speaks in these types, so they stay small, plain and free of behaviour
beyond what several modules need (text for matching, canonical dicts for JSON and exports).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

STORY_KINDS = ("win", "struggle", "lesson")
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Origin:
    """Where a row came from, so every report and citation can point back at the user's file."""

    file: str
    sheet: str | None = None
    row: int | None = None  # 1-based, as the user sees it in their spreadsheet (header counted)


@dataclass(frozen=True)
class Problem:
    """One thing the user should know about their input; errors mean a row or file was not loaded."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    severity: str  # "error" | "warning"
    message: str

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True)
class Story:
    """A CAR story: one accomplishment (or struggle, or lesson) written when it happened."""

    id: str
    date: dt.date | None  # None only in Dataset.undated: a story bank without dates
    title: str = ""
    challenge: str = ""
    action: str = ""
    result: str = ""
    description: str = ""  # a single free-text column, for files without C/A/R columns
    competencies: tuple[str, ...] = ()  # explicit, from the input: honoured as confirmed
    impact: int | None = None  # 1-5
    story_kind: str = "win"  # one of STORY_KINDS
    project: str = ""
    tags: tuple[str, ...] = ()
    link: str = ""
    metric: str = ""
    extra: dict[str, str] = field(default_factory=dict)  # unknown columns, kept verbatim
    origin: Origin | None = None
    noticed_by: str = ""  # who saw it happen ("Who noticed"): a corroboration note
    lesson: str = ""  # what the user learned ("Lesson", "Learned"): a growth note
    theme: str = ""  # the user's own theme or skill word: a competency hint, not a confirmed mapping
    organisation: str = ""  # the company or organisation it happened at, for story banks spanning jobs
    date_precision: str = "day"  # "month" or "quarter" when the file gave only that (approximate)

    kind = "story"

    @property
    def when(self) -> str:
        return date_label(self.date, self.date_precision)

    @property
    def text(self) -> str:
        """All the words of the story, for matching and search (the theme hints the mapper)."""
        parts = (
            self.title, self.challenge, self.action, self.result, self.description, self.metric,
            self.lesson, self.theme,
        )  # fmt: skip
        return "\n".join(p for p in parts if p)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "challenge": self.challenge,
            "action": self.action,
            "result": self.result,
            "description": self.description,
            "competencies": list(self.competencies),
            "impact": self.impact,
            "story_kind": self.story_kind,
            "project": self.project,
            "tags": list(self.tags),
            "link": self.link,
            "metric": self.metric,
            "noticed_by": self.noticed_by,
            "lesson": self.lesson,
            "theme": self.theme,
            "organisation": self.organisation,
            "date_precision": self.date_precision,
            "extra": dict(self.extra),
            "origin": _origin_dict(self.origin),
        }


@dataclass(frozen=True)
class Praise:
    """A quote from someone else about the user's work, with who said it and when."""

    id: str
    date: dt.date
    text: str
    author: str = ""  # "from" in files and JSON (a Python keyword, hence the name)
    role: str = ""  # their role or relationship to the user
    channel: str = ""  # email, Slack, review, LinkedIn...
    link: str = ""
    competencies: tuple[str, ...] = ()
    hidden: bool = False  # e.g. a LinkedIn recommendation with Status HIDDEN: kept, flagged
    extra: dict[str, str] = field(default_factory=dict)
    origin: Origin | None = None
    date_precision: str = "day"  # "month" or "quarter" when the file gave only that (approximate)

    kind = "praise"

    @property
    def when(self) -> str:
        return date_label(self.date, self.date_precision)

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "text": self.text,
            "from": self.author,
            "role": self.role,
            "channel": self.channel,
            "link": self.link,
            "competencies": list(self.competencies),
            "hidden": self.hidden,
            "date_precision": self.date_precision,
            "extra": dict(self.extra),
            "origin": _origin_dict(self.origin),
        }


Evidence = Story | Praise


@dataclass(frozen=True)
class ColumnReading:
    """How one sheet's columns were read, for the Import page's "your columns were read as" panel."""

    sheet: str | None
    kind: str  # "story" or "praise"
    headers: tuple[str, ...]  # as the user wrote them
    fields: tuple[str, ...]  # the field each header feeds; "" = kept with each row as extra information
    key: str  # the header set's key (core.ingest.headers.header_set_key): choices are remembered by it


@dataclass(frozen=True)
class RejectedRow:
    """A row that did not load, with what it held, so the user can fix it in the app."""

    file: str
    sheet: str | None
    row: int
    kind: str  # "story" or "praise"
    values: dict[str, str]  # field -> text as read
    extra: dict[str, str]
    date_text: str  # the date cell as written ("" when empty)
    needs: tuple[str, ...]  # what is missing or wrong: "date", "text"
    reason: str


@dataclass
class FileStatus:
    """How one input file fared: error is set when nothing in it could be read."""

    file: str
    error: str | None = None
    rows_read: int = 0
    stories: int = 0
    praise: int = 0
    rows_skipped: int = 0
    # Set when the file's columns could not be recognised: "story" or "praise" (a guess), with
    # the file's column names, so the app can offer a column-mapping step.
    columns: list[str] = field(default_factory=list)
    needs_mapping: str | None = None
    needs_year: bool = False  # some dates ("July", "Q3") have no year and nothing fixed one: ask
    hidden_sheets: list[str] = field(default_factory=list)  # hidden sheets holding data
    duplicate_of: str | None = None  # the file given earlier with the very same bytes
    readings: list[ColumnReading] = field(default_factory=list)  # per loaded sheet


@dataclass(frozen=True)
class Dataset:
    """Everything loaded from one or more files, with the report of what was not."""

    stories: list[Story] = field(default_factory=list)
    praise: list[Praise] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[FileStatus] = field(default_factory=list)
    rows_read: int = 0
    rows_skipped: int = 0
    # Competency choices a file carries itself (our exported workbook's Mapping sheet):
    # {evidence id: [competency, ...]}, the same shape as the user's overrides.
    overrides: dict[str, list[str]] = field(default_factory=dict)
    # Stories without a date (story banks, blank date cells): kept apart so every period measure,
    # chart and draft sees dated evidence only; the user gives each a month to move it to `stories`.
    undated: list[Story] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)  # rows not loaded, fixable in the app

    @property
    def items(self) -> list[Evidence]:
        """The dated evidence: what periods, charts and drafts work on."""
        return [*self.stories, *self.praise]

    @property
    def all_items(self) -> list[Evidence]:
        """Dated and undated evidence: for ids, saving and exports of the whole working set."""
        return [*self.stories, *self.praise, *self.undated]

    def by_id(self) -> dict[str, Evidence]:
        return {item.id: item for item in self.all_items}


@dataclass(frozen=True)
class Competency:
    """One thing a review framework scores, with what each level is expected to show."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    expectations: dict[str, list[str]] = field(default_factory=dict)  # level -> behaviours


@dataclass(frozen=True)
class Framework:
    name: str
    competencies: list[Competency]
    levels: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.competencies]


# A story's free-text fields: the same names in a file's mapped columns and in as_dict().
STORY_TEXTS = (
    "title", "challenge", "action", "result", "description", "project", "link", "metric",
    "noticed_by", "lesson", "theme", "organisation",
)  # fmt: skip


def story_texts(values: dict) -> dict[str, str]:
    """The story's free-text fields read from a row's values or a saved dict ("" when absent)."""
    return {name: values.get(name, "") for name in STORY_TEXTS}


def date_label(day: dt.date | None, precision: str = "day") -> str:
    """A date as precisely as it was given: '14 May 2026', 'May 2026', 'Q2 2026' or 'no date'."""
    if day is None:
        return "no date"
    if precision == "month":
        return f"{day:%b %Y}"
    if precision == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    return f"{day.day} {day:%b %Y}"


def _origin_dict(origin: Origin | None) -> dict | None:
    if origin is None:
        return None
    return {"file": origin.file, "sheet": origin.sheet, "row": origin.row}


def _origin_from(data: dict | None) -> Origin | None:
    if not data:
        return None
    return Origin(data.get("file", ""), data.get("sheet"), data.get("row"))


def evidence_from_dict(data: dict) -> Evidence:
    """Rebuild a Story or Praise from `as_dict()` output: kept beside as_dict so the two change together."""
    date = dt.date.fromisoformat(data["date"]) if data.get("date") else None
    extra = {str(k): str(v) for k, v in (data.get("extra") or {}).items()}
    origin = _origin_from(data.get("origin"))
    precision = data.get("date_precision") or "day"
    if data.get("kind") == "praise":
        return Praise(
            id=data["id"],
            date=date,
            text=data.get("text", ""),
            author=data.get("from", ""),
            role=data.get("role", ""),
            channel=data.get("channel", ""),
            link=data.get("link", ""),
            competencies=tuple(data.get("competencies") or ()),
            hidden=bool(data.get("hidden", False)),
            extra=extra,
            origin=origin,
            date_precision=precision,
        )
    return Story(
        id=data["id"],
        date=date,
        **story_texts(data),
        competencies=tuple(data.get("competencies") or ()),
        impact=data.get("impact"),
        story_kind=data.get("story_kind", "win"),
        tags=tuple(data.get("tags") or ()),
        extra=extra,
        origin=origin,
        date_precision=precision,
    )
