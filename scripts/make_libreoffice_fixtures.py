"""Make the issue-13 workbook fixtures with LibreOffice itself (tests/fixtures/lo_*).

LibreOffice is not a dependency of the app or of CI: only the files this script writes are
committed. To remake them (Debian: `apt-get install --no-install-recommends libreoffice-calc-nogui`):

    python scripts/make_libreoffice_fixtures.py

Two kinds of file, each converted by `soffice --headless --convert-to` (LibreOffice 7.4 made the
committed ones), so the bytes, styles, date cells and saved formula values are LibreOffice's own:

- the CSV fixtures of issue 13 opened as LibreOffice opens a CSV (comma, UTF-8, English (US),
  "detect special numbers" on, so "May 2026" and "2026-03-02" become date cells as they do for a
  user) and saved as .xlsx, .xls or .ods: lo_month_year_dates.*, lo_marketing_wins.xlsx,
  lo_my_wins_2026.ods, lo_what_happened.ods, lo_star_story_bank.xlsx;
- lo_wins_hidden_formulas.{xlsx,xls,ods}: a flat-XML spreadsheet (written below) with formula
  cells WITHOUT values, a formula error, a hidden sheet and a notes sheet; LibreOffice computes
  the formulas and saves their values, keeps the sheet hidden, and writes each format;
- lo_month_cells.{xlsx,ods}: date cells formatted to show only the month ("May 2026", "06/2026")
  beside a day date;
- lo_table_at_b3.{xlsx,ods}: a table that starts at cell B3 (two empty rows, one empty column),
  its last row nothing but formula errors.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from make_fixtures import OUT, soffice

CSV_IMPORT = "CSV:44,34,76,1,,1033,false,true"  # comma, '"', UTF-8, line 1, English (US), detect dates
CONVERSIONS = {  # CSV fixture -> (LibreOffice file name, formats)
    "month_year_dates.csv": ("lo_month_year_dates", ("xlsx", "xls", "ods")),
    "marketing_wins.csv": ("lo_marketing_wins", ("xlsx",)),
    "my_wins_2026.csv": ("lo_my_wins_2026", ("ods",)),
    "google_sheets_what_happened.csv": ("lo_what_happened", ("ods",)),
    "star_story_bank.csv": ("lo_star_story_bank", ("xlsx",)),
}

HEADER = ["Date", "Title", "What happened", "What I did", "Impact"]
WINS = [
    [dt.date(2026, 1, 5), "Cut CI time", "Builds took 40 minutes", "Split the suite", "Builds: 12 minutes"],
    ["=DATE(2026;2;2)", '="Billing "&"fix"', "Refunds were doubled", "Found the bug", "=C3&\" no more\""],
    ["=DATE(2026;3;2)", '="Search "&"launch"', '="No search"', '="Built the "&"indexer"',
     '="Search used by "&40&"% of users"'],
    ["=1/0", "Cost review", "Idle instances", "Cut them", "-18% cloud bill"],
    ["May 2026", "Hiring loop", "No rubric", "Wrote the rubric", "3 of 3 offers accepted"],
    [],
    ["Q3 2026", "Mentoring", "Two juniors stuck", "Paired weekly", "Both promoted"],
]  # fmt: skip
OLD_WINS = [
    HEADER,
    [dt.date(2025, 6, 2), "Old win", "A slow page", "Cached it", "Page 3x faster"],
    [dt.date(2025, 9, 15), "Older win", "No docs", "Wrote them", "Tickets halved"],
]
NOTES = [["How to use this sheet"], ["One row per win; the date first."]]


def cell(value) -> str:
    """One table:table-cell of flat ODF: a formula (no saved value), a date, a string or nothing."""
    if value == "":
        return "<table:table-cell/>"
    if isinstance(value, str) and value.startswith("="):
        return f"<table:table-cell table:formula={quoteattr('of:' + value)}/>"
    if isinstance(value, tuple):  # (date, cell style): a date cell shown as "May 2026" or "05/2026"
        date = f'office:value-type="date" office:date-value="{value[0]}"'
        return f'<table:table-cell table:style-name="{value[1]}" {date}/>'
    if isinstance(value, dt.date):
        date = f'office:value-type="date" office:date-value="{value}"'
        return f'<table:table-cell table:style-name="day" {date}/>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def sheet(name: str, rows: list[list], hidden: bool = False) -> str:
    body = "".join(f"<table:table-row>{''.join(map(cell, row)) or '<table:table-cell/>'}</table:table-row>"
                   for row in rows)  # fmt: skip
    style = "hidden" if hidden else "shown"
    attributes = f"table:name={quoteattr(name)} table:style-name={quoteattr(style)}"
    return f"<table:table {attributes}>{body}</table:table>"


MONTH_CELLS = [
    ["Date", "Title", "Action"],
    [(dt.date(2026, 5, 1), "month"), "Hiring loop", "Wrote the rubric"],  # shows "May 2026"
    [(dt.date(2026, 6, 1), "month2"), "Cost review", "Cut idle instances"],  # shows "06/2026"
    [dt.date(2026, 6, 15), "Release train", "Set the cadence"],  # shows "2026-06-15"
]
AT_B3 = [[], [], ["", "Date", "Title", "Action"], ["", dt.date(2026, 4, 1), "Release notes", "Wrote them"],
         ["", "next spring", "Roadmap", "Drafted it"], ["", "=1/0", "=NA()", "=1/0"]]  # fmt: skip


def flat_spreadsheet(sheets: str) -> str:
    ns = {
        "office": "office:1.0", "style": "style:1.0", "table": "table:1.0", "text": "text:1.0",
        "number": "datastyle:1.0", "of": "of:1.2",
    }  # fmt: skip
    xmlns = " ".join(f'xmlns:{k}="urn:oasis:names:tc:opendocument:xmlns:{v}"' for k, v in ns.items())
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {xmlns} office:version="1.2" '
        'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:automatic-styles>'
        '<style:style style:name="shown" style:family="table"><style:table-properties table:display="true"/>'
        '</style:style><style:style style:name="hidden" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        '<number:date-style style:name="iso"><number:year number:style="long"/><number:text>-</number:text>'
        '<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>'
        '</number:date-style><style:style style:name="day" style:family="table-cell" '
        'style:data-style-name="iso"/>'
        '<number:date-style style:name="mmm-yyyy"><number:month number:textual="true"/>'
        '<number:text> </number:text><number:year number:style="long"/></number:date-style>'
        '<style:style style:name="month" style:family="table-cell" style:data-style-name="mmm-yyyy"/>'
        '<number:date-style style:name="mm-yyyy"><number:month number:style="long"/>'
        '<number:text>/</number:text><number:year number:style="long"/></number:date-style>'
        '<style:style style:name="month2" style:family="table-cell" style:data-style-name="mm-yyyy"/>'
        '</office:automatic-styles>'
        f"<office:body><office:spreadsheet>{sheets}</office:spreadsheet></office:body></office:document>"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        for source, (name, formats) in CONVERSIONS.items():
            renamed = tmp_dir / f"{name}.csv"
            shutil.copy(OUT / source, renamed)
            for fmt in formats:
                made = soffice(renamed, fmt, tmp_dir / fmt, infilter=CSV_IMPORT)
                shutil.copy(made, OUT / made.name)
                print(made.name)
        wins = sheet("Wins", [HEADER, *WINS]) + sheet("Old wins", OLD_WINS, hidden=True)
        wins += sheet("Notes", NOTES)
        for name, sheets, formats in (
            ("lo_wins_hidden_formulas", wins, ("xlsx", "xls", "ods")),
            ("lo_table_at_b3", sheet("Wins", AT_B3), ("xlsx", "ods")),
            ("lo_month_cells", sheet("Wins", MONTH_CELLS), ("xlsx", "ods")),
        ):
            flat = tmp_dir / f"{name}.fods"
            flat.write_text(flat_spreadsheet(sheets), encoding="utf-8")
            for fmt in formats:
                made = soffice(flat, fmt, tmp_dir / fmt)
                shutil.copy(made, OUT / made.name)
                print(made.name)


if __name__ == "__main__":
    main()
