"""After page runs the server hands back the memory a run freed (ui.idle), by one thread: the
server's peak at 10,000 + 10,000 no longer depends on which memory pool a run took."""

from __future__ import annotations

import threading

from ui import idle


def test_the_memory_a_run_freed_is_handed_back_once_no_page_runs(monkeypatch):
    handed_back = threading.Event()
    monkeypatch.setattr(idle, "_trim", lambda: lambda pad: handed_back.set())
    with idle.page_running():  # this tab's run
        with idle.page_running():  # another tab's run, ending first
            pass
        handed_back.clear()  # (a hand-back for an earlier test's run may have been under way)
    assert handed_back.wait(10)
    assert idle._RUNS["running"] == 0
    assert [t.name for t in threading.enumerate()].count("advocate-give-back") == 1


def test_without_glibc_nothing_is_started(monkeypatch):
    monkeypatch.setattr(idle, "_trim", lambda: None)
    monkeypatch.setitem(idle._RUNS, "trimming", 0)
    before = threading.active_count()
    with idle.page_running():
        pass
    assert threading.active_count() == before
    idle.give_back_freed_memory()  # does nothing, raises nothing
