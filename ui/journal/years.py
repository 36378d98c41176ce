"""Journal tab "Year over year": stories, wins and praise per review year, once there are several."""

from __future__ import annotations

import streamlit as st

from core.store import journal
from ui.choices import period_in_use
from ui.journal.common import dataset
from ui.memo import Same, session_memo


def years_tab() -> None:
    current = dataset()
    if not current.items:
        st.info("Add evidence to see it year by year.")
        return
    anchor = period_in_use(current).start
    years = session_memo(
        "journal_years", (Same(current), anchor), lambda: journal.review_years(current, anchor)
    )
    if not journal.spans_several_years(years):
        st.info(
            "Your evidence fits in one review period. The year-over-year view appears once this "
            "workspace spans more than one, so keep journaling into next year."
        )
        return
    st.plotly_chart(journal.year_over_year_figure(years), key="journal_years_chart")
    st.dataframe(
        [{"Review year": y.label, "Stories": y.stories, "Wins": y.wins, "Praise": y.praise} for y in years],
        hide_index=True,
    )
