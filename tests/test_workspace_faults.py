"""Storage that fails politely: a data folder that is a file, cannot be created, is locked by
another program, or holds a database from a newer Advocate gives one sidebar message (what, where,
what to do) and a "Not saving" badge; the app keeps working, and the workbook download in the
sidebar holds everything typed since. Never a traceback, on any page."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from test_draft_page import downloads  # noqa: F401 (a fixture)
from test_journal_app import TITLE, add_story, journal, new_session

from core.ingest.importer import load_uploads
from core.model import Dataset, Story
from core.store.migrations import SCHEMA_VERSION
from core.store.workspace import DB_NAME, WorkingSet, WorkspaceStore
from ui import state

pytestmark = pytest.mark.usefixtures("bound_to_localhost")
PAGES = ("pages/import_data.py", "pages/timeline.py", "pages/competencies.py", "pages/draft.py")
SAVED_TITLE = "Saved before the fault"


def saved_workspace(home: Path) -> WorkspaceStore:
    store = WorkspaceStore(home)
    story = Story(id="S1", date=dt.date(2025, 5, 6), title=SAVED_TITLE, result="Done")
    store.save(WorkingSet(dataset=Dataset(stories=[story]), source="wins.xlsx"))
    return store


def read_only_folder() -> Path:
    """A folder nothing can be created in: a read-only mode, or for root (whom modes do not stop)
    a read-only file system."""
    if os.geteuid() != 0:
        folder = Path(tempfile.mkdtemp(prefix="advocate-ro-"))
        folder.chmod(0o555)
        return folder
    for candidate in (Path("/sys"), Path("/proc/sys")):
        try:
            tempfile.TemporaryDirectory(dir=candidate).cleanup()
        except OSError:
            return candidate
    pytest.skip("no read-only folder to try on this machine")


@pytest.fixture
def lock_holder(advocate_home):
    """Another process holding BEGIN EXCLUSIVE on the saved workspace until the test ends."""
    store = saved_workspace(advocate_home)
    code = (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(store.path)!r}, isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); sys.stdin.read()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    proc.stdin.close()
    proc.wait(timeout=10)


def visit(at, page: str) -> None:
    """Open `page` through app.py, as the browser does. (After its first run AppTest runs a page
    file on its own, without app.py's start and end-of-run save; a page that finds no routing
    mark sends itself through the router, see ui.state.ensure_routed.)"""
    at.switch_page(page)
    del at.session_state[state.ROUTED]
    at.run()


def sidebar_problem(at) -> str:
    errors = [e.value for e in at.sidebar.error]
    assert len(errors) == 1, errors
    badges = " ".join(m.value for m in at.sidebar.markdown)
    assert "Not saving" in badges
    return errors[0].replace("\\", "")  # as the user reads it: Markdown escapes removed


def workbook_titles(at, downloads) -> list[str]:  # noqa: F811
    button = next(b for b in at.download_button if b.label == "Download the workbook (.xlsx)")
    data, _name = downloads[button.proto.deferred_file_id]  # what a click would download
    if callable(data):
        data = data()
    return [s.title for s in load_uploads([("advocate-workspace.xlsx", data)]).stories]


def type_a_story_and_keep_it(at, downloads) -> None:  # noqa: F811
    """The user goes on working: no traceback, the page says where the story is, the workbook has it."""
    add_story(journal(at))
    assert not at.exception, at.exception
    assert any("kept in this browser session only" in s.value for s in at.success)
    assert not any(s.value.startswith("Saved story") for s in at.success)
    assert TITLE in workbook_titles(at, downloads)
    for page in PAGES:  # autosave never raises, on any page
        visit(at, page)
        assert not at.exception, (page, at.exception)
        sidebar_problem(at)


@pytest.mark.parametrize("how", ["env", "flag"])
def test_a_data_folder_that_is_a_file(advocate_home, monkeypatch, downloads, how):  # noqa: F811
    target = advocate_home.parent / "not-a-folder.txt"
    target.write_text("a file")
    if how == "env":
        monkeypatch.setenv("ADVOCATE_HOME", str(target))
    else:
        monkeypatch.setattr(sys, "argv", [sys.argv[0], "--data-dir", str(target)])
    at = new_session()
    assert not at.exception, at.exception
    message = sidebar_problem(at)
    assert "is a file, not a folder" in message and target.name in message and "ADVOCATE_HOME" in message
    type_a_story_and_keep_it(at, downloads)
    assert target.read_text() == "a file"


def test_a_data_folder_that_cannot_be_created(monkeypatch, downloads):  # noqa: F811
    target = read_only_folder() / "advocate"
    monkeypatch.setenv("ADVOCATE_HOME", str(target))
    at = new_session()
    assert not at.exception, at.exception
    message = sidebar_problem(at)
    assert "cannot create or write the data folder" in message and str(target).split("/")[-1] in message
    type_a_story_and_keep_it(at, downloads)


def test_a_database_locked_by_another_program(advocate_home, lock_holder, downloads):  # noqa: F811
    at = new_session()
    assert not at.exception, at.exception
    message = sidebar_problem(at)
    assert "locked by another program" in message and DB_NAME in message
    assert [s.title for s in at.session_state["dataset"].stories] == [SAVED_TITLE]  # still readable
    type_a_story_and_keep_it(at, downloads)
    assert SAVED_TITLE in workbook_titles(at, downloads)


def test_a_database_locked_while_the_user_works(advocate_home, downloads):  # noqa: F811
    """The lock arrives after the session started: the save retries briefly, then says so."""
    store = saved_workspace(advocate_home)
    at = journal(new_session())
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        add_story(at)
        assert not at.exception, at.exception
        assert any("kept in this browser session only" in x.value for x in at.success)
        visit(at, "pages/timeline.py")
        assert "locked by another program" in sidebar_problem(at)
        assert TITLE in workbook_titles(at, downloads)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_database_from_a_newer_advocate(advocate_home, downloads):  # noqa: F811
    store = saved_workspace(advocate_home)
    conn = sqlite3.connect(store.path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = store.path.read_bytes()
    at = new_session()
    assert not at.exception, at.exception
    message = sidebar_problem(at)
    assert "newer Advocate" in message and "Update Advocate" in message
    type_a_story_and_keep_it(at, downloads)
    assert store.path.read_bytes() == before  # never touched


def test_shared_mode_says_kept_in_this_session_not_saved(monkeypatch):
    monkeypatch.setenv("ADVOCATE_SHARED", "1")
    at = add_story(journal(new_session()))
    flashes = [s.value for s in at.success]
    assert any("kept in this browser session only" in f for f in flashes), flashes
    assert not any(f.startswith("Saved story") for f in flashes)
