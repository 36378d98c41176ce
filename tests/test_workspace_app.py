"""Importing into a workspace that already has evidence, through the Import page: new rows are
added to the user's journal, and a changed row waits for the user's choice."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_journal_app import new_session as session

from core.store.workspace import WorkspaceStore

pytestmark = pytest.mark.usefixtures("bound_to_localhost")
ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample_wins.xlsx"
FIXTURES = ROOT / "tests" / "fixtures"


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

    # A reload before choosing: the choice is still waiting, nothing was dropped.
    at = session()
    at.switch_page("pages/import_data.py").run()
    [conflict] = at.session_state["merge_conflicts"]
    assert conflict.theirs.result == "Edited elsewhere"
    choice = at.radio(key=f"merge_choice_{conflict.key}")
    assert choice.value is None and "Use the file's version" in choice.options
    choice.set_value("theirs").run()
    at.button(key="merge_apply").click().run()
    assert not at.exception, at.exception
    assert at.session_state["dataset"].by_id()[first.id].result == "Edited elsewhere"
    saved = WorkspaceStore(advocate_home).load()
    assert saved.dataset.by_id()[first.id].result == "Edited elsewhere"
    assert saved.merge_conflicts == []


def test_use_the_sample_data_clears_pending_choices(advocate_home):
    from core.writing.workbook import write_workbook

    at = session()
    journal_story(at, "Written in the journal")
    mine = at.session_state["dataset"]
    edited = dataclasses.replace(mine, stories=[dataclasses.replace(mine.stories[0], result="Edited")])
    upload(at, "edited.xlsx", write_workbook(edited, {}))
    assert len(at.session_state["merge_conflicts"]) == 1
    at.segmented_control(key="import_example").set_value("engineering").run()
    assert at.session_state["merge_conflicts"] == []
    assert not [b for b in at.button if b.key == "merge_apply"]


@pytest.mark.parametrize("then", ["import", "journal"])
def test_looking_at_the_sample_never_loses_the_saved_workspace(advocate_home, then):
    at = session()
    journal_story(at, "Written in the journal")
    at.switch_page("pages/import_data.py").run()
    at.segmented_control(key="import_example").set_value("engineering").run()
    assert at.session_state["source"] == "sample"
    if then == "import":
        upload(at, "sample_wins.xlsx", SAMPLE.read_bytes())
    else:
        journal_story(at, "Added after looking at the sample")
    titles = [s.title for s in WorkspaceStore(advocate_home).load().dataset.stories]
    assert "Written in the journal" in titles
    assert len(titles) > 1


def test_a_corrected_reupload_keeps_every_row_across_reloads(advocate_home):
    """The reported case through the Import page: the corrected file inserts a row (every
    position-based id after it shifts), fixes two year-less dates and edits a result."""
    from core.ingest.importer import load_paths

    fixed = load_paths([FIXTURES / "reupload_v2.csv"])
    wanted = {(x.title, x.result) for x in fixed.stories}
    at = session()
    upload(at, "wins.csv", (FIXTURES / "reupload_v1.csv").read_bytes())
    at = session()  # come back later
    upload(at, "wins.csv", (FIXTURES / "reupload_v2.csv").read_bytes())
    [summary] = [x.value for x in at.success if "Merged into your workspace" in x.value]
    dataset = at.session_state["dataset"]
    assert f"Stories ({len(dataset.stories)})" in [t.label for t in at.tabs]  # the page agrees
    new, there, changed = map(int, re.findall(r"(\d+) (?:new|already there|changed)", summary))
    assert new + there + changed == len(fixed.stories)  # every row of the file is accounted for

    at = session()  # a reload before choosing: every row is in the set or waiting for a choice
    at.switch_page("pages/import_data.py").run()
    conflicts = at.session_state["merge_conflicts"]
    shown = {(x.title, x.result) for x in at.session_state["dataset"].stories}
    assert wanted <= shown | {(c.theirs.title, c.theirs.result) for c in conflicts}, summary
    assert ("Rebuilt the newsletter", "Open rate up from 18% to 31%") in {
        (c.theirs.title, c.theirs.result) for c in conflicts
    }
    for conflict in conflicts:
        at.radio(key=f"merge_choice_{conflict.key}").set_value("theirs")
    at.button(key="merge_apply").click().run()
    assert not at.exception, at.exception

    at = session()
    stories = at.session_state["dataset"].stories
    assert sorted((x.title, x.result) for x in stories) == sorted(wanted)
    assert len({x.id for x in stories}) == len(stories)


def test_rows_the_new_file_lacks_stay_and_the_page_says_so(advocate_home):
    at = session()
    upload(at, "wins.csv", (FIXTURES / "reupload_v2.csv").read_bytes())
    before = len(at.session_state["dataset"].stories)
    upload(at, "older.csv", (FIXTURES / "reupload_v1.csv").read_bytes())  # fewer rows
    assert len(at.session_state["dataset"].stories) == before  # nothing removed
    [summary] = [x.value for x in at.success if "Merged into your workspace" in x.value]
    assert re.search(r"\d+ of your rows are not in this file: they stay in your workspace", summary)


@pytest.mark.parametrize("before", ["the sample", "a journal story"])
def test_an_upload_is_written_once_with_its_file_named_as_the_source(advocate_home, monkeypatch, before):
    """One write, at the run's end, with the file named as what is in use (a second write only for
    that cost the upload 0.05-0.1 s at 10,000 + 10,000)."""
    writes = []
    write = WorkspaceStore.save

    def counted(store, *args, **kwargs):
        writes.append(args)
        return write(store, *args, **kwargs)

    monkeypatch.setattr(WorkspaceStore, "save", counted)
    at = session()
    if before == "a journal story":
        journal_story(at, "Written in the journal")
    writes.clear()
    upload(at, "sample_wins.xlsx", SAMPLE.read_bytes())
    assert len(writes) == 1
    assert at.session_state["source"] == "sample_wins.xlsx"
    assert WorkspaceStore(advocate_home).load().source == "sample_wins.xlsx"


def _stop():
    import streamlit as st

    st.stop()


def _fail():
    raise RuntimeError("a bug further down the page")


@pytest.mark.parametrize("cut_short", [_stop, _fail], ids=["stopped", "an error"])
def test_an_upload_is_saved_even_when_its_page_ends_early(advocate_home, monkeypatch, cut_short):
    """The save waits for the run's end (the page's tables go first): a run cut short after the
    merge, by st.stop(), a new run or a bug, still writes the upload before it ends."""
    monkeypatch.setattr("ui.merging.render_conflicts", lambda: cut_short())
    at = session()
    at.switch_page("pages/import_data.py").run()
    at.get("file_uploader")[0].upload("sample_wins.xlsx", SAMPLE.read_bytes())
    at.run()
    assert bool(at.exception) == (cut_short is _fail)
    saved = WorkspaceStore(advocate_home).load()
    assert saved.source == "sample_wins.xlsx"
    assert len(saved.dataset.stories) == len(at.session_state["dataset"].stories) > 0
