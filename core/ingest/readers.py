"""Bytes in, raw tables out: the only module that knows about file formats.

Files are recognised by their content first (a workbook renamed to .csv still opens, a PNG
renamed to .csv is refused), and every refusal is one plain sentence the user can act on.
Guard rails run before any real parsing, so a hostile or huge file is refused quickly.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine

from core.ingest.sheet_xml import DamagedSheet, scan_sheet, sheet_names, workbook_scans
from core.ingest.text_files import TextError, check_is_text, decode, detect_delimiter, split_records

WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_EXTENSIONS = (".csv", ".tsv", ".txt")
ACCEPTED_EXTENSIONS = WORKBOOK_EXTENSIONS + TEXT_EXTENSIONS

_ZIP_MAGIC = b"PK\x03\x04"
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or an encrypted .xlsx
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # stream name inside encrypted OOXML
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+:?[A-Z]*(\d*)\"")


@dataclass(frozen=True)
class Limits:
    """What one file may cost us; defaults fit a person's spreadsheet with a wide margin."""

    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 50_000  # per sheet (a CSV is one sheet): a decade of daily entries, with room
    max_file_rows: int = 200_000  # over all the sheets of one workbook (a decade's stories + praise fit)
    max_unzipped_bytes: int = 300 * 1024 * 1024  # sum of a workbook's declared member sizes
    max_zip_ratio: int = 200  # uncompressed/compressed for any member above 1 MB


@dataclass
class RawTable:
    """One sheet (or a whole CSV) as the user sees it: cells and their 1-based row numbers."""

    sheet: str | None  # None for CSV/TSV/TXT
    rows: list[list] = field(default_factory=list)  # cells: str, float, bool, date, datetime or ""
    row_numbers: list[int] = field(default_factory=list)
    text_file: bool = False  # every cell is a string (no typed dates/numbers)
    problems: list[tuple[int | None, str, str]] = field(default_factory=list)  # (row, severity, message)
    lines: int = 0  # physical lines of a text file
    hidden: bool = False  # a hidden or very hidden sheet
    first_column: int = 0  # the sheet column (from 0) of each row's first cell


class ReadError(Exception):
    """The file as a whole can't be read; the message is one sentence for the user."""


def read_tables(name: str, data: bytes, limits: Limits | None = None) -> tuple[list[RawTable], list[str]]:
    """Every table of one file, plus notes (plain sentences) worth a warning.

    The content decides how the file is read, whatever its name: a zip is a workbook, an OLE
    compound file an .xls (or an encrypted workbook), and text is CSV.
    """
    limits = limits or Limits()
    ext = PurePath(name).suffix.lower()
    if not data:
        raise ReadError("The file is empty.")
    if len(data) > limits.max_bytes:
        raise ReadError(
            f"The file is {_mb(len(data))}, over the {_mb(limits.max_bytes)} limit: "
            "split it or remove what is not evidence."
        )
    notes: list[str] = []
    if data.startswith(_ZIP_MAGIC) or data.startswith(_CFB_MAGIC):
        if ext in TEXT_EXTENSIONS:
            notes.append(f"The file is named {ext} but is a spreadsheet workbook; it was read as one.")
        return _read_workbook(data, ext, limits), notes
    try:
        table = _read_text(data, ext, limits)
    except TextError as exc:
        if ext in WORKBOOK_EXTENSIONS:
            raise ReadError(
                "The workbook is damaged or not really a spreadsheet: open it and save it again."
            ) from exc
        if ext not in ACCEPTED_EXTENSIONS:
            raise ReadError(
                f"'{ext or name}' files are not supported: use .xlsx, .xlsm, .xls, .ods, .csv, .tsv or .txt."
            ) from exc
        raise ReadError(str(exc)) from exc
    if ext not in TEXT_EXTENSIONS:
        notes.append(f"The file is named {ext or 'without an extension'} but is text; it was read as CSV.")
    return [table], notes


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _too_many_rows(limits: Limits, sheet: str | None = None, in_workbook: bool = False) -> ReadError:
    """The row limit is per sheet: a workbook may hold a decade's stories and its praise apart."""
    if not in_workbook:
        return ReadError(f"The file has more than {limits.max_rows:,} rows, over the row limit: "
                         "split it into smaller files.")
    which = f"The sheet '{sheet}'" if sheet else "A sheet of the workbook"
    return ReadError(
        f"{which} has more than {limits.max_rows:,} rows, over the row limit per sheet: "
        "split it into smaller sheets or files."
    )


