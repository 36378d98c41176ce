"""Reading the dates people type: one column at a time, never guessing a single cell.

Day-first vs month-first is decided per column from all of its values (a 15/03 settles it for
the whole column), because people are consistent within a file but not across files. A value
that can't be read is reported, not guessed. Month and quarter values ("March 2025", "Q1 2025")
mean the first day of that month or quarter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("jan", "january", "janv", "januar", "enero"),
            ("feb", "february", "febr", "fev", "fevr", "februar", "febrero"),
            ("mar", "march", "mars", "marz", "maerz", "marzo"),
            ("apr", "april", "avr", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juin", "juni", "junio"),
            ("jul", "july", "juil", "juillet", "juli", "julio"),
            ("aug", "august", "aout", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "octobre", "oktober", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "decembre", "dezember", "diciembre"),
        ),
        start=1,
    )
    for name in names
}

# Excel serial numbers we accept: 1990-01-01 .. 2100-12-31 (a bare 2025 is a year, not a date).
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_TIME = r"(?:[ t,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + r"$")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})" + _TIME + r"$")
_DAY_MON_YEAR = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([a-z]+)\.?,?[\s\-/.]+(\d{4}|\d{2})" + _TIME + r"$"
)
_MON_DAY_YEAR = re.compile(r"([a-z]+)\.?[\s\-/.]+(\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.]+(\d{4})" + _TIME + r"$")
_MON_YEAR = re.compile(r"([a-z]+)\.?[\s\-/.,]+(\d{4})$")
_YEAR_MON = re.compile(r"(\d{4})[-/.](\d{1,2})$")
_QUARTER = re.compile(r"(?:(\d{4})\s*[-/ ]?\s*q([1-4])|q([1-4])\s*[-/ ,]?\s*(?:fy)?\s*(\d{4}))$")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?$")


@dataclass
class ColumnDates:
    """A date column read as a whole: one date (or None) per value, the reasons for each None."""

    dates: list[dt.date | None]
    errors: dict[int, str] = field(default_factory=dict)  # value index -> plain-language reason
    warning: str | None = None  # e.g. the day/month order stayed ambiguous
    order: str | None = None  # "day-first" or "month-first" when numeric dates were seen


def from_serial(value: float) -> dt.date | None:
    """An Excel serial day number as a date, when it falls in a plausible range."""
    if _SERIAL_MIN <= value <= _SERIAL_MAX:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    return None


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _parse_text(text: str) -> tuple[str, tuple] | None:
    """Classify a date string: ("date", (y, m, d)) or ("numeric", (a, b, y)) whose order is open."""
    s = text.strip().lower()
    if m := _ISO.match(s):
        return "date", (int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(s):
        return "numeric", (int(m[1]), int(m[2]), _year(m[3]))
    if (m := _DAY_MON_YEAR.match(s)) and m[2] in MONTHS:
        return "date", (_year(m[3]), MONTHS[m[2]], int(m[1]))
    if (m := _MON_DAY_YEAR.match(s)) and m[1] in MONTHS:
        return "date", (int(m[3]), MONTHS[m[1]], int(m[2]))
    if (m := _MON_YEAR.match(s)) and m[1] in MONTHS:
        return "date", (int(m[2]), MONTHS[m[1]], 1)
    if m := _YEAR_MON.match(s):
        return "date", (int(m[1]), int(m[2]), 1)
    if m := _QUARTER.match(s):
        year, quarter = (m[1], m[2]) if m[1] else (m[4], m[3])
        return "date", (int(year), 3 * (int(quarter) - 1) + 1, 1)
    if _SERIAL.match(s):
        return "serial", (float(s),)
    return None


def parse_column(values: list, column: str = "date", order: str | None = None) -> ColumnDates:
    """Read every value of one date column; `order` forces "day-first"/"month-first" (e.g. LinkedIn)."""
    dates: list[dt.date | None] = [None] * len(values)
    errors: dict[int, str] = {}
    numeric: list[tuple[int, tuple[int, int, int], str]] = []
    cache: dict[str, tuple[str, tuple] | None] = {}
    for index, value in enumerate(values):
        if isinstance(value, dt.datetime):
            dates[index] = value.date()
        elif isinstance(value, dt.date):
            dates[index] = value
        elif isinstance(value, bool):
            errors[index] = f"'{value}' is not a date"
        elif isinstance(value, int | float):
            dates[index] = from_serial(value)
            if dates[index] is None:
                errors[index] = f"the number {value:g} is not a date"
        elif value is None or str(value).strip() == "":
            errors[index] = "the date is missing"
        else:
            text = str(value)
            if text not in cache:
                cache[text] = _parse_text(text)
            parsed = cache[text]
            if parsed is None:
                errors[index] = f"'{text.strip()}' is not a date we can read (try 2025-03-15)"
            elif parsed[0] == "date":
                dates[index] = _make(*parsed[1])
                if dates[index] is None:
                    errors[index] = f"'{text.strip()}' is not a real date"
            elif parsed[0] == "serial":
                dates[index] = from_serial(parsed[1][0])
                if dates[index] is None:
                    errors[index] = f"'{text.strip()}' is not a date we can read (try 2025-03-15)"
            else:
                numeric.append((index, parsed[1], text.strip()))
    result = ColumnDates(dates, errors)
    if numeric:
        _resolve_order(numeric, result, column, order)
    return result


def _resolve_order(numeric, result: ColumnDates, column: str, order: str | None) -> None:
    """Pick one day/month order for the whole column from the values that can only be read one way."""
    day_first = sum(1 for _, (a, b, _y), _t in numeric if a > 12 and b <= 12)
    month_first = sum(1 for _, (a, b, _y), _t in numeric if b > 12 and a <= 12)
    if order is None:
        if day_first or month_first:
            order = "day-first" if day_first >= month_first else "month-first"
        else:
            order = "day-first"
            example = numeric[0][2]
            a, b, y = numeric[0][1]
            reading = _make(y, b, a)
            shown = f"{reading.day} {reading:%B %Y}" if reading else example
            result.warning = (
                f"Every date in column '{column}' reads either day-first or month-first; "
                f"read as day/month/year (so {example} is {shown}). "
                "Write dates as 2025-03-15 to be sure."
            )
    result.order = order
    for index, (a, b, y), text in numeric:
        day, month = (a, b) if order == "day-first" else (b, a)
        result.dates[index] = _make(y, month, day)
        if result.dates[index] is None:
            pattern = "day/month/year" if order == "day-first" else "month/day/year"
            result.errors[index] = (
                f"'{text}' is not a real date when read {pattern} like the rest of column '{column}'"
            )
