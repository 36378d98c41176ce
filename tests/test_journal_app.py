"""The Journal page through app.py: what a user adds is saved, survives a reload, reaches the
other pages, can be edited and deleted; "Delete all my data" removes the file; shared mode and
the sample never write anything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from streamlit.testing.v1 import AppTest

from core.store.workspace import DB_NAME, WorkspaceStore

ROOT = Path(__file__).resolve().parent.parent
JOURNAL = "pages/journal.py"
TITLE = "Cut release time from two days to two hours"


pytestmark = pytest.mark.usefixtures("bound_to_localhost")


def new_session() -> AppTest:
    """A fresh browser session (what a reload is): nothing carried over but the saved workspace."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


def journal(at: AppTest) -> AppTest:
    at.switch_page(JOURNAL).run()
    assert not at.exception, at.exception
    return at


def add_story(at: AppTest, title: str = TITLE) -> AppTest:
    at.text_input(key="journal_story_title").input(title)
    at.text_area(key="journal_story_challenge").input("Releases took two days and blocked three teams.")
    at.text_area(key="journal_story_action").input("I automated the release pipeline and wrote the runbook.")
    at.text_area(key="journal_story_result").input(
        "Release time fell from 2 days to 2 hours, saving 30 hours a month."
    )
    at.run()
    at.button(key="journal_save_story").click().run()
    assert not at.exception, at.exception
    return at


def stories(at: AppTest):
    return at.session_state["dataset"].stories


@pytest.fixture
def recording_media(monkeypatch):
    """Keep AppTest's in-memory media store reachable, to read what a download button serves."""
    import streamlit.testing.v1.app_test as app_test_module
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    stores = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            stores.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)

    def read(button) -> bytes:
        name = button.proto.url.rsplit("/", 1)[-1]
        return stores[-1].get_file(name).content

    return read


def test_story_survives_a_reload_and_reaches_timeline_and_draft(advocate_home):
    at = journal(new_session())
    assert not (advocate_home / DB_NAME).exists(), "the sample is never saved"
    add_story(at)
    assert any("Saved story S1" in s.value for s in at.success)
    [story] = stories(at)  # the sample was put away: the user's own journal starts here
    assert (story.id, story.title, story.date, story.origin.file) == ("S1", TITLE, dt.date.today(), "journal")
    assert (advocate_home / DB_NAME).exists()

    reloaded = new_session()
    assert [s.title for s in stories(reloaded)] == [TITLE]
    assert reloaded.session_state["source"] != "sample"
    assert any("Saved automatically" in c.value for c in reloaded.sidebar.caption)

    reloaded.switch_page("pages/timeline.py").run()
    assert not reloaded.exception, reloaded.exception
    metrics = {m.label: m.value for m in reloaded.metric}
    assert metrics["Stories in period"] == "1"

    reloaded.switch_page("pages/draft.py").run()
    assert not reloaded.exception, reloaded.exception
    draft_text = "\n".join(m.value for m in reloaded.markdown)
    assert "S1" in draft_text
    assert "2 hours" in draft_text


def test_competencies_are_suggested_as_you_type_and_the_coach_speaks(advocate_home):
    at = journal(new_session())
    at.text_input(key="journal_story_title").input("Mentored two new engineers")
    at.text_area(key="journal_story_action").input(
        "I mentored and coached two new hires through their first project."
    )
    at.run()
    suggested = at.multiselect(key="journal_story_competencies").value
    assert suggested, "the mapping engine pre-fills the competencies"
    coach = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert coach, "the strength coach gives tips for a thin story"
    at.text_area(key="journal_story_result").input("Both shipped their first feature in 3 weeks, 40% faster.")
    at.run()
    assert [m.value for m in at.markdown if m.value.startswith("- ")] != coach


def test_praise_pasted_from_an_email_is_prefilled_then_saved(advocate_home):
    at = journal(new_session())
    at.text_area(key="journal_paste").input(
        "From: Jane Doe <jane@example.com>\nSent: Tuesday, March 4, 2025 10:42 AM\nSubject: Thanks\n\n"
        "The migration went perfectly."
    )
    at.run()
    at.button(key="journal_read_paste").click().run()
    assert at.text_input(key="journal_praise_from").value == "Jane Doe"
    assert at.date_input(key="journal_praise_date").value == dt.date(2025, 3, 4)
    assert at.text_area(key="journal_praise_text").value == "The migration went perfectly."
    at.text_input(key="journal_praise_role").input("my manager")
    at.text_input(key="journal_praise_from").input("Jane A. Doe")  # the user corrects it
    at.run()
    at.button(key="journal_save_praise").click().run()
    assert not at.exception
    [quote] = at.session_state["dataset"].praise
    assert (quote.id, quote.author, quote.role, quote.date, quote.channel) == (
        "P1",
        "Jane A. Doe",
        "my manager",
        dt.date(2025, 3, 4),
        "email",
    )
    assert WorkspaceStore(advocate_home).load().dataset.praise == [quote]


def test_empty_story_is_refused_with_a_reason(advocate_home):
    at = journal(new_session())
    at.button(key="journal_save_story").click().run()
    assert any("at least a title" in e.value for e in at.error)
    assert at.session_state["source"] == "sample"
    assert not (advocate_home / DB_NAME).exists()


