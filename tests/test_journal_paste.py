"""Pasted praise: sender, date, quote and channel read from emails, Slack copies and notes."""

from __future__ import annotations

import datetime as dt

import pytest

from core.ingest.pasted import parse_loose_date, parse_pasted

TODAY = dt.date(2026, 11, 26)  # a Thursday

OUTLOOK = """From: Doe, Jane <jane.doe@example.com>
Sent: Tuesday, March 4, 2025 10:42 AM
To: Alex Kim
Subject: Thank you for the migration

Hi Alex,
The migration went perfectly. Zero downtime!

--
Jane Doe | VP Engineering"""

RFC = """From: "Sam Lee" <sam@example.com>
Date: Fri, 14 Feb 2025 09:00:00 +0100
Subject: Re: launch

Brilliant work on the launch.

> On Thu, someone wrote:
> old stuff"""

GMAIL_REPLY = """On Tue, Mar 4, 2025 at 10:42 AM Jane Doe <jane@example.com> wrote:
Thanks for jumping in so fast."""


@pytest.mark.parametrize(
    ("pasted", "author", "date", "channel", "text"),
    [
        (
            OUTLOOK,
            "Jane Doe",
            dt.date(2025, 3, 4),
            "email",
            "Hi Alex,\nThe migration went perfectly. Zero downtime!",
        ),
        (RFC, "Sam Lee", dt.date(2025, 2, 14), "email", "Brilliant work on the launch."),
        (
            "From: pat@example.com\nDate: 2025-06-30\n\nNice.",
            "pat@example.com",
            dt.date(2025, 6, 30),
            "email",
            "Nice.",
        ),
        (GMAIL_REPLY, "Jane Doe", dt.date(2025, 3, 4), "email", "Thanks for jumping in so fast."),
        (
            "Jane Doe  10:42 AM\nGreat job on the launch!\n:tada: 3",
            "Jane Doe",
            TODAY,
            "Slack",
            "Great job on the launch!",
        ),
        (
            "Jane Doe — Today at 10:42\nThanks for unblocking us",
            "Jane Doe",
            TODAY,
            "Slack",
            "Thanks for unblocking us",
        ),
        ("Jane Doe - Yesterday at 3:15 PM\nYou rock", "Jane Doe", dt.date(2026, 11, 25), "Slack", "You rock"),
        ("Jane Doe  Monday at 9:05 AM\nSolid demo", "Jane Doe", dt.date(2026, 11, 23), "Slack", "Solid demo"),
        ("Jane Doe  Mar 4th at 10:42 AM\nhello", "Jane Doe", dt.date(2026, 3, 4), "Slack", "hello"),
        (
            "Jane Doe  Dec 24th at 10:42 AM\nhello",
            "Jane Doe",
            dt.date(2025, 12, 24),
            "Slack",
            "hello",
        ),  # not ahead
        ("Jane Doe\n10:42 AM\nmessage here\n(edited)", "Jane Doe", TODAY, "Slack", "message here"),
        ("[10:42 AM] Jane Doe: nice work on the deck", "Jane Doe", TODAY, "Slack", "nice work on the deck"),
        (
            "“You made the release painless.”\n— Sam Lee, VP Eng",
            "Sam Lee",
            None,
            "",
            "You made the release painless.",
        ),
        ("Just a plain thank-you note.", "", None, "", "Just a plain thank-you note."),
        ("", "", None, "", ""),
    ],
)
def test_paste_parsing(pasted, author, date, channel, text):
    result = parse_pasted(pasted, TODAY)
    assert (result.author, result.date, result.channel, result.text) == (author, date, channel, text)


def test_windows_line_endings_are_read_like_any_other():
    assert parse_pasted(OUTLOOK.replace("\n", "\r\n"), TODAY).author == "Jane Doe"


def test_found_says_where_each_field_came_from():
    found = parse_pasted(OUTLOOK, TODAY).found
    assert "sender from the From: line" in found
    assert "date from the Sent: line" in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 4 Mar 2025 10:42:00 +0000", dt.date(2025, 3, 4)),
        ("Tuesday, March 4, 2025 10:42 AM", dt.date(2025, 3, 4)),
        ("4 March 2025", dt.date(2025, 3, 4)),
        ("2025-03-04T10:42", dt.date(2025, 3, 4)),
        ("Today at 10:42", TODAY),
        ("yesterday", dt.date(2026, 11, 25)),
        ("Sunday at 8:00", dt.date(2026, 11, 22)),
        ("Feb 30", None),
        ("soon", None),
        ("", None),
    ],
)
def test_loose_dates(text, expected):
    assert parse_loose_date(text, TODAY) == expected
