"""Journal tab "Weekly reminder": a calendar file that keeps the habit going outside Advocate."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.store import reminder


def reminder_tab() -> None:
    st.write("A weekly calendar event, “Log this week's wins”, keeps the habit going outside Advocate.")
    cols = st.columns(2)
    day = cols[0].selectbox(
        "Day", range(7), index=4, format_func=lambda d: reminder.WEEKDAYS[d], key="journal_reminder_day"
    )
    at = cols[1].time_input("Time", value=dt.time(16, 30), key="journal_reminder_time", step=900)
    st.download_button(
        "Download weekly reminder (.ics)",
        data=reminder.weekly_reminder(day, at),
        file_name="advocate-weekly-wins.ics",
        mime="text/calendar",
        key="journal_reminder_download",
        icon=":material/event_repeat:",
    )
    st.caption("Open the file with your calendar app (Outlook, Google Calendar, Apple Calendar…).")
