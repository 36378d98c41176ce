"""Files in, one Dataset out, with every non-blank row either loaded or explained.

The accounting rule the whole app relies on: for every file, rows_read = stories + praise +
rows_skipped, and every skipped row has a Problem naming file, sheet, row and column. Files
whose columns can't be recognised are not failures: they come back marked `needs_mapping`
with their column names, and load on a second call with the user's `column_mapping`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from core.digest import content_hash
from core.ingest.dates import YearHints, file_year, parse_column
from core.ingest.headers import (
    PRAISE_FIELDS,
    PRAISE_SYNONYMS,
    STORY_FIELDS,
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
from core.ingest.messages import Message, is_message_name, read_message
from core.ingest.paths import read_path
from core.ingest.readers import Limits, RawTable, ReadError, read_tables
from core.ingest.rows import EXCEL_CELL_LIMIT, RowReader, _text
from core.model import (
    ColumnReading,
    Dataset,
    FileStatus,
    Origin,
    Praise,
    Problem,
    RejectedRow,
    Story,
    with_id,
)
from core.text import split_list

__all__ = ["Limits", "load_paths", "load_uploads", "mapping_fields"]

def mapping_fields(kind: str) -> tuple[str, ...]:
    """The fields a column-mapping step offers for a sheet of stories or praise (no id)."""
    return tuple(f for f in (STORY_FIELDS if kind == "story" else PRAISE_FIELDS) if f != "id")


@dataclass(frozen=True)
class Choices:
    """What the user told the Import page that the files do not say."""

    column_mapping: dict = field(default_factory=dict)  # {file: {field: header}} for unrecognised files
    years: dict = field(default_factory=dict)  # {file: year} for dates without one ("July", "Q3")
    period: tuple[dt.date, dt.date] | None = None  # the review period: fixes "July" when it holds it once
    include_hidden: bool = False  # read hidden and very hidden sheets too
    read_as: dict = field(default_factory=dict)  # {header_set_key: {header: field or ""}} (the panel)


KIND_CHOICE = "__kind__"  # in a read_as choice: "story" or "praise" for the whole sheet


def load_uploads(
    files: list[tuple[str, bytes]],
    limits: Limits | None = None,
    column_mapping: dict | None = None,
    years: dict[str, int] | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    include_hidden: bool = False,
    read_as: dict | None = None,
) -> Dataset:
    """Read uploaded (name, bytes) files into one Dataset, with the user's Choices (see there)."""
    choices = Choices(column_mapping or {}, years or {}, period, include_hidden, read_as or {})
    return _Loader(limits or Limits(), choices).run(list(files))


def load_paths(paths, limits: Limits | None = None) -> Dataset:
    """The command-line twin of load_uploads: files that can't be opened are reported, not raised.

    Each path is checked before it is opened (a FIFO would block, /dev/zero never ends, a sparse
    file claims gigabytes), and reading stops at the size limit whatever the file claims.
    """
    limits = limits or Limits()
    files: list[tuple[str, bytes | ReadError]] = [(Path(p).name, read_path(Path(p), limits)) for p in paths]
    return _Loader(limits, Choices()).run(files)


@dataclass
class _Row:
    item: Story | Praise
    explicit_id: str
    status: FileStatus


def _is_blank(row: list) -> bool:
    for cell in row:  # a plain loop: most rows end at their first cell
        if cell is None or cell == "" or (type(cell) is str and cell.isspace()):
            continue
        return False
    return True


def _frozen(value):
    """A hashable stand-in for a dict field (extra), for the duplicate check."""
    return tuple(value.items()) if type(value) is dict else value


