"""What a workbook's XML says that the cell reader (calamine) does not: streamed, never loaded whole.

The reader sees a formula saved without its value, and a formula error (#DIV/0!, #N/A, #REF!),
as an empty cell. The user sees a row of formulas, or the error, in their spreadsheet: so rows of
formulas without values are named, and errors are put back as the text the sheet shows (a date
cell showing #DIV/0! is then reported like any unreadable date, not loaded as "no date"). The
reader gives a date cell formatted as a month ("May 2026", "mmm yyyy") as the 1st of the month:
the cells whose format shows no day are listed, so they load as the month the user sees.
Covers .xlsx/.xlsm (sheet XML) and .ods (content.xml); an .xls is binary and is not scanned.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row[^>]*\sr=\"(\d+)\"")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\s[^>]*>")
_REL = re.compile(rb"<(?:\w+:)?Relationship\s[^>]*>")
_ERROR_CELL = re.compile(  # <c r="A5" t="e"><f>1/0</f><v>#DIV/0!</v></c>
    rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*?\bt=\"e\"[^>]*>"
    rb"(?:<(?:\w+:)?f[^>]*/>|<(?:\w+:)?f[^>]*>[^<]*</(?:\w+:)?f>)?<(?:\w+:)?v>([^<]*)<"
)
_STYLED_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*?\bs=\"(\d+)\"")
_NUM_FMT = re.compile(rb"<(?:\w+:)?numFmt\s[^>]*?numFmtId=\"(\d+)\"[^>]*?formatCode=\"([^\"]*)\"")
_CELL_XFS = re.compile(rb"<(?:\w+:)?cellXfs[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.DOTALL)
_XF = re.compile(rb"<(?:\w+:)?xf\s[^>]*>")
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escaped characters, [colours]
MONTH_YEAR_FORMAT_IDS = {17}  # Excel's built-in "mmm-yy"
_ODF_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE_TYPE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type"
_ODF_DATE_STYLE = re.compile(
    rb"<number:date-style\s[^>]*?style:name=\"([^\"]+)\"[^>]*>(.*?)</number:date-style>", re.DOTALL
)
_ODF_CELL_STYLE = re.compile(rb"<style:style\s[^>]*>")
_ODF_STYLE = re.compile(rb"style:name=\"([^\"]+)\".*?style:data-style-name=\"([^\"]+)\"")
_CALCEXT_TYPE = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"


class DamagedSheet(Exception):
    """A sheet's XML can't be unpacked (the reader turns this into its one-line message)."""


@dataclass
class SheetScan:
    rows_with_values: int = 0
    formula_only_rows: list[int] = field(default_factory=list)  # formulas without saved values
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column from 0, "#DIV/0!")
    month_cells: list[tuple[int, int]] = field(default_factory=list)  # (row, column) shown as a month


def scan_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, months=frozenset()) -> SheetScan:
    """Stream one .xlsx sheet's XML: rows holding a value, rows whose formulas have no saved value
    (files written by scripts: every reader sees those cells empty), formula errors, and the cells
    in one of the styles `months` (see month_styles())."""
    scan = SheetScan()
    carry = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                pieces = (carry + chunk).split(b"</row>")
                carry = pieces.pop()
                for piece in pieces:
                    valued = _VALUE.search(piece) is not None or b"<is>" in piece
                    scan.rows_with_values += valued
                    if not valued and b"<f" in piece and (number := _ROW_NUMBER.search(piece)):
                        scan.formula_only_rows.append(int(number.group(1)))
                    if b't="e"' in piece:
                        scan.errors += [
                            (int(row), _column_index(letters), _xml_text(shown))
                            for letters, row, shown in _ERROR_CELL.findall(piece)
                        ]
                    if months and b' s="' in piece:
                        scan.month_cells += [
                            (int(row), _column_index(letters))
                            for letters, row, style in _STYLED_CELL.findall(piece)
                            if int(style) in months
                        ]
    except Exception as exc:  # zipfile and zlib raise many types for damaged members
        raise DamagedSheet from exc
    return scan


def workbook_scans(data: bytes) -> dict[str, SheetScan]:
    """{sheet name: its scan} for an .xlsx/.xlsm or .ods; {} for anything else or a damaged file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if "xl/workbook.xml" in names and "xl/_rels/workbook.xml.rels" in names:
            return _xlsx_scans(archive, names)
        if "content.xml" in names:
            return _ods_scans(archive)
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, ElementTree.ParseError, DamagedSheet):
        pass
    return {}


def sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """{member path: the sheet's name as the user sees it} of an .xlsx/.xlsm ({} when unreadable)."""
    try:
        rels = _REL.findall(archive.read("xl/_rels/workbook.xml.rels"))
        sheets = _SHEET.findall(archive.read("xl/workbook.xml"))
    except (KeyError, zipfile.BadZipFile, OSError):
        return {}
    targets = {_attribute(r, b"Id"): _attribute(r, b"Target") for r in rels}
    out = {}
    for element in sheets:
        name, rel = _attribute(element, b"name"), _attribute(element, b"r:id")
        target = targets.get(rel, b"").decode().lstrip("/")
        out[target if target.startswith("xl/") else f"xl/{target}"] = _xml_text(name)
    return out


