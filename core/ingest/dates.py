"""Reading the dates people type: one column at a time, never guessing a single cell.

Day-first vs month-first is decided per column from all of its values (a 15/03 settles it for
the whole column), because people are consistent within a file but not across files. A value
that can't be read is reported, not guessed. Month and quarter values ("March 2025", "5/2026",
"Q1 2025") place the row in that month or quarter and are marked approximate. A month or
quarter without a year ("July", "Q3") takes the year that the rest of the column, the file's
name or the review period fixes, with a warning naming it; when nothing fixes it the row waits
for the user to say the year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from core.text import MONTH_NUMBERS, fold_accents

MONTHS = MONTH_NUMBERS  # the project's one table (core.text), accent-folded names

# Excel serial numbers we accept: 1990-01-01 .. 2100-12-31 (a bare 2025 is a year, not a date).
_SERIAL_MIN, _SERIAL_MAX = 32874, 73415
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_TIME = r"(?:[ t,]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|[+-]\d{2}:?\d{2})?)?"
_SEP = r"(?:[\s\-/.,]+(?:de\s+)?)"  # "15 March", "15-Mar", "15 de marzo de 2025"
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME + r"$")
_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})" + _TIME + r"$")
_DAY_MON_YEAR = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th|er|e)?\.?" + _SEP + r"([a-z]+)\.?,?" + _SEP + r"(\d{4}|\d{2})" + _TIME + r"$"
)
_MON_DAY_YEAR = re.compile(r"([a-z]+)\.?[\s\-/.]+(\d{1,2})(?:st|nd|rd|th)?,?[\s\-/.]+(\d{4})" + _TIME + r"$")
_MON_YEAR = re.compile(r"([a-z]+)\.?" + _SEP + r"(\d{4})$")
_YEAR_MON = re.compile(r"(\d{4})[-/.](\d{1,2})$")
_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{4})$")  # 5/2026
_QUARTER = re.compile(r"(?:(\d{4})\s*[-/ ]?\s*q([1-4])|q([1-4])\s*[-/ ,]?\s*(?:fy)?\s*(\d{4}))$")
_MONTH_ONLY = re.compile(r"([a-z]+)\.?$")
_QUARTER_ONLY = re.compile(r"q([1-4])$")
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?$")

PRECISIONS = ("day", "month", "quarter")
_ASK_YEAR = "write it in the file, or say which year on the Import page"


@dataclass
class YearHints:
    """What can fix the year of "July" or "Q3": the file's name, the review period, the user."""

    file_year: int | None = None  # a year in the file's name ("my_wins_2026.csv")
    period: tuple[dt.date, dt.date] | None = None  # the review period chosen in the app
    chosen: int | None = None  # the user's answer to "Which year are these?"


@dataclass
class ColumnDates:
    """A date column read as a whole: one date (or None) per value, the reasons for each None."""

    dates: list[dt.date | None]
    errors: dict[int, str] = field(default_factory=dict)  # value index -> plain-language reason
    warning: str | None = None  # e.g. the day/month order stayed ambiguous
    order: str | None = None  # "day-first" or "month-first" when numeric dates were seen
    precision: dict[int, str] = field(default_factory=dict)  # value index -> "month" or "quarter"
    year_warning: str | None = None  # which year was assumed for dates written without one
    yearless: list[int] = field(default_factory=list)  # indexes whose year nothing fixed
    missing: set[int] = field(default_factory=set)  # indexes whose date cell is empty


