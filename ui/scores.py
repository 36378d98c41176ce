"""Strength and linked quotes for a period's stories, from one book kept by content and stored
in the workspace (core.analysis.scorebook, core.store.derived).

Why: scoring and linking every story of a decade on the Timeline's first visit took seconds at
10,000 + 10,000; the Timeline and the Competencies heatmap only ever show a period's stories.
The book computes only what no key covers (a new quote: the stories within six months of it),
and what it computed is written to the workspace, so a reload or a restarted server reads it.
"""

from __future__ import annotations

import contextlib

import streamlit as st

from core.analysis.scorebook import PraiseWindows, ScoreBook
from core.store.derived import load_derived, save_derived
from ui import saving
from ui.cache import gc_paused
from ui.memo import object_known, object_memo, session_memo

PROGRESS_FROM = 3_000  # stories to compute before a progress bar shows (about a second here)
READING = "Reading your stories for how convincing each is"
PRUNE_LATER_FROM = 10_000  # stories (see _keep_fresh)
SCORE_KEYS = "score_keys"  # the object memo of every key a dataset's stories use
K_LOADED = "_scores_loaded"  # (data folder, workspace) whose kept scores this session has read


@st.cache_resource(show_spinner=False)
def score_book() -> ScoreBook:
    """One book per server process: keyed by content, so every session and workspace can share it."""
    return ScoreBook()


@st.cache_resource(show_spinner=False, max_entries=4)
def praise_windows(fingerprint: str, _dataset) -> PraiseWindows:
    return PraiseWindows(_dataset.praise)


def _workspace():
    """(store, workspace name), or None while nothing of the user's is saved (sample, shared mode)."""
    if not saving.is_users_data() or saving.is_shared():
        return None
    try:
        return saving.store(), saving.active_name()
    except saving.STORAGE_ERRORS:
        return None


def _read_kept(book: ScoreBook) -> None:
    """Once per session and workspace: what the workspace kept from earlier visits."""
    where = _workspace()
    if where is None:
        return
    store, name = where
    marker = (str(store.directory), name)
    if st.session_state.get(K_LOADED) == marker:
        return
    st.session_state[K_LOADED] = marker
    with contextlib.suppress(saving.STORAGE_ERRORS):  # computed again instead
        book.add_stored(load_derived(store, name))


def _keep_fresh(book: ScoreBook, dataset, windows: PraiseWindows) -> None:
    """Write what was just computed to the workspace, dropping entries no story uses any more.

    The keys every story uses cost 0.4 s at 50,000 stories: from PRUNE_LATER_FROM stories on,
    entries are dropped only once the warm-up has them (ui.warmup), at the next write."""
    rows = book.take_fresh()
    where = _workspace()
    if not rows or where is None:
        return
    store, name = where
    if len(dataset.stories) < PRUNE_LATER_FROM:
        keep = score_keys(dataset, windows)
    else:
        keep = object_known(SCORE_KEYS, dataset)
    with contextlib.suppress(saving.STORAGE_ERRORS):  # the storage status says what is wrong
        save_derived(store, name, rows, keep)


def score_keys(dataset, windows: PraiseWindows) -> set[str]:
    """Every key the dataset's stories use (what its workspace keeps): ui.warmup computes them
    while the user reads (0.45 s at 50,000 stories)."""
    return object_memo(SCORE_KEYS, dataset, lambda: ScoreBook.keys_for(dataset.stories, windows))


def period_scores(fingerprint: str, dataset, period) -> tuple[dict, dict]:
    """({story id: Strength}, {story id: [linked Praise]}) for the stories inside `period`."""
    book = score_book()
    _read_kept(book)
    windows = praise_windows(fingerprint, dataset)

    def compute():
        stories = [s for s in dataset.stories if period.contains(s.date)]
        if book.missing(stories, windows) < PROGRESS_FROM:
            return book.scores(stories, windows)
        bar = st.progress(0.0, text=f"{READING}…")

        def progress(done: int, total: int) -> None:
            bar.progress(done / total, text=f"{READING}: {done:,} of {total:,}")

        try:
            with gc_paused(kept=True):
                return book.scores(stories, windows, progress)
        finally:
            bar.empty()

    result = session_memo("period_scores", (fingerprint, period), compute)
    _keep_fresh(book, dataset, windows)
    return result
