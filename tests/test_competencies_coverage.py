"""Coverage per competency and quarter, the heatmap, and the gaps in words, on hand-checked data."""

from __future__ import annotations

import datetime as dt

import pytest

from core.analysis.coverage import PRAISE_WEIGHT, coverage, gaps, heatmap_figure
from core.analysis.period import calendar_year
from core.model import Competency, Framework, Praise, Story

FRAMEWORK = Framework(
    "Hand",
    [
        Competency("Delivery", "Ships what matters"),
        Competency("Communication", "Explains things clearly"),
        Competency("Mentorship", "Helps others grow"),
        Competency("Strategy", "Sets direction"),
        Competency("Customer focus", "Puts customers first"),
    ],
)
PERIOD = calendar_year(2025)
ITEMS = [
    Story("S1", dt.date(2025, 2, 1), title="Shipped the importer"),
    Story("S2", dt.date(2025, 8, 1), title="Shipped and explained the redesign"),
    Praise("P1", dt.date(2025, 5, 1), "Great talk"),
    Praise("P2", dt.date(2025, 11, 1), "Thanks for mentoring me"),
    Praise("P3", dt.date(2025, 1, 10), "Customers love it"),
    Praise("P4", dt.date(2025, 9, 10), "The customer call went well"),
    Story("S0", dt.date(2024, 12, 31), title="Before the period"),
]
ASSIGNMENTS = {
    "S1": ["Delivery"],
    "S2": ["Delivery", "Communication"],
    "P1": ["Communication"],
    "P2": ["Mentorship"],
    "P3": ["Customer focus"],
    "P4": ["Customer focus", "Not in this framework"],
    "S0": ["Delivery"],
}


@pytest.fixture
def cov():
    return coverage(ITEMS, FRAMEWORK, ASSIGNMENTS, PERIOD, strengths={"S1": 0.8, "S2": 0.5})


def test_counts_per_competency_and_quarter(cov):
    assert cov.quarters == ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
    assert cov.competencies == FRAMEWORK.names
    assert cov.matrix() == [
        [1, 0, 1, 0],  # Delivery: S1, S2 (S0 is outside the period)
        [0, 1, 1, 0],  # Communication: P1, S2
        [0, 0, 0, 1],  # Mentorship: P2
        [0, 0, 0, 0],  # Strategy
        [1, 0, 1, 0],  # Customer focus: P3, P4 (the unknown name is ignored)
    ]
    assert cov.outside == 1
    assert cov.cell("Communication", "Q3 2025").ids == ["S2"]


def test_strength_weighs_stories_by_score_and_praise_by_a_constant(cov):
    assert cov.cell("Delivery", "Q1 2025").strength == pytest.approx(0.8)
    assert cov.cell("Communication", "Q2 2025").strength == pytest.approx(PRAISE_WEIGHT)
    assert cov.cell("Communication", "Q3 2025").strength == pytest.approx(0.5)


def test_rows_are_the_cli_shape(cov):
    rows = cov.rows()
    assert len(rows) == 5 * 4
    assert rows[0] == {"competency": "Delivery", "quarter": "Q1 2025", "count": 1}


def test_gaps_in_words(cov):
    messages = [g.message for g in gaps(cov, FRAMEWORK)]
    assert messages == [
        "No evidence for Mentorship in the first half (Q1 2025 – Q2 2025).",
        "Mentorship rests on one praise quote.",
        "No evidence for Strategy in the review period.",
        "Customer focus has no story, only praise (2 quotes).",
    ]


def test_every_gap_has_a_prompt_to_recall_a_story(cov):
    for gap in gaps(cov, FRAMEWORK):
        assert gap.prompt.endswith(("?", "."))
        assert len(gap.prompt) > 30
    strategy = next(g for g in gaps(cov, FRAMEWORK) if g.competency == "Strategy")
    assert "sets direction" in strategy.prompt


def test_one_story_is_a_gap_too():
    cov = coverage(ITEMS[:1], FRAMEWORK, {"S1": ["Delivery"]}, PERIOD)
    messages = [g.message for g in gaps(cov, FRAMEWORK)]
    assert "Delivery rests on one story." in messages
    assert "No evidence for Delivery in the second half (Q3 2025 – Q4 2025)." in messages


def test_heatmap_in_framework_order_and_chronological(cov):
    fig = heatmap_figure(cov)
    heat = fig.data[0]
    assert list(heat.y) == FRAMEWORK.names
    assert list(heat.x) == ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
    assert [list(row) for row in heat.z] == cov.matrix()
    assert fig.layout.yaxis.autorange == "reversed"  # first competency on top
    assert list(heat.text[3]) == ["", "", "", ""]  # Strategy: empty cells stay unlabelled


def test_heatmap_strength_measure(cov):
    heat = heatmap_figure(cov, "strength").data[0]
    assert heat.z[0][0] == pytest.approx(0.8)
    assert "weighted by how convincing" in heat.hovertemplate  # plain words, not "strength"


def test_heatmap_shows_competency_names_as_inert_text():
    """A pasted framework's names reach Plotly escaped: no link, styled span or direction override."""
    framework = Framework("Mine", [Competency('<a href="http://127.0.0.1:9/x">Lead</a>\u202e', "")])
    cov = coverage(ITEMS[:1], framework, {"S1": [framework.names[0]]}, PERIOD)
    assert list(heatmap_figure(cov).data[0].y) == ['&lt;a href="http://127.0.0.1:9/x"&gt;Lead&lt;/a&gt;']
