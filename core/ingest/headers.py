"""Which column is which: header synonyms, header-row detection and sheet classification.

People name columns every way ("What I did", "Outcome/Impact statement", "Kudos"), so headers
are compared case- and punctuation-insensitively against the synonym table in
data/header_synonyms.csv. STAR files map onto CAR: Situation and Task both become the challenge.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

STORY_FIELDS = (
    "id", "date", "title", "challenge", "action", "result", "description", "competencies",
    "impact", "kind", "project", "tags", "link", "metric", "noticed_by", "lesson", "theme",
    "organisation",
)  # fmt: skip
PRAISE_FIELDS = ("id", "date", "text", "from", "role", "channel", "link", "competencies", "hidden")
# Helper columns that only feed other fields (LinkedIn's export): first + last name -> from, etc.
PRAISE_HELPERS = ("first_name", "last_name", "company", "job_title", "status")
# Fields that several columns may feed (their texts are joined).
TEXT_JOINED = ("challenge", "action", "result", "description", "text", "metric", "lesson", "noticed_by")
STORY_REQUIRED_ANY = ("challenge", "action", "result", "description")

SYNONYMS_PATH = Path(__file__).resolve().parents[2] / "data" / "header_synonyms.csv"


def _read_synonyms(path: Path = SYNONYMS_PATH) -> list[tuple[str, str, str]]:
    """(sheet, field, header) rows of data/header_synonyms.csv; sheet is any, story or praise."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["sheet"], r["field"], r["header"]) for r in csv.DictReader(handle)]


SYNONYM_ROWS = _read_synonyms()

STORY_SHEET_NAMES = (
    "stories", "story", "wins", "win", "brag", "brag doc", "brag document", "accomplishments",
    "achievements", "journal", "log", "work log", "car", "star", "highlights", "impact",
)  # fmt: skip
PRAISE_SHEET_NAMES = (
    "praise", "kudos", "feedback", "recommendations", "recommendations received", "quotes",
    "compliments", "shoutouts", "shout outs", "testimonials", "thanks",
)  # fmt: skip
NOTES_SHEET_NAMES = (
    "notes", "instructions", "readme", "read me", "help", "about", "how to", "guide", "lists",
    "lookup", "lookups", "settings", "config", "info", "legend", "example", "examples", "start here",
)  # fmt: skip
MAPPING_SHEET_NAMES = ("mapping", "competency mapping")


