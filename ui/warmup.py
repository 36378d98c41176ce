"""A large set of evidence is mapped to competencies in the background, while no page is running.

Why: mapping 10,000 stories + 10,000 quotes takes 0.7 s of CPU and the Competencies and Draft
pages need all of it, so their first visit waited for it. After an upload, a restore or an edit,
the end of the run (ui.session.finish) hands the items the map book has not seen to a thread
that maps them a small chunk at a time, and only while no script run is in progress in this
server (app.py marks each run with `page_running`), so it never slows a page down by more than
one small chunk. The page that needs the mappings finds them in the book (ui.cache.map_book), or
maps what is left itself, never an item twice. Small sets are mapped when asked for, as before.
"""

from __future__ import annotations

import contextlib
import threading
import time

import streamlit as st

from ui import state

WARM_FROM = 2_000  # items: below this, mapping when a page asks costs under 0.1 s
WARM_CHUNK = 500  # items mapped between two looks at whether a page is running (about 20 ms)
QUIET_AFTER = 0.4  # seconds after a run's end: Streamlit finishes the run and sends its last message first
K_WARMED = "_mappings_warmed"  # (dataset, framework) this session last handed to the warm-up
# Script runs in progress in this server (every session), when the last one ended, and the
# latest warm-up (an older one stops at its next chunk).
_RUNS = {"running": 0, "ended": 0.0, "generation": 0}
_COUNT = threading.Lock()


@contextlib.contextmanager
def page_running():
    """Around one script run (app.py): the warm-up waits while any run is in progress."""
    with _COUNT:
        _RUNS["running"] += 1
    try:
        yield
    finally:
        with _COUNT:
            _RUNS["running"] -= 1
            _RUNS["ended"] = time.monotonic()


def _when_idle() -> None:
    while _RUNS["running"] > 0 or time.monotonic() - _RUNS["ended"] < QUIET_AFTER:
        time.sleep(0.02)


def _map(book, items: list, framework, generation: int) -> None:
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
    from ui.cache import gc_paused

    try:
        framework = framework or load_builtin(DEFAULT_FRAMEWORK)
        for start in range(0, len(items), WARM_CHUNK):
            _when_idle()
            if _RUNS["generation"] != generation:  # a newer set was handed over: this one is stale
                return
            with gc_paused():  # a full collection over a decade's objects took 0.2 s of a page's time
                book.map(items[start : start + WARM_CHUNK], framework)
    except Exception:  # only a head start: the page maps, and reports any error, by itself
        return


def warm_mappings() -> threading.Thread | None:
    """Start mapping the evidence shown under the framework in use, once per dataset and
    framework in this session; returns the thread (None when nothing was started)."""
    dataset = st.session_state.get(state.DATASET)
    if dataset is None or len(dataset.items) < WARM_FROM:
        return None
    framework = st.session_state.get(state.FRAMEWORK)  # None: the default one (loaded in the thread)
    last = st.session_state.get(K_WARMED)
    if last is not None and last[0] is dataset and last[1] is framework:
        return None
    st.session_state[K_WARMED] = (dataset, framework)
    from ui.cache import map_book

    with _COUNT:
        _RUNS["generation"] += 1
        work = (map_book(), list(dataset.items), framework, _RUNS["generation"])
    thread = threading.Thread(target=_map, args=work, name="advocate-warm-mappings", daemon=True)
    thread.start()
    return thread