def file_year(name: str) -> int | None:
    """The year a file's name carries ("my_wins_2026.csv" -> 2026), when it names exactly one."""
    years = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", name)}
    return years.pop() if len(years) == 1 else None


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
    """Classify a date string: ("date", (y, m, d)), ("month", (y, m)), ("quarter", (y, q)),
    ("numeric", (a, b, y)) whose order is open, ("serial", (n,)) or a year-less month/quarter."""
    s = fold_accents(text.strip())
    if m := _ISO.match(s):
        return "date", (int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(s):
        return "numeric", (int(m[1]), int(m[2]), _year(m[3]))
    if (m := _DAY_MON_YEAR.match(s)) and m[2] in MONTHS:
        return "date", (_year(m[3]), MONTHS[m[2]], int(m[1]))
    if (m := _MON_DAY_YEAR.match(s)) and m[1] in MONTHS:
        return "date", (int(m[3]), MONTHS[m[1]], int(m[2]))
    if (m := _MON_YEAR.match(s)) and m[1] in MONTHS:
        return "month", (int(m[2]), MONTHS[m[1]])
    if m := _YEAR_MON.match(s):
        return "month", (int(m[1]), int(m[2]))
    if m := _MONTH_YEAR.match(s):
        return "month", (int(m[2]), int(m[1]))
    if m := _QUARTER.match(s):
        year, quarter = (m[1], m[2]) if m[1] else (m[4], m[3])
        return "quarter", (int(year), int(quarter))
    if (m := _MONTH_ONLY.match(s)) and m[1] in MONTHS:
        return "month-only", (MONTHS[m[1]],)
    if m := _QUARTER_ONLY.match(s):
        return "quarter-only", (int(m[1]),)
    if _SERIAL.match(s):
        return "serial", (float(s),)
    return None


def _first_month(kind: str, number: int) -> int:
    return 3 * (number - 1) + 1 if kind.startswith("quarter") else number


FORMULA_ERROR = re.compile(r"#(?:DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA)")


def parse_column(
    values: list, column: str = "date", order: str | None = None, hints: YearHints | None = None
) -> ColumnDates:
    """Read every value of one date column; `order` forces "day-first"/"month-first" (e.g. LinkedIn)."""
    hints = hints or YearHints()
    dates: list[dt.date | None] = [None] * len(values)
    errors: dict[int, str] = {}
    precision: dict[int, str] = {}
    numeric: list[tuple[int, tuple[int, int, int], str]] = []
    yearless: list[tuple[int, str, int, str]] = []  # (index, kind, month or quarter, text)
    unreadable: list[tuple[int, str]] = []
    missing: set[int] = set()
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
            missing.add(index)
        else:
            text = str(value)
            if text not in cache:
                cache[text] = _parse_text(text)
            parsed = cache[text]
            if parsed is None:
                unreadable.append((index, text.strip()))
            elif parsed[0] == "date":
                dates[index] = _make(*parsed[1])
                if dates[index] is None:
                    errors[index] = f"'{text.strip()}' is not a real date"
            elif parsed[0] in ("month", "quarter"):
                year, number = parsed[1]
                dates[index] = _make(year, _first_month(parsed[0], number), 1)
                if dates[index] is None:
                    errors[index] = f"'{text.strip()}' is not a real month"
                else:
                    precision[index] = parsed[0]
            elif parsed[0] in ("month-only", "quarter-only"):
                yearless.append((index, parsed[0], parsed[1][0], text.strip()))
            elif parsed[0] == "serial":
                dates[index] = from_serial(parsed[1][0])
                if dates[index] is None:
                    unreadable.append((index, text.strip()))
            else:
                numeric.append((index, parsed[1], text.strip()))
    result = ColumnDates(dates, errors, precision=precision, missing=missing)
    if numeric:
        _resolve_order(numeric, result, column, order)
    if yearless:
        _resolve_years(yearless, result, column, hints)
    if unreadable:
        example = f"{_usual_year(result.dates, hints)}-03-15"
        for index, text in unreadable:
            if FORMULA_ERROR.fullmatch(text):  # a broken formula, as the sheet shows it
                result.errors[index] = f"the date cell shows a formula error ({text}): fix it or type a date"
            else:
                result.errors[index] = f"'{text}' is not a date we can read (try {example})"
    return result


def _usual_year(dates: list[dt.date | None], hints: YearHints) -> int:
    """The year this file speaks of: its dates' most common year, its name's, or this year."""
    counts = Counter(d.year for d in dates if d is not None)
    if counts:
        return counts.most_common(1)[0][0]
    return hints.file_year or hints.chosen or dt.date.today().year


def _neighbour_year(dates: list[dt.date | None], index: int, month: int) -> int | None:
    """The year that keeps a year-less row between its dated neighbours (rows kept in order)."""
    before = next((d for d in reversed(dates[:index]) if d is not None), None)
    after = next((d for d in dates[index + 1 :] if d is not None), None)
    if before is None or after is None:
        return None
    fits = {y for y in {before.year, after.year} if before <= dt.date(y, month, 1) <= after}
    return fits.pop() if len(fits) == 1 else None


def _period_year(period: tuple[dt.date, dt.date] | None, month: int) -> int | None:
    """The one year in which that month starts inside the review period, if there is one."""
    if period is None:
        return None
    start, end = period
    fits = [y for y in range(start.year, end.year + 1) if start <= dt.date(y, month, 1) <= end]
    return fits[0] if len(fits) == 1 else None


def _resolve_years(yearless, result: ColumnDates, column: str, hints: YearHints) -> None:
    """Give "July" and "Q3" a year from the column, the file's name or the period; say which."""
    dated = list(result.dates)
    years = {d.year for d in dated if d is not None}
    column_year = next(iter(years)) if len(years) == 1 else None
    reasons: dict[str, list[str]] = {}
    assumed: set[int] = set()
    for index, kind, number, text in yearless:
        month = _first_month(kind, number)
        candidates = (
            (column_year, f"the year of the other dates in column '{column}'"),
            (_neighbour_year(dated, index, month), "the year of the rows around them"),
            (hints.file_year, "the year in the file's name"),
            (_period_year(hints.period, month), "the year your review period puts them in"),
            (hints.chosen, "the year you chose"),
        )
        year, why = next(((y, w) for y, w in candidates if y is not None), (None, ""))
        if year is None:
            result.yearless.append(index)
            result.errors[index] = f"'{text}' has no year: {_ASK_YEAR}"
            continue
        result.dates[index] = dt.date(year, month, 1)
        result.precision[index] = "quarter" if kind.startswith("quarter") else "month"
        reasons.setdefault(why, []).append(text)
        assumed.add(year)
    if reasons:
        parts = []
        for why, texts in reasons.items():
            shown = ", ".join(f"'{t}'" for t in dict.fromkeys(texts))
            parts.append(f"{shown} ({len(texts)} row{'s' if len(texts) != 1 else ''}, {why})")
        years_text = " and ".join(str(y) for y in sorted(assumed))
        result.year_warning = (
            f"Dates without a year in column '{column}' were read as {years_text}: "
            + "; ".join(parts)
            + ". Write the year in the file if that is wrong."
        )


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
                f"Write dates as {y}-03-15 to be sure."
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
