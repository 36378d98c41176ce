"""A weekly calendar reminder (.ics) so the journaling habit lives outside the app.

Written with the standard library to RFC 5545: CRLF line ends, lines folded at 75 octets,
a UID and a UTC DTSTAMP. The event uses floating local time (no time zone), so "Friday 16:30"
stays 16:30 wherever the user's calendar is, which is what a habit reminder wants.
"""

from __future__ import annotations

import datetime as dt
import hashlib

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SUMMARY = "Log this week's wins"
DESCRIPTION = (
    "Open Advocate and write down this week's wins while you still remember them: "
    "a CAR story (challenge, action, result with a number) and any praise you received."
)


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def first_occurrence(weekday: int, start: dt.date) -> dt.date:
    """The first date on or after `start` that falls on `weekday` (0 = Monday)."""
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def weekly_reminder(
    weekday: int,
    at: dt.time,
    start: dt.date | None = None,
    minutes: int = 15,
    now: dt.datetime | None = None,
) -> bytes:
    """An iCalendar file with one weekly event on `weekday` (0 = Monday) at `at`, local time."""
    if not 0 <= weekday <= 6:
        raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
    now = now or dt.datetime.now(dt.UTC)
    start = first_occurrence(weekday, start or now.date())
    begin = dt.datetime.combine(start, at.replace(second=0, microsecond=0, tzinfo=None))
    end = begin + dt.timedelta(minutes=minutes)
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    uid_seed = f"{weekday}-{at.isoformat()}-{start.isoformat()}"
    uid = hashlib.sha1(uid_seed.encode()).hexdigest()[:16] + "@advocate.local"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Advocate//Weekly wins reminder//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{begin:%Y%m%dT%H%M%S}",
        f"DTEND:{end:%Y%m%dT%H%M%S}",
        f"RRULE:FREQ=WEEKLY;BYDAY={RRULE_DAYS[weekday]}",
        f"SUMMARY:{escape_text(SUMMARY)}",
        f"DESCRIPTION:{escape_text(DESCRIPTION)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(SUMMARY)}",
        "TRIGGER:PT0M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
