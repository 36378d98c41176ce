"""Dates people write: month-year, quarters, other languages, and months without a year."""

from __future__ import annotations

import datetime as dt

import pytest

from core.ingest.dates import YearHints, file_year, parse_column
from core.ingest.importer import load_paths, load_uploads
from core.model import date_label
from tests.conftest import FIXTURES

D = dt.date


def _by_title(ds):
    return {s.title or s.description: (s.date, s.date_precision) for s in ds.stories}


def test_month_year_and_quarter_dates_load_as_approximate():
    ds = load_paths([FIXTURES / "month_year_dates.csv"])
    assert (len(ds.stories), len(ds.undated), ds.rows_read, ds.rows_skipped) == (8, 1, 10, 1)
    assert _by_title(ds) == {
        "Onboarding revamp": (D(2026, 5, 1), "month"),  # 5/2026
        "Cost review": (D(2026, 6, 1), "month"),  # 6/2026
        "Hiring loop": (D(2026, 5, 1), "month"),  # May 2026
        "Demo day": (D(2026, 5, 1), "month"),  # 2026-05
        "Platform survey": (D(2026, 7, 1), "quarter"),  # Q3 2026
        "Mentoring": (D(2026, 7, 1), "quarter"),  # 2026-Q3
        "Incident drill": (D(2026, 7, 1), "month"),  # July: the column's year
        "Release train": (D(2026, 3, 2), "day"),
    }
    messages = [(p.severity, p.row, p.message) for p in ds.problems]
    assert messages == [
        ("warning", None, "Dates without a year in column 'Date' were read as 2026: 'July' (1 row, the year "
         "of the other dates in column 'Date'). Write the year in the file if that is wrong."),
        # A blank date: the story loads undated, to be given a month in the app.
        ("warning", 9, "No date: loaded as an undated story. Give it a month (Import or Timeline page) to "
         "place it on the Timeline."),
        # The hint uses the file's own year, not a fixed example.
        ("error", 10, "Row not loaded: 'sometime in spring' is not a date we can read (try 2026-03-15)."),
    ]  # fmt: skip


def test_accented_and_other_language_month_names():
    ds = load_paths([FIXTURES / "european_month_names.csv"])
    assert ds.rows_skipped == 0
    assert _by_title(ds) == {
        "Migration": (D(2025, 12, 15), "day"),  # 15 décembre 2025
        "Formation": (D(2025, 2, 1), "month"),  # février, the year of the column
        "Audit": (D(2025, 3, 15), "day"),  # 15. März 2025
        "Salon": (D(2025, 3, 1), "day"),  # 1er mars 2025
    }


def test_the_file_name_fixes_the_year_and_says_so():
    ds = load_paths([FIXTURES / "my_wins_2026.csv"])
    assert _by_title(ds) == {
        "Summer sale": (D(2026, 7, 1), "month"),
        "Agency review": (D(2026, 7, 1), "quarter"),
    }
    assert [p.message for p in ds.problems] == [
        "Dates without a year in column 'When' were read as 2026: 'July', 'Q3' (2 rows, the year in the "
        "file's name). Write the year in the file if that is wrong."
    ]


def test_nothing_fixes_the_year_so_the_rows_wait_for_the_users_answer():
    name, data = "marketing_wins.csv", (FIXTURES / "marketing_wins.csv").read_bytes()
    first = load_uploads([(name, data)])
    assert (len(first.stories), first.rows_skipped, first.files[0].needs_year) == (0, 5, True)
    assert first.problems[0].message == (
        "Row not loaded: 'Jan' has no year: write it in the file, or say which year on the Import page."
    )
    answered = load_uploads([(name, data)], years={name: 2026})
    assert (len(answered.stories), answered.rows_skipped, answered.files[0].needs_year) == (5, 0, False)
    assert [s.when for s in answered.stories] == ["Jan 2026", "Mar 2026", "Q2 2026", "Q2 2026", "Sep 2026"]
    assert "(5 rows, the year you chose)" in answered.problems[0].message


def test_the_review_period_fixes_the_year_when_it_holds_the_month_once():
    name, data = "marketing_wins.csv", (FIXTURES / "marketing_wins.csv").read_bytes()
    fiscal = (D(2025, 4, 1), D(2026, 3, 31))
    ds = load_uploads([(name, data)], period=fiscal)
    assert [s.date for s in ds.stories] == [
        D(2026, 1, 1),
        D(2026, 3, 1),
        D(2025, 4, 1),
        D(2025, 4, 1),
        D(2025, 9, 1),
    ]
    assert "were read as 2025 and 2026" in ds.problems[0].message


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Rows in order: a year-less month takes the year that keeps it between its neighbours.
        (["2025-11-20", "Dec", "2026-01-10", "Feb", "2026-03-01"], [D(2025, 12, 1), D(2026, 2, 1)]),
        (["2025-11-20", "Jan", "2026-03-01"], [D(2026, 1, 1)]),
    ],
)
def test_neighbouring_rows_fix_the_year(values, expected):
    result = parse_column(values, "When")
    assert [result.dates[i] for i in sorted(result.precision)] == expected
    assert "the year of the rows around them" in result.year_warning


@pytest.mark.parametrize(
    ("name", "year"),
    [("my_wins_2026.csv", 2026), ("brag 2025-2026.xlsx", None), ("wins.csv", None), ("v12026.csv", None)],
)
def test_file_year(name, year):
    assert file_year(name) == year


@pytest.mark.parametrize(
    ("day", "precision", "label"),
    [
        (D(2026, 5, 14), "day", "14 May 2026"),
        (D(2026, 5, 1), "month", "May 2026"),
        (D(2026, 7, 1), "quarter", "Q3 2026"),
    ],
)
def test_approximate_dates_are_shown_as_their_month_or_quarter(day, precision, label):
    assert date_label(day, precision) == label


def test_approximate_dates_survive_the_workbook_round_trip():
    from core.writing.workbook import write_workbook

    ds = load_paths([FIXTURES / "month_year_dates.csv"])
    back = load_uploads([("export.xlsx", write_workbook(ds))])
    assert [(s.date, s.date_precision) for s in back.stories] == [
        (s.date, s.date_precision) for s in ds.stories
    ]


def test_hints_never_override_a_year_the_column_gives():
    result = parse_column(["2025-02-01", "July"], "When", hints=YearHints(file_year=2030, chosen=2031))
    assert result.dates[1] == D(2025, 7, 1)
