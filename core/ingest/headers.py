"""Which column is which: header synonyms, header-row detection and sheet classification.

People name columns every way ("What I did", "Outcome/Impact statement", "Kudos"), so headers
are compared case- and punctuation-insensitively against synonym lists. STAR files map onto
CAR: Situation and Task both become the challenge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

STORY_FIELDS = (
    "id", "date", "title", "challenge", "action", "result", "description", "competencies",
    "impact", "kind", "project", "tags", "link", "metric",
)  # fmt: skip
PRAISE_FIELDS = ("id", "date", "text", "from", "role", "channel", "link", "competencies", "hidden")
# Helper columns that only feed other fields (LinkedIn's export): first + last name -> from, etc.
PRAISE_HELPERS = ("first_name", "last_name", "company", "job_title", "status")
TEXT_JOINED = ("challenge", "action", "result", "description", "text", "metric")  # several columns join
STORY_REQUIRED_ANY = ("challenge", "action", "result", "description")

_COMMON = {
    "id": "id, item id, evidence id, story id, praise id, ref, reference",
    "date": "date, when, day, date of win, date logged, date added, created, created on, creation date, "
    "date received, received, received on, occurred, happened on, month, quarter, period, timestamp",
    "link": "link, links, url, source link, evidence link, permalink, link to evidence, reference link",
    "competencies": "competencies, competency, competency area, competency areas, skills, skill, "
    "capabilities, capability, pillar, pillars, competencies shown",
}
_STORY = {
    "title": "title, headline, short title, subject, win title, story title, name of the win",
    "challenge": "challenge, challenges, situation, task, problem, context, background, "
    "situation task, the challenge, the problem, what was the challenge",
    "action": "action, actions, what i did, what did i do, what you did, approach, how, solution, "
    "my action, my actions, actions taken, action taken, contribution, my contribution",
    "result": "result, results, outcome, outcomes, outcome impact statement, impact statement, "
    "result impact, results impact, outcome impact, business impact, effect, what changed",
    "description": "description, details, detail, what happened, narrative, story, summary, "
    "accomplishment, accomplishments, achievement, achievements, win, wins, entry, brag",
    "impact": "impact, impact score, impact rating, impact level, rating, score, significance, importance",
    "kind": "kind, type, story type, entry type, win struggle lesson, win or struggle",
    "project": "project, projects, initiative, product, workstream, client, account",
    "tags": "tags, tag, labels, label, keywords, category, categories, themes, theme",
    "metric": "metric, metrics, numbers, kpi, kpis, measure, measurable, key metric, figures, data point",
}
_PRAISE = {
    "text": "text, quote, quotes, kudos, feedback, comment, comments, praise, message, what they said, "
    "recommendation, testimonial, shoutout, shout out, compliment, note, words",
    "from": "from, who, author, giver, name, given by, person, sender, by, reviewer, colleague, from whom",
    "role": "role, relationship, their role, relation, position, relationship to me",
    "channel": "channel, via, medium, where, platform, source, how received, received via",
    "hidden": "hidden, hide, private, exclude, excluded",
    "first_name": "first name, firstname, given name",
    "last_name": "last name, lastname, surname, family name",
    "company": "company, organisation, organization, employer",
    "job_title": "job title, jobtitle",
    "status": "status",
}

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


def _table(*groups: dict[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for group in groups:
        for canonical, synonyms in group.items():
            for synonym in synonyms.split(","):
                table.setdefault(normalise(synonym), canonical)
    return table


STORY_SYNONYMS = _table(_COMMON, _STORY)
PRAISE_SYNONYMS = _table(_COMMON, _PRAISE)
_STORY_ONLY = set(_STORY)
_PRAISE_ONLY = set(_PRAISE) - {"status"}


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
        if not self.has("date"):
            return False
        if self.kind == "praise":
            return self.has("text")
        return any(self.has(f) for f in STORY_REQUIRED_ANY)

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


def map_headers(row: list, row_index: int, kind: str, chosen: dict[str, str] | None = None) -> HeaderMap:
    """Map a header row onto `kind`'s fields; `chosen` = {field: header} picked by the user wins."""
    synonyms = STORY_SYNONYMS if kind == "story" else PRAISE_SYNONYMS
    headers = _cells(row)
    result = HeaderMap(kind, row_index, headers)
    by_header = {normalise(h): f for f, h in (chosen or {}).items() if h}
    taken = set(by_header.values())
    for index, header in enumerate(headers):
        if not header:
            continue
        name = by_header.get(normalise(header))
        if name is None:
            name = match_header(header, synonyms)
            if name in taken or (name and name not in TEXT_JOINED and result.has(name)):
                name = None
        if name:
            result.fields[index] = name
        else:
            result.unknown.append(index)
    return result
