"""Hostile input for the importer: whatever bytes arrive, load_uploads answers with a report.

Hypothesis generates random bytes, CSVs in odd encodings and delimiters, openpyxl workbooks with
formulas, giant cells and markup, and damaged zips. The invariants are the ones a user relies on:
no traceback, every refused file has one clear sentence, and every row read is accounted for
(`rows_read == stories + undated + praise + rows_skipped`). Budgets are small so the file stays fast.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import textwrap
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from core.ingest.importer import load_uploads
from core.ingest.readers import Limits
from core.model import SEVERITIES, Dataset, Praise, Story

ROOT = Path(__file__).resolve().parent.parent
# Budgets sized so this whole file runs in ~15 s on the 2-core CI machine (about 1,800 inputs).
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]


def fuzz(examples: int):
    return settings(max_examples=examples, deadline=None, suppress_health_check=_QUIET)

STORY_HEADERS = ["date", "title", "challenge", "action", "result", "description", "competencies", "impact",
                 "kind", "project", "tags", "link", "metric", "Situation", "Task", "Outcome", "When"]
PRAISE_HEADERS = ["date", "text", "from", "role", "channel", "Quote", "Who", "First Name", "Last Name",
                  "Company", "Job Title", "Text", "Creation Date", "Status"]
HOSTILE_TEXT = [
    "=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "=HYPERLINK(\"http://evil.example\",\"x\")",
    "<script>window.__pwned=1</script>", "<b>" * 200 + "deep" + "</b>" * 200,
    "[click](javascript:alert(1))", "\u202egnp.exe\u202c", "\u2066isolate\u2069", "line one\nline two",
    "\"quoted, with comma\"", "x" * 30_000, "", "   ", "\x00nul", "café ☕ 🚀", "Ω≈ç√", "\ufeffbom-in-cell",
]
DATES = ["2025-03-15", "15/03/2025", "03/15/2025", "15-Mar-2025", "March 2025", "2025-Q1", "Q1 2025",
         "45000", "2025-03-15 10:30", "04/15/24, 09:25 PM", "not a date", "", "31/02/2025", "9999-99-99"]

cell_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.sampled_from(DATES),
    st.text(max_size=60),
    st.integers(-10, 10**6).map(str),
)


def assert_accounted(dataset: Dataset, names: list[str]) -> None:
    """The invariants every answer of load_uploads keeps, whatever it was fed."""
    assert isinstance(dataset, Dataset)
    assert dataset.rows_read == len(dataset.all_items) + dataset.rows_skipped
    assert dataset.rows_skipped >= 0
    assert sorted(s.file for s in dataset.files) == sorted(names), "one FileStatus per uploaded file"
    for status in dataset.files:
        if status.error is not None:
            assert status.error.strip(), f"{status.file}: empty error message"
            assert "Traceback" not in status.error and len(status.error) < 600, status.error
            assert status.stories == status.praise == 0
    for problem in dataset.problems:
        assert problem.severity in SEVERITIES
        assert problem.message.strip()
        assert "Traceback" not in problem.message
        assert problem.file in names
    if dataset.rows_skipped:
        row_problems = [p for p in dataset.problems if p.row is not None]
        assert row_problems, "rows were skipped without a row-level report"
    ids = [item.id for item in dataset.items]
    assert len(ids) == len(set(ids)), "evidence ids must be unique"
    for story in dataset.stories:
        assert isinstance(story, Story) and isinstance(story.date, dt.date)
    for quote in dataset.praise:
        assert isinstance(quote, Praise) and isinstance(quote.date, dt.date) and quote.text.strip()


def load(files: list[tuple[str, bytes]], **kwargs) -> Dataset:
    dataset = load_uploads(files, **kwargs)
    assert_accounted(dataset, [name for name, _ in files])
    return dataset


@st.composite
def tables(draw):
    """A header row (known synonyms and junk) and data rows of hostile cells."""
    pool = draw(st.sampled_from([STORY_HEADERS, PRAISE_HEADERS, STORY_HEADERS + PRAISE_HEADERS]))
    header = draw(st.lists(st.one_of(st.sampled_from(pool), st.text(max_size=12)), min_size=1, max_size=8))
    width = len(header)
    rows = draw(st.lists(st.lists(cell_text, min_size=0, max_size=width + 2), max_size=12))
    title_cells = st.sampled_from(["My wins 2025", "", "Notes:"])
    title_rows = draw(st.lists(st.lists(title_cells, max_size=2), max_size=2))
    return [*title_rows, header, *rows]


def csv_bytes(rows: list[list[str]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- random and damaged bytes

@fuzz(600)
@given(
    data=st.binary(max_size=4096),
    ext=st.sampled_from([".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods", ".xlsm", ".pdf", ""]),
)
def test_random_bytes_never_crash(data, ext):
    load([(f"random{ext}", data)])


@fuzz(300)
@given(
    data=st.binary(min_size=1, max_size=2048),
    ext=st.sampled_from([".xlsx", ".xls", ".ods", ".csv"]),
    magic=st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xfe", b"\xef\xbb\xbf"]),
)
def test_bytes_behind_a_real_magic_number_are_refused_cleanly(data, ext, magic):
    """A file that starts like a workbook (or a BOM) but is garbage: one message, not a crash."""
    load([(f"fake{ext}", magic + data)])


@fuzz(150)
@given(
    table=tables(),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8),
)
def test_damaged_workbooks_are_refused_or_loaded_never_crash(table, cut, flips):
    original = xlsx_bytes({"Stories": table})
    damaged = bytearray(original[: max(1, int(len(original) * cut))] if cut < 0.98 else original)
    for where, value in flips:
        damaged[min(len(damaged) - 1, int(where * len(damaged)))] = value
    load([("damaged.xlsx", bytes(damaged))])


# ---------------------------------------------------------------- generated CSVs and workbooks

@fuzz(500)
@given(
    table=tables(),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]),
    ext=st.sampled_from([".csv", ".tsv", ".txt"]),
)
def test_generated_csvs_account_for_every_row(table, delimiter, encoding, ext):
    load([(f"gen{ext}", csv_bytes(table, delimiter, encoding))])


@fuzz(150)
@given(
    stories=tables(),
    praise=tables(),
    names=st.tuples(st.sampled_from(["Stories", "Wins", "Sheet1", "Notes", "<b>x<b>", "Praise ☕"]),
                    st.sampled_from(["Praise", "Kudos", "Sheet2", "Instructions", "=A1"])),
)
def test_generated_workbooks_account_for_every_row(stories, praise, names):
    sheets = {names[0]: stories}
    if names[1] != names[0]:
        sheets[names[1]] = praise
    load([("gen.xlsx", xlsx_bytes(sheets))])


@fuzz(100)
@given(tables_=st.lists(tables(), min_size=2, max_size=3), dup=st.booleans())
def test_several_files_at_once_stay_accounted(tables_, dup):
    files = [(f"part{i}.csv", csv_bytes(t, ",", "utf-8")) for i, t in enumerate(tables_)]
    if dup:
        files.append(("copy.csv", files[0][1]))
    load(files)


@fuzz(20)
@given(
    mapping=st.dictionaries(
        st.sampled_from(["date", "title", "result", "text", "from", "nonsense"]),
        st.sampled_from(["When", "What", "Outcome", "missing column", ""]),
        max_size=4,
    )
)
def test_a_column_mapping_naming_missing_columns_never_crashes(mapping):
    rows = [["When", "What", "Outcome"], ["2025-03-01", "Shipped it", "Saved 3 days"]]
    load([("mine.csv", csv_bytes(rows, ",", "utf-8"))], column_mapping={"mine.csv": mapping})


# ---------------------------------------------------------------- known good rows survive hostile cells

KEPT_TEXT = [t for t in HOSTILE_TEXT if t.strip() and "\x00" not in t]


@pytest.mark.parametrize("text", KEPT_TEXT, ids=[f"text{i}" for i in range(len(KEPT_TEXT))])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_text_in_a_valid_row_is_kept_verbatim(text, fmt):
    """Formulas, markup and direction overrides are data: loaded as the exact text, not evaluated."""
    rows = [["date", "title", "challenge", "action", "result"], ["2025-03-15", "Hostile", "c", "a", text]]
    if fmt == "csv":
        files = [("hostile.csv", csv_bytes(rows, ",", "utf-8"))]
    else:
        if text.startswith("="):  # openpyxl would write a real formula; a text cell is what users have
            workbook = openpyxl.Workbook()
            sheet = workbook.active
            sheet.title = "Stories"
            sheet.append(rows[0])
            sheet.append(rows[1][:4])
            sheet.cell(row=2, column=5, value=text).data_type = "s"
            buffer = io.BytesIO()
            workbook.save(buffer)
            files = [("hostile.xlsx", buffer.getvalue())]
        else:
            files = [("hostile.xlsx", xlsx_bytes({"Stories": rows}))]
    dataset = load(files)
    assert len(dataset.stories) == 1, dataset.problems
    assert dataset.stories[0].result in (text, text.strip())


def test_a_cell_longer_than_excel_allows_is_not_cut_silently():
    """Excel cells hold 32,767 characters; calamine cuts longer ones. Cut is fine, silent is not."""
    text = "word " * 8_000  # 40,000 characters, as a CSV import (then our own export) can produce
    rows = [["date", "title", "result"], ["2025-03-15", "t", text]]
    dataset = load([("long.xlsx", xlsx_bytes({"Stories": rows}))])
    result = dataset.stories[0].result
    if result != text.strip():
        assert [p for p in dataset.problems if p.row == 2], "a cell was shortened without a warning"


# ---------------------------------------------------------------- refused quickly, in bounded memory

def _bomb_xlsx(rows: int) -> bytes:
    """A real-looking workbook whose one sheet inflates ~300x: hundreds of MB from well under 1 MB."""
    out = io.BytesIO()
    row = (b'<row><c t="inlineStr"><is><t>2025-01-02</t></is></c>'
           b'<c t="inlineStr"><is><t>AAAA</t></is></c></row>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK_XML)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxml'
                        b'formats.org/spreadsheetml/2006/main"><sheetData>'
                        b'<row><c t="inlineStr"><is><t>date</t></is></c><c t="inlineStr"><is><t>title</t>'
                        b'</is></c></row>')
            chunk = row * 10_000
            for _ in range(rows // 10_000):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_XML = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Stories" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)

# Run in a child process: its peak RSS is its own (this worker's is polluted by other tests), and an
# address-space cap turns a runaway allocation into a failure instead of a stalled machine.
_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time

    def peak_mb():
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork+exec from the (big) test process.
        with open("/proc/self/status") as status:
            line = next(x for x in status if x.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024

    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))
    from core.ingest.importer import load_uploads
    name = sys.argv[1]
    data = sys.stdin.buffer.read()
    start = time.perf_counter()
    dataset = load_uploads([(name, data)])
    seconds = time.perf_counter() - start
    status = dataset.files[0]
    print(json.dumps({"error": status.error, "stories": len(dataset.stories), "praise": len(dataset.praise),
                      "rows_read": dataset.rows_read, "seconds": seconds,
                      "peak_mb": peak_mb()}))
    """
)


