"""The review period and its quarters: every analysis and the draft look only inside it.

Reviews run on many calendars, so a period can be a calendar year, a fiscal year with any start
month (named by the year it ends in: FY26 starting April is Apr 2025 - Mar 2026, and its first
quarter is labelled "FY26 Q1"), a half-year cycle, or any custom range of dates. The default is
the four calendar quarters ending with the quarter of the latest evidence. `parse_period` reads
the command line's `--period` spec; `Period.spec` gives back a spec that rebuilds the period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from core.text import MONTH_ABBR, MONTH_NAMES

MONTHS = MONTH_ABBR  # the project's one month table (core.text)
KINDS = ("default", "calendar", "fiscal", "half", "custom")

SPEC_HELP = (
    "use 2025 (calendar year), FY2026:4 (fiscal year ending in 2026, starting in April), "
    "H2 2025 or H1 FY2026:4 (half year), or 2025-03-01:2026-02-28 (custom dates)"
)


@dataclass(frozen=True)
class Quarter:
    label: str  # as the user's period names it, e.g. "Q1 2025" or "FY26 Q1"
    start: dt.date
    end: dt.date  # inclusive

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date  # inclusive
    quarters: tuple[Quarter, ...]
    kind: str = "custom"  # one of KINDS: how the user picked it (the picker re-reads it)
    start_month: int = 1  # first month of the (fiscal) year, for fiscal and half-year periods
    notes: tuple[str, ...] = ()  # things the user should know, e.g. a short last quarter

    def __post_init__(self) -> None:
        # Rebuilt from JSON (saved workspaces) these arrive as lists; keep the period hashable.
        object.__setattr__(self, "quarters", tuple(self.quarters))
        object.__setattr__(self, "notes", tuple(self.notes))

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def quarter_of(self, day: dt.date) -> Quarter | None:
        for quarter in self.quarters:
            if quarter.contains(day):
                return quarter
        return None

    def months(self) -> list[Quarter]:
        """The calendar months of the period (clipped to its edges), labelled "Mar 2025"."""
        out = []
        first = dt.date(self.start.year, self.start.month, 1)
        while first <= self.end:
            nxt = _add_months(first, 1)
            out.append(
                Quarter(f"{MONTHS[first.month - 1]} {first.year}", max(first, self.start),
                        min(nxt - dt.timedelta(days=1), self.end))
            )  # fmt: skip
            first = nxt
        return out

    @property
    def spec(self) -> str:
        """A `--period` spec that `parse_period` turns back into this period."""
        if self.kind == "calendar":
            return str(self.start.year)
        if self.kind == "fiscal":
            return f"FY{self.end.year}:{self.start_month}"
        if self.kind == "half":
            half = 1 if self.start.month == self.start_month else 2
            if self.start_month == 1:
                return f"H{half} {self.start.year}"
            return f"H{half} FY{fiscal_year_of(self.start, self.start_month)}:{self.start_month}"
        return f"{self.start.isoformat()}:{self.end.isoformat()}"

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}


def _add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _day_month_year(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _fy(year: int) -> str:
    return f"FY{year % 100:02d}"


def fiscal_year_of(day: dt.date, start_month: int) -> int:
    """The fiscal year (named by the year it ends in) that contains `day`."""
    if start_month == 1:
        return day.year
    return day.year + 1 if day.month >= start_month else day.year


def _check_month(start_month: int) -> None:
    if not 1 <= start_month <= 12:
        raise ValueError(f"The start month must be 1 (January) to 12 (December), not {start_month}")


def calendar_quarters(start: dt.date, end: dt.date) -> tuple[Quarter, ...]:
    quarters = []
    first = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    while first <= end:
        nxt = _add_months(first, 3)
        label = f"Q{(first.month - 1) // 3 + 1} {first.year}"
        quarters.append(Quarter(label, first, nxt - dt.timedelta(days=1)))
        first = nxt
    return tuple(quarters)


def fiscal_quarters(fiscal_year: int, start_month: int) -> tuple[Quarter, ...]:
    """The four quarters of a fiscal year, labelled "FY26 Q1".."FY26 Q4"."""
    first = fiscal_year_start(fiscal_year, start_month)
    quarters = []
    for number in range(1, 5):
        nxt = _add_months(first, 3)
        quarters.append(Quarter(f"{_fy(fiscal_year)} Q{number}", first, nxt - dt.timedelta(days=1)))
        first = nxt
    return tuple(quarters)


def fiscal_year_start(fiscal_year: int, start_month: int) -> dt.date:
    _check_month(start_month)
    return dt.date(fiscal_year if start_month == 1 else fiscal_year - 1, start_month, 1)


def calendar_year(year: int) -> Period:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return Period(str(year), start, end, calendar_quarters(start, end), kind="calendar")


def fiscal_year(fiscal_year: int, start_month: int) -> Period:
    """A fiscal year named by the year it ends in; start_month=1 is the calendar year."""
    quarters = fiscal_quarters(fiscal_year, start_month)
    start, end = quarters[0].start, quarters[-1].end
    label = f"{_fy(fiscal_year)} ({_month_year(start)} – {_month_year(end)})"
    return Period(label, start, end, quarters, kind="fiscal", start_month=start_month)


def half_year(year: int, half: int, start_month: int = 1) -> Period:
    """H1 or H2 of a calendar year (start_month=1) or of fiscal year `year`."""
    if half not in (1, 2):
        raise ValueError(f"A half year is H1 or H2, not H{half}")
    if start_month == 1:
        quarters = calendar_quarters(dt.date(year, 1, 1), dt.date(year, 12, 31))[2 * half - 2 : 2 * half]
        label = f"H{half} {year}"
    else:
        quarters = fiscal_quarters(year, start_month)[2 * half - 2 : 2 * half]
        label = f"{_fy(year)} H{half} ({_month_year(quarters[0].start)} – {_month_year(quarters[-1].end)})"
    return Period(label, quarters[0].start, quarters[-1].end, quarters, kind="half", start_month=start_month)


def custom_period(start: dt.date, end: dt.date, label: str | None = None, kind: str = "custom") -> Period:
    """Any range of dates (inclusive), cut into 3-month chunks from its start.

    A range starting on 1 Jan/Apr/Jul/Oct gets calendar quarters ("Q1 2025"); any other start
    gets chunks named by their dates ("Mar–May 2025"). The last chunk may be short, and the
    period's notes say so.
    """
    if end < start:
        raise ValueError(f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    aligned = start.day == 1 and start.month in (1, 4, 7, 10)
    quarters = []
    first = start
    step = 0
    while first <= end:
        step += 1
        nxt = _chunk_start(start, step)
        last = min(nxt - dt.timedelta(days=1), end)
        if aligned:
            name = f"Q{(first.month - 1) // 3 + 1} {first.year}"
        elif first.day == 1 and (last + dt.timedelta(days=1)).day == 1:
            a, b = MONTHS[first.month - 1], MONTHS[last.month - 1]
            months = a if a == b and first.year == last.year else f"{a}–{b}"
            name = f"{months} {last.year}" if first.year == last.year else (
                f"{a} {first.year}–{b} {last.year}"
            )  # fmt: skip
        else:
            name = f"{first.day} {MONTHS[first.month - 1]}–{last.day} {MONTHS[last.month - 1]} {last.year}"
            if first.year != last.year:
                name = f"{_day_month_year(first)}–{_day_month_year(last)}"
        quarters.append(Quarter(name, first, last))
        first = last + dt.timedelta(days=1)
    notes: tuple[str, ...] = ()
    tail = quarters[-1]
    if tail.end < _chunk_start(start, step) - dt.timedelta(days=1):
        days = f"{tail.days} day{'s' if tail.days != 1 else ''}"
        notes = (f"The last quarter ({tail.label}) is short: {days}, not a full three months.",)
    if label is None:
        label = f"{_day_month_year(start)} – {_day_month_year(end)}"
    return Period(label, start, end, tuple(quarters), kind=kind, notes=notes)


def _same_day(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later; a day the month lacks rolls over to the 1st of
    the next (29 Feb 2024 + 12 months = 1 Mar 2025), so a chunk never ends a day early."""
    first = _add_months(day, months)
    last_day = (_add_months(first, 1) - dt.timedelta(days=1)).day
    return dt.date(first.year, first.month, day.day) if day.day <= last_day else _add_months(first, 1)


