"""Recency measures on small hand-checked data sets: counts, skew, thin quarters, forgotten wins,
the memory gap and the `check --json` summary."""

from __future__ import annotations

import datetime as dt

import pytest

from core.analysis.period import parse_period
from core.analysis.recency import analyse, even_shares, recency_skew, summary_json
from core.model import Dataset, Praise, Story

D = dt.date
# Scores (see test_strength_score): STRONG = 0.8889, STRONG + link = 1.0, NO_I = 0.8333, NO_NUMBER = 0.6667
STRONG = {
    "challenge": "Checkout failed under load",
    "action": "I rebuilt the queue",
    "result": "Cut errors by 40%",
}
NO_I = {**STRONG, "action": "Rebuilt the queue"}
NO_NUMBER = {**STRONG, "result": "Errors went away"}


def s(sid, day, fields=STRONG, kind="win", **more):
    return Story(sid, day, title=f"Story {sid}", story_kind=kind, **fields, **more)


YEAR = Dataset(
    stories=[
        s("S1", D(2025, 1, 15), link="https://example.org/1"),  # 1.0
        s("S2", D(2025, 2, 10), {"description": "did things"}),  # thin
        s("S3", D(2025, 2, 20), NO_NUMBER),  # solid
        s("S4", D(2025, 3, 31), kind="struggle"),  # strong, but not a win
        s("S13", D(2025, 6, 30), NO_I),  # 0.8333, last day of the first half
        s("S5", D(2025, 10, 1)),
        s("S6", D(2025, 11, 6)),  # first day of the last 8 weeks
        s("S7", D(2025, 11, 20)),
        s("S8", D(2025, 12, 1)),
        s("S9", D(2025, 12, 15)),
        s("S10", D(2025, 12, 31)),
        s("S11", D(2024, 12, 31)),  # outside
        s("S12", D(2026, 1, 1)),  # outside
    ],
    praise=[
        Praise("P1", D(2025, 3, 1), "Thanks"),
        Praise("P2", D(2025, 12, 20), "Thanks again"),
        Praise("P3", D(2026, 2, 1), "Later"),
    ],
)
AFTER = D(2026, 3, 1)  # "today", after the period ended


def test_counts_per_quarter_and_outside():
    t = analyse(YEAR, parse_period("2025"), today=AFTER)
    assert [(q.label, q.stories, q.praise) for q in t.quarters] == [
        ("Q1 2025", 4, 1),
        ("Q2 2025", 1, 0),
        ("Q3 2025", 0, 0),
        ("Q4 2025", 6, 1),
    ]
    assert (t.outside_stories, t.outside_praise) == (2, 1)
    assert t.quarters[0].kinds == {"win": 3, "struggle": 1}
    # weighted by strength: Q2 holds one story scoring 0.75 / 0.9
    assert t.quarters[1].weighted == pytest.approx(0.8333, abs=1e-4)
    assert t.quarters[0].weighted < t.quarters[0].stories
    assert sum(m.stories for m in t.months) == 11
    assert [m.stories for m in t.months][-3:] == [1, 2, 3]


def test_skew_sentence_and_thin_quarters():
    t = analyse(YEAR, parse_period("2025"), today=AFTER)
    assert t.skew.last_share == pytest.approx(6 / 11, abs=1e-4)
    assert t.skew.even_share == 0.25
    assert t.skew.leans_recent
    assert t.skew.sentence.startswith("Q4 2025 holds 55% of your stories; an even year would be 25%.")
    assert t.thin == ["Q2 2025 has 1 story", "Q3 2025 has no stories"]


def test_forgotten_wins_are_the_strongest_early_wins():
    t = analyse(YEAR, parse_period("2025"), today=AFTER)
    # S2 is thin, S4 is a struggle, S5.. are in the second half
    assert [w.story.id for w in t.forgotten] == ["S1", "S13", "S3"]
    assert [w.quarter for w in t.forgotten] == ["Q1 2025", "Q2 2025", "Q1 2025"]
    assert "Backed by a link to the work" in t.forgotten[0].why
    assert t.forgotten[0].why.startswith("Strong (100%)")


def test_forgotten_wins_follow_the_period():
    # the fiscal year Jul 2025 - Jun 2026 starts with Q4 2025's wins: they are now the early ones
    t = analyse(YEAR, parse_period("FY2026:7"), today=AFTER)
    assert [w.story.id for w in t.forgotten][:3] == ["S5", "S6", "S7"]
    assert t.forgotten[0].quarter == "FY26 Q2"


