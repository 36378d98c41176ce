"""Timeline figures: one trace per kind or competency, quarters in chronological order, colours
from the colour-blind-safe palette, nothing fetched from the network."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from core.analysis.charts import OKABE_ITO, PRAISE_COLOUR, UNMAPPED, month_strip, quarter_bars
from core.analysis.period import parse_period
from core.analysis.recency import analyse
from core.model import Dataset, Praise, Story

D = dt.date
DATA = Dataset(
    stories=[
        Story("S1", D(2025, 5, 1), title="a", story_kind="win"),
        Story("S2", D(2025, 5, 2), title="b", story_kind="lesson"),
        Story("S3", D(2026, 2, 1), title="c", story_kind="win"),
        Story("S4", D(2026, 2, 2), title="d", story_kind="struggle"),
        Story("S5", D(2026, 3, 3), title="e", story_kind="win"),
    ],
    praise=[Praise("P1", D(2025, 12, 1), "x"), Praise("P2", D(2026, 3, 1), "y")],
)


def quarters(spec="FY2026:4"):
    return analyse(DATA, parse_period(spec, []), today=D(2027, 1, 1)).quarters


def by_name(fig):
    return {trace.name: trace for trace in fig.data}


def test_bars_by_kind_in_chronological_fiscal_order():
    fig = quarter_bars(quarters())
    labels = ["FY26 Q1", "FY26 Q2", "FY26 Q3", "FY26 Q4"]  # Apr 2025 .. Mar 2026, across two calendar years
    assert list(fig.layout.xaxis.categoryarray) == labels
    traces = by_name(fig)
    assert list(traces) == ["Wins", "Struggles", "Lessons", "Praise"]
    assert all(list(t.x) == labels for t in fig.data)
    assert list(traces["Wins"].y) == [1, 0, 0, 2]
    assert list(traces["Lessons"].y) == [1, 0, 0, 0]
    assert list(traces["Praise"].y) == [0, 0, 1, 1]
    # stories stack: each kind starts where the previous one ended
    assert list(traces["Struggles"].base) == [1, 0, 0, 2]
    assert list(traces["Lessons"].base) == [1, 0, 0, 3]
    assert traces["Praise"].offsetgroup != traces["Wins"].offsetgroup  # praise stands beside the stack


def test_bars_by_competency():
    assignments = {
        "S1": ["Delivery", "Craft"],
        "S2": ["Craft"],
        "S3": [],
        "S5": ["Delivery"],
        "P1": ["Craft"],
    }
    traces = by_name(quarter_bars(quarters(), assignments))
    assert list(traces) == ["Craft", "Delivery", UNMAPPED, "Praise"]
    assert list(traces["Craft"].y) == [2, 0, 0, 0]
    assert list(traces["Delivery"].y) == [1, 0, 0, 1]  # S1 counts for both of its competencies
    assert list(traces[UNMAPPED].y) == [0, 0, 0, 2]  # S3 (supports none) and S4 (no entry)
    colours = [t.marker.color for t in traces.values()]
    assert len(set(colours)) == len(colours)
    assert all(c in OKABE_ITO for c in colours if c != "#BBBBBB")
    assert traces["Praise"].marker.color == PRAISE_COLOUR
    assert PRAISE_COLOUR not in {traces["Craft"].marker.color, traces["Delivery"].marker.color}


def test_many_competencies_get_patterns_so_colours_never_repeat_bare():
    names = [f"C{i:02d}" for i in range(10)]
    assignments = {"S1": names}
    fig = quarter_bars(quarters(), assignments)
    styles = [(t.marker.color, t.marker.pattern.shape) for t in fig.data if t.name in names]
    assert len(styles) == 10
    assert len(set(styles)) == 10


@pytest.mark.parametrize(
    ("spec", "first", "last", "count"),
    [("FY2026:4", "Apr 2025", "Mar 2026", 12), ("H1 2026", "Jan 2026", "Jun 2026", 6)],
)
def test_month_strip(spec, first, last, count):
    months = analyse(DATA, parse_period(spec, []), today=D(2027, 1, 1)).months
    fig = month_strip(months)
    heat = fig.data[0]
    assert len(heat.x) == count and (heat.x[0], heat.x[-1]) == (first, last)
    assert list(heat.y) == ["Stories", "Praise"]
    assert sum(heat.z[0]) == sum(m.stories for m in months)
    assert list(fig.layout.xaxis.categoryarray) == list(heat.x)


def test_figures_load_nothing_from_the_network():
    for fig in (quarter_bars(quarters()), month_strip(analyse(DATA, parse_period("2025", [])).months)):
        spec = fig.to_json()
        assert not re.search(r"https?://", spec)
        assert "mapbox" not in spec


HOSTILE_NAME = '<a href="http://127.0.0.1:9/x">Lead</a> &amp; %{y} \u202eevil'


def test_user_names_reach_the_chart_as_inert_text():
    """Plotly renders <a>, <span style> and entities in names and hover text: user names are escaped."""
    fig = quarter_bars(quarters(), {"S1": [HOSTILE_NAME]})
    trace = next(t for t in fig.data if "Lead" in t.name)
    assert trace.name == "&lt;a href=\"http://127.0.0.1:9/x\"&gt;Lead&lt;/a&gt; &amp;amp; % {y} evil"
    assert "<a" not in trace.hovertemplate and "\u202e" not in trace.hovertemplate
    assert "% {y}" in trace.hovertemplate  # not a template field that shows another value
