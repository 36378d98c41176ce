"""Review periods: quarter arithmetic, fiscal years, leap years, edges and the --period spec."""

from __future__ import annotations

import datetime as dt

import pytest

from core.analysis.period import (
    calendar_year,
    custom_period,
    default_period,
    fiscal_year,
    half_year,
    parse_period,
)

D = dt.date


def spans(period):
    return [(q.label, q.start, q.end) for q in period.quarters]


@pytest.mark.parametrize(
    ("fy", "month", "start", "end", "first", "last"),
    [
        (
            2026,
            4,
            D(2025, 4, 1),
            D(2026, 3, 31),
            ("FY26 Q1", D(2025, 4, 1), D(2025, 6, 30)),
            ("FY26 Q4", D(2026, 1, 1), D(2026, 3, 31)),
        ),
        (
            2026,
            7,
            D(2025, 7, 1),
            D(2026, 6, 30),
            ("FY26 Q1", D(2025, 7, 1), D(2025, 9, 30)),
            ("FY26 Q4", D(2026, 4, 1), D(2026, 6, 30)),
        ),
        (
            2026,
            1,
            D(2026, 1, 1),
            D(2026, 12, 31),
            ("FY26 Q1", D(2026, 1, 1), D(2026, 3, 31)),
            ("FY26 Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ),
        (
            2026,
            12,
            D(2025, 12, 1),
            D(2026, 11, 30),
            ("FY26 Q1", D(2025, 12, 1), D(2026, 2, 28)),
            ("FY26 Q4", D(2026, 9, 1), D(2026, 11, 30)),
        ),
        # leap year: the quarter holding February ends on the 29th
        (
            2024,
            12,
            D(2023, 12, 1),
            D(2024, 11, 30),
            ("FY24 Q1", D(2023, 12, 1), D(2024, 2, 29)),
            ("FY24 Q4", D(2024, 9, 1), D(2024, 11, 30)),
        ),
        (
            2024,
            3,
            D(2023, 3, 1),
            D(2024, 2, 29),
            ("FY24 Q1", D(2023, 3, 1), D(2023, 5, 31)),
            ("FY24 Q4", D(2023, 12, 1), D(2024, 2, 29)),
        ),
    ],
)
def test_fiscal_year(fy, month, start, end, first, last):
    period = fiscal_year(fy, month)
    assert (period.start, period.end) == (start, end)
    assert len(period.quarters) == 4
    assert spans(period)[0] == first
    assert spans(period)[-1] == last
    # quarters tile the year: each starts the day after the previous one ends
    for a, b in zip(period.quarters, period.quarters[1:], strict=False):
        assert b.start - a.end == dt.timedelta(days=1)


def test_calendar_year_and_halves():
    assert spans(calendar_year(2024))[0] == ("Q1 2024", D(2024, 1, 1), D(2024, 3, 31))
    h2 = half_year(2025, 2)
    assert (h2.label, h2.start, h2.end) == ("H2 2025", D(2025, 7, 1), D(2025, 12, 31))
    assert [q.label for q in h2.quarters] == ["Q3 2025", "Q4 2025"]
    fh2 = half_year(2026, 2, 4)
    assert (fh2.start, fh2.end) == (D(2025, 10, 1), D(2026, 3, 31))
    assert [q.label for q in fh2.quarters] == ["FY26 Q3", "FY26 Q4"]


@pytest.mark.parametrize(
    ("spec", "day", "quarter"),
    [
        ("FY2026:4", D(2025, 4, 1), "FY26 Q1"),  # first day of the period
        ("FY2026:4", D(2025, 6, 30), "FY26 Q1"),  # last day of a quarter
        ("FY2026:4", D(2025, 7, 1), "FY26 Q2"),
        ("FY2026:4", D(2026, 3, 31), "FY26 Q4"),  # last day of the period
        ("FY2026:4", D(2025, 3, 31), None),  # the day before: outside
        ("FY2026:4", D(2026, 4, 1), None),  # the day after: outside
        ("2024", D(2024, 2, 29), "Q1 2024"),
        ("FY2024:3", D(2024, 2, 29), "FY24 Q4"),
        ("2024-02-29:2025-02-28", D(2025, 2, 28), "29 Nov 2024–28 Feb 2025"),
    ],
)
def test_quarter_of_edges_are_inclusive(spec, day, quarter):
    period = parse_period(spec, [])
    found = period.quarter_of(day)
    assert (found.label if found else None) == quarter
    assert period.contains(day) is (quarter is not None)


@pytest.mark.parametrize(
    ("spec", "labels", "note"),
    [
        (
            "2025-03-01:2026-02-28",
            ["Mar–May 2025", "Jun–Aug 2025", "Sep–Nov 2025", "Dec 2025–Feb 2026"],
            None,
        ),
        ("2025-01-01:2025-12-31", ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"], None),
        (
            "2025-02-01:2025-06-30",
            ["Feb–Apr 2025", "May–Jun 2025"],
            "The last quarter (May–Jun 2025) is short: 61 days",
        ),
        (
            "2025-03-15:2025-12-31",
            ["15 Mar–14 Jun 2025", "15 Jun–14 Sep 2025", "15 Sep–14 Dec 2025", "15 Dec–31 Dec 2025"],
            "is short: 17 days",
        ),
        (
            "2024-02-29:2025-02-28",
            ["29 Feb–28 May 2024", "29 May–28 Aug 2024", "29 Aug–28 Nov 2024", "29 Nov 2024–28 Feb 2025"],
            None,
        ),
        ("2025-06-10:2025-06-10", ["10 Jun–10 Jun 2025"], "is short: 1 day,"),
        (
            "2025-01-31:2025-12-31",
            ["31 Jan–30 Apr 2025", "1 May–30 Jul 2025", "31 Jul–30 Oct 2025", "31 Oct–31 Dec 2025"],
            "is short: 62 days",
        ),
    ],
)
def test_custom_ranges_are_cut_into_three_month_chunks(spec, labels, note):
    period = parse_period(spec, [])
    assert [q.label for q in period.quarters] == labels
    assert period.quarters[0].start == period.start and period.quarters[-1].end == period.end
    if note is None:
        assert period.notes == ()
    else:
        assert note in period.notes[0]


@pytest.mark.parametrize(
    ("spec", "label", "start", "end"),
    [
        ("2025", "2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("FY2026:4", "FY26 (Apr 2025 – Mar 2026)", D(2025, 4, 1), D(2026, 3, 31)),
        ("fy26:april", "FY26 (Apr 2025 – Mar 2026)", D(2025, 4, 1), D(2026, 3, 31)),
        ("FY2026:Jul", "FY26 (Jul 2025 – Jun 2026)", D(2025, 7, 1), D(2026, 6, 30)),
        ("H2 2025", "H2 2025", D(2025, 7, 1), D(2025, 12, 31)),
        ("2025H1", "H1 2025", D(2025, 1, 1), D(2025, 6, 30)),
        ("H1 FY2026:4", "FY26 H1 (Apr 2025 – Sep 2025)", D(2025, 4, 1), D(2025, 9, 30)),
        ("2025-03-01:2026-02-28", "1 Mar 2025 – 28 Feb 2026", D(2025, 3, 1), D(2026, 2, 28)),
        ("2025-03-01 to 2026-02-28", "1 Mar 2025 – 28 Feb 2026", D(2025, 3, 1), D(2026, 2, 28)),
        (" 2025-03-01..2026-02-28 ", "1 Mar 2025 – 28 Feb 2026", D(2025, 3, 1), D(2026, 2, 28)),
    ],
)
def test_parse_period(spec, label, start, end):
    period = parse_period(spec, [])
    assert (period.label, period.start, period.end) == (label, start, end)
    assert parse_period(period.spec, []) == period  # the spec rebuilds the same period


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("FY2026", "say which month the fiscal year starts"),
        ("FY2026:13", "start month must be 1 (January) to 12 (December)"),
        ("FY2026:smarch", "'smarch' is not a month"),
        ("2025-02-30:2025-12-31", "2025-02-30 is not a real date"),
        ("2026-01-01:2025-01-01", "ends (2025-01-01) before it starts (2026-01-01)"),
        ("H3 2025", "Unrecognised period 'H3 2025': use 2025 (calendar year)"),
        ("last year", "Unrecognised period 'last year'"),
        ("25", "Unrecognised period"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec, message):
    with pytest.raises(ValueError, match=None) as err:
        parse_period(spec, [])
    assert message in str(err.value)
    assert spec.strip() in str(err.value)


@pytest.mark.parametrize(
    ("dates", "label", "start", "end"),
    [
        ([D(2025, 11, 3), D(2025, 2, 1)], "Q1 2025 – Q4 2025", D(2025, 1, 1), D(2025, 12, 31)),
        ([D(2026, 2, 29 - 1)], "Q2 2025 – Q1 2026", D(2025, 4, 1), D(2026, 3, 31)),
        ([D(2024, 7, 1)], "Q4 2023 – Q3 2024", D(2023, 10, 1), D(2024, 9, 30)),
    ],
)
def test_default_is_the_last_four_calendar_quarters_of_the_data(dates, label, start, end):
    for period in (default_period(dates), parse_period("", dates), parse_period("default", dates)):
        assert (period.label, period.start, period.end) == (label, start, end)
        assert len(period.quarters) == 4


def test_months_are_clipped_to_the_period():
    months = custom_period(D(2025, 3, 15), D(2025, 5, 10)).months()
    assert [(m.label, m.start, m.end) for m in months] == [
        ("Mar 2025", D(2025, 3, 15), D(2025, 3, 31)),
        ("Apr 2025", D(2025, 4, 1), D(2025, 4, 30)),
        ("May 2025", D(2025, 5, 1), D(2025, 5, 10)),
    ]
    assert len(fiscal_year(2026, 4).months()) == 12