def test_edit_and_delete_are_saved(advocate_home):
    at = journal(new_session())
    add_story(at)
    add_story(at, "Second win")
    at.selectbox(key="journal_edit").set_value("S1").run()
    form_title = [t for t in at.text_input if t.value == TITLE]
    form_title[0].input("Release time: 2 days to 2 hours")  # a form: sent with its submit button
    [submit] = [b for b in at.button if b.label == "Save changes"]
    submit.click().run()
    assert not at.exception, at.exception
    assert WorkspaceStore(advocate_home).load().dataset.stories[0].title == "Release time: 2 days to 2 hours"

    at.selectbox(key="journal_edit").set_value("S2").run()
    at.checkbox(key="journal_delete_confirm_S2").check().run()
    at.button(key="journal_delete_S2").click().run()
    assert [s.id for s in stories(at)] == ["S1"]
    assert [s.id for s in stories(new_session())] == ["S1"]


def test_delete_all_my_data_removes_the_file(advocate_home):
    at = journal(new_session())
    add_story(at)
    assert (advocate_home / DB_NAME).exists()
    assert at.button(key="ws_delete_all").disabled, "needs the confirmation first"
    at.checkbox(key="ws_delete_all_confirm").check().run()
    at.button(key="ws_delete_all").click().run()
    assert not at.exception, at.exception
    assert not any(advocate_home.glob(DB_NAME + "*"))
    assert at.session_state["source"] == "sample"
    at.run()  # the end-of-run save must not bring it back
    again = new_session()
    assert again.session_state["source"] == "sample"
    assert not any(advocate_home.glob(DB_NAME + "*"))


@pytest.mark.parametrize("how", ["env", "server_address"])
def test_shared_mode_writes_nothing(advocate_home, monkeypatch, how):
    from streamlit import config

    if how == "env":
        monkeypatch.setenv("ADVOCATE_SHARED", "1")
    else:
        config.set_option("server.address", "0.0.0.0")  # served to the network
    at = journal(new_session())
    assert any("nothing is saved on this server" in w.value for w in at.warning)
    add_story(at)
    assert [s.title for s in stories(at)] == [TITLE]  # the session still has it
    at.text_area(key="journal_paste").input("Jane Doe  10:42 AM\nThanks!")
    at.run()
    at.button(key="journal_read_paste").click().run()
    at.button(key="journal_save_praise").click().run()
    assert len(at.session_state["dataset"].praise) == 1
    assert not advocate_home.exists() or not any(advocate_home.iterdir())


def test_visiting_every_page_on_the_sample_writes_nothing(advocate_home):
    at = new_session()
    for page in ("pages/timeline.py", "pages/competencies.py", "pages/draft.py", JOURNAL):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    assert not advocate_home.exists() or not any(advocate_home.iterdir())


def test_weekly_reminder_download_is_a_valid_calendar(advocate_home, recording_media):
    at = journal(new_session())
    at.selectbox(key="journal_reminder_day").set_value(1).run()
    at.time_input(key="journal_reminder_time").set_value(dt.time(9, 30)).run()
    [button] = [b for b in at.get("download_button") if b.label == "Download weekly reminder (.ics)"]
    [event] = Calendar.from_ical(recording_media(button)).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.strftime("%A"), start.time()) == ("Tuesday", dt.time(9, 30))
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]


def test_workspaces_create_switch_and_keep_their_own_evidence(advocate_home):
    at = journal(new_session())
    add_story(at, "Acme win")
    at.text_input(key="ws_new_name").input("Globex")
    at.run()
    at.button(key="ws_create").click().run()
    assert not at.exception, at.exception
    assert at.session_state["source"] == "sample"  # a new, empty workspace
    add_story(at, "Globex win")
    assert [s.title for s in stories(new_session())] == ["Globex win"]  # reopens the last one

    at.selectbox(key="ws_switch").set_value("My workspace").run()
    at.button(key="ws_switch_button").click().run()
    assert [s.title for s in stories(at)] == ["Acme win"]
    at.text_input(key="ws_rename_to").input("Acme")
    at.run()
    at.button(key="ws_rename").click().run()
    assert WorkspaceStore(advocate_home).names() == ["Acme", "Globex"]
    assert [s.title for s in stories(new_session())] == ["Acme win"]


def test_year_over_year_appears_once_evidence_spans_two_periods(advocate_home):
    at = journal(new_session())
    add_story(at, "This year")
    assert not at.get("plotly_chart")
    at.date_input(key="journal_story_date").set_value(dt.date.today() - dt.timedelta(days=500)).run()
    add_story(at, "Last year")
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    table = at.dataframe[0].value
    assert table["Stories"].sum() == 2


def test_a_damaged_database_is_reported_and_never_overwritten(advocate_home):
    advocate_home.mkdir(parents=True)
    damaged = b"this is not a database" * 100
    (advocate_home / DB_NAME).write_bytes(damaged)
    at = new_session()
    assert not at.exception, at.exception
    assert any("could not be opened" in e.value for e in at.sidebar.error)
    assert at.session_state["source"] == "sample"
    add_story(journal(at))
    assert (advocate_home / DB_NAME).read_bytes() == damaged
    at.checkbox(key="ws_delete_all_confirm").check().run()
    at.button(key="ws_delete_all").click().run()  # the user may still throw it away
    assert not (advocate_home / DB_NAME).exists()
    add_story(at)
    assert [s.title for s in WorkspaceStore(advocate_home).load().dataset.stories] == [TITLE]