def _load_in_child(name: str, data: bytes) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, name], input=data, capture_output=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def test_zip_bomb_workbook_is_refused_quickly_in_bounded_memory():
    bomb = _bomb_xlsx(2_000_000)  # ~0.7 MB that inflates to ~200 MB of XML (millions of cells)
    assert len(bomb) < 2 * 1024 * 1024
    result = _load_in_child("bomb.xlsx", bomb)
    assert result["error"], result
    assert result["stories"] == result["praise"] == 0
    assert result["peak_mb"] < 600, f"refusing a zip bomb peaked at {result['peak_mb']:.0f} MB"
    assert result["seconds"] < 20, result  # generous sanity bound, not a benchmark


def test_a_million_row_csv_is_refused_at_the_row_limit_in_bounded_memory():
    data = b"date,title,result\n" + b"2025-01-02,t,r\n" * 1_000_000  # 15 MB: under the size limit
    assert len(data) < Limits().max_bytes
    result = _load_in_child("million.csv", data)
    assert result["error"] and "row" in result["error"].lower(), result
    assert result["stories"] == 0
    assert result["peak_mb"] < 800, f"refusing a million rows peaked at {result['peak_mb']:.0f} MB"
    assert result["seconds"] < 20, result


def test_a_file_over_the_size_limit_is_refused_before_parsing():
    limits = Limits(max_bytes=1024 * 1024)
    data = b"date,title,result\n" + b"2025-01-02,t,r\n" * 80_000  # ~1.2 MB
    tracemalloc.start()
    try:
        dataset = load([("big.csv", data)], limits=limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert dataset.files[0].error and "limit" in dataset.files[0].error.lower()
    assert peak < 8 * len(data), f"refusing by size allocated {peak / 1e6:.1f} MB"


def _ref(level: int) -> str:
    return f"&lol{level or ''};"


def test_entity_expansion_in_a_sheet_is_not_expanded():
    """A 'billion laughs' DOCTYPE inside a sheet must not blow up memory or time."""
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{_ref(i - 1) * 10}">' for i in range(1, 10))
        + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row><c t="inlineStr"><is><t>date</t></is></c><c t="inlineStr"><is><t>title</t></is></c></row>'
        '<row><c t="inlineStr"><is><t>2025-01-02</t></is></c>'
        '<c t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK_XML)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", laughs)
    result = _load_in_child("laughs.xlsx", out.getvalue())
    assert result["peak_mb"] < 600, result
    assert result["stories"] <= 1
