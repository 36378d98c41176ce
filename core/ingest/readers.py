"""Bytes in, raw tables out: the only module that knows about file formats.

Files are recognised by their content first (a workbook renamed to .csv still opens, a PNG
renamed to .csv is refused), and every refusal is one plain sentence the user can act on.
Guard rails run before any real parsing, so a hostile or huge file is refused quickly.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine

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
    max_rows: int = 50_000
    max_unzipped_bytes: int = 300 * 1024 * 1024  # sum of a workbook's declared member sizes
    max_zip_ratio: int = 200  # uncompressed/compressed for any member above 1 MB


@dataclass
class RawTable:
    """One sheet (or a whole CSV) as the user sees it: cells and their 1-based row numbers."""

    sheet: str | None  # None for CSV/TSV/TXT
    rows: list[list] = field(default_factory=list)  # cells: str, float, bool, date, datetime or ""
    row_numbers: list[int] = field(default_factory=list)
    text_file: bool = False  # every cell is a string (no typed dates/numbers)


class ReadError(Exception):
    """The file as a whole can't be read; the message is one sentence for the user."""


def read_tables(name: str, data: bytes, limits: Limits | None = None) -> tuple[list[RawTable], list[str]]:
    """Every table of one file, plus notes (plain sentences) worth a warning."""
    limits = limits or Limits()
    ext = PurePath(name).suffix.lower()
    if not data:
        raise ReadError("The file is empty.")
    if len(data) > limits.max_bytes:
        raise ReadError(
            f"The file is {_mb(len(data))}, over the {_mb(limits.max_bytes)} limit: "
            "split it or remove what is not evidence."
        )
    if ext not in ACCEPTED_EXTENSIONS:
        raise ReadError(
            f"'{ext or name}' files are not supported: use .xlsx, .xlsm, .xls, .ods, .csv, .tsv or .txt."
        )
    notes: list[str] = []
    if data.startswith(_ZIP_MAGIC) or data.startswith(_CFB_MAGIC):
        if ext in TEXT_EXTENSIONS:
            notes.append(f"The file is named {ext} but is a spreadsheet workbook; it was read as one.")
        return _read_workbook(data, ext, limits), notes
    if ext in WORKBOOK_EXTENSIONS:
        raise ReadError("The workbook is damaged or not really a spreadsheet: open it and save it again.")
    return [_read_text(data, ext, limits)], notes


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _too_many_rows(limits: Limits) -> ReadError:
    return ReadError(
        f"The file has more than {limits.max_rows:,} rows, over the row limit: split it into smaller files."
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
    # Excel and LibreOffice write each sheet's extent first: refuse huge sheets without loading them.
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            try:
                with archive.open(member) as stream:
                    head = stream.read(4096)
            except Exception as exc:  # zipfile and zlib raise many types for damaged members
                raise ReadError("The workbook is damaged (a sheet can't be unpacked).") from exc
            match = _DIMENSION.search(head)
            if match and match.group(1) and int(match.group(1)) > limits.max_rows + 1:
                raise _too_many_rows(limits)


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
    total_rows = 0
    try:
        for meta in workbook.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            total_rows += sheet.height
            if total_rows > limits.max_rows + len(tables) + 1:
                raise _too_many_rows(limits)
            first_row = sheet.start[0] if sheet.start else 0
            rows = sheet.to_python()
            tables.append(
                RawTable(meta.name, rows, list(range(first_row + 1, first_row + 1 + len(rows))))
            )
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(
            "The workbook is damaged and its sheets can't be read: open it and save it again."
        ) from exc
    finally:
        workbook.close()
    return tables


# ---------------------------------------------------------------- text files


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 as Excel on Windows writes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError("The file claims to be UTF-16 text but can't be decoded.") from exc
    if b"\x00" in data[:65536]:
        raise ReadError("This is not a text file (it contains binary data): upload a CSV or a workbook.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ReadError(
                "The file's text can't be decoded (neither UTF-8 nor Windows-1252): save it as CSV UTF-8."
            ) from exc
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f\v")
    if controls > max(3, len(sample) // 100):
        raise ReadError("This is not a text file (it contains binary data): upload a CSV or a workbook.")
    return text


def detect_delimiter(text: str, ext: str) -> str:
    """The delimiter that splits the first records into the most consistent number of columns."""
    sample = text[:32768]
    best, best_score = ("\t" if ext == ".tsv" else ","), (0, 0, 0)
    for candidate in (",", ";", "\t", "|"):
        try:
            records = [r for r in csv.reader(io.StringIO(sample), delimiter=candidate) if any(r)][:30]
        except csv.Error:
            continue
        counts = [len(r) for r in records if len(r) > 1]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        preferred = 1 if (candidate == "\t") == (ext == ".tsv") else 0
        score = (counts.count(mode), mode, preferred)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_text(data: bytes, ext: str, limits: Limits) -> RawTable:
    text = decode_text(data)
    # Excel's "sep=;" first line names the delimiter; Excel hides it, so rows count after it.
    hint = re.match(r"sep=(.)\r?\n", text)
    if hint:
        text = text[hint.end() :]
    delimiter = hint.group(1) if hint else detect_delimiter(text, ext)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # Stop reading at the first record past the limit: a million-row file is refused quickly.
        rows = list(itertools.islice(reader, limits.max_rows + 2))
    except csv.Error as exc:
        raise ReadError(f"The file can't be read as CSV ({exc}): check its quotes.") from exc
    if len(rows) > limits.max_rows + 1:
        raise _too_many_rows(limits)
    return RawTable(None, rows, list(range(1, len(rows) + 1)), text_file=True)
