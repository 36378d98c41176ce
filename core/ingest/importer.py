"""Files in, one Dataset out, with every non-blank row either loaded or explained.

The accounting rule the whole app relies on: for every file, rows_read = stories + praise +
rows_skipped, and every skipped row has a Problem naming file, sheet, row and column. Files
whose columns can't be recognised are not failures: they come back marked `needs_mapping`
with their column names, and load on a second call with the user's `column_mapping`.
The stages: readers (bytes -> tables), sheets (which sheets, which header row), this module and
rows (each row -> Story/Praise), collected (kept once, ids, the Dataset).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from core.digest import content_hash
from core.ingest.collected import Collector
from core.ingest.dates import YearHints, file_year, parse_column
from core.ingest.headers import PRAISE_FIELDS, STORY_FIELDS, HeaderMap, header_set_key
from core.ingest.messages import Message, is_message_name, read_message
from core.ingest.paths import read_path
from core.ingest.readers import Limits, RawTable, ReadError, read_tables
from core.ingest.rows import EXCEL_CELL_LIMIT, RowReader, _text
from core.ingest.sheets import SheetReader, is_blank
from core.model import ColumnReading, Dataset, FileStatus, Origin, Praise

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


class _Loader(SheetReader, RowReader, Collector):
    """One load: files -> sheets (core.ingest.sheets) -> rows (here and core.ingest.rows) -> the
    collected Dataset (core.ingest.collected)."""

    def __init__(self, limits: Limits, choices: Choices):
        super().__init__()
        self.limits = limits
        self.include_hidden = choices.include_hidden
        self.column_mapping = choices.column_mapping
        self.years = choices.years
        self.period = choices.period
        self.read_as = choices.read_as

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
        return self.dataset()

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

    # ------------------------------------------------------------ rows of a recognised sheet

    def _load_rows(self, status: FileStatus, table: RawTable, hmap: HeaderMap) -> None:
        file, sheet = status.file, table.sheet
        data = [
            (table.row_numbers[i], table.rows[i])
            for i in range(hmap.row_index + 1, len(table.rows))
            if not is_blank(table.rows[i])
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
