"""The weekly .ics reminder imports into a real calendar parser with the user's day and time."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from core.store.reminder import WEEKDAYS, fold, weekly_reminder

NOW = dt.datetime(2026, 11, 26, 6, 0, tzinfo=dt.UTC)  # a Thursday


@pytest.mark.parametrize(
    ("weekday", "at", "first", "byday"),
    [
        (4, dt.time(16, 30), dt.date(2026, 11, 27), "FR"),
        (3, dt.time(9, 0), dt.date(2026, 11, 26), "TH"),  # today counts
        (0, dt.time(8, 15), dt.date(2026, 11, 30), "MO"),
        (6, dt.time(23, 45), dt.date(2026, 11, 29), "SU"),
    ],
)
def test_reminder_parses_with_icalendar(weekday, at, first, byday):
    data = weekly_reminder(weekday, at, now=NOW)
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Log this week's wins"
    start = event.decoded("DTSTART")
    assert start == dt.datetime.combine(first, at)
    assert start.strftime("%A") == WEEKDAYS[weekday]
    rrule = event["RRULE"]
    assert rrule["FREQ"] == ["WEEKLY"]
    assert rrule["BYDAY"] == [byday]
    assert str(event["UID"]).endswith("@advocate.local")
    assert event.decoded("DTSTAMP") == NOW
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=15)
    assert calendar["VERSION"] == "2.0"


def test_lines_end_in_crlf_and_are_folded_at_75_octets():
    data = weekly_reminder(4, dt.time(16, 30), now=NOW)
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines), "the long DESCRIPTION is folded"
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert "CAR story" in str(event["DESCRIPTION"])  # unfolded back into one value


@pytest.mark.parametrize("text", ["x" * 200, "é" * 100, "🚀" * 40 + "abc"])
def test_folding_never_splits_a_character(text):
    folded = fold("DESCRIPTION:" + text)
    parts = folded.split("\r\n ")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == "DESCRIPTION:" + text


def test_bad_weekday_is_refused():
    with pytest.raises(ValueError, match="weekday"):
        weekly_reminder(7, dt.time(9, 0))