def _xlsx_scans(archive: zipfile.ZipFile, names: list[str]) -> dict[str, SheetScan]:
    months = month_styles(archive)
    return {name: scan_sheet(archive, archive.getinfo(path), months)
            for path, name in sheet_names(archive).items() if path in names}


def month_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell styles (cellXfs indexes) whose number format shows a month and a year but no day
    ("mmm yyyy", "mm/yyyy", Excel's built-in "mmm-yy"): what LibreOffice and Excel give a cell
    where the user typed "May 2026"."""
    try:
        styles = archive.read("xl/styles.xml")
    except KeyError:
        return frozenset()
    codes = {int(number): _xml_text(code) for number, code in _NUM_FMT.findall(styles)}
    block = _CELL_XFS.search(styles)
    formats = [int(_attribute(xf, b"numFmtId") or 0) for xf in _XF.findall(block.group(1))] if block else []
    return frozenset(
        index for index, number in enumerate(formats)
        if number in MONTH_YEAR_FORMAT_IDS or (number in codes and _shows_month_not_day(codes[number]))
    )  # fmt: skip


def _shows_month_not_day(code: str) -> bool:
    plain = _FORMAT_LITERALS.sub("", code).lower()
    return "m" in plain and "y" in plain and not any(part in plain for part in "dhs")


def _ods_scans(archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    """Formula errors and month-formatted date cells of an OpenDocument spreadsheet (LibreOffice
    always saves formula values). The XML is walked only when a byte search finds either: the
    walk costs as much as reading the cells."""
    out: dict[str, SheetScan] = {}
    months = _ods_month_styles(archive)
    if not months and not _has_error_cell(archive):
        return out
    scan, row, column = SheetScan(), 0, 0
    with archive.open("content.xml") as stream:
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_ODF_TABLE}table":
                    scan, row = out.setdefault(element.get(f"{_ODF_TABLE}name", ""), SheetScan()), 0
                elif tag == f"{_ODF_TABLE}table-row":
                    column = 0
                continue
            if tag == f"{_ODF_TABLE}table-row":
                row += int(element.get(f"{_ODF_TABLE}number-rows-repeated", "1"))
                element.clear()
            elif tag in (f"{_ODF_TABLE}table-cell", f"{_ODF_TABLE}covered-table-cell"):
                repeated = int(element.get(f"{_ODF_TABLE}number-columns-repeated", "1"))
                if element.get(_CALCEXT_TYPE) == "error":
                    shown = "".join(p.text or "" for p in element.iter(f"{_ODF_TEXT}p"))
                    scan.errors.append((row + 1, column, shown))
                elif element.get(_OFFICE_TYPE) == "date" and element.get(f"{_ODF_TABLE}style-name") in months:
                    scan.month_cells += [(row + 1, column + k) for k in range(min(repeated, 256))]
                column += repeated
    return out


def _ods_month_styles(archive: zipfile.ZipFile) -> set[bytes | str]:
    """Names of the cell styles whose date format shows a month and a year but no day."""
    head = _content_head(archive)
    with contextlib.suppress(KeyError):
        head += archive.read("styles.xml")
    formats = {
        name for name, body in _ODF_DATE_STYLE.findall(head)
        if b"<number:month" in body and b"<number:year" in body and b"<number:day" not in body
    }  # fmt: skip
    if not formats:
        return set()
    styles = (_ODF_STYLE.search(element) for element in _ODF_CELL_STYLE.findall(head))
    return {match.group(1).decode() for match in styles if match and match.group(2) in formats}


def _content_head(archive: zipfile.ZipFile) -> bytes:
    """content.xml up to its body: the automatic styles, without reading the cells."""
    head = b""
    with archive.open("content.xml") as stream:
        while chunk := stream.read(1 << 16):
            head += chunk
            if b"<office:body" in head:
                return head[: head.index(b"<office:body")]
    return head


def _has_error_cell(archive: zipfile.ZipFile) -> bool:
    """Whether content.xml holds an error cell at all: one streamed pass of bytes, no parsing."""
    marker, carry = b'value-type="error"', b""
    with archive.open("content.xml") as stream:
        while chunk := stream.read(1 << 20):
            if marker in carry + chunk:
                return True
            carry = chunk[-len(marker) :]
    return False


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _attribute(element: bytes, name: bytes) -> bytes:
    match = re.search(rb"\s" + name + rb"=\"([^\"]*)\"", element)
    return match.group(1) if match else b""


def _xml_text(raw: bytes) -> str:
    text = raw.decode()
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text
