"""One row in, one Story or Praise out: the field rules every importer path shares.

Lists split on ';' or ',', impact read as 1-5, kinds matched to win/struggle/lesson, columns
whose meaning depends on the sheet settled (an 'Impact' of sentences is the result), and a row
without its text skipped with a reason and kept for fixing in the app (core.ingest.rejected).
`RowReader` is mixed into the importer's loader, which provides `problem()` and `rejected`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from core.ingest.headers import STORY_REQUIRED_ANY, HeaderMap, normalise
from core.model import FileStatus, Praise, RejectedRow, Story, story_texts
from core.text import split_list

KIND_SYNONYMS = {
    "win": "win", "wins": "win", "success": "win", "achievement": "win", "accomplishment": "win",
    "good": "win", "highlight": "win", "positive": "win",
    "struggle": "struggle", "struggles": "struggle", "challenge": "struggle", "failure": "struggle",
    "fail": "struggle", "setback": "struggle", "miss": "struggle", "mistake": "struggle",
    "problem": "struggle", "difficulty": "struggle", "negative": "struggle",
    "lesson": "lesson", "lessons": "lesson", "learning": "lesson", "learned": "lesson", "learnt": "lesson",
    "lesson learned": "lesson", "lesson learnt": "lesson", "insight": "lesson", "growth": "lesson",
}  # fmt: skip
EXCEL_CELL_LIMIT = 32_767
_TRUE = {"true", "yes", "y", "1", "x", "hidden", "hide", "private", "✓", "✔"}
# 'Impact' usually holds the outcome in words; only a column of scores is the 1-5 rating.
_RATING_HEADERS = {"impact"}
_RATING_WORDS = {"high", "medium", "med", "low", "very high", "very low", "critical", "major", "minor"}
_SCORE = re.compile(r"\d+(?:\.\d+)?\s*(?:/\s*\d+|out of \d+)?$")
_IMPACT = re.compile(r"([1-5])(?:\.0+)?\s*(?:/\s*5|out of 5)?$")


def _text(value) -> str:
    if type(value) is str:
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


@lru_cache(maxsize=1024)
def _impact(text: str) -> int | None:
    match = _IMPACT.match(text.strip().lower())
    return int(match.group(1)) if match else None


@lru_cache(maxsize=1024)
def _kind(text: str) -> str | None:
    return KIND_SYNONYMS.get(normalise(text))


class RowReader:
    """The row rules, as methods of the loader (they report through its `problem` and `rejected`)."""

    def _settle_story_columns(self, hmap: HeaderMap, rows: list[list]) -> None:
        """Columns whose meaning depends on the sheet: a scores-only 'Impact' is the 1-5 rating;
        a metric is the result when there is no result column; a title is the text when nothing
        else is ("Date, Win" brag lists)."""
        for column in hmap.columns_for("result"):
            if normalise(hmap.headers[column]) not in _RATING_HEADERS:
                continue
            values = [_text(r[column]) if column < len(r) else "" for r in rows]
            values = [v for v in values if v]
            if values and all(_SCORE.match(v.lower()) or normalise(v) in _RATING_WORDS for v in values):
                hmap.fields[column] = "impact"
        if not hmap.has("result"):
            for column in hmap.columns_for("metric"):
                hmap.fields[column] = "result"
        if not any(hmap.has(f) for f in STORY_REQUIRED_ANY):
            for column in hmap.columns_for("title"):
                hmap.fields[column] = "description"

    def _reject(self, kind, file, sheet, row, values, extra, date_text, reason, date_wrong=True) -> None:
        """Keep what a skipped row held, so the Import page can offer to fix it in place."""
        text_fields = ("text",) if kind == "praise" else STORY_REQUIRED_ANY
        has_text = any(values.get(f) for f in text_fields)
        needs = (("date",) if date_wrong else ()) + (() if has_text else ("text",))
        self.rejected.append(RejectedRow(file, sheet, row, kind, values, extra, date_text, needs, reason))

    def _skip(self, status: FileStatus, sheet, row, column, message) -> None:
        status.rows_skipped += 1
        self.problem(status.file, sheet, row, column, "error", message)

    def _header_of(self, hmap: HeaderMap, name: str) -> str | None:
        columns = hmap.columns_for(name)
        return hmap.headers[columns[0]] if columns else None

    def _story(self, status, sheet, number, values, when, extra, hmap, origin) -> Story | None:
        if not any(values.get(f) for f in STORY_REQUIRED_ANY):
            present = [h for f in STORY_REQUIRED_ANY if (h := self._header_of(hmap, f))]
            self._skip(
                status, sheet, number, ", ".join(present) or None,
                f"Row not loaded: it has {'a date but ' if when[0] else ''}no challenge, action, result or "
                "description.",
            )  # fmt: skip
            return None
        row = (status, sheet, number, hmap, values)
        impact = self._checked(row, "impact", _impact, "Impact '{}' is not a number from 1 to 5: left empty.")
        kind = self._checked(row, "kind", _kind, "Kind '{}' is not win, struggle or lesson: loaded as a win.")
        return Story(
            id="",
            date=when[0],
            date_precision=when[1],
            **story_texts(values),
            competencies=split_list(values.get("competencies", "")),
            impact=impact,
            story_kind=kind or "win",
            tags=split_list(values.get("tags", "")),
            extra=extra,
            origin=origin,
        )

    def _checked(self, row, name: str, parse, message: str):
        """The row's `name` value read by `parse` (None when empty); a value it cannot read is a
        warning and None."""
        status, sheet, number, hmap, values = row
        raw = values.get(name, "")
        value = parse(raw) if raw else None
        if raw and value is None:
            column = self._header_of(hmap, name)
            self.problem(status.file, sheet, number, column, "warning", message.format(raw))
        return value

    def _praise(self, status, sheet, number, values, when, extra, hmap, origin) -> Praise | None:
        text = values.get("text", "")
        if not text:
            self._skip(
                status, sheet, number, self._header_of(hmap, "text"),
                "Row not loaded: it has a date but no quote or feedback text.",
            )  # fmt: skip
            return None
        author = values.get("from", "") or " ".join(
            p for p in (values.get("first_name", ""), values.get("last_name", "")) if p
        )
        role = values.get("role", "")
        if not role:
            job, company = values.get("job_title", ""), values.get("company", "")
            role = f"{job} at {company}" if job and company else job or company
        channel = values.get("channel", "") or ("LinkedIn" if hmap.linkedin else "")
        hidden = values.get("hidden", "").strip().lower() in _TRUE
        if values.get("status", "").strip().upper() == "HIDDEN":
            hidden = True
            self.problem(
                status.file, sheet, number, self._header_of(hmap, "status"), "warning",
                "Kept but flagged hidden: this recommendation is marked HIDDEN (not shown on your profile).",
            )  # fmt: skip
        return Praise(
            id="",
            date=when[0],
            date_precision=when[1],
            text=text,
            author=author,
            role=role,
            channel=channel,
            link=values.get("link", ""),
            competencies=split_list(values.get("competencies", "")),
            hidden=hidden,
            extra=extra,
            origin=origin,
        )
