"""Fixing a row that did not load, in the app: the user gives the date or the missing text.

The row is rebuilt by the importer's own row reader from what the file held plus the user's
answer, so a fixed row is exactly what the importer would have made of a corrected file.
"""

from __future__ import annotations

from core.ingest.dates import parse_column
from core.ingest.headers import HeaderMap
from core.ingest.importer import Choices, _Loader
from core.ingest.readers import Limits
from core.model import Evidence, FileStatus, Origin, RejectedRow

TEXT_FIELD = {"story": "action", "praise": "text"}  # where a typed missing text goes


def fix_row(row: RejectedRow, date_text: str, text: str = "") -> tuple[Evidence | None, str | None]:
    """(the item, None) when the row now reads, else (None, why not): the item has no id yet."""
    when = (None, "day")
    if date_text.strip() or row.kind == "praise":
        read = parse_column([date_text], "date")
        if read.dates[0] is None:
            return None, f"{read.errors.get(0, 'the date is missing').capitalize()}."
        when = (read.dates[0], read.precision.get(0, "day"))
    values = dict(row.values)
    if text.strip():
        values[TEXT_FIELD[row.kind]] = text.strip()
    loader = _Loader(Limits(), Choices())
    status = FileStatus(row.file)
    build = loader._story if row.kind == "story" else loader._praise
    origin = Origin(row.file, row.sheet, row.row)
    no_headers = HeaderMap(row.kind, 0, [])  # problems the builder notes are not shown here
    item = build(status, row.sheet, row.row, values, when, dict(row.extra), no_headers, origin)
    if item is None:
        missing = "what you did" if row.kind == "story" else "the quote"
        return None, f"Add {missing} to load this row."
    return item, None
