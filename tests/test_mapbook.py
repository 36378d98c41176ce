"""Mappings are kept by item content: the same suggestions as mapping the whole set, and an added
or edited item maps only itself, on the page as in the book."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from pathlib import Path

import pytest
import streamlit as st

from core.competencies import frameworks
from core.competencies.mapbook import MapBook, content_of
from core.competencies.mapping import map_items
from core.ingest.importer import load_paths
from core.model import Story
from core.store.journal import with_item
from ui import state

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample_wins.xlsx"
FIXTURES = ROOT / "tests" / "fixtures"
GENERAL = frameworks.load_builtin("General professional")
NEW = Story(id="S-new", date=dt.date(2026, 3, 2), title="Mentoring", challenge="Two new joiners were lost",
            action="Mentored both every week", result="Both ship on their own now")  # fmt: skip


def _synthetic(size: int, folder: Path):
    """`size` stories and `size` quotes over several years (the benchmark's generator, seeded)."""
    from bench import synthetic

    return load_paths([synthetic.ensure_workspace(size, folder).xlsx])


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    return _synthetic(800, tmp_path_factory.mktemp("years"))


@pytest.mark.parametrize(
    "path", [SAMPLE, FIXTURES / "libreoffice_wins.xlsx", FIXTURES / "star_story_bank.csv", "years"]
)
def test_the_book_suggests_what_mapping_the_whole_set_does(path, years):
    dataset = years if path == "years" else load_paths([path])
    book = MapBook()
    assert book.map(dataset.items, GENERAL) == map_items(dataset.items, GENERAL)
    assert book.map(dataset.items, GENERAL) == map_items(dataset.items, GENERAL)  # from the book


def test_only_what_the_book_has_not_seen_is_mapped(years):
    book = MapBook()
    book.map(years.items, GENERAL)
    seen = book.computed
    assert 0 < seen <= len(years.items)  # items saying the same thing are mapped once
    assert book.map(with_item(years, NEW).items, GENERAL)["S-new"] == map_items([NEW], GENERAL)["S-new"]
    assert book.computed == seen + 1
    edited = dataclasses.replace(NEW, result="Both now run the weekly release")
    assert book.map([edited], GENERAL) == map_items([edited], GENERAL)
    assert book.computed == seen + 2
    other = frameworks.load_builtin("Software engineer (IC)")
    book.map(years.items[:10], other)
    assert book.computed == seen + 2 + 10  # another framework: mapped for it
    book.map(years.items, GENERAL)
    assert book.computed == seen + 12  # back to the first: nothing


def test_an_added_story_maps_only_itself_on_the_competencies_page(app):
    """Add a story to a year of evidence and open Competencies again: one item is mapped, not the
    whole year, and the page still counts every item."""
    from ui.cache import map_book

    st.cache_resource.clear()
    dataset = load_paths([SAMPLE])
    app.session_state[state.DATASET] = dataset
    at = app.switch_page("pages/competencies.py").run()
    assert not at.exception, at.exception
    before = map_book().computed
    assert before > 0
    at.session_state[state.DATASET] = with_item(dataset, NEW)
    at = at.run()
    assert not at.exception, at.exception
    assert map_book().computed == before + 1
    table = at.dataframe[-1].value.set_index("id")
    assert len(table) == len(dataset.items) + 1
    top = map_items([NEW], GENERAL)["S-new"].suggestions[0].competency
    assert table.loc["S-new", "suggested"].startswith(top)


def test_a_large_set_is_mapped_in_the_background_before_competencies_is_opened(app, tmp_path):
    """After a run that shows a large set (an upload, a restore, an edit), its mapping starts in
    the background: opening Competencies then maps nothing itself."""
    from ui.cache import map_book, map_keys
    from ui.warmup import WARM_FROM

    big = _synthetic(WARM_FROM // 2, tmp_path)
    st.cache_resource.clear()
    app.session_state[state.DATASET] = big
    at = app.run()  # the Import page; the run's end hands the mapping to the warm-up
    warm = [t for t in threading.enumerate() if t.name == "advocate-warm-up"]
    assert warm
    for thread in warm:
        thread.join(120)
    mapped = map_book().computed
    assert mapped > 0
    at = at.switch_page("pages/competencies.py").run()
    assert not at.exception, at.exception
    assert map_book().computed == mapped
    # The page looked its items up under the keys the warm-up made (ui.cache.map_keys), and the
    # book holds those very keys: no second copy of every item's text.
    keys = map_keys(big, frameworks.load_builtin(frameworks.DEFAULT_FRAMEWORK))
    assert len(keys) == len(big.items)
    held = {id(key) for key in map_book()._entries}
    assert sum(id(key) in held for key in keys) == len(set(keys))
    table = at.dataframe[-1].value
    assert len(table) == min(len(big.items), 500)  # a page of the table: every item is counted


def test_a_large_sets_review_period_is_scored_in_the_background_before_the_timeline(app, tmp_path):
    """The warm-up also scores and links the review period's stories: the Timeline's first visit
    then computes nothing itself, and shows every story of the period."""
    from ui.scores import score_book
    from ui.warmup import WARM_FROM

    big = _synthetic(WARM_FROM // 2, tmp_path)
    st.cache_resource.clear()
    app.session_state[state.DATASET] = big
    at = app.run()
    for thread in [t for t in threading.enumerate() if t.name == "advocate-warm-up"]:
        thread.join(120)
    scored = dict(score_book().computed)
    assert scored["facts"] > 0 and scored["links"] > 0
    at = at.switch_page("pages/timeline.py").run()
    assert not at.exception, at.exception
    assert score_book().computed == scored
    shown = next(m for m in at.metric if m.label == "Stories in period").value
    assert int(shown) == scored["links"]


def test_a_warm_up_handed_a_newer_set_stops_mapping_the_older_one(years):
    """Upload after upload (or edit after edit): only the latest set is mapped in the background."""
    from ui import warmup

    stale, current = MapBook(), MapBook()
    latest = warmup._RUNS["generation"]
    warmup._map(stale, years, GENERAL, latest - 1)
    assert stale.computed == 0
    warmup._map(current, years, GENERAL, latest)
    assert current.map(years.items, GENERAL) == map_items(years.items, GENERAL)
    assert current.computed == len({content_of(item) for item in years.items})  # nothing mapped twice