class _Loader(RowReader):
    def __init__(self, limits: Limits, choices: Choices):
        self.limits = limits
        self.include_hidden = choices.include_hidden
        self.column_mapping = choices.column_mapping
        self.years = choices.years
        self.period = choices.period
        self.read_as = choices.read_as
        self.rejected: list[RejectedRow] = []
        # The dataset's parts, gathered while reading; run() builds the (frozen) Dataset from them.
        self.stories: list[Story] = []
        self.praise: list[Praise] = []
        self.undated: list[Story] = []
        self.problems: list[Problem] = []
        self.files: list[FileStatus] = []
        self.overrides: dict[str, list[str]] = {}
        self.rows: list[_Row] = []
        self.seen: dict[tuple, Origin] = {}

    # ------------------------------------------------------------ driver

    def run(self, files) -> Dataset:
        self.several_files = len({name for name, _ in files}) > 1
        digests: dict[str, str] = {}
        for name, data in files:
            status = FileStatus(name)
            self.files.append(status)
            if isinstance(data, bytes | bytearray):
                digest = content_hash(data)
                if digest in digests:  # the same file given twice (or under two names): loaded once
                    first = digests[digest]
                    same = "was given twice" if first == name else f"is the same file as {first}"
                    self.problem(name, None, None, None, "warning", f"This file {same}: loaded once.")
                    status.duplicate_of = first
                    continue
                digests[digest] = name
            try:
                if isinstance(data, ReadError):
                    raise data
                if is_message_name(name) and 0 < len(data) <= self.limits.max_bytes:
                    message = read_message(name, data)
                    if message is not None:  # a kudos e-mail or Slack copy: one praise, no table
                        self._load_message(status, message)
                        continue
                tables, notes = read_tables(name, data, self.limits)
            except ReadError as exc:
                self._file_error(status, str(exc))
                continue
            for note in notes:
                self.problem(name, None, None, None, "warning", note)
            self._load_file(status, tables)
        self._assign_ids()
        return Dataset(
            stories=self.stories,
            praise=self.praise,
            problems=self.problems,
            files=self.files,
            rows_read=sum(f.rows_read for f in self.files),
            rows_skipped=sum(f.rows_skipped for f in self.files),
            overrides=self.overrides,
            undated=self.undated,
            rejected=self.rejected,
        )

    def _load_message(self, status: FileStatus, message: Message) -> None:
        """One message file = one row read: a praise item, or a skip saying where to add it."""
        read = message.praise
        status.rows_read = 1
        if not read.text.strip() or read.date is None:
            missing = "no date" if read.text.strip() else "no text"
            self._skip(status, None, None, None, f"This file reads as a message but has {missing}: "
                       "paste it in Journal → Add praise, where you can fill it in.")  # fmt: skip
            return
        extra = {"subject": message.subject} if message.subject else {}
        praise = Praise(id="", date=read.date, text=read.text.strip(), author=read.author, role=read.role,
                        channel=read.channel, extra=extra, origin=Origin(status.file, None, 1))  # fmt: skip
        self._add(status, praise, "")
        if message.dated_today:
            self.problem(status.file, None, 1, "date", "warning", "The message shows only a time, so "
                         "its date was taken as today: change it in the Journal if it is older.")  # fmt: skip

    def problem(self, file, sheet, row, column, severity, message) -> None:
        self.problems.append(Problem(file, sheet, row, column, severity, message))

    def _file_error(self, status: FileStatus, message: str) -> None:
        status.error = message
        self.problem(status.file, None, None, None, "error", message)

    # ------------------------------------------------------------ files and sheets

    def _load_file(self, status: FileStatus, tables: list[RawTable]) -> None:
        chosen = self.column_mapping.get(status.file) or None
        loaded = 0
        unrecognised: list[tuple[RawTable, HeaderMap | None, str | None]] = []
        for table in tables:
            if table.hidden and not all(_is_blank(r) for r in table.rows):
                status.hidden_sheets.append(table.sheet or "")
                if not self.include_hidden:
                    self.problem(
                        status.file, table.sheet, None, None, "warning",
                        f"Sheet '{table.sheet}' is hidden in the workbook, so it was skipped: "
                        "include hidden sheets on the Import page to load it.",
                    )  # fmt: skip
                    continue
            self._reader_problems(status, table)
            if all(_is_blank(r) for r in table.rows):
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
            if _is_blank(row):
                continue
            item_id = _text(row[id_col]) if id_col < len(row) else ""
            if item_id:
                value = _text(row[comp_col]) if comp_col < len(row) else ""
                self.overrides[item_id] = list(split_list(value))
        return True

    # ------------------------------------------------------------ rows

    def _load_rows(self, status: FileStatus, table: RawTable, hmap: HeaderMap) -> None:
        file, sheet = status.file, table.sheet
        data = [
            (table.row_numbers[i], table.rows[i])
            for i in range(hmap.row_index + 1, len(table.rows))
            if not _is_blank(table.rows[i])
        ]
        status.rows_read += len(data)
        headers = hmap.headers

        for column in hmap.unknown:
            self.problem(
                file, sheet, None, headers[column], "warning",
                f"Column '{headers[column]}' isn't one Advocate knows: "
                "kept with each row as extra information.",
            )  # fmt: skip

        def column_values(column: int) -> list:
            return [r[column] if column < len(r) else "" for _, r in data]

        def column_texts(columns: list[int]) -> list[str]:
            """Whole columns at a time (fast); several columns for one field are joined."""
            texts = []
            for c in columns:
                values = column_values(c)
                texts.append([_text(v) for v in values])
                if not table.text_file:
                    self._warn_cut_cells(status, sheet, headers[c], values, data)
            if len(texts) == 1:
                return texts[0]
            return ["\n\n".join(t for t in parts if t) for parts in zip(*texts, strict=True)]

        if hmap.kind == "story":
            self._settle_story_columns(hmap, [r for _, r in data])
        status.readings.append(
            ColumnReading(
                sheet, hmap.kind, tuple(headers), tuple(hmap.fields.get(i, "") for i in range(len(headers))),
                header_set_key(headers),
            )
        )  # fmt: skip
        date_cols = hmap.columns_for("date")
        date_header = headers[date_cols[0]] if date_cols else None
        hints = YearHints(file_year(PurePath(file).stem), self.period, self.years.get(file))
        order = "month-first" if hmap.linkedin else None
        values_of_dates = column_values(date_cols[0]) if date_cols else [None] * len(data)
        dates = parse_column(values_of_dates, date_header or "date", order, hints)
        if not date_cols:  # a story bank: every story loads undated, which is said once
            dates.errors.clear()
            dates.missing = set(range(len(data)))
            self.problem(
                file, sheet, None, None, "warning",
                "No date column: these stories were loaded without dates. Give each a month (Import or "
                "Timeline page) to place it on the Timeline; until then they stay out of period figures.",
            )  # fmt: skip
        elif hmap.kind == "story":
            for position in dates.missing:  # a blank date cell: the story loads undated, said per row
                dates.errors.pop(position, None)
        for warning in (dates.warning, dates.year_warning):
            if warning:
                self.problem(file, sheet, None, date_header, "warning", warning)
        if dates.yearless:
            status.needs_year = True

        columns: dict[str, list[int]] = {}
        for column, name in sorted(hmap.fields.items()):
            if name != "date":
                columns.setdefault(name, []).append(column)
        texts = {name: column_texts(cols) for name, cols in columns.items()}
        extras = [(headers[c], column_texts([c])) for c in hmap.unknown]

        raw_dates = [_text(v) for v in values_of_dates]
        for position, (number, _row) in enumerate(data):
            values = {name: column[position] for name, column in texts.items()}
            extra = {header: column[position] for header, column in extras if column[position]}
            if position in dates.errors:
                reason = f"Row not loaded: {dates.errors[position]}."
                self._skip(status, sheet, number, date_header, reason)
                self._reject(hmap.kind, file, sheet, number, values, extra, raw_dates[position], reason)
                continue
            origin = Origin(file, sheet, number)
            when = (dates.dates[position], dates.precision.get(position, "day"))
            if hmap.kind == "story":
                item = self._story(status, sheet, number, values, when, extra, hmap, origin)
            else:
                item = self._praise(status, sheet, number, values, when, extra, hmap, origin)
            if item is None:
                reason, date_text = self.problems[-1].message, raw_dates[position]
                self._reject(hmap.kind, file, sheet, number, values, extra, date_text, reason, False)
                continue
            if item.date is None and date_cols:
                self.problem(
                    file, sheet, number, date_header, "warning",
                    "No date: loaded as an undated story. Give it a month (Import or Timeline page) to "
                    "place it on the Timeline.",
                )  # fmt: skip
            self._add(status, item, values.get("id", ""))

    def _warn_cut_cells(self, status: FileStatus, sheet, header: str, values: list, data) -> None:
        """Workbook cells stop at 32,767 characters (readers cut longer ones): say so, never silently."""
        if max(map(len, filter(lambda v: type(v) is str, values)), default=0) < EXCEL_CELL_LIMIT:
            return
        for position, value in enumerate(values):
            if type(value) is str and len(value) >= EXCEL_CELL_LIMIT:
                self.problem(
                    status.file, sheet, data[position][0], header, "warning",
                    f"This cell holds {EXCEL_CELL_LIMIT:,} characters, a spreadsheet's maximum: "
                    "its text may have been cut off.",
                )  # fmt: skip

    def _add(self, status: FileStatus, item: Story | Praise, explicit_id: str) -> None:
        """Keep the row unless the very same evidence already came from another file."""
        if not self.several_files:
            self._keep(status, item, explicit_id)
            return
        key = (item.kind, *(_frozen(v) for k, v in vars(item).items() if k not in ("id", "origin")))
        first = self.seen.get(key)
        if first is not None and first.file != status.file:
            where = f"row {first.row}" + (f" of sheet '{first.sheet}'" if first.sheet else "")
            status.rows_skipped += 1
            self.problem(
                status.file, item.origin.sheet, item.origin.row, None, "warning",
                f"Same {item.kind} as {where} in {first.file}: loaded once.",
            )  # fmt: skip
            return
        self.seen.setdefault(key, item.origin)
        self._keep(status, item, explicit_id)

    def _keep(self, status: FileStatus, item: Story | Praise, explicit_id: str) -> None:
        if item.kind == "story":
            status.stories += 1
        else:
            status.praise += 1
        self.rows.append(_Row(item, explicit_id, status))

    def _assign_ids(self) -> None:
        """Keep ids the file gives (first use wins); number the rest S1.., P1.. in load order."""
        reserved = {r.explicit_id for r in self.rows if r.explicit_id}
        used: set[str] = set()
        counters = {"story": 0, "praise": 0}

        def fresh(kind: str) -> str:
            while True:
                counters[kind] += 1
                candidate = f"{'S' if kind == 'story' else 'P'}{counters[kind]}"
                if candidate not in reserved and candidate not in used:
                    return candidate

        for row in self.rows:
            item = row.item
            if row.explicit_id and row.explicit_id not in used:
                item = with_id(item, row.explicit_id)
            else:
                item = with_id(item, fresh(item.kind))
                if row.explicit_id:
                    origin = item.origin
                    self.problem(
                        origin.file, origin.sheet, origin.row, "id", "warning",
                        f"Id '{row.explicit_id}' is used more than once: this row was given id {item.id}.",
                    )  # fmt: skip
            used.add(item.id)
            if item.kind == "praise":
                self.praise.append(item)
            else:
                (self.stories if item.date is not None else self.undated).append(item)