def _chunk_start(start: dt.date, step: int) -> dt.date:
    """Where the `step`-th 3-month chunk after `start` begins."""
    return _same_day(start, 3 * step)


def default_period(dates: list[dt.date], today: dt.date | None = None) -> Period:
    """The four calendar quarters ending with the quarter of the latest evidence."""
    latest = max(dates) if dates else (today or dt.date.today())
    end_quarter_start = dt.date(latest.year, 3 * ((latest.month - 1) // 3) + 1, 1)
    start = _add_months(end_quarter_start, -9)
    end = _add_months(end_quarter_start, 3) - dt.timedelta(days=1)
    quarters = calendar_quarters(start, end)
    return Period(f"{quarters[0].label} – {quarters[-1].label}", start, end, quarters, kind="default")


_DATE = r"(\d{4}-\d{1,2}-\d{1,2})"
_FY = r"FY\s?(\d{4}|\d{2})\s*(?::\s*(\w+))?"


def _month(text: str | None, spec: str) -> int:
    if text is None:
        raise ValueError(f"Period '{spec}': say which month the fiscal year starts, e.g. FY2026:4 for April")
    if text.isdigit():
        month = int(text)
        _check_month(month)
        return month
    for index, name in enumerate(MONTH_NAMES, start=1):
        if len(text) >= 3 and name.lower().startswith(text.lower()):
            return index
    raise ValueError(f"Period '{spec}': '{text}' is not a month (use 1-12 or a month name)")


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _date(text: str, spec: str) -> dt.date:
    try:
        year, month, day = (int(part) for part in text.split("-"))
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"Period '{spec}': {text} is not a real date ({exc})") from None


def parse_period(spec: str | None, dates: list[dt.date] = ()) -> Period:
    """Read a `--period` spec; empty or "default" gives `default_period(dates)`.

    Accepted: `2025`, `FY2026:4` (or `FY26:apr`), `H2 2025`, `H1 FY2026:4`,
    `2025-03-01:2026-02-28` (also with `..` or ` to `). Anything else raises ValueError with
    a message saying what is accepted.
    """
    text = (spec or "").strip()
    if not text or text.lower() == "default":
        return default_period(list(dates))
    try:
        return _parse(text)
    except ValueError as exc:
        message = str(exc)
        if not message.startswith(("Period", "Unrecognised")):
            message = f"Period '{text}': {message}"
        raise ValueError(message) from None


def _parse(text: str) -> Period:
    if re.fullmatch(r"\d{4}", text):
        return calendar_year(int(text))
    if match := re.fullmatch(_FY, text, re.IGNORECASE):
        return fiscal_year(_year(match[1]), _month(match[2], text))
    if match := re.fullmatch(r"H([12])\s*(\d{4})|(\d{4})\s*-?\s*H([12])", text, re.IGNORECASE):
        half, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        return half_year(int(year), int(half))
    if match := re.fullmatch(r"H([12])\s*" + _FY, text, re.IGNORECASE):
        return half_year(_year(match[2]), int(match[1]), _month(match[3], text))
    if match := re.fullmatch(_DATE + r"\s*(?::|\.\.|/|\s+to\s+)\s*" + _DATE, text, re.IGNORECASE):
        return custom_period(_date(match[1], text), _date(match[2], text))
    raise ValueError(f"Unrecognised period '{text}': {SPEC_HELP}")
