"""Importing into a workspace that already has evidence, through the Import page: new rows are
added to the user's journal, and a changed row waits for the user's choice."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_journal_app import new_session as session

from core.store.workspace import WorkspaceStore

pytestmark = pytest.mark.usefixtures("bound_to_localhost")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample_wins.xlsx"


def journal_story(at: AppTest, title: str) -> None:
    at.switch_page("pages/journal.py").run()
    at.text_input(key="journal_story_title").input(title)
    at.text_area(key="journal_story_result").input("Cut costs by 20%.")
    at.run()
    at.button(key="journal_save_story").click().run()
    assert not at.exception, at.exception


def upload(at: AppTest, name: str, data: bytes) -> None:
    at.switch_page("pages/import_data.py").run()
    at.get("file_uploader")[0].upload(name, data)
    at.run()
    assert not at.exception, at.exception


def test_import_merges_into_the_journal_and_asks_about_changed_rows(advocate_home):
    pytest.importorskip("core.writing.workbook")
    from core.ingest.importer import load_uploads
    from core.writing.workbook import write_workbook

    at = session()
    journal_story(at, "Written in the journal")
    upload(at, "sample_wins.xlsx", SAMPLE.read_bytes())
    sample = load_uploads([(SAMPLE.name, SAMPLE.read_bytes())])
    dataset = at.session_state["dataset"]
    assert len(dataset.stories) == len(sample.stories) + 1
    assert "Written in the journal" in [s.title for s in dataset.stories]
    assert len({i.id for i in dataset.items}) == len(dataset.items)
    assert any("Merged into your workspace" in s.value for s in at.success)
    saved = WorkspaceStore(advocate_home).load().dataset
    assert len(saved.stories) == len(dataset.stories)

    # The user's own export, edited elsewhere: one result changed, nothing else.
    first = dataset.stories[0]
    edited = dataclasses.replace(dataset, stories=[dataclasses.replace(first, result="Edited elsewhere")])
    upload(at, "edited.xlsx", write_workbook(edited, {}))
    conflicts = at.session_state["merge_conflicts"]
    assert [c.mine.id for c in conflicts] == [first.id]
    assert len(at.session_state["dataset"].items) == len(dataset.items)  # nothing duplicated
    at.radio(key=f"merge_choice_{first.id}").set_value("theirs").run()
    at.button(key="merge_apply").click().run()
    assert not at.exception, at.exception
    assert at.session_state["dataset"].by_id()[first.id].result == "Edited elsewhere"
    assert WorkspaceStore(advocate_home).load().dataset.by_id()[first.id].result == "Edited elsewhere"


@pytest.mark.parametrize("then", ["import", "journal"])
def test_looking_at_the_sample_never_loses_the_saved_workspace(advocate_home, then):
    at = session()
    journal_story(at, "Written in the journal")
    at.switch_page("pages/import_data.py").run()
    [sample_button] = [b for b in at.button if b.label == "Use the sample data"]
    sample_button.click().run()
    assert at.session_state["source"] == "sample"
    if then == "import":
        upload(at, "sample_wins.xlsx", SAMPLE.read_bytes())
    else:
        journal_story(at, "Added after looking at the sample")
    titles = [s.title for s in WorkspaceStore(advocate_home).load().dataset.stories]
    assert "Written in the journal" in titles
    assert len(titles) > 1
