"""Which sheets of a file load, and how each one's header row is read.

Hidden sheets are skipped with a note unless the user includes them; notes and instructions
sheets are skipped with a note; our exported workbook's Mapping sheet becomes the overrides;
a sheet whose columns can't be recognised asks the user (`needs_mapping`) rather than failing,
and the user's own readings (the "read as" panel, the column-mapping step) take precedence.
"""

from __future__ import annotations

from pathlib import PurePath

from core.ingest.headers import (
    PRAISE_SYNONYMS,
    HeaderMap,
    classify,
    find_header_row,
    header_set_key,
    likely_header_row,
    map_headers,
    match_header,
    normalise,
    sheet_name_kind,
)
from core.ingest.readers import RawTable
from core.ingest.rows import _text
from core.model import FileStatus
from core.text import split_list

KIND_CHOICE = "__kind__"  # in a read_as choice: "story" or "praise" for the whole sheet


def is_blank(row: list) -> bool:
    for cell in row:  # a plain loop: most rows end at their first cell
        if cell is None or cell == "" or (type(cell) is str and cell.isspace()):
            continue
        return False
    return True


class SheetReader:
    """The sheet rules, as methods of the loader: it provides the user's choices (column_mapping,
    read_as, include_hidden), `problem`, `_file_error`, `overrides` and `_load_rows`."""

    def _load_file(self, status: FileStatus, tables: list[RawTable]) -> None:
        chosen = self.column_mapping.get(status.file) or None
        loaded = 0
        unrecognised: list[tuple[RawTable, HeaderMap | None, str | None]] = []
        for table in tables:
            if table.hidden and not all(is_blank(r) for r in table.rows):
                status.hidden_sheets.append(table.sheet or "")
                if not self.include_hidden:
                    self.problem(
                        status.file, table.sheet, None, None, "warning",
                        f"Sheet '{table.sheet}' is hidden in the workbook, so it was skipped: "
                        "include hidden sheets on the Import page to load it.",
                    )  # fmt: skip
                    continue
            self._reader_problems(status, table)
            if all(is_blank(r) for r in table.rows):
                continue
            hint = sheet_name_kind(table.sheet or PurePath(status.file).stem)
            if hint == "mapping" and not chosen and self._load_mapping_sheet(status, table):
                continue
            hmap = self._header_map(status, table, hint, chosen)
            if hmap is not None and hmap.complete:
                self._load_rows(status, table, hmap)
                loaded += 1
            elif hint == "notes":
                self.problem(
                    status.file, table.sheet, None, None, "warning",
                    f"Sheet '{table.sheet}' was skipped: it looks like notes or instructions, "
                    "not stories or praise.",
                )  # fmt: skip
            else:
                unrecognised.append((table, hmap, hint))
        if chosen and not loaded:
            self._file_error(
                status,
                "The columns picked for this file ("
                + ", ".join(f"'{h}'" for h in chosen.values() if h)
                + ") were not found together in one header row, or the date or text column is missing.",
            )
            return
        if not loaded and not unrecognised:
            if not status.error and not any(p.file == status.file for p in self.problems):
                self._file_error(status, "The file has no data in it.")
            return
        for index, (table, hmap, hint) in enumerate(unrecognised):
            if loaded or index:
                self.problem(
                    status.file, table.sheet, None, None, "warning",
                    f"Sheet '{table.sheet}' was skipped: {self._missing(hmap)}",
                )  # fmt: skip
                continue
            header_index = hmap.row_index if hmap else likely_header_row(table.rows)
            row = table.rows[header_index] if header_index is not None else []
            status.columns = list(dict.fromkeys(h for h in (_text(c) for c in row) if h))
            status.needs_mapping = hmap.kind if hmap else (hint if hint in ("story", "praise") else "story")
            where = f"sheet '{table.sheet}'" if table.sheet else "the file"
            self._file_error(
                status,
                f"Advocate couldn't tell which columns of {where} hold what ({self._missing(hmap)}): "
                "pick the columns on the Import page to load it.",
            )

    def _reader_problems(self, status: FileStatus, table: RawTable) -> None:
        """What the reader saw line by line; its errors are rows that could not be read at all."""
        for row, severity, message in table.problems:
            self.problem(status.file, table.sheet, row, None, severity, message)
            if severity == "error":
                status.rows_read += 1
                status.rows_skipped += 1

    @staticmethod
    def _missing(hmap: HeaderMap | None) -> str:
        if hmap is None:
            return "no known column names were found"
        if not hmap.has("date"):
            return "no date column was recognised"
        if hmap.kind == "praise":
            return "no quote/text column was recognised"
        return "no challenge, action, result or description column was recognised"

    def _header_map(self, status, table: RawTable, hint, chosen) -> HeaderMap | None:
        rows = table.rows
        if chosen:
            wanted = {normalise(h) for h in chosen.values() if h}
            for index, row in enumerate(rows[:20]):
                if wanted and wanted <= {normalise(_text(c)) for c in row}:
                    kind = "praise" if chosen.get("text") else "story"
                    return map_headers([_text(c) for c in row], index, kind, chosen)
            return None
        index = find_header_row(rows)
        if index is None:
            return None
        header = [_text(c) for c in rows[index]]
        read_as = dict(self.read_as.get(header_set_key(header)) or {})
        kind = read_as.pop(KIND_CHOICE, None) or classify(header, hint)
        return map_headers(header, index, kind, read_as=read_as)

    def _load_mapping_sheet(self, status: FileStatus, table: RawTable) -> bool:
        """Our exported workbook's Mapping sheet (id, competencies) -> Dataset.overrides."""
        index = find_header_row(table.rows)
        if index is None:
            return False
        header = [match_header(_text(c), PRAISE_SYNONYMS) for c in table.rows[index]]
        if "id" not in header or "competencies" not in header:
            return False
        id_col, comp_col = header.index("id"), header.index("competencies")
        for row in table.rows[index + 1 :]:
            if is_blank(row):
                continue
            item_id = _text(row[id_col]) if id_col < len(row) else ""
            if item_id:
                value = _text(row[comp_col]) if comp_col < len(row) else ""
                self.overrides[item_id] = list(split_list(value))
        return True
