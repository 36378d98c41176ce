"""Import page, part 2: the year question, the columns panel and fixing rows in place (AppTest)."""

from __future__ import annotations

import datetime as dt

from tests.test_import_app import metrics, upload
from ui import state
from ui.import_fix import panel_key


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


# ------------------------------------------------------------------ the read-as panel, fixing rows, reloads


def test_the_read_as_panel_shows_each_column_and_changes_one(app):
    at = upload(app, "google_sheets_what_happened.csv")
    [caption] = [c.value for c in at.caption if "your columns were read as" in c.value]
    assert "When → date, What happened → challenge, What I did → action, Impact → result" in caption
    assert "Who noticed → who noticed, Lesson → lesson learned, Theme → theme or skill (a hint)" in caption
    assert not at.selectbox  # the panel's widgets come only once it is opened (ui.import_fix)
    assert [e.label for e in at.expander if e.label.startswith("Change how the columns of")]
    [(file, reading)] = [(f.file, r) for f in at.session_state[state.IMPORT_REPORT].files for r in f.readings]
    at.session_state[f"{panel_key(file, reading)}_open"] = True  # the user opens the panel
    at.run()
    what_happened = next(s for s in at.selectbox if s.label == "What happened")
    what_happened.set_value("description")
    at = next(b for b in at.button if b.label == "Read the columns this way").click().run()
    assert not at.exception
    story = at.session_state[state.DATASET].stories[0]
    assert (story.challenge, story.description) == ("", "Checkout errors doubled after the release")
    [caption] = [c.value for c in at.caption if "your columns were read as" in c.value]
    assert "What happened → description" in caption
    # Remembered for this set of columns: the same headers next time are read the user's way.
    [remembered] = at.session_state[state.READ_AS].values()
    assert remembered["What happened"] == "description"


def test_a_rejected_row_fixed_inline_loads_and_reaches_the_timeline(app):
    at = upload(app, "libreoffice_wins.xlsx")
    assert metrics(at)["Rows skipped"] == "2"
    date_box = next(t for t in at.text_input if t.value == "sometime in spring")
    date_box.input("2025-04-20")
    at = at.button(key=date_box.key.replace("_date", "_go")).click().run()
    assert not at.exception
    assert metrics(at)["Rows skipped"] == "1" and metrics(at)["Stories"] == "6"
    fixed = next(s for s in at.session_state[state.DATASET].stories if s.title == "Helped sales")
    assert (fixed.date, fixed.origin.row) == (dt.date(2025, 4, 20), 8)
    assert not [t for t in at.text_input if t.value == "sometime in spring"]
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    numbers = next(d.value for d in at.dataframe if "Stories" in d.value.columns)
    assert int(numbers["Stories"].sum()) == 6  # the fixed row counts in the quarters


def test_the_load_report_survives_a_reload(advocate_home, bound_to_localhost):
    from tests.test_journal_app import new_session

    at = upload(new_session(), "libreoffice_wins.xlsx")
    assert any("2 row(s) were not loaded" in e.value for e in at.error)
    at = new_session()  # a reload: only the saved workspace comes back
    assert not at.exception
    assert metrics(at) == {"Stories": "5", "Praise": "3", "Rows skipped": "2", "Rows read": "10"}
    assert any("2 row(s) were not loaded" in e.value for e in at.error)
    report = next(d.value for d in at.dataframe if "message" in d.value.columns)
    assert "sometime in spring" in " ".join(report["message"])
    # Fixed after the reload, the row stays fixed through the next one.
    date_box = next(t for t in at.text_input if t.value == "sometime in spring")
    date_box.input("2025-04-20")
    at = at.button(key=date_box.key.replace("_date", "_go")).click().run()
    at = new_session()
    assert metrics(at)["Rows skipped"] == "1"
    assert "Helped sales" in [s.title for s in at.session_state[state.DATASET].stories]


def test_hidden_sheets_can_be_included(app):
    at = upload(app, "hidden_sheets.xlsx")
    assert metrics(at)["Stories"] == "2"
    at = at.checkbox[0].check().run()
    assert not at.exception
    assert metrics(at)["Stories"] == "4"
