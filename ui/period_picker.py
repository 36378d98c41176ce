"""The review-period picker (Timeline page): stores a core.analysis.period.Period in the plain
session key ui.state.PERIOD (None = the default), which every page reads. Widget values vanish
when the user switches pages, so the widgets are re-seeded from that stored Period on each visit.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.analysis.period import (
    MONTH_NAMES,
    Period,
    calendar_year,
    custom_period,
    default_period,
    fiscal_year,
    fiscal_year_of,
    half_year,
)
from ui import state

KINDS = {
    "default": "Last 12 months of data",
    "calendar": "Calendar year",
    "fiscal": "Fiscal year",
    "half": "Half year",
    "custom": "Custom dates",
}
K_KIND, K_YEAR, K_FY, K_MONTH, K_HALF_MONTH, K_HALF, K_RANGE = (
    "tl_kind", "tl_year", "tl_fiscal_year", "tl_start_month", "tl_half_start_month", "tl_half", "tl_range",
)  # fmt: skip


K_PENDING = "tl_range_pending"  # the user has picked a start date but not yet an end date


def _widget_values(period: Period, fallback: Period) -> dict:
    """The picker widgets' values that show `period` (the stored one, or the default)."""
    kind = period.kind if period.kind in KINDS else "custom"
    half = 1 if period.start.month == period.start_month else 2
    fy = fiscal_year_of(period.start, period.start_month) if kind in ("fiscal", "half") else period.end.year
    calendar = kind in ("calendar", "half") and period.start_month == 1
    return {
        K_KIND: kind,
        K_YEAR: period.start.year if calendar else fallback.end.year,
        K_FY: fy,
        K_MONTH: period.start_month if kind == "fiscal" else 4,
        K_HALF_MONTH: period.start_month if kind == "half" else 1,
        K_HALF: half if kind == "half" else 1,
        K_RANGE: (period.start, period.end),
    }


def _store_choice(fallback: Period) -> None:
    """on_change of every picker widget: turn the widgets' values into the stored Period."""
    ss = st.session_state
    shown = _widget_values(ss.get(state.PERIOD) or fallback, fallback)
    value = {key: ss.get(key, default) for key, default in shown.items()}
    kind = value[K_KIND]
    ss[K_PENDING] = False
    if kind == "calendar":
        period = calendar_year(value[K_YEAR])
    elif kind == "fiscal":
        period = fiscal_year(value[K_FY], value[K_MONTH])
    elif kind == "half":
        month = value[K_HALF_MONTH]
        period = half_year(value[K_YEAR] if month == 1 else value[K_FY], value[K_HALF], month)
    elif kind == "custom":
        chosen = value[K_RANGE]
        if not (isinstance(chosen, tuple | list) and len(chosen) == 2):
            ss[K_PENDING] = True  # keep the last full period until the end date is picked
            return
        period = custom_period(chosen[0], chosen[1])
    else:
        period = None
    ss[state.PERIOD] = period


def period_picker(dates: list[dt.date]) -> Period:
    """The picker; returns the Period in use (the stored one, or the default when None).

    Widget values are rewritten from the stored Period before every render (they vanish on a
    page switch); the widgets' on_change callbacks store the user's choice first.
    """
    ss = st.session_state
    fallback = default_period(dates)
    for key, value in _widget_values(ss.get(state.PERIOD) or fallback, fallback).items():
        if not (key == K_RANGE and ss.get(K_PENDING)):
            ss[key] = value
    years = [fallback.end.year]
    if dates:
        years = list(range(min(dates).year - 1, max(dates).year + 2))
    years = sorted({*years, ss[K_YEAR], ss[K_FY]})
    on = {"on_change": _store_choice, "args": (fallback,)}
    kind = st.radio("Review period", list(KINDS), format_func=KINDS.get, key=K_KIND, horizontal=True, **on)
    cols = st.columns(3)
    if kind == "calendar":
        cols[0].selectbox("Year", years, key=K_YEAR, **on)
    elif kind in ("fiscal", "half"):
        month = cols[0].selectbox(
            "Year starts in", range(1, 13), format_func=lambda m: MONTH_NAMES[m - 1],
            key=K_MONTH if kind == "fiscal" else K_HALF_MONTH, **on,
        )  # fmt: skip
        if kind == "fiscal" or month != 1:
            name = "Fiscal year (named by the year it ends in)"
            cols[1].selectbox(name, years, key=K_FY, format_func=lambda y: f"FY{y % 100:02d}", **on)
        else:
            cols[1].selectbox("Year", years, key=K_YEAR, **on)
        if kind == "half":
            cols[2].radio("Half", (1, 2), format_func=lambda h: f"H{h:d}", key=K_HALF, horizontal=True, **on)
    elif kind == "custom":
        cols[0].date_input("From – to", key=K_RANGE, format="YYYY-MM-DD", **on)
        if ss.get(K_PENDING):
            cols[1].caption("Pick the end date to apply the range.")
    return ss.get(state.PERIOD) or fallback
