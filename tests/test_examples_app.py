"""Issue 19 through app.py: the marketing example year on the Import page, a kudos e-mail or a
Slack copy dropped on Import becoming praise, and the Journal reading Slack's copied header."""

from __future__ import annotations

import datetime as dt

import pytest

from core.ingest.importer import load_paths
from tests.conftest import FIXTURES, ROOT
from ui import state

MESSAGES = FIXTURES / "messages"


def upload(at, *paths):
    for path in paths:
        at.get("file_uploader")[0].upload(path.name, path.read_bytes(), "text/plain")
    at.run()
    assert not at.exception, at.exception
    return at


def test_choosing_the_marketing_example_shows_sofias_year_and_back(app):
    at = app.segmented_control(key="import_example").set_value("marketing").run()
    assert not at.exception, at.exception
    marketing = load_paths([ROOT / "data" / "sample_marketing.xlsx"])
    dataset = at.session_state[state.DATASET]
    assert [s.title for s in dataset.stories] == [s.title for s in marketing.stories]
    assert at.session_state[state.SOURCE] == "sample"
    assert any("product marketing manager" in i.value for i in at.info)
    assert {m.label: m.value for m in at.metric}["Stories"] == "35"
    at.switch_page("pages/draft.py").run()  # every page on it: tests/test_plain_words.py
    assert not at.exception, at.exception
    at.switch_page("pages/import_data.py").run()
    assert at.segmented_control(key="import_example").value == "marketing"  # still what is shown
    at = at.segmented_control(key="import_example").set_value("engineering").run()
    assert "Maya" in at.info[0].value
    assert len(at.session_state[state.DATASET].stories) == 40


@pytest.mark.parametrize(
    ("name", "author", "role", "date", "channel"),
    [
        ("kudos_outlook.txt", "Hannah Schulz", "", dt.date(2026, 6, 24), "email"),
        ("kudos.eml", "Daniel Reyes", "", dt.date(2026, 3, 13), "email"),
        ("slack_dated.txt", "Lena Okoro", "Events", dt.date(2026, 10, 3), "Slack"),
    ],
)
def test_a_message_dropped_on_import_becomes_praise(app, name, author, role, date, channel):
    at = upload(app, MESSAGES / name)
    [praise] = at.session_state[state.DATASET].praise
    assert (praise.author, praise.role, praise.date, praise.channel) == (author, role, date, channel)
    assert at.session_state[state.DATASET].stories == []
    assert any("Every row was loaded" in s.value for s in at.success)
    assert not at.selectbox  # no column-matching form ("Hidden", "Link"...) for a message
    table = at.dataframe[-1].value
    assert table["from"].tolist() == [author]


def test_the_journal_reads_a_slack_copy_with_its_sender_team_and_date(app):
    at = app.switch_page("pages/journal.py").run()
    at.text_area(key="journal_paste").input((MESSAGES / "slack_dated.txt").read_text(encoding="utf-8"))
    at.button(key="journal_read_paste").click().run()
    assert not at.exception, at.exception
    assert at.text_input(key="journal_praise_from").value == "Lena Okoro"
    assert at.text_input(key="journal_praise_role").value == "Events"
    assert at.date_input(key="journal_praise_date").value == dt.date(2026, 10, 3)
    assert at.text_area(key="journal_praise_text").value.startswith("Best booth we've ever had.")
