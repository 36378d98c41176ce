"""The review period and its quarters: every analysis and the draft look only inside it.

(Skeleton: calendar quarters over the last 12 months of data. The timeline work adds fiscal
years, half-year cycles, custom ranges and the `--period` spec parser.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Quarter:
    label: str  # as the user's period names it, e.g. "Q1 2025" or "FY26 Q1"
    start: dt.date
    end: dt.date  # inclusive

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date  # inclusive
    quarters: tuple[Quarter, ...]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def quarter_of(self, day: dt.date) -> Quarter | None:
        for quarter in self.quarters:
            if quarter.contains(day):
                return quarter
        return None


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def calendar_quarters(start: dt.date, end: dt.date) -> tuple[Quarter, ...]:
    quarters = []
    first = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    while first <= end:
        nxt = _add_months(first, 3)
        label = f"Q{(first.month - 1) // 3 + 1} {first.year}"
        quarters.append(Quarter(label, first, nxt - dt.timedelta(days=1)))
        first = nxt
    return tuple(quarters)


def default_period(dates: list[dt.date], today: dt.date | None = None) -> Period:
    """The four calendar quarters ending with the quarter of the latest evidence."""
    latest = max(dates) if dates else (today or dt.date.today())
    end_quarter_start = dt.date(latest.year, 3 * ((latest.month - 1) // 3) + 1, 1)
    start = _add_months(end_quarter_start, -9)
    end = _add_months(end_quarter_start, 3) - dt.timedelta(days=1)
    quarters = calendar_quarters(start, end)
    return Period(f"{quarters[0].label} – {quarters[-1].label}", start, end, quarters)
