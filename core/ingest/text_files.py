"""CSV, TSV and TXT files: decoded, split and accounted for line by line.

A spreadsheet hides its records; a text file shows lines, so this reader counts physical lines
and points at them. A quote opened by mistake makes the CSV format swallow the lines after it
into one cell: when those lines look like rows, the loss is reported with the line numbers and,
when the file reads cleanly without that quote, the rows are recovered. Bytes that are not
UTF-8 in an otherwise UTF-8 file are read as Windows-1252 and reported for their line only.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from dataclasses import dataclass, field

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
# The start of a row whose first column is a date: 2026-01-05, 5/1/2026, 5 Jan 2026, Jan 2026, Q1.
_ROW_START = re.compile(
    r"\s*\"?\s*(\d{1,4}[-/.]\d{1,2}|\d{1,2}[-/. ]\w+[-/. ]\d{2,4}|[a-z]{3,9}\.? \d{1,4}|q[1-4])", re.I
)


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


_CLOSER = re.compile(r'(?<!")"(?!")')  # inside a quoted cell, a quote that is not doubled ends it


class TextError(Exception):
    """The text can't be read at all; the message is one sentence for the user."""


@dataclass
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-16", "cp1252" (the whole file) or "utf-8+cp1252" (some bytes)
    bad_lines: dict[int, list[str]] = field(default_factory=dict)  # line -> characters read as cp1252


@dataclass
class TextTable:
    """Records of one text file, each with the physical lines it spans, plus what to tell the user."""

    rows: list[list[str]]
    spans: list[tuple[int, int]]  # (first line, last line), 1-based, as an editor numbers them
    problems: list[tuple[int | None, str, str]] = field(default_factory=list)  # (line, severity, message)
    lines: int = 0  # physical lines read (after an Excel "sep=" line)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when every other byte of the start is zero (Notepad, PowerShell)."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    odd = sum(1 for b in sample[1::2] if b == 0)
    even = sum(1 for b in sample[0::2] if b == 0)
    if odd > 0.4 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def decode(data: bytes) -> Decoded:
    """UTF-8 (BOM or not), UTF-16 (BOM or not), Windows-1252 for a file with no UTF-8 in it at all,
    and UTF-8 with its stray non-UTF-8 bytes read as Windows-1252 for a mixed file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (utf16 := _utf16_without_bom(data)):
        encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else utf16
        try:
            return Decoded(data.decode(encoding), "utf-16")
        except UnicodeDecodeError as exc:
            raise TextError("The file claims to be UTF-16 text but can't be decoded.") from exc
    if b"\x00" in data[:65536]:
        raise TextError("This is not a text file (it contains binary data): upload a CSV or a workbook.")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if not _has_utf8_sequences(data):  # Excel on Windows: the whole file is Windows-1252
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252")
    bad: dict[int, list[str]] = {}
    parts = []
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        try:
            parts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            text, chars = _mixed_line(line)
            parts.append(text)
            bad[number] = chars
    return Decoded("".join(parts), "utf-8+cp1252", bad)


def _has_utf8_sequences(data: bytes) -> bool:
    """True when the bytes hold at least one well-formed multi-byte UTF-8 character."""
    return _UTF8_SEQUENCE.search(data) is not None


def _mixed_line(line: bytes) -> tuple[str, list[str]]:
    """One line as UTF-8 where it is, Windows-1252 byte by byte where it is not."""
    out, chars, rest = [], [], line
    while rest:
        try:
            out.append(rest.decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            out.append(rest[: exc.start].decode("utf-8"))
            bad = rest[exc.start : exc.end].decode("cp1252", errors="replace")
            out.append(bad)
            chars.append(bad)
            rest = rest[exc.end :]
    return "".join(out), chars


def check_is_text(text: str) -> None:
    sample = text[:65536]
    if len(_CONTROL_CHARS.findall(sample)) > max(3, len(sample) // 100):
        raise TextError("This is not a text file (it contains binary data): upload a CSV or a workbook.")


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


def split_records(text: str, delimiter: str, max_records: int) -> TextTable:
    """Records with their line spans; stray quotes that swallowed row-like lines reported or undone."""
    lines = list(io.StringIO(text, newline=""))  # the text is already bounded by the size limit
    table = TextTable([], [], lines=len(lines))
    reader = csv.reader(iter(lines), delimiter=delimiter)
    previous = 0
    for record in itertools.islice(reader, max_records + 2):
        table.rows.append(record)
        table.spans.append((previous + 1, reader.line_num))
        previous = reader.line_num
    width = _usual_width(table, lines, delimiter)
    index = 0
    while index < len(table.rows):
        first, last = table.spans[index]
        if last > first and _swallowed(lines[first:last], delimiter, width):
            index += _repair(table, index, lines, delimiter, width)
        else:
            index += 1
    return table


def _usual_width(table: TextTable, lines: list[str], delimiter: str) -> int:
    """The header's number of columns (the first record, when it is one line), else the commonest.

    When stray quotes leave no record of one line with columns, the physical lines' own counts
    decide: otherwise a header that swallowed the first row would hide that row from the user.
    """
    if table.rows and table.spans[0][0] == table.spans[0][1] and len(table.rows[0]) > 1:
        return len(table.rows[0])
    single = [len(r) for r, (a, b) in zip(table.rows, table.spans, strict=True) if a == b and len(r) > 1]
    if not single:
        single = [n for n in (line.count(delimiter) + 1 for line in lines if line.strip()) if n > 1]
    return max(set(single), key=single.count) if single else 0


def _looks_like_row(line: str, delimiter: str, width: int) -> bool:
    """A line that starts with a date, or splits into the file's usual number of columns (3 or more)."""
    if _ROW_START.match(line):
        return True
    return width > 2 and line.count(delimiter) == width - 1


