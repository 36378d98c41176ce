"""The whole working set as a workbook (Stories, Praise, Mapping) that imports back unchanged.

Canonical headers (the import contract) come first, then each extra field as its own column, so
nothing the user brought is lost. Text cells are written as string cells (never formulas, even
when they start with =, +, - or @) and carry Excel's quotePrefix style, so editing a cell in
Excel or LibreOffice does not turn it into a formula either. Unicode direction overrides and
invisible controls are dropped (`core.text.inert`); the rest of the text is not altered.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from core.model import Dataset
from core.text import inert

STORY_HEADERS = ("id", "date", "title", "challenge", "action", "result", "description", "competencies",
                 "impact", "kind", "project", "tags", "link", "metric")
# Written only when some story has them, so a plain working set exports the columns it always did.
OPTIONAL_STORY_HEADERS = ("noticed_by", "lesson", "theme", "organisation")
PRAISE_HEADERS = ("id", "date", "text", "from", "role", "channel", "link", "competencies", "hidden")
MAPPING_HEADERS = ("id", "competencies")
LIST_SEPARATOR = "; "
# Readers decode `_xHHHH_` in xlsx text as a character, so a literal one has its "_" escaped.
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_FORMULA_START = "=+-@\t\r"  # what spreadsheets (and CSV injection) treat as a formula start


def join_list(values) -> str:
    """A list cell: `a; b`. A single value with a comma gets a trailing `;`, because a cell without
    `;` is read as a comma-separated list (so "Communication, clarity" would come back as two)."""
    text = LIST_SEPARATOR.join(values)
    return text + ";" if len(values) == 1 and "," in text else text


def _date(item):
    """A day as a date cell; a month or quarter as its words ("May 2026", "Q2 2026"), which import back."""
    return item.date if item.date_precision == "day" else item.when


def _story_row(story) -> dict:
    return {
        "id": story.id, "date": _date(story), "title": story.title, "challenge": story.challenge,
        "action": story.action, "result": story.result, "description": story.description,
        "competencies": join_list(story.competencies), "impact": story.impact,
        "kind": story.story_kind, "project": story.project, "tags": join_list(story.tags),
        "link": story.link, "metric": story.metric,
        **{h: getattr(story, h) for h in OPTIONAL_STORY_HEADERS},
    }  # fmt: skip


def _praise_row(praise) -> dict:
    return {
        "id": praise.id, "date": _date(praise), "text": praise.text, "from": praise.author,
        "role": praise.role, "channel": praise.channel, "link": praise.link,
        "competencies": join_list(praise.competencies), "hidden": "yes" if praise.hidden else "",
    }  # fmt: skip


def _extra_headers(items, canonical: tuple[str, ...]) -> list[str]:
    """Extra field names in order of first appearance, skipping any that clash with a canonical one."""
    seen: dict[str, None] = {}
    taken = {h.lower() for h in canonical}
    for item in items:
        for key in item.extra:
            if key.lower() not in taken:
                seen.setdefault(key, None)
    return list(seen)


def write_workbook(dataset: Dataset, overrides: dict[str, list[str]] | None = None) -> bytes:
    """The xlsx bytes: Stories, Praise and Mapping (the user's overrides win over the file's own)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(sheet, value, header: bool = False):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            c = WriteOnlyCell(sheet, value=value)
            c.number_format = "yyyy-mm-dd"
            return c
        if isinstance(value, bool | int | float) or value is None:
            return value
        text = _OOXML_ESCAPE.sub("_x005F_", inert(str(value)))  # inert also drops what XML 1.0 can't carry
        if not text:
            return None
        if not header and text[0] not in _FORMULA_START:
            return text  # openpyxl writes a plain str as a string cell
        c = WriteOnlyCell(sheet, value=text)
        c.data_type = "s"  # a string cell, even for "=1+1": never a formula
        if header:
            c.font = bold
        else:
            c.quotePrefix = True  # and Excel keeps it text when the cell is edited
        return c

    def sheet(title: str, headers: list[str], rows: list[dict]) -> None:
        ws = workbook.create_sheet(title)
        ws.append([cell(ws, h, header=True) for h in headers])
        for row in rows:
            ws.append([cell(ws, row.get(h)) for h in headers])

    stories = [*dataset.stories, *dataset.undated]  # undated: an empty date, which imports back undated
    optional = [h for h in OPTIONAL_STORY_HEADERS if any(getattr(s, h) for s in stories)]
    story_extra = _extra_headers(stories, (*STORY_HEADERS, *OPTIONAL_STORY_HEADERS))
    sheet("Stories", [*STORY_HEADERS, *optional, *story_extra],
          [{**{k: s.extra.get(k) for k in story_extra}, **_story_row(s)} for s in stories])
    praise_extra = _extra_headers(dataset.praise, PRAISE_HEADERS)
    sheet("Praise", [*PRAISE_HEADERS, *praise_extra],
          [{**{k: p.extra.get(k) for k in praise_extra}, **_praise_row(p)} for p in dataset.praise])
    mapping = {**dataset.overrides, **(overrides or {})}
    known = dataset.by_id()
    sheet("Mapping", list(MAPPING_HEADERS),
          [{"id": i, "competencies": join_list(c)} for i, c in mapping.items() if i in known])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
