"""What the server does between page runs: it knows when none is running (`page_running`, around
every run in app.py); then it imports ahead what later pages need, and the evidence warm-up
(ui.warmup) prepares the data and hands back the memory the import freed.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import threading
import time

QUIET_AFTER = 0.1  # seconds after a run's end: Streamlit finishes the run and sends its last message first
AHEAD = ("pandas",)  # imported in the background for the later pages (import_ahead)
AHEAD_AFTER = 1.0  # seconds after a run's end: the browser draws the page it sent first, and a
# file dropped at once starts its run before (0.5 s: the import often began just before that run,
# and slowed the upload by 0.3 s of the server's time)
# Script runs in progress in this server (every session), when the last one ended, and whether
# pandas was imported ahead.
_RUNS = {"running": 0, "ended": 0.0, "ahead": 0}
_COUNT = threading.Lock()


@contextlib.contextmanager
def page_running():
    """Around one script run (app.py): background work waits while any run is in progress."""
    with _COUNT:
        _RUNS["running"] += 1
    try:
        yield
    finally:
        with _COUNT:
            _RUNS["running"] -= 1
            _RUNS["ended"] = time.monotonic()


def when_idle(quiet: float | None = None) -> None:
    """Until no run is in progress and none has ended for `quiet` seconds (QUIET_AFTER)."""
    while _RUNS["running"] > 0 or time.monotonic() - _RUNS["ended"] < (quiet or QUIET_AFTER):
        time.sleep(0.02)


def import_ahead() -> threading.Thread | None:
    """Once per server: import what the later pages need and the first one does not (pandas: every
    later page shows a table, and st.dataframe imports it; 0.2 s alone, 0.5-0.75 s of the first
    run beside the browser), once no page has run for `AHEAD_AFTER`. Returns the thread it
    started (None when one already was)."""
    with _COUNT:
        if _RUNS["ahead"]:
            return None
        _RUNS["ahead"] = 1
    thread = threading.Thread(target=_import_ahead, name="advocate-import-ahead", daemon=True)
    thread.start()
    return thread


def _import_ahead() -> None:
    when_idle(AHEAD_AFTER)
    with contextlib.suppress(Exception):  # only a head start: a page imports it anyway
        for name in AHEAD:
            importlib.import_module(name)


@functools.cache
def _trim():
    """glibc's malloc_trim, or None where there is none."""
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def give_back_freed_memory() -> None:
    """Hand the memory the process freed back to the system (every thread's pool). glibc keeps
    what a decade's import freed (the parsed rows, the pages' temporaries) for the process; handing
    it back when the warm-up ends lowered the server's peak at 10,000 + 10,000 from 300-311 MB to
    289-290 MB (bench/startup.py). Elsewhere (macOS, Windows, musl) there is nothing to do."""
    trim = _trim()
    if trim is not None:
        trim(0)
