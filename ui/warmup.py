"""A large set of evidence is prepared in the background, while no page is running.

Why: mapping 10,000 stories + 10,000 quotes takes 0.7 s of CPU and the Competencies and Draft
pages need all of it; the Timeline scores and links the period's stories (0.3 s), the Draft and
Competencies rank them by how big their work was (0.1-0.2 s). Their first visit waited for it.
After an upload, a restore or an edit, the end of the run (ui.session.finish) hands the work to a
thread that does it a small chunk at a time, and only while no script run is in progress in this
server (app.py marks each run with `page_running`), so it never slows a page down by more than
one small chunk. In order:

1. the items the map book has not seen are mapped (ui.cache.map_book);
2. the review period's stories are scored and linked to their quotes (ui.scores.score_book), and
   read for how big their work was (core.analysis.strength.significance, kept by content);
3. the collector is settled: a young collection, then what survives is frozen out of its sight
   (`gc.freeze`), so the automatic full collections a page's run triggers (0.1-0.25 s each at
   10,000 + 10,000) no longer walk the whole decade. Reference counting still frees it as usual.

A page finds the results in the books, or computes what is left itself, never twice. Small sets
are prepared when asked for, as before.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import time

import streamlit as st

from ui import state

WARM_FROM = 2_000  # items: below this, mapping when a page asks costs under 0.1 s
WARM_CHUNK = 500  # items mapped between two looks at whether a page is running (about 20 ms)
QUIET_AFTER = 0.4  # seconds after a run's end: Streamlit finishes the run and sends its last message first
SCORE_CHUNK = 250  # stories scored between two looks (about 35 ms)
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


def _current(generation: int) -> bool:
    """Wait until no page runs; False when a newer set was handed over (this one is stale)."""
    _when_idle()
    return _RUNS["generation"] == generation


def _map(book, items: list, framework, generation: int) -> None:
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
    from ui.cache import gc_paused

    try:
        framework = framework or load_builtin(DEFAULT_FRAMEWORK)
        for start in range(0, len(items), WARM_CHUNK):
            if not _current(generation):
                return
            with gc_paused():  # a full collection over a decade's objects took 0.2 s of a page's time
                book.map(items[start : start + WARM_CHUNK], framework)
    except Exception:  # only a head start: the page maps, and reports any error, by itself
        return


def _score(book, dataset, period, generation: int) -> None:
    from core.analysis.period import default_period
    from core.analysis.scorebook import PraiseWindows
    from core.analysis.strength import significance
    from ui.cache import gc_paused

    try:
        period = period or default_period([item.date for item in dataset.items])
        stories = [s for s in dataset.stories if period.contains(s.date)]
        windows = PraiseWindows(dataset.praise)  # same content, same keys as the page's own
        for start in range(0, len(stories), SCORE_CHUNK):
            if not _current(generation):
                return
            chunk = stories[start : start + SCORE_CHUNK]
            with gc_paused():
                book.scores(chunk, windows)
                for story in chunk:  # how big each one's work was: the Draft and About paragraph rank by it
                    significance(story)
    except Exception:  # the Timeline scores, and reports any error, by itself
        return


def _settle(generation: int) -> None:
    if _current(generation):
        gc.collect(1)  # the young garbage first (quick): only what is alive gets frozen
        gc.freeze()


def _work(maps: tuple, scores: tuple, generation: int) -> None:
    _map(*maps, generation)
    _score(*scores, generation)
    _settle(generation)


def warm_up() -> threading.Thread | None:
    """Start preparing the evidence shown (mapped under the framework in use, the period's stories
    scored), once per dataset and framework in this session; returns the thread (None when
    nothing was started)."""
    dataset = st.session_state.get(state.DATASET)
    if dataset is None or len(dataset.items) < WARM_FROM:
        return None
    framework = st.session_state.get(state.FRAMEWORK)  # None: the default one (loaded in the thread)
    last = st.session_state.get(K_WARMED)
    if last is not None and last[0] is dataset and last[1] is framework:
        return None
    st.session_state[K_WARMED] = (dataset, framework)
    from ui.cache import map_book
    from ui.scores import score_book

    scores = (score_book(), dataset, st.session_state.get(state.PERIOD))  # None: the default period
    with _COUNT:
        _RUNS["generation"] += 1
        work = ((map_book(), list(dataset.items), framework), scores, _RUNS["generation"])
    thread = threading.Thread(target=_work, args=work, name="advocate-warm-up", daemon=True)
    thread.start()
    return thread
