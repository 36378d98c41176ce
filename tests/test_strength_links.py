"""Linked praise: which quotes corroborate which story, by rules a user can check."""

from __future__ import annotations

import datetime as dt

import pytest

from core.links import link_index, link_reason, linked_praise
from core.model import Praise, Story

DAY = dt.date(2025, 5, 1)
BILLING = Story("S7", DAY, title="Billing migration to Stripe", project="Atlas")


@pytest.mark.parametrize(
    ("text", "extra", "reason"),
    [
        ("Atlas launch was smooth", {}, "It names the project 'Atlas'"),
        ("Atlas's rollout was calm", {}, "It names the project 'Atlas'"),
        ("The billing MIGRATION went so well", {}, "It mentions 'billing' and 'migration' from the title"),
        ("Thanks!", {"story": "S7"}, "Its 'S7' column names this story"),
        ("Thanks!", {"Story": "s7; S9"}, "Its 's7; S9' column names this story"),
        (
            "Thanks!",
            {"About": "billing migration to stripe"},
            "Its 'billing migration to stripe' column names this story",
        ),
        ("Great billing work", {}, None),  # one shared title word out of three: too weak
        ("Great teamwork, thanks", {}, None),
        ("Atlases of the world", {}, None),  # whole words only
        ("Thanks!", {"story": "S8"}, None),
        ("Thanks!", {"comment": "S7"}, None),  # not a story column
    ],
)
def test_link_rules(text, extra, reason):
    quote = Praise("P1", DAY, text, extra=extra)
    assert link_reason(BILLING, quote) == reason
    assert linked_praise(BILLING, [quote]) == ([quote] if reason else [])


@pytest.mark.parametrize(
    ("title", "text", "linked"),
    [
        ("Onboarding", "the onboarding revamp is great", True),  # a single long distinctive word
        ("Docs", "docs are great", False),  # too short to identify a story alone
        ("Team lunch", "great team lunch", False),  # "team" is too common, "lunch" too short alone
        ("2025 roadmap", "the 2025 plan", False),
    ],
)
def test_single_word_titles(title, text, linked):
    assert bool(linked_praise(Story("S1", DAY, title=title), [Praise("P1", DAY, text)])) is linked


def test_link_index_agrees_with_linked_praise():
    stories = [
        BILLING,
        Story("S8", DAY, title="Onboarding revamp", project="Welcome"),
        Story("S9", DAY, title="Docs"),
    ]
    praise = [
        Praise("P1", DAY, "Atlas is great"),
        Praise("P2", DAY, "The onboarding revamp helped our new hires"),
        Praise("P3", DAY, "ok", extra={"about": "S9"}),
        Praise("P4", DAY, "Nice lunch"),
        Praise("P5", DAY, "Welcome flow and Stripe billing"),
    ]
    index = link_index(stories, praise)
    for s in stories:
        assert index.get(s.id, []) == linked_praise(s, praise)
    assert {k: [p.id for p in v] for k, v in index.items()} == {
        "S7": ["P1", "P5"],
        "S8": ["P2", "P5"],
        "S9": ["P3"],
    }


@pytest.mark.parametrize(
    ("days_after", "extra", "linked"),
    [
        (183, {}, True),  # within six months, either side
        (-183, {}, True),
        (184, {}, False),  # a year-later "Atlas" is another Atlas
        (-400, {}, False),
        (400, {"story": "S7"}, True),  # an explicit link has no window
    ],
)
def test_date_window(days_after, extra, linked):
    quote = Praise("P1", DAY + dt.timedelta(days=days_after), "Atlas rocks", extra=extra)
    assert bool(linked_praise(BILLING, [quote])) is linked
    assert bool(link_index([BILLING], [quote])) is linked
