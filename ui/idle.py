"""What the server does between page runs: it knows when none is running (`page_running`, around
every run in app.py), and then imports ahead what later pages need and hands back the memory the
last run freed. The evidence warm-up (ui.warmup) waits for the same idleness.

Why hand memory back after every run: glibc keeps what a run freed in the memory pool of the
thread that freed it, and every run is a new thread that may take another pool, so a page's
temporaries stayed resident beside the next run's. The server's peak at 10,000 + 10,000 jumped
by about 16 MB in some runs and not in others (283-306 MB); with the freed memory handed back
once each run has ended, 279-286 MB (bench/startup.py). A trim takes 2-22 ms, in a thread of its
own once no page runs; elsewhere than glibc (macOS, Windows, musl) there is nothing to do.
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
# Script runs in progress in this server (every session), when the last one ended, whether pandas
# was imported ahead, and whether the thread that hands memory back is started.
_RUNS = {"running": 0, "ended": 0.0, "ahead": 0, "trimming": 0}
_COUNT = threading.Lock()
_RAN = threading.Event()  # a run ended since the last hand-back


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
        _after_run()


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


def _after_run() -> None:
    """Ask for the memory the run freed to be handed back, by one thread per server (started at
    the first run's end) once no page runs."""
    _RAN.set()
    with _COUNT:
        if _RUNS["trimming"] or _trim() is None:
            return
        _RUNS["trimming"] = 1
    threading.Thread(target=_hand_back_after_runs, name="advocate-give-back", daemon=True).start()


def _hand_back_after_runs() -> None:
    while True:
        _RAN.wait()
        when_idle()
        _RAN.clear()
        give_back_freed_memory()


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
    """Hand the memory the process freed back to the system (every thread's pool): after a run,
    and after the warm-up, which frees a decade's import (the parsed rows, the pages' temporaries:
    at 10,000 + 10,000 the server's peak went from 300-311 MB to 289-290 MB)."""
    trim = _trim()
    if trim is not None:
        trim(0)
