""""Result is quantified" quotes the result's figure, not the first number in the text (issue 19:
it picked up the number of user tests)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.analysis.strength import quantity, score_story
from core.model import Story


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("After 8 user tests, demo requests went from 40 to 65 a week.", ("a number", "from 40 to 65")),
        ("demo requests 40 -> 65 a week", ("a number", "40 -> 65")),
        ("We ran 12 interviews and 3 workshops and signed 4 deals.", ("a number", "4")),
        ("After 8 user tests the new page went live.", None),
        ("Sent 3 reminders; 47% attended.", ("a percentage", "47%")),
        ("closed 17 tickets", ("a number", "17")),
    ],
)
def test_the_figure_is_the_result_not_the_effort(text, expected):
    assert quantity(text) == expected


def test_the_reason_shown_quotes_the_result():
    story = Story(
        "S1", dt.date(2026, 4, 14), "Pricing page rewrite",
        challenge="The pricing page had the highest exit rate on our website.",
        action="I ran user tests with retailers and rewrote the page.",
        result="After 8 user tests and the A/B test, demo requests from the page went from 40 to 65 a week.",
    )  # fmt: skip
    reasons = score_story(story).reasons
    assert "Result is quantified: from 40 to 65" in reasons, reasons