def normalise(text: object) -> str:
    """Lower case, punctuation to spaces, words single-spaced: 'Outcome/Impact' -> 'outcome impact'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).lower()).split())


def _table(sheet: str) -> dict[str, str]:
    """{normalised header: field} for one sheet kind; the first row naming a header wins."""
    table: dict[str, str] = {}
    for applies, canonical, header in SYNONYM_ROWS:
        if applies in ("any", sheet):
            table.setdefault(normalise(header), canonical)
    return table


STORY_SYNONYMS = _table("story")
PRAISE_SYNONYMS = _table("praise")
_STORY_ONLY = {f for s, f, _h in SYNONYM_ROWS if s == "story"} - set(_table("praise").values())
_PRAISE_ONLY = {f for s, f, _h in SYNONYM_ROWS if s == "praise"} - {"status", "competencies", "company"}


def match_header(header: object, synonyms: dict[str, str]) -> str | None:
    """The canonical field a header names, or None; '(1-5)'-style hints and '*' are ignored."""
    text = str(header)
    for candidate in (text, re.sub(r"\(.*?\)|\[.*?\]", " ", text)):
        key = normalise(candidate)
        for trimmed in (key, re.sub(r"\b(required|optional)\b", " ", key)):
            trimmed = " ".join(trimmed.split())
            if trimmed in synonyms:
                return synonyms[trimmed]
    return None


@dataclass
class HeaderMap:
    """A header row read against one sheet kind: which column feeds which field."""

    kind: str  # "story" | "praise"
    row_index: int  # index in the table's rows
    headers: list[str]  # header cell text per column, as the user wrote it
    fields: dict[int, str] = field(default_factory=dict)  # column index -> canonical field
    unknown: list[int] = field(default_factory=list)  # column indexes kept in `extra`

    def columns_for(self, name: str) -> list[int]:
        return [i for i, f in self.fields.items() if f == name]

    def has(self, name: str) -> bool:
        return name in self.fields.values()

    @property
    def complete(self) -> bool:
        """Required columns present: a date, and text (praise) or C/A/R/description (story)."""
        if not self.has("date"):  # a story bank without dates loads undated when it is clearly CAR/STAR
            return self.kind == "story" and sum(self.has(f) for f in ("challenge", "action", "result")) >= 2
        if self.kind == "praise":
            return self.has("text")
        return any(self.has(f) for f in (*STORY_REQUIRED_ANY, "title"))  # a lone title is the text

    @property
    def linkedin(self) -> bool:
        return self.kind == "praise" and self.has("first_name") and self.has("last_name")


def _cells(row: list) -> list[str]:
    return [str(c).strip() if c is not None else "" for c in row]


def _score(row: list) -> tuple[int, int, int]:
    """(recognised headers, story-only, praise-only) for one candidate header row."""
    cells = [c for c in _cells(row) if c and len(c) <= 80]
    story = [match_header(c, STORY_SYNONYMS) for c in cells]
    praise = [match_header(c, PRAISE_SYNONYMS) for c in cells]
    known = sum(1 for s, p in zip(story, praise, strict=True) if s or p)
    return known, sum(1 for s in story if s in _STORY_ONLY), sum(1 for p in praise if p in _PRAISE_ONLY)


def find_header_row(rows: list[list], scan: int = 20) -> int | None:
    """The row among the first `scan` that names the most known columns (at least two)."""
    best, best_known = None, 1
    for index, row in enumerate(rows[:scan]):
        known = _score(row)[0]
        if known > best_known:
            best, best_known = index, known
    return best


def likely_header_row(rows: list[list], scan: int = 20) -> int | None:
    """For unknown layouts: the first row among the first `scan` with the most filled text cells."""
    best, best_filled = None, 0
    for index, row in enumerate(rows[:scan]):
        filled = sum(1 for c in row if isinstance(c, str) and c.strip())
        if filled > best_filled:
            best, best_filled = index, filled
    return best


def sheet_name_kind(name: str | None) -> str | None:
    """'story', 'praise', 'notes' or 'mapping' from a sheet's (or file's) name alone."""
    if not name:
        return None
    key = normalise(name)
    words = set(key.split())
    for kind, names in (
        ("mapping", MAPPING_SHEET_NAMES),
        ("notes", NOTES_SHEET_NAMES),
        ("praise", PRAISE_SHEET_NAMES),
        ("story", STORY_SHEET_NAMES),
    ):
        if key in names or any(n in words for n in names if " " not in n):
            return kind
    return None


def classify(row: list, name_hint: str | None) -> str:
    """'story' or 'praise' for a header row, by its columns first and then by the sheet's name."""
    _known, story_only, praise_only = _score(row)
    if story_only != praise_only:
        return "story" if story_only > praise_only else "praise"
    return "praise" if name_hint == "praise" else "story"


def header_set_key(headers: list) -> str:
    """One key per set of column names, whatever their case or order of punctuation: a user's
    reading of those columns is remembered under it and applied when the same columns come again."""
    return " | ".join(normalise(h) for h in headers if str(h).strip())


def map_headers(
    row: list, row_index: int, kind: str, chosen: dict[str, str] | None = None, read_as: dict | None = None
) -> HeaderMap:
    """Map a header row onto `kind`'s fields; `chosen` = {field: header} picked by the user wins,
    and so does `read_as` = {header: field, or "" to keep the column as extra information}."""
    synonyms = STORY_SYNONYMS if kind == "story" else PRAISE_SYNONYMS
    headers = _cells(row)
    result = HeaderMap(kind, row_index, headers)
    by_header = {normalise(h): f for f, h in (chosen or {}).items() if h}
    by_header.update({normalise(h): f for h, f in (read_as or {}).items()})
    taken = {f for f in by_header.values() if f}
    for index, header in enumerate(headers):
        if not header:
            continue
        name = by_header.get(normalise(header))
        if name == "":
            result.unknown.append(index)
            continue
        if name is None:
            name = match_header(header, synonyms)
            if name in taken or (name and name not in TEXT_JOINED and result.has(name)):
                name = None
        if name:
            result.fields[index] = name
        else:
            result.unknown.append(index)
    return result
