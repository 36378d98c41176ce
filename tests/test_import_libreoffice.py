"""Issue 13's cases in workbooks LibreOffice itself wrote (tests/fixtures/lo_*, made by
scripts/make_libreoffice_fixtures.py with LibreOffice 7.4): exact counts, dates and messages."""

from __future__ import annotations

import datetime as dt

import pytest

from core.ingest.importer import load_paths, load_uploads
from tests.conftest import FIXTURES

D = dt.date


def load(name: str, **choices):
    return load_uploads([(name, (FIXTURES / name).read_bytes())], **choices)


def counts(dataset) -> tuple[int, int, int, int]:
    return len(dataset.stories), len(dataset.undated), dataset.rows_read, dataset.rows_skipped


def messages(dataset) -> list[tuple]:
    return [(p.sheet, p.row, p.column, p.severity, p.message) for p in dataset.problems]


@pytest.mark.parametrize("ext", ["xlsx", "xls", "ods"])
def test_months_and_quarters_saved_by_libreoffice(ext):
    """LibreOffice's CSV import turns "May 2026" and "2026-03-02" into date cells (the sheet shows
    05/01/26): those are days now, as the user's sheet shows them. The rest stays text and is read
    as a month or quarter; the year-less "July" takes the column's year, with a warning."""
    name = f"lo_month_year_dates.{ext}"
    dataset = load(name)
    assert counts(dataset) == (8, 1, 10, 1)
    assert [(s.title, s.date, s.date_precision) for s in dataset.stories] == [
        ("Onboarding revamp", D(2026, 5, 1), "month"),
        ("Cost review", D(2026, 6, 1), "month"),
        ("Hiring loop", D(2026, 5, 1), "day"),  # a date cell LibreOffice made from "May 2026"
        ("Demo day", D(2026, 5, 1), "month"),
        ("Platform survey", D(2026, 7, 1), "quarter"),
        ("Mentoring", D(2026, 7, 1), "quarter"),
        ("Incident drill", D(2026, 7, 1), "month"),
        ("Release train", D(2026, 3, 2), "day"),
    ]
    assert [s.title for s in dataset.undated] == ["Docs day"]
    sheet = "lo_month_year_dates"
    assert messages(dataset) == [
        (sheet, None, "Date", "warning", "Dates without a year in column 'Date' were read as 2026: "
         "'July' (1 row, the year of the other dates in column 'Date'). Write the year in the file if "
         "that is wrong."),
        (sheet, 9, "Date", "warning", "No date: loaded as an undated story. Give it a month (Import or "
         "Timeline page) to place it on the Timeline."),
        (sheet, 10, "Date", "error", "Row not loaded: 'sometime in spring' is not a date we can read "
         "(try 2026-03-15)."),
    ]  # fmt: skip


def test_yearless_months_ask_once_then_load_with_the_year_given():
    asked = load("lo_marketing_wins.xlsx")
    assert asked.files[0].needs_year and (asked.rows_read, asked.rows_skipped) == (5, 5)
    assert messages(asked)[0] == (
        "lo_marketing_wins", 2, "Month", "error",
        "Row not loaded: 'Jan' has no year: write it in the file, or say which year on the Import page.",
    )  # fmt: skip
    given = load("lo_marketing_wins.xlsx", years={"lo_marketing_wins.xlsx": 2026})
    assert [(s.when, s.title) for s in given.stories] == [
        ("Jan 2026", "Brand refresh"), ("Mar 2026", "Webinar series"), ("Q2 2026", "Partner launch"),
        ("Q2 2026", "Pricing page test"), ("Sep 2026", "Event booth"),
    ]  # fmt: skip
    assert [p.message for p in given.problems] == [
        "Dates without a year in column 'Month' were read as 2026: 'Jan', 'March', 'Q2', 'Sept' "
        "(5 rows, the year you chose). Write the year in the file if that is wrong."
    ]


def test_the_file_name_fixes_the_year_in_an_ods():
    dataset = load_paths([FIXTURES / "lo_my_wins_2026.ods"])
    assert [(s.when, s.title, s.challenge) for s in dataset.stories] == [
        ("Jul 2026", "Summer sale", "Stock was stuck in the warehouse"),
        ("Q3 2026", "Agency review", "Agency costs kept rising"),
    ]
    assert [p.message for p in dataset.problems] == [
        "Dates without a year in column 'When' were read as 2026: 'July', 'Q3' (2 rows, the year in "
        "the file's name). Write the year in the file if that is wrong."
    ]


def test_peoples_headers_are_read_and_shown_in_an_ods():
    dataset = load_paths([FIXTURES / "lo_what_happened.ods"])
    reading = dataset.files[0].readings[0]
    assert list(zip(reading.headers, reading.fields, strict=True)) == [
        ("When", "date"), ("What happened", "challenge"), ("What I did", "action"), ("Impact", "result"),
        ("Link", "link"), ("Who noticed", "noticed_by"), ("Lesson", "lesson"), ("Theme", "theme"),
        ("Organisation", "organisation"),
    ]  # fmt: skip
    first = dataset.stories[0]
    assert (first.date, first.challenge, first.noticed_by, first.theme) == (
        D(2026, 2, 3), "Checkout errors doubled after the release", "Priya (SRE lead)", "Ownership"
    )
    assert not dataset.problems


