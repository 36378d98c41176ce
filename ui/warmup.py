"""A large set of evidence is prepared in the background, while no page is running.

Why: mapping 10,000 stories + 10,000 quotes takes 0.7 s of CPU and the Competencies and Draft
pages need all of it; the Timeline scores and links the period's stories (0.3 s), the Draft and
Competencies rank them by how big their work was (0.1-0.2 s). Their first visit waited for it.
After an upload, a restore or an edit, the end of the run (ui.session.finish) hands the work to a
thread that does it a small chunk at a time, and only while no script run is in progress in this
server (app.py marks each run with ui.idle.page_running), so it never slows a page down by more than
one small chunk. In the order the pages need it (`_work`):

1. the dataset's fingerprint, every page's cache key (ui.memo.object_memo), when the files it
   was read from did not already give one (ui.cache.load_files);
2. the review period's stories scored and linked to their quotes (ui.scores.score_book);
3. the period's items mapped (ui.cache.map_book), for the Timeline's colours;
4. the rest of the decade mapped, for Competencies and the Draft;
5. how big each period story's work was (core.analysis.strength.significance, kept by content),
   for the Draft and the About paragraph;
6. the score keys the workspace keeps (no page waits for them: ui.scores drops unused entries
   once they are known).

Each step is frozen out of the collector's sight as it is built (ui.cache.gc_paused), so the
automatic full collections a page's run triggers (0.1-0.25 s each at 10,000 + 10,000, 1.6 s at
50,000 + 50,000) no longer walk the decade; reference counting still frees it as usual. At the
end the memory the import freed is handed back to the system (glibc's `malloc_trim`).

A page finds the results in the books, or computes what is left itself, never twice. Small sets
are prepared when asked for, as before.
"""

from __future__ import annotations

import functools
import itertools
import threading
from collections.abc import Iterator

import streamlit as st

from ui import state
from ui.idle import give_back_freed_memory, when_idle

WARM_FROM = 2_000  # items: below this, mapping when a page asks costs under 0.1 s
WARM_CHUNK = 500  # items mapped between two looks at whether a page is running (about 20 ms)
SCORE_CHUNK = 1_000  # stories scored (or quotes read) between two looks: about 0.1 s at 50,000
K_WARMED = "_warmed_up"  # (dataset, framework) this session last handed to the warm-up
_RUNS = {"generation": 0}  # the latest warm-up: an older one stops at its next chunk
_COUNT = threading.Lock()


def _current(generation: int) -> bool:
    """Wait until no page runs; False when a newer set was handed over (this one is stale)."""
    when_idle()
    return _RUNS["generation"] == generation


def _run(make_steps, generation: int) -> None:
    """Each of `make_steps()` while no page runs; stop at a newer set. Only a head start: a failing
    step ends the warm-up, and the page computes (and reports any error) by itself."""
    from ui.cache import gc_paused

    try:
        for step in make_steps():
            if not _current(generation):
                return
            with gc_paused(kept=True):  # full collections over a decade took 0.2 s of a page
                step()
    except Exception:
        return


def _steps_of(start) -> Iterator:
    """The steps of work done in pieces: `start()` returns a generator (made in the first step),
    and each step runs it to its next yield."""
    generator, finished = None, False

    def step() -> None:
        nonlocal generator, finished
        if generator is None:
            generator = start()
        try:
            next(generator)
        except StopIteration:
            finished = True

    while not finished:
        yield step


def _chunks(things: list, size: int, do) -> list:
    return [functools.partial(do, things[start : start + size]) for start in range(0, len(things), size)]


def _map_steps(book, dataset, items: list, positions: list[int], framework) -> list:
    """The items at these positions of `items` (dataset.items) mapped a chunk at a time, under the
    keys the pages use too (ui.cache.map_keys, made by the first chunk)."""
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
    from ui.cache import map_keys

    framework = framework or load_builtin(DEFAULT_FRAMEWORK)

    def map_chunk(chunk: list[int]) -> None:
        keys = map_keys(dataset, framework)
        book.map([items[i] for i in chunk], framework, keys=[keys[i] for i in chunk])

    return _chunks(positions, WARM_CHUNK, map_chunk)


def _map(book, dataset, framework, generation: int) -> None:
    items = list(dataset.items)
    _run(lambda: _map_steps(book, dataset, items, list(range(len(items))), framework), generation)


def _settle(generation: int) -> None:
    if _current(generation):  # each step was already frozen as it was built (_run)
        give_back_freed_memory()


def _significance(stories: list) -> None:
    from core.analysis.strength import significance

    for story in stories:
        significance(story)


def _work(book, score_book, dataset, framework, period, generation: int) -> None:
    """In the order the pages need it (the sidebar's: Timeline, Competencies, Draft): the
    fingerprint every page keys on, the period's scores, the period's items mapped (the
    Timeline's colours), the rest of the decade mapped (Competencies counts them all), how big
    each period story's work was (the Draft, the About paragraph), and last the score keys the
    workspace keeps (no page waits for them: ui.scores drops unused entries once they are known)."""
    from core.analysis.period import default_period
    from core.analysis.scorebook import PraiseWindows
    from ui.cache import dataset_fingerprint
    from ui.scores import score_keys

    items = list(dataset.items)
    try:
        period = period or default_period([item.date for item in items])
    except Exception:  # no dated evidence: nothing to score, everything mapped in the file's order
        _map(book, dataset, framework, generation)
        return _settle(generation)
    stories = [s for s in dataset.stories if period.contains(s.date)]
    windows = functools.cache(lambda: PraiseWindows(dataset.praise))  # in a step: 0.2 s at 50,000
    # quotes; the same content as the page's own, so the same keys
    inside = [i for i, item in enumerate(items) if period.contains(item.date)]
    outside = [i for i, item in enumerate(items) if not period.contains(item.date)]
    _run(lambda: itertools.chain(
        [lambda: dataset_fingerprint(dataset)],
        _steps_of(lambda: score_book.compute(stories, windows(), SCORE_CHUNK)),
        _map_steps(book, dataset, items, inside, framework),
        _map_steps(book, dataset, items, outside, framework),
        _chunks(stories, SCORE_CHUNK, _significance),
        [lambda: score_keys(dataset, windows())],
    ), generation)
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

    period = st.session_state.get(state.PERIOD)  # None: the default one (found in the thread)
    with _COUNT:
        _RUNS["generation"] += 1
        work = (map_book(), score_book(), dataset, framework, period, _RUNS["generation"])
    thread = threading.Thread(target=_work, args=work, name="advocate-warm-up", daemon=True)
    thread.start()
    return thread
