"""Caches keyed by content (file bytes, data fingerprints), never by widget noise."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc

import streamlit as st

from core.digest import content_hash
from ui.memo import object_memo, session_memo
from ui.state import EXAMPLE, SAMPLES


@contextlib.contextmanager
def gc_paused(kept: bool = False):
    """No cyclic garbage collection while a decade of evidence is being built: the objects made
    are kept, not garbage, and each full collection rescans all of them (8 collections, a quarter
    of a 50,000 + 50,000 import's time). Reference counting still frees everything as usual.

    `kept`: what was built stays (a cached dataset or mapping): it is frozen, so no later full
    collection walks it again (one took 1.6 s of the Competencies page at 50,000 + 50,000). The
    young garbage from before is collected first (a few milliseconds), so it is not frozen too."""
    enabled = gc.isenabled()
    if kept and enabled:
        gc.collect(1)
    gc.disable()
    try:
        yield
    finally:
        if kept:
            gc.freeze()
        if enabled:
            gc.enable()


@st.cache_resource(show_spinner=False, max_entries=4)
def load_files(
    files: tuple[tuple[str, bytes], ...],
    column_mapping: dict | None = None,
    years: dict | None = None,
    period: tuple | None = None,
    include_hidden: bool = False,
    read_as: dict | None = None,
):
    """Parse once per upload: keyed by the files' bytes and the user's column choices.

    A resource, not cache_data: nothing changes a Dataset in place (edits and merges build new
    ones, see ui.saving.SavedMark), so every session can share the parsed object. cache_data
    kept a pickled copy of each dataset (9 MB at 10,000 + 10,000, up to 16 of them), pickled it
    on every upload and unpickled a fresh copy on every hit (each new session's sample).
    """
    from core.ingest.importer import load_uploads

    with gc_paused(kept=True):
        dataset = load_uploads(
            list(files), column_mapping=column_mapping or None, years=years, period=period,
            include_hidden=include_hidden, read_as=read_as,
        )  # fmt: skip
    # What was read follows from these arguments (and the year, for dates written without one),
    # so they are its fingerprint, known at once: hashing the items read would cost 0.1 s at
    # 10,000 + 10,000 and 0.5 s at 50,000 + 50,000 of the first page that needs it.
    choices = (column_mapping, years, period, include_hidden, read_as, dt.date.today().year)
    parts = [part for name, data in files for part in (name, data)]
    object_memo("dataset_fingerprint", dataset, lambda: "read:" + content_hash(*parts, *choices))
    return dataset


def load_sample(which: str | None = None):
    """The example year chosen on the Import page (the engineer's until another is picked)."""
    path = SAMPLES.get(which or st.session_state.get(EXAMPLE) or "", SAMPLES["engineering"])
    return load_files(((path.name, path.read_bytes()),))


def dataset_fingerprint(dataset) -> str:
    """A hash of the evidence's content: caches keyed on it follow edits and ignore widget noise.

    Pickling 10,000 + 10,000 items costs 0.1-0.4 s and every analysis page asks on every rerun,
    so the hash is kept beside the object it was computed from. Edits never change a Dataset in
    place (core.store.journal.with_item/without_item and the importer build new ones), so one object
    always has one content. The pickle is hashed as it is written, never held whole (it was a
    24 MB peak at 10,000 + 10,000). A dataset just read from files already has one (load_files);
    for the others (merged, edited, restored) ui.warmup computes it while the user reads (0.4 s
    at 50,000 + 50,000).
    """
    return object_memo("dataset_fingerprint", dataset, lambda: _streamed_hash(dataset))


class _HashWriter:
    """A file that only hashes what is written to it."""

    def __init__(self):
        import hashlib

        self.digest = hashlib.blake2b(digest_size=16)

    def write(self, data) -> int:
        self.digest.update(data)
        return len(data)


def _streamed_hash(dataset) -> str:
    import pickle

    writer = _HashWriter()
    pickle.Pickler(writer, pickle.HIGHEST_PROTOCOL).dump((dataset.stories, dataset.praise))
    return writer.digest.hexdigest()


@st.cache_data(show_spinner=False, max_entries=32)
def timeline_view(fingerprint: str, _dataset, period, today, _scores):
    """The Timeline page's measures and month strip for one dataset and period (`_scores`:
    ui.scores.period_scores for the same data and period)."""
    from core.analysis.charts import month_strip
    from core.analysis.recency import analyse

    strengths, links = _scores
    timeline = analyse(_dataset, period, strengths, links, today)
    return timeline, month_strip(timeline.months)


@st.cache_data(show_spinner=False, max_entries=32)
def quarter_chart(fingerprint: str, _dataset, period, today, colour_key: str, _colour, _quarters):
    """The Timeline's bars per quarter (`_quarters` of timeline_view for the same data, period
    and day), coloured by kind (`_colour` None) or by competency ((framework, overrides), named
    by `colour_key`)."""
    from core.analysis.charts import quarter_bars

    assignments = None
    if _colour is not None:
        from core.competencies.frameworks import framework_key
        from core.competencies.mapping import assigned

        framework, overrides = _colour
        if overrides:  # the user's corrections steer every suggestion: the whole set's mapping
            fw_key = framework_key(framework)
            mapped = learned_mappings(fingerprint, fw_key, _dataset, framework, overrides)[0]
        else:  # an item's suggestions depend on it alone: map only the period's stories
            with gc_paused(kept=True):  # kept in the map book
                mapped = map_book().map([s for s in _dataset.stories if period.contains(s.date)], framework)
        assignments = assigned(mapped, overrides)
    return quarter_bars(_quarters, assignments)


@st.cache_resource(show_spinner=False)
def map_book():
    """One book of plain mappings per server process (core.competencies.mapbook): keyed by
    content, so every session, page and dataset version shares what was mapped."""
    from core.competencies.mapbook import MapBook

    return MapBook()


@st.cache_resource(show_spinner=False, max_entries=8)
def item_mappings(fingerprint: str, fw_key: str, _dataset, _framework):
    """core.competencies.mapping.map_items over the whole dataset, once per (data, framework) for every page;
    only the items the map book has not seen are mapped (an added story maps only itself).

    A resource (shared, read-only), not cache_data: pickling would write out every suggestion's
    lazily built reason and unpickle tens of thousands of objects on every rerun.
    """
    with _matching_bar() as progress, gc_paused(kept=True):
        return map_book().map(_dataset.items, _framework, progress, map_keys(_dataset, _framework))


def map_keys(dataset, framework) -> list[tuple]:
    """The map book's keys of the dataset's items (core.competencies.mapbook.book_keys) under this
    framework, once per dataset and framework: the warm-up's chunks and the page's call over every
    item share them (0.12-0.25 s of the Competencies page at 50,000 + 50,000)."""
    from core.competencies.frameworks import framework_key
    from core.competencies.mapbook import book_keys

    name = f"map_keys {framework_key(framework)}"
    return object_memo(name, dataset, lambda: book_keys(dataset.items, framework))


MAP_CHUNK = 2_500  # items mapped at once: an item's suggestions depend on it alone
MATCHING = "Matching your evidence to the competencies"


@contextlib.contextmanager
def _matching_bar():
    """A progress(done, total) for mapping, showing a bar from its first call until the end."""
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        bar = bar or st.progress(0.0, text=f"{MATCHING}…")
        bar.progress(done / total, text=f"{MATCHING}: {done:,} of {total:,}")

    try:
        yield progress
    finally:
        if bar is not None:
            bar.empty()


def mapped_in_chunks(items, framework, examples=None):
    """map_items a chunk at a time: the same suggestions, a fraction of the peak memory (the
    word arrays of 20,000 items at once added 110 MB), and a progress bar when there are many."""
    from core.competencies.mapping import map_items

    items = list(items)
    if len(items) <= MAP_CHUNK:
        return map_items(items, framework, examples)
    out = {}
    with _matching_bar() as progress, gc_paused():
        for start in range(0, len(items), MAP_CHUNK):
            progress(start, len(items))
            out.update(map_items(items[start : start + MAP_CHUNK], framework, examples))
    return out


def overrides_key(overrides) -> str:
    """A stable key for the user's overrides ({id: [competency]}, small next to the data)."""
    return content_hash(overrides or {})


def assignments(fingerprint: str, fw_key: str, dataset, framework, overrides) -> dict[str, list[str]]:
    """mapping.assigned for the data, framework and overrides, rebuilt only when they change.

    Read-only: the same dict is returned until the overrides change (callers copy to edit).
    """
    return _assignment_table(fingerprint, fw_key, dataset, framework, overrides)[0]


def assignment_sources(fingerprint: str, fw_key: str, dataset, framework, overrides) -> dict[str, str]:
    """{id: where its competencies come from} (mapping.assignment: "override", "confirmed",
    "suggested" or "none"), from the same pass as `assignments`."""
    return _assignment_table(fingerprint, fw_key, dataset, framework, overrides)[1]


def _assignment_table(fingerprint: str, fw_key: str, dataset, framework, overrides):
    """One pass over every item for both tables (each pass is 0.15 s at 50,000 + 50,000)."""
    from core.competencies.mapping import assignment

    def build():
        mappings = learned_mappings(fingerprint, fw_key, dataset, framework, overrides)[0]
        chosen, sources = {}, {}
        with gc_paused(kept=True):  # kept until the choices change
            for item_id, mapping in mappings.items():
                sources[item_id], chosen[item_id] = assignment(mapping, overrides or {})
        return chosen, sources

    return session_memo("assignments", (fingerprint, fw_key, overrides_key(overrides)), build)


def learned_mappings(fingerprint: str, fw_key: str, dataset, framework, overrides):
    """(map_items that also follows the user's own choices as examples, how many corrections).

    Without choices this is item_mappings; with them the mapping is redone once per change of
    the choices (core.competencies.learning), so the next suggestions follow the corrections.
    """
    from core.competencies.learning import examples_from

    plain = item_mappings(fingerprint, fw_key, dataset, framework)
    if not overrides:
        return plain, 0

    def remap():
        examples, corrections = examples_from(dataset.items, overrides, plain)
        return (mapped_in_chunks(dataset.items, framework, examples) if examples else plain), corrections

    return session_memo("learned_mappings", (fingerprint, fw_key, overrides_key(overrides)), remap)