def test_a_story_bank_without_dates_loads_undated_from_xlsx():
    dataset = load_paths([FIXTURES / "lo_star_story_bank.xlsx"])
    assert (len(dataset.stories), len(dataset.undated), dataset.rows_skipped) == (0, 2, 0)
    assert dataset.undated[0].challenge == "The launch date moved up two weeks\n\nShip checkout on time"
    assert [p.message for p in dataset.problems] == [
        "No date column: these stories were loaded without dates. Give each a month (Import or Timeline "
        "page) to place it on the Timeline; until then they stay out of period figures."
    ]


WINS_LOADED = [
    (2, D(2026, 1, 5), "Cut CI time", "Builds: 12 minutes"),
    (3, D(2026, 2, 2), "Billing fix", "Refunds were doubled no more"),  # formulas: LibreOffice saved values
    (4, D(2026, 3, 2), "Search launch", "Search used by 40% of users"),
    (6, D(2026, 5, 1), "Hiring loop", "3 of 3 offers accepted"),
    (8, D(2026, 7, 1), "Mentoring", "Both promoted"),
]
HIDDEN_NOTE = (
    "Old wins", None, None, "warning",
    "Sheet 'Old wins' is hidden in the workbook, so it was skipped: include hidden sheets on the Import "
    "page to load it.",
)  # fmt: skip
NOTES_NOTE = (
    "Notes", None, None, "warning",
    "Sheet 'Notes' was skipped: it looks like notes or instructions, not stories or praise.",
)  # fmt: skip
DIV0 = ("Wins", 5, "Date", "error",
        "Row not loaded: the date cell shows a formula error (#DIV/0!): fix it or type a date.")  # fmt: skip
XLS_DIV0 = ("Wins", 5, "Date", "warning",  # an .xls is binary: its error cells read as empty
            "No date: loaded as an undated story. Give it a month (Import or Timeline page) to place it on "
            "the Timeline.")  # fmt: skip


@pytest.mark.parametrize(
    "ext, error, expected",
    [("xlsx", DIV0, (5, 0, 6, 1)), ("ods", DIV0, (5, 0, 6, 1)), ("xls", XLS_DIV0, (5, 1, 6, 0))],
)
def test_formulas_hidden_sheet_and_notes_in_a_libreoffice_workbook(ext, error, expected):
    dataset = load(f"lo_wins_hidden_formulas.{ext}")
    loaded = [(s.origin.row, s.date, s.title, s.result) for s in dataset.stories]
    assert loaded == WINS_LOADED
    assert counts(dataset) == expected
    assert messages(dataset) == [error, HIDDEN_NOTE, NOTES_NOTE]
    assert dataset.files[0].hidden_sheets == ["Old wins"]
    with_hidden = load(f"lo_wins_hidden_formulas.{ext}", include_hidden=True)
    assert [(s.origin.sheet, s.title) for s in with_hidden.stories[len(WINS_LOADED) :]] == [
        ("Old wins", "Old win"), ("Old wins", "Older win"),
    ]  # fmt: skip
    assert HIDDEN_NOTE not in messages(with_hidden)


def test_a_date_cell_showing_a_formula_error_can_be_fixed_on_the_import_page():
    rejected = load("lo_wins_hidden_formulas.xlsx").rejected
    assert [(r.row, r.date_text, r.needs, r.values["title"]) for r in rejected] == [
        (5, "#DIV/0!", ("date",), "Cost review")
    ]


@pytest.mark.parametrize("ext", ["xlsx", "ods"])
def test_rows_are_numbered_as_the_sheet_shows_them_when_the_table_starts_at_b3(ext):
    """calamine starts its rows at the sheet's first row, blank ones included: row 4 is row 4."""
    dataset = load(f"lo_table_at_b3.{ext}")
    assert [(s.origin.row, s.date, s.title) for s in dataset.stories] == [(4, D(2026, 4, 1), "Release notes")]
    assert messages(dataset) == [
        ("Wins", 5, "Date", "error", "Row not loaded: 'next spring' is not a date we can read "
         "(try 2026-03-15)."),
        ("Wins", 6, "Date", "error", "Row not loaded: the date cell shows a formula error (#DIV/0!): fix "
         "it or type a date."),  # a row of nothing but formula errors is not lost
    ]  # fmt: skip
    assert (dataset.rows_read, dataset.rows_skipped) == (3, 2)


@pytest.mark.parametrize("ext", ["xlsx", "ods"])
def test_a_date_cell_formatted_as_a_month_loads_as_that_month(ext):
    """What a user who typed "May 2026" into LibreOffice or Excel has: a date cell (the 1st) whose
    format shows no day. It is the month the sheet shows, not the 1st."""
    dataset = load(f"lo_month_cells.{ext}")
    assert [(s.title, s.date, s.date_precision, s.when) for s in dataset.stories] == [
        ("Hiring loop", D(2026, 5, 1), "month", "May 2026"),  # "mmm yyyy"
        ("Cost review", D(2026, 6, 1), "month", "Jun 2026"),  # "mm/yyyy"
        ("Release train", D(2026, 6, 15), "day", "15 Jun 2026"),  # "yyyy-mm-dd"
    ]
    assert not dataset.problems


@pytest.mark.parametrize(
    "code, month",
    [
        ("mmm\\ yyyy", True), ("mm/yyyy", True), ("[$-409]mmmm yyyy", True), ("yyyy-mm", True),
        ('mmmm "of" yyyy', True), ("mm/dd/yy", False), ("yyyy\\-mm\\-dd", False), ("d-mmm", False),
        ("hh:mm", False), ("General", False), ("mm:ss", False),
    ],
)  # fmt: skip
def test_which_number_formats_show_a_month_without_a_day(code, month):
    from core.ingest.sheet_xml import _shows_month_not_day

    assert _shows_month_not_day(code) is month
