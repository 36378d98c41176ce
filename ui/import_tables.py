"""Import page: what loaded (one row per story or quote, with where it came from) and what did not.

The tables are Arrow tables read from JSON lines, shown with `lazy=False`: pandas, and pyarrow's
own table builders (which look for pandas), import pandas, 0.2 s alone and 0.5-0.75 s of the first
run beside the browser drawing the page (bench/probe.py); the first page needs only these small
tables, so pandas is imported in the background a second after that run (ui.idle.import_ahead).
"""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

PROBLEM_COLUMNS = ("severity", "file", "sheet", "row", "column", "message")


def _arrow_type(values: list):
    import pyarrow as pa

    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pa.bool_()
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pa.int64()
    return pa.string()


def arrow_table(rows: list[dict], columns: list[str] | tuple[str, ...] | None = None) -> pa.Table:
    """`rows` as a table of `columns` (by default every key, in order of appearance): whole
    numbers and yes/no values keep their type (a blank stays blank), anything else is text."""
    import pyarrow as pa
    import pyarrow.json as pa_json

    columns = list(columns or dict.fromkeys(key for row in rows for key in row))
    schema = pa.schema([(c, _arrow_type([row.get(c) for row in rows])) for c in columns])
    if not rows:
        return schema.empty_table()
    text = {c: pa.types.is_string(schema.field(c).type) for c in columns}
    lines = "\n".join(
        json.dumps({c: str(row[c]) if text[c] and row.get(c) is not None else row.get(c) for c in columns})
        for row in rows
    ).encode()
    return pa_json.read_json(
        io.BytesIO(lines),
        # One block, so a cell of any size reads; one thread: a page's rows need no more, and its
        # thread pool held 10-25 MB more at the server's peak (bench/startup.py).
        read_options=pa_json.ReadOptions(use_threads=False, block_size=len(lines) + 1),
        parse_options=pa_json.ParseOptions(explicit_schema=schema),
    )


def evidence_table(items: list) -> pa.Table:
    """One row per item, lists joined, with where it came from (file, sheet, row). Made for the
    page of rows shown (ui.paging), never a decade's whole list."""
    rows = []
    for item in items:
        data = item.as_dict()
        data["date"] = item.when if item.date_precision != "day" else data["date"]  # May 2026, Q3 2026
        data.pop("date_precision")
        origin = data.pop("origin") or {}
        data.pop("kind")
        data.pop("extra")
        for key in ("competencies", "tags"):
            if key in data:
                data[key] = "; ".join(data[key])
        data["file"] = origin.get("file")
        data["sheet"] = origin.get("sheet")
        data["row"] = origin.get("row")
        rows.append(data)
    return arrow_table(rows)


def problems_table(problems) -> pa.Table:
    rows = sorted((p.as_dict() for p in problems), key=lambda row: row["severity"])  # errors first
    return arrow_table(rows, PROBLEM_COLUMNS)
