"""Import page, part 2: the year question, the columns panel and fixing rows in place (AppTest)."""

from __future__ import annotations

import datetime as dt

from tests.test_import_app import metrics, upload
from ui import state


def test_dates_without_a_year_are_asked_once_then_load(app):
    at = upload(app, "marketing_wins.csv")
    assert not at.exception
    assert metrics(at)["Stories"] == "0" and metrics(at)["Rows skipped"] == "5"
    asks = [w.value for w in at.warning if "Which year are these?" in w.value]
    assert len(asks) == 1 and "marketing\\_wins.csv" in asks[0]
    at.number_input(key=next(k.key for k in at.number_input if k.key.endswith("_year"))).set_value(2025)
    at = next(b for b in at.button if b.label == "Use this year").click().run()
    assert not at.exception
    assert metrics(at)["Stories"] == "5" and metrics(at)["Rows skipped"] == "0"
    assert not [w for w in at.warning if "Which year are these?" in w.value]
    dates = sorted(s.date for s in at.session_state[state.DATASET].stories)
    assert dates[0] == dt.date(2025, 1, 1) and dates[-1] == dt.date(2025, 9, 1)
    stories = next(d.value for d in at.dataframe if "title" in d.value.columns)
    # Months and quarters are shown as such, not as their first day.
    assert stories["date"].tolist() == ["Jan 2025", "Mar 2025", "Q2 2025", "Q2 2025", "Sep 2025"]


def test_undated_stories_are_listed_apart_and_placed_with_a_month(app):
    at = upload(app, "star_bank_organisation.csv")
    assert not at.exception
    warning = next(w.value for w in at.warning if "no date" in w.value)
    assert warning.startswith("3 stories have no date: give each a month to place it on the Timeline.")
    assert not at.session_state[state.DATASET].stories
    at.text_input(key="undated_import_S1").input("2025-03")
    at.text_input(key="undated_import_S2").input("Q4 2025")
    at = at.button[[b.label for b in at.button].index("Place on the Timeline")].click().run()
    assert not at.exception
    dataset = at.session_state[state.DATASET]
    assert [(s.id, s.when) for s in dataset.stories] == [("S1", "Mar 2025"), ("S2", "Q4 2025")]
    assert [s.id for s in dataset.undated] == ["S3"]
    assert any(w.value.startswith("1 story has no date") for w in at.warning)
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert any(w.value.startswith("1 story has no date") for w in at.warning)
    assert at.title[0].value == "Timeline" and at.get("plotly_chart")


def test_a_bank_of_undated_stories_alone_opens_the_timeline_on_them(app):
    at = upload(app, "star_story_bank.csv")
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert any(w.value.startswith("2 stories have no date") for w in at.warning)
    assert not at.get("plotly_chart")
