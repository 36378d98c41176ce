"""Regenerate the import fixtures of issue 13 in tests/fixtures/ (hostile and everyday files).

CSVs are written byte for byte as Excel and Google Sheets write them (CRLF, quotes only where
needed) and then damaged the way people damage them; workbooks are written with openpyxl, the
way scripts and web exporters write them (formulas without saved values, hidden sheets, a
formatted cell on the last row of the sheet).

    python scripts/make_ingest_fixtures.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
HEADER = "Date,Title,Action,Result"
ROWS = [
    "2026-01-05,Cut CI time,Split the suite,Builds take 12 minutes",
    "2026-01-19,Onboarding guide,Wrote the guide,New hires ship in week one",
    "2026-02-02,Billing fix,Found the rounding bug,Refunds stopped",
    "2026-02-16,On-call rota,Rebalanced the rota,No one paged twice a week",
    "2026-03-02,Search launch,Built the indexer,Search used by 40% of users",
    "2026-03-16,Cost review,Cut idle instances,-18% cloud bill",
    "2026-03-30,Mentoring,Paired with two juniors,Both promoted",
    "2026-04-13,Incident drill,Ran the game day,MTTR down 30%",
    "2026-04-27,API docs,Rewrote the reference,Support tickets halved",
    "2026-05-11,Release train,Set a weekly cadence,Weekly releases",
]


def crlf(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def stray_quote() -> None:
    """A quote typed before a title on line 4 and a quoted word on line 8 (Excel-style CSV)."""
    lines = [HEADER, *ROWS[:7]]
    lines[3] = '2026-02-02,"Billing fix,Found the rounding bug,Refunds stopped'
    lines[7] = '2026-03-30,Mentoring,Paired with "two" juniors,Both promoted'
    (OUT / "stray_quote.csv").write_bytes(crlf(lines))


def unclosed_quote() -> None:
    """Ten rows; the quote opened on line 4 never closes."""
    lines = [HEADER, *ROWS]
    lines[3] = '2026-02-02,"Billing fix,Found the rounding bug,Refunds stopped'
    (OUT / "unclosed_quote.csv").write_bytes(crlf(lines))


def multiline_cell_not_rows() -> None:
    """A real multi-line cell (Alt+Enter in Excel) whose lines are not rows: read as one cell."""
    cell = ['2026-01-19,Onboarding guide,"Wrote the guide:', "- setup", '- first PR",Shipped']
    lines = [HEADER, ROWS[0], *cell]
    (OUT / "multiline_cell.csv").write_bytes(crlf(lines))


def mixed_encoding() -> None:
    """UTF-8 with one line pasted from a Windows-1252 source (Latin-1 bytes for é and à)."""
    data = crlf([HEADER, "2026-01-05,Déjà vu fixed,Traced the retry,No more duplicates"])
    data += "2026-01-19,Café launch,Ran the pop-up,200 visitors\r\n".encode("cp1252")
    data += crlf(["2026-02-02,Naïve cache removed,Replaced it,p99 −40 ms"])
    (OUT / "mixed_encoding.csv").write_bytes(data)


def utf16_without_bom() -> None:
    """UTF-16 little-endian without a byte-order mark (.NET's Encoding.Unicode without preamble)."""
    text = "\r\n".join([HEADER.replace(",", "\t"), *(r.replace(",", "\t") for r in ROWS[:3])]) + "\r\n"
    (OUT / "utf16_no_bom.tsv").write_bytes(text.encode("utf-16-le"))


def csv_named_xlsx() -> None:
    (OUT / "csv_named.xlsx").write_bytes(crlf([HEADER, *ROWS[:3]]))


def theme_hints() -> None:
    """A Google Sheets export (CRLF, quotes only where needed) whose Theme column is written the
    way people write it: other case, abbreviations, a trailing space, a hyphen, a synonym, two
    values in one cell, an accent, a word no framework has and a blank."""
    lines = [
        "Date,Win,What I did,Impact,Theme",
        "2026-01-12,Launch brief,Wrote the brief,Sales used it in 40 calls,Leadership",
        "2026-02-03,Partner webinar,Ran the webinar,300 sign-ups,comms",
        "2026-02-20,Churn interviews,Called 12 customers,Two fixes shipped,Customer focus ",
        "2026-03-09,Pricing bug,Traced the rounding,Refunds stopped,problem-solving",
        "2026-03-30,Launch retro,Ran the retro with design,Next launch on time,Teamwork",
        '2026-04-14,Q2 plan,Planned with finance,"Budget agreed, no cuts","Ownership, learnings"',
        "2026-05-05,Team offsite,Organised the offsite,Everyone came,Synergy",
        "2026-05-26,Blog post,Wrote the post,5k reads,",
        "2026-06-09,Onboarding kit,Rebuilt the kit,New hires ready in a week,Délivering results",
    ]
    (OUT / "theme_hints.csv").write_bytes(crlf(lines))


def workbook(name: str, build) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Wins"
    ws.append(["Date", "Title", "Action", "Result"])
    build(wb, ws)
    wb.save(OUT / name)


def styled_last_row(wb, ws) -> None:
    for row in ROWS[:3]:
        date, *rest = row.split(",")
        ws.append([dt.date.fromisoformat(date), *rest])
    ws.cell(row=1_048_576, column=1).fill = PatternFill("solid", fgColor="FFFF00")


def formulas_without_values(wb, ws) -> None:
    for row in ROWS[:3]:
        date, *rest = row.split(",")
        ws.append([dt.date.fromisoformat(date), *rest])
    ws.append(["=DATE(2026,3,2)", '=CONCAT("Search ","launch")', '="Built the "&"indexer"', "=B5"])
    ws.append(["=TODAY()", "=B2", "=C2", "=D2"])


def hidden_sheets(wb, ws) -> None:
    for row in ROWS[:2]:
        date, *rest = row.split(",")
        ws.append([dt.date.fromisoformat(date), *rest])
    old = wb.create_sheet("Old wins")
    old.append(["Date", "Title", "Action", "Result"])
    old.append([dt.date(2025, 6, 2), "Old win", "Did it", "It worked"])
    old.sheet_state = "hidden"
    lookup = wb.create_sheet("Lookup")
    lookup.append(["Date", "Title", "Action", "Result"])
    lookup.append([dt.date(2025, 7, 2), "Lookup row", "Kept here", "Not a win"])
    lookup.sheet_state = "veryHidden"


if __name__ == "__main__":
    stray_quote()
    unclosed_quote()
    multiline_cell_not_rows()
    mixed_encoding()
    utf16_without_bom()
    csv_named_xlsx()
    theme_hints()
    workbook("styled_last_row.xlsx", styled_last_row)
    workbook("formulas_without_values.xlsx", formulas_without_values)
    workbook("hidden_sheets.xlsx", hidden_sheets)
