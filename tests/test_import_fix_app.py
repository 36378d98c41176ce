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