def _too_many_rows_in_all(limits: Limits) -> ReadError:
    return ReadError(
        f"The workbook has more than {limits.max_file_rows:,} rows over all its sheets, over the row limit "
        "per file: split it into smaller files."
    )


# ---------------------------------------------------------------- workbooks


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs from the declared sizes, before anything is decompressed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadError("The workbook is damaged (its zip container can't be read): save it again.") from exc
    total = sum(m.file_size for m in members)
    bomb = total > limits.max_unzipped_bytes or any(
        m.file_size > 1024 * 1024 and m.file_size > limits.max_zip_ratio * max(m.compress_size, 1)
        for m in members
    )
    if bomb:
        raise ReadError(
            f"The workbook would unpack to {_mb(total)} from {_mb(len(data))}: "
            "refused as unsafe (a zip bomb or a damaged file)."
        )
    # Excel writes each sheet's extent first; a formatted empty cell far down inflates it, so a
    # sheet claiming too many rows is counted (streamed, never loaded) before it is refused.
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            head = _member_head(archive, member)
            match = _DIMENSION.search(head)
            claimed, most = int(match.group(1)) if match and match.group(1) else 0, limits.max_rows + 1
            try:
                rows_with_values = scan_sheet(archive, member).rows_with_values if claimed > most else 0
            except DamagedSheet as exc:
                raise ReadError("The workbook is damaged (a sheet can't be unpacked).") from exc
            if rows_with_values > most:
                raise _too_many_rows(limits, sheet_names(archive).get(member.filename), in_workbook=True)


