"""The Timeline page through app.py: the period picker drives the numbers, survives a page switch,
and the bundled sample shows a recency skew and forgotten wins."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core.analysis.period import Period, default_period, parse_period
from core.analysis.recency import summary_json
from core.model import Dataset
from ui.state import DATASET, PERIOD, SAMPLE_PATH

PAGE = "pages/timeline.py"


@pytest.fixture
def timeline(app):
    app.switch_page(PAGE).run()
    assert not app.exception
    return app


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def in_period(dataset, period) -> int:
    return sum(1 for s in dataset.stories if period.contains(s.date))


def chart_labels(at) -> list[str]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return list(spec["layout"]["xaxis"]["categoryarray"])


def test_sample_shows_a_skew_and_forgotten_wins(timeline):
    dataset = timeline.session_state[DATASET]
    assert timeline.session_state[PERIOD] is None  # the default period until the user picks one
    default = default_period([i.date for i in dataset.items])
    assert metric(timeline, "Stories in period") == str(in_period(dataset, default))
    assert any("leans on recent months" in w.value for w in timeline.warning)
    cards = [c for c in timeline.caption if c.value.startswith("Why it's strong:")]
    assert len(cards) >= 3
    assert chart_labels(timeline) == [q.label for q in default.quarters]


def test_sample_data_itself_has_the_skew_and_three_forgotten_wins():
    from core.ingest.importer import load_paths

    dataset = load_paths([SAMPLE_PATH])
    out = summary_json(dataset, default_period([i.date for i in dataset.items]))
    assert out["recency"]["last_quarter_share"] >= 1.5 * out["recency"]["even_share"]
    assert len(out["recency"]["forgotten_wins"]) >= 3


def test_fiscal_year_changes_the_numbers_and_the_labels(timeline):
    dataset = timeline.session_state[DATASET]
    before = metric(timeline, "Stories in period")
    latest = max(s.date for s in dataset.stories)
    fy = (
        latest.year + 1 if latest.month >= 4 else latest.year
    )  # the fiscal year (April start) of the latest story
    timeline.radio(key="tl_kind").set_value("fiscal").run()
    timeline.selectbox(key="tl_start_month").set_value(4).run()
    timeline.selectbox(key="tl_fiscal_year").set_value(fy - 1).run()
    assert not timeline.exception
    period = timeline.session_state[PERIOD]
    assert isinstance(period, Period) and period.label.startswith(f"FY{(fy - 1) % 100:02d} (Apr {fy - 2}")
    assert metric(timeline, "Stories in period") == str(in_period(dataset, period))
    assert metric(timeline, "Stories in period") != before
    assert chart_labels(timeline) == [f"FY{(fy - 1) % 100:02d} Q{n}" for n in range(1, 5)]
    outside = sum(1 for i in dataset.items if not period.contains(i.date))
    assert metric(timeline, "Outside this period") == str(outside)


def test_custom_dates_and_the_period_survives_a_page_switch(timeline):
    dataset = timeline.session_state[DATASET]
    latest = max(s.date for s in dataset.stories)
    start, end = latest - dt.timedelta(days=100), latest
    timeline.radio(key="tl_kind").set_value("custom").run()
    timeline.date_input(key="tl_range").set_value((start, end)).run()
    assert not timeline.exception
    chosen = timeline.session_state[PERIOD]
    assert (chosen.start, chosen.end) == (start, end)
    assert metric(timeline, "Stories in period") == str(in_period(dataset, chosen))
    timeline.switch_page("pages/import_data.py").run()
    timeline.switch_page(PAGE).run()
    assert timeline.session_state[PERIOD] == chosen
    assert timeline.radio(key="tl_kind").value == "custom"
    assert timeline.date_input(key="tl_range").value == (start, end)
    assert metric(timeline, "Stories in period") == str(in_period(dataset, chosen))


def test_calendar_year_picked_elsewhere_is_shown(app):
    dataset = app.session_state[DATASET]
    year = max(s.date for s in dataset.stories).year
    app.session_state[PERIOD] = parse_period(str(year), [])
    app.switch_page(PAGE).run()
    assert app.radio(key="tl_kind").value == "calendar"
    assert app.selectbox(key="tl_year").value == year
    assert chart_labels(app) == [f"Q{n} {year}" for n in range(1, 5)]


def test_no_evidence_points_to_import(app):
    app.session_state[DATASET] = Dataset()
    app.switch_page(PAGE).run()
    assert not app.exception
    assert any("No evidence loaded" in i.value for i in app.info)
    assert not app.metric


def test_half_year_then_back_to_the_default(timeline):
    dataset = timeline.session_state[DATASET]
    year = max(s.date for s in dataset.stories).year
    timeline.radio(key="tl_kind").set_value("half").run()
    timeline.selectbox(key="tl_year").set_value(year).run()
    timeline.radio(key="tl_half").set_value(2).run()
    period = timeline.session_state[PERIOD]
    assert (period.label, period.start, period.end) == (
        f"H2 {year}",
        dt.date(year, 7, 1),
        dt.date(year, 12, 31),
    )
    assert chart_labels(timeline) == [f"Q3 {year}", f"Q4 {year}"]
    assert metric(timeline, "Stories in period") == str(in_period(dataset, period))
    timeline.radio(key="tl_kind").set_value("default").run()
    assert timeline.session_state[PERIOD] is None
    default = default_period([i.date for i in dataset.items])
    assert metric(timeline, "Stories in period") == str(in_period(dataset, default))
