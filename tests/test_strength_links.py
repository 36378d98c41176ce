"""Linked praise: which quotes corroborate which story, by rules a user can check."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from core.analysis import links
from core.analysis.links import link_index, link_reason, linked_praise
from core.analysis.strength import score_story
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


# --- the cap: a story keeps MAX_LINKS quotes, explicit references first, then nearest in date ---

ATLAS = Story("S1", DAY, title="Quarterly planning", project="Atlas")
D = dt.timedelta


def _atlas_quotes(offsets, explicit=()):
    """Quotes P1.. naming Atlas, `offsets` days from the story; the ones in `explicit` name S1."""
    return [
        Praise(f"P{i}", DAY + D(days=d), "Atlas went well", extra={"story": "S1"} if i in explicit else {})
        for i, d in enumerate(offsets, 1)
    ]


@pytest.mark.parametrize(
    ("cap", "offsets", "explicit", "kept"),
    [
        (5, [1, -2, 3], (), ["P1", "P2", "P3"]),  # under the cap: every link
        (5, [1, -2, 3, -4, 5, -6, 7], (), ["P1", "P2", "P3", "P4", "P5"]),  # the nearest five
        (5, [30, 20, 10, 1, 2, 3, 4], (), ["P3", "P4", "P5", "P6", "P7"]),  # kept in the order given
        (5, [3, 3, -3, 0, 1, 2], (), ["P1", "P3", "P4", "P5", "P6"]),  # a tie: earlier date, then list
        (5, [-3, 3, -3, 3, 0, 10], (), ["P1", "P2", "P3", "P4", "P5"]),
        (4, [-3, -3, -3, 1, 2, 4, 5], (), ["P1", "P2", "P4", "P5"]),  # same day: earlier in the list
        (5, [1, 2, 3, 4, 5, 400], (6,), ["P1", "P2", "P3", "P4", "P6"]),  # explicit first, any date
        (2, [1, 2, 500, -300, 900], (3, 4, 5), ["P3", "P4"]),  # explicit only, nearest of them
        (5, [1, 184, -184, 2], (), ["P1", "P4"]),  # the six-month window still applies
        (1, [9, -5, 6], (), ["P2"]),
    ],
)
def test_cap_keeps_explicit_then_nearest(monkeypatch, cap, offsets, explicit, kept):
    monkeypatch.setattr(links, "MAX_LINKS", cap)
    quotes = _atlas_quotes(offsets, explicit)
    assert [p.id for p in linked_praise(ATLAS, quotes)] == kept
    assert [p.id for p in link_index([ATLAS], quotes).get("S1", [])] == kept


def test_default_cap_counts_in_the_strength_reason():
    quotes = _atlas_quotes(range(1, links.MAX_LINKS + 4))
    index = link_index([ATLAS], quotes)
    assert len(index["S1"]) == links.MAX_LINKS
    assert f"Backed by {links.MAX_LINKS} linked quotes" in " ".join(score_story(ATLAS, quotes).reasons)


# --- the index finds exactly what the rules find, on hand-checked data ---


@pytest.mark.parametrize(
    ("stories", "praise", "expected"),
    [
        (  # the commonest title word ("billing", in every quote) must not hide a pair with a rarer one
            [Story("S1", DAY, title="Billing ledger export")],
            [Praise("P1", DAY, "billing ledger"), Praise("P2", DAY, "billing export"),
             Praise("P3", DAY, "billing only"), Praise("P4", DAY, "billing again")],
            {"S1": ["P1", "P2"]},
        ),
        (  # a project of several words is a phrase: all of them, in order
            [Story("S1", DAY, title="x", project="Blue Falcon")],
            [Praise("P1", DAY, "blue falcon shipped"), Praise("P2", DAY, "falcon blue"),
             Praise("P3", DAY, "the blue sky"), Praise("P4", DAY + D(days=100), "Blue Falcon's demo")],
            {"S1": ["P1", "P4"]},
        ),
        (  # one quote for two stories; explicit by title, by id list; window either side
            [Story("S1", DAY, title="Checkout redesign", project="Orion"),
             Story("S2", DAY + D(days=200), title="Search relevance"),
             Story("S3", DAY, title="Onboarding")],
            [Praise("P1", DAY + D(days=150), "Orion and search relevance both landed"),
             Praise("P2", DAY - D(days=500), "thanks", extra={"About": "checkout redesign"}),
             Praise("P3", DAY, "thanks", extra={"story": "S9, S2"}),
             Praise("P4", DAY + D(days=383), "search relevance again"),
             Praise("P5", DAY - D(days=10), "loved the onboarding flow")],
            {"S1": ["P1", "P2"], "S2": ["P1", "P3", "P4"], "S3": ["P5"]},
        ),
        (  # no links at all: no entry
            [Story("S1", DAY, title="Docs", project="")],
            [Praise("P1", DAY, "docs docs docs"), Praise("P2", DAY, "")],
            {},
        ),
    ],
)
def test_index_matches_the_rules(stories, praise, expected):
    index = link_index(stories, praise)
    assert {k: [p.id for p in v] for k, v in index.items()} == expected
    for s in stories:
        assert [p.id for p in linked_praise(s, praise)] == expected.get(s.id, [])
        assert [p.id for p in praise if link_reason(s, p)] == expected.get(s.id, [])  # all under the cap


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_index_equals_rules_then_cap_on_dense_random_data(seed):
    """A small vocabulary and a year of dates: many links, many ties, some explicit references."""
    rnd = random.Random(seed)
    vocab = ["atlas", "billing", "ledger", "export", "search", "orion", "pipeline", "latency"]
    stories = [
        Story(f"S{i}", DAY + D(days=rnd.randint(0, 365)),
              title=" ".join(rnd.sample(vocab, rnd.randint(1, 3))),
              project=rnd.choice(["", "Atlas", "Orion pipeline", "Billing"]))
        for i in range(1, 41)
    ]  # fmt: skip
    praise = [
        Praise(f"P{i}", DAY + D(weeks=rnd.randint(-15, 67)),  # weekly: many dates shared
               " ".join(rnd.choices(vocab, k=rnd.randint(1, 4))),
               extra={"story": rnd.choice(stories).id} if rnd.random() < 0.1 else {})
        for i in range(1, 61)
    ]  # fmt: skip
    index = link_index(stories, praise)
    assert max(len(v) for v in index.values()) == links.MAX_LINKS  # the cap is exercised
    for s in stories:
        day = s.date.toordinal()
        rank = {  # the cap's order, written out: explicit, distance, date, position in the list
            p.id: (not link_reason(s, p).startswith("Its "), abs(p.date.toordinal() - day), p.date, i)
            for i, p in enumerate(praise) if link_reason(s, p)
        }  # fmt: skip
        expected = sorted(sorted(rank, key=rank.get)[: links.MAX_LINKS], key=lambda pid: rank[pid][3])
        assert [p.id for p in index.get(s.id, [])] == expected
        assert [p.id for p in linked_praise(s, praise)] == expected