def _member_head(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    try:
        with archive.open(member) as stream:
            return stream.read(4096)
    except Exception as exc:  # zipfile and zlib raise many types for damaged members
        raise ReadError("The workbook is damaged (a sheet can't be unpacked).") from exc


def _encrypted() -> ReadError:
    return ReadError(
        "The workbook is password-protected (encrypted): remove the password in Excel "
        "(File > Info > Protect Workbook), save, and upload it again."
    )


def _read_workbook(data: bytes, ext: str, limits: Limits) -> list[RawTable]:
    cfb = data.startswith(_CFB_MAGIC)
    if cfb and _ENCRYPTION_INFO in data:  # Office's encrypted package: an OLE file, whatever its name
        raise _encrypted()
    if data.startswith(_ZIP_MAGIC):
        _check_zip(data, limits)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise _encrypted() from exc
    except Exception as exc:  # calamine raises several types for damaged files
        if cfb and ext != ".xls":  # an OLE container that is not a readable .xls: encrypted, or worse
            raise _encrypted() from exc
        raise ReadError("The workbook is damaged and can't be opened: open it and save it again.") from exc
    tables = []
    read = 0  # rows actually holding something, over all sheets: the file's row limit counts these
    try:
        for meta in workbook.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            table = RawTable(meta.name, hidden=meta.visible != python_calamine.SheetVisibleEnum.Visible)
            table.first_column = sheet.start[1] if sheet.start else 0
            # iter_rows starts at the sheet's first row (blank rows above the data included) and at
            # its first used column: row numbers count from 1, columns from first_column.
            in_sheet = 0  # and in this sheet: the sheet's row limit (+1 for its header)
            for number, row in enumerate(sheet.iter_rows(), start=1):
                if _has_value(row):
                    read, in_sheet = read + 1, in_sheet + 1
                    if in_sheet > limits.max_rows + 1:
                        raise _too_many_rows(limits, meta.name, in_workbook=True)
                    if read > limits.max_file_rows + len(tables) + 1:
                        raise _too_many_rows_in_all(limits)
                elif len(table.rows) and not _has_value(table.rows[-1]):
                    continue  # a run of empty rows is kept as one (blank rows are skipped anyway)
                table.rows.append(row)
                table.row_numbers.append(number)
            tables.append(table)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(
            "The workbook is damaged and its sheets can't be read: open it and save it again."
        ) from exc
    finally:
        workbook.close()
    if data.startswith(_ZIP_MAGIC):
        _note_what_the_reader_missed(data, tables)
    return tables


def _note_what_the_reader_missed(data: bytes, tables: list[RawTable]) -> None:
    """Rows of formulas saved without values read as empty: each one is named, not dropped. A
    formula error reads as empty too: the cell gets the text the sheet shows ("#DIV/0!"). A date
    cell formatted as a month becomes that month ("2026-05"), read as a month like typed text."""
    scans = workbook_scans(data)
    for table in tables:
        scan = scans.get(table.sheet or "")
        if scan is None:
            continue
        for number in scan.formula_only_rows:
            table.problems.append((number, "error", FORMULA_ONLY))
        positions = {number: i for i, number in enumerate(table.row_numbers)}
        error_rows: dict[int, str] = {}  # rows of nothing but errors: named like rows of formulas
        for number, column, shown in scan.errors:
            index, at = positions.get(number), column - table.first_column
            if index is None:
                error_rows.setdefault(number, shown)
            elif 0 <= at < len(table.rows[index]) and table.rows[index][at] in ("", None):
                table.rows[index][at] = shown
        table.problems += [(n, "error", FORMULA_ERROR.format(shown=shown)) for n, shown in error_rows.items()]
        for number, column in scan.month_cells:  # a date cell shown as "May 2026": the month, not the 1st
            index, at = positions.get(number), column - table.first_column
            if index is not None and 0 <= at < len(table.rows[index]):
                cell = table.rows[index][at]
                if isinstance(cell, dt.date):
                    table.rows[index][at] = f"{cell.year:04d}-{cell.month:02d}"


FORMULA_ONLY = (
    "Row not loaded: its cells are formulas whose values were never saved. Open the file in Excel "
    "or LibreOffice and save it so the values are stored, then load it again."
)
FORMULA_ERROR = (
    "Row not loaded: its formulas show an error ({shown}): fix them in the file, then load it again."
)



def _has_value(row: list) -> bool:
    return any(cell is not None and cell != "" and not (type(cell) is str and cell.isspace()) for cell in row)


# ---------------------------------------------------------------- text files


def decode_text(data: bytes) -> str:
    """The text of a text file (see core.ingest.text_files.decode); ReadError when it is not text."""
    try:
        text = decode(data).text
        check_is_text(text)
    except TextError as exc:
        raise ReadError(str(exc)) from exc
    return text


def _read_text(data: bytes, ext: str, limits: Limits) -> RawTable:
    decoded = decode(data)
    text = decoded.text
    check_is_text(text)
    # Excel's "sep=;" first line names the delimiter; Excel hides it, so rows count after it.
    hint = re.match(r"sep=(.)\r?\n", text)
    if hint:
        text = text[hint.end() :]
    delimiter = hint.group(1) if hint else detect_delimiter(text, ext)
    shift = 1 if hint else 0
    table = split_records(text, delimiter, limits.max_rows)
    read = sum(1 for row in table.rows if any(cell.strip() for cell in row))
    if read > limits.max_rows + 1:
        raise _too_many_rows(limits)
    problems = [(line, severity, message) for line, severity, message in table.problems]
    for line, chars in decoded.bad_lines.items():
        shown = ", ".join(f"'{c}'" for c in dict.fromkeys(chars))
        problems.append(
            (line - shift, "warning", f"Line {line - shift} has bytes that are not UTF-8, read as {shown} "
             "(Windows-1252): check the text, and save the file as CSV UTF-8.")
        )  # fmt: skip
    return RawTable(
        None, table.rows, [first for first, _last in table.spans], text_file=True, problems=problems,
        lines=table.lines,
    )  # fmt: skip