def _swallowed(inner: list[str], delimiter: str, width: int) -> bool:
    return any(_looks_like_row(line, delimiter, width) for line in inner if line.strip())


def _repair(table: TextTable, index: int, lines: list[str], delimiter: str, width: int) -> int:
    """Undo one stray quote when that reads the span cleanly; else report the swallowed lines."""
    first, last = table.spans[index]
    span = lines[first - 1 : last]
    closing = next((first + n for n, line in enumerate(span[1:], start=1) if _CLOSER.search(line)), None)
    if closing == last:
        swallowed = _lines(first + 1, closing - 1) if closing - first > 1 else _lines(closing, closing)
        where = f"A quote opened on line {first} is closed on line {closing}: {swallowed} into one cell"
    elif closing is None:
        where = f"A quote opened on line {first} is never closed: {_lines(first + 1, last)} into one cell"
    else:
        where = (
            f"A quote opened on line {first} is closed on line {closing} and another runs on to line "
            f"{last}: {_lines(first + 1, last)} into one row"
        )
    for candidate in _without_one_quote(span):
        records = list(csv.reader(iter(candidate), delimiter=delimiter))
        if len(records) == len(span) and all(len(r) == width for r in records):
            table.rows[index : index + 1] = records
            table.spans[index : index + 1] = [(n, n) for n in range(first, last + 1)]
            table.problems.append(
                (first, "warning", f"{where}; without that quote every line reads as a row, so they were "
                 f"loaded as rows {first}-{last}. Check line {first} in the file.")
            )  # fmt: skip
            return len(records)
    table.problems.append(
        (first, "warning", f"{where} (row {first}). If they are rows of their own, remove or close the "
         f"quote on line {first} and load the file again.")
    )  # fmt: skip
    return 1


def _lines(a: int, b: int) -> str:
    return f"line {a} was read" if a == b else f"lines {a}-{b} were read"


def _without_one_quote(span: list[str]):
    """The span with one quote removed (those of its first line first), then with two."""
    quotes = [(n, m.start()) for n, line in enumerate(span) for m in re.finditer('"', line)][:20]
    quotes.sort(key=lambda q: (q[0] != 0, q))

    def without(chosen):
        out = list(span)
        for n, position in sorted(chosen, reverse=True):
            out[n] = out[n][:position] + out[n][position + 1 :]
        return out

    for quote in quotes:
        yield without([quote])
    if len(span) <= 1000:
        for pair in itertools.combinations(quotes, 2):
            yield without(pair)