def test_forgotten_win_carries_a_linked_quote():
    data = Dataset(
        [s("S1", D(2025, 2, 1), project="Atlas")],
        [Praise("P1", D(2025, 2, 3), "Atlas saved my week", author="Ana")],
    )
    (win,) = analyse(data, parse_period("2025"), today=AFTER).forgotten
    assert win.quote.id == "P1"


def test_memory_gap():
    gap = analyse(YEAR, parse_period("2025"), today=AFTER).gap
    assert (gap.window_start, gap.window_end) == (D(2025, 11, 6), D(2025, 12, 31))  # 56 days
    assert (gap.kept, gap.left_out, gap.left_out_strong) == (5, 6, 4)
    assert [st.id for st, _ in gap.top] == ["S1", "S4", "S5", "S13", "S3"]
    assert gap.sentence == (
        "A draft from the last 8 weeks only (6 Nov – 31 Dec 2025) would use 5 stories and leave out 6, "
        "4 of them strong."
    )


def test_memory_gap_window_ends_today_in_a_running_period():
    gap = analyse(YEAR, parse_period("2025"), today=D(2025, 11, 30)).gap
    assert (gap.window_start, gap.window_end) == (D(2025, 10, 6), D(2025, 11, 30))
    assert gap.kept == 2  # S6, S7


def test_quarters_not_started_yet_are_not_thin_and_not_in_the_even_share():
    t = analyse(YEAR, parse_period("2025"), today=D(2025, 8, 15))
    assert t.skew.last_label == "Q3 2025"
    assert t.skew.even_share == pytest.approx(1 / 3, abs=1e-4)
    assert "an even spread over 3 quarters would be 33%" in t.skew.sentence
    assert not any("Q4" in line for line in t.thin)


@pytest.mark.parametrize(
    ("days", "share", "leans"),
    [
        ([D(2025, 2, 1), D(2025, 5, 1), D(2025, 8, 1), D(2025, 11, 1)], 0.25, False),
        ([D(2025, 2, 1), D(2025, 11, 1), D(2025, 11, 2), D(2025, 11, 3)], 0.75, True),
        ([D(2025, 2, 1), D(2025, 11, 1), D(2025, 11, 2)], 0.6667, False),  # fewer stories than quarters
        ([D(2025, 11, 1)], 1.0, False),
        ([D(2025, 2, 1), D(2025, 3, 1), D(2025, 11, 1)], 0.3333, False),  # 1.33x even: not a lean
        ([D(2025, 2, 1)], 0.0, False),
    ],
)
def test_skew_table(days, share, leans):
    data = Dataset([s(f"S{i}", day) for i, day in enumerate(days)])
    skew = analyse(data, parse_period("2025"), today=AFTER).skew
    assert skew.last_share == pytest.approx(share, abs=1e-4)
    assert skew.leans_recent is leans


def test_no_stories():
    t = analyse(Dataset([], [Praise("P1", D(2025, 1, 1), "x")]), parse_period("2025"), today=AFTER)
    assert t.skew.sentence == "There are no stories in this period yet."
    assert t.forgotten == [] and t.gap.left_out == 0


def test_short_last_quarter_gets_its_share_by_length():
    period = parse_period("2025-01-01:2025-11-30", [])
    t = analyse(YEAR, period, today=AFTER)
    assert [q.days for q in period.quarters][-1] == 61
    assert t.skew.even_share == pytest.approx(61 / 334, abs=1e-4)
    assert even_shares(t.quarters) == pytest.approx([90 / 334, 91 / 334, 92 / 334, 61 / 334])
    assert recency_skew(t.quarters, AFTER).last_share == pytest.approx(3 / 8, abs=1e-4)


def test_summary_json_shape():
    out = summary_json(YEAR, parse_period("FY2026:4"), today=AFTER)
    assert set(out) == {"period", "quarters", "recency"}
    assert out["period"] == {
        "start": "2025-04-01",
        "end": "2026-03-31",
        "label": "FY26 (Apr 2025 – Mar 2026)",
    }
    assert out["quarters"][0] == {
        "label": "FY26 Q1",
        "start": "2025-04-01",
        "end": "2025-06-30",
        "stories": 1,
        "praise": 0,
    }
    assert [q["stories"] for q in out["quarters"]] == [1, 0, 6, 1]
    assert set(out["recency"]) == {"last_quarter_share", "even_share", "thin_quarters", "forgotten_wins"}
    assert out["recency"]["thin_quarters"] == ["FY26 Q1", "FY26 Q2", "FY26 Q4"]  # at most 1 story
    assert out["recency"]["forgotten_wins"] == ["S13"]
    assert out["recency"]["last_quarter_share"] == 0.125
