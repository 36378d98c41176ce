"""Strength and linked quotes are computed for the period's stories only, kept by content, and
stored in the workspace: a reload reads them instead of computing them again, and a new quote
recomputes only the stories near it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.analysis.links import link_index
from core.analysis.scorebook import FACTS, LINKS, PraiseWindows, ScoreBook, facts_key
from core.analysis.strength import score_story
from core.ingest.importer import load_paths
from core.model import Praise
from core.store.derived import load_derived, save_derived
from core.store.workspace import WorkingSet, WorkspaceStore

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample_wins.xlsx"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def sample():
    return load_paths([SAMPLE])


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    """800 stories and 800 quotes over several years (the benchmark's generator, seeded)."""
    from bench import synthetic

    return load_paths([synthetic.ensure_workspace(800, tmp_path_factory.mktemp("years")).xlsx])


def ids(links: dict) -> dict[str, list[str]]:
    return {story: [p.id for p in quotes] for story, quotes in links.items()}


@pytest.mark.parametrize(
    "path", [SAMPLE, FIXTURES / "libreoffice_wins.xlsx", FIXTURES / "star_story_bank.csv", "years"]
)
def test_the_book_scores_and_links_as_the_whole_dataset_would(path, years):
    dataset = years if path == "years" else load_paths([path])
    links = link_index(dataset.stories, dataset.praise)
    strengths, found = ScoreBook().scores(dataset.stories, PraiseWindows(dataset.praise))
    assert ids(found) == ids(links)
    assert strengths == {s.id: score_story(s, links.get(s.id, ()), linked=True) for s in dataset.stories}


@pytest.mark.parametrize("size", [1, 7, 300, 100_000])
def test_computing_in_pieces_links_as_all_at_once_and_reports_progress(years, size):
    """The warm-up computes a piece at a time and the page's progress bar counts them: the quotes
    are read once, yet every piece links as linking every story at once does."""
    windows = PraiseWindows(years.praise)
    book = ScoreBook()
    reports = list(book.compute(years.stories, windows, size))
    total = len(years.stories)
    assert reports[-1] == (total, total)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)
    assert len(reports) >= -(-total // size)  # at least one report per piece of stories
    computed = dict(book.computed)
    assert computed[LINKS] == total
    assert len({facts_key(s) for s in years.stories}) <= computed[FACTS] <= total  # stories with
    # the same text share their facts: read once when they fall in different pieces
    _, found = book.scores(years.stories, windows)
    assert book.computed == computed  # nothing left to compute
    assert ids(found) == ids(link_index(years.stories, years.praise))


def test_pieces_left_after_a_page_computed_everything_read_no_more_quotes(years):
    """The warm-up waits between pieces while a page runs; when the page has linked every story
    meanwhile, the warm-up's remaining pieces neither read quotes nor compute anything."""
    windows = PraiseWindows(years.praise)
    book = ScoreBook()
    pieces = book.compute(years.stories, windows, 50)
    assert next(pieces) == (0, len(years.stories))  # the warm-up read the first quotes
    book.scores(years.stories, windows)  # a page computed the rest
    computed = dict(book.computed)
    assert [done for done, _ in pieces if done == 0] == []  # no more quotes read
    assert book.computed == computed


def test_a_page_continues_the_quotes_the_warm_up_was_reading_for_the_same_praise(years, monkeypatch):
    """A click that comes while the warm-up is reading the period's quotes: the page reads on from
    there (its own PraiseWindows, same content), and links exactly as alone. Praise that changed
    meanwhile (a quote added) is read afresh."""
    import core.analysis.scorebook as scorebook

    made = []

    class Counted(scorebook.LinkIndex):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(self)

    monkeypatch.setattr(scorebook, "LinkIndex", Counted)
    book = ScoreBook()
    warm_up = book.compute(years.stories, PraiseWindows(years.praise), 100)
    next(warm_up)
    _, found = book.scores(years.stories, PraiseWindows(years.praise))  # the page
    assert len(made) == 1
    assert ids(found) == ids(link_index(years.stories, years.praise))

    added = Praise("P-new", years.stories[0].date, f"Thanks for {years.stories[0].title}")
    book = ScoreBook()
    warm_up = book.compute(years.stories, PraiseWindows(years.praise), 100)
    next(warm_up)
    _, found = book.scores(years.stories, PraiseWindows([*years.praise, added]))
    assert len(made) == 3
    assert ids(found) == ids(link_index(years.stories, [*years.praise, added]))


def test_links_dropped_while_computing_are_linked_again_from_their_own_quotes(years):
    """A long-running server's book starts afresh when it grows too big (another session's data):
    a story whose links were known when the pieces started, and are gone when its piece comes, is
    linked from the quotes of its own window, not from an index read for other stories."""
    windows = PraiseWindows(years.praise)
    known = ScoreBook()
    known.scores(years.stories, windows)
    links_only = [row for row in known.take_fresh() if row[0] == LINKS]
    book = ScoreBook(links_only)  # every story's links known, no text facts yet
    pieces = book.compute(years.stories, windows, 100)
    next(pieces)
    book._links.clear()  # started afresh meanwhile
    list(pieces)
    _, found = book.scores(years.stories, windows)
    assert ids(found) == ids(link_index(years.stories, years.praise))


def test_an_index_built_for_some_stories_answers_for_those_only(years):
    from core.analysis.links import LinkIndex

    some, other = years.stories[:50], years.stories[50]
    index = LinkIndex(years.praise, some)
    assert index.covers(some) and not index.covers([other])
    assert index.links(some) == link_index(some, years.praise)
    with pytest.raises(ValueError):
        index.links([other])


def test_asking_again_computes_nothing_and_stored_rows_replace_computing(sample):
    windows = PraiseWindows(sample.praise)
    book = ScoreBook()
    first = book.scores(sample.stories, windows)
    assert book.computed == {FACTS: len(sample.stories), LINKS: len(sample.stories)}
    assert book.scores(sample.stories, windows) == first
    assert book.computed == {FACTS: len(sample.stories), LINKS: len(sample.stories)}
    rows = book.take_fresh()
    assert len(rows) == 2 * len(sample.stories) and book.take_fresh() == []
    reread = ScoreBook(rows)
    assert reread.scores(sample.stories, windows) == first
    assert reread.computed == {FACTS: 0, LINKS: 0}


def test_a_new_quote_recomputes_only_the_links_of_stories_near_it(years):
    book = ScoreBook()
    book.scores(years.stories, PraiseWindows(years.praise))
    story = years.stories[5]  # an early one: the years before and after it hold most stories
    quote = Praise(id="P-new", date=story.date, text=f"Thanks for {story.title}!", author="Dana")
    windows = PraiseWindows([*years.praise, quote])
    before = dict(book.computed)
    _, links = book.scores(years.stories, windows)
    near = [s for s in years.stories if abs((s.date - quote.date).days) <= 7 * 31]
    assert book.computed[FACTS] == before[FACTS]  # no story's text changed
    assert 0 < book.computed[LINKS] - before[LINKS] <= len(near) < len(years.stories) / 2
    assert ids(links) == ids(link_index(years.stories, [*years.praise, quote]))
    assert quote in links[story.id]


def test_an_edited_story_is_read_again(sample):
    windows = PraiseWindows(sample.praise)
    book = ScoreBook()
    book.scores(sample.stories, windows)
    edited = dataclasses.replace(sample.stories[0], result="Cut the build from 40 to 12 minutes.")
    strengths, _ = book.scores([edited], windows)
    assert book.computed[FACTS] == len(sample.stories) + 1
    assert any("12 minutes" in reason for reason in strengths[edited.id].reasons)


def test_rows_belong_to_their_workspace_and_go_with_it(advocate_home, sample):
    store = WorkspaceStore(advocate_home)
    store.save(WorkingSet(dataset=sample), "Mine")
    book = ScoreBook()
    windows = PraiseWindows(sample.praise)
    book.scores(sample.stories, windows)
    rows = book.take_fresh()
    assert save_derived(store, "Mine", rows) == len(rows)
    assert sorted(load_derived(store, "Mine")) == sorted(rows)
    assert save_derived(store, "Nobody", rows) == 0
    keep = ScoreBook.keys_for(sample.stories[:3], windows)
    save_derived(store, "Mine", [], keep)
    assert {key for _, key, _ in load_derived(store, "Mine")} == keep
    store.delete("Mine")
    assert load_derived(store, "Mine") == []


def _fresh_server_with_an_upload() -> AppTest:
    """A new server (no caches) where the user has just uploaded a workbook on Import."""
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/import_data.py").run()
    upload = FIXTURES / "libreoffice_wins.xlsx"
    at.get("file_uploader")[0].upload(upload.name, upload.read_bytes())
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.usefixtures("bound_to_localhost")
def test_a_reload_reads_the_stored_scores_instead_of_computing_them(advocate_home):
    """Upload, open the Timeline, then a restarted server (caches gone) opens it again: nothing
    is computed, and the page shows the same numbers."""
    from ui.scores import score_book

    def timeline(at: AppTest) -> AppTest:
        at.switch_page("pages/timeline.py").run()
        assert not at.exception, at.exception
        return at

    at = _fresh_server_with_an_upload()
    shown = [m.value for m in timeline(at).metric]
    assert score_book().computed[FACTS] > 0
    kept = load_derived(WorkspaceStore(advocate_home), WorkspaceStore(advocate_home).active())
    assert {kind for kind, _, _ in kept} == {FACTS, LINKS}

    st.cache_resource.clear()
    st.cache_data.clear()
    again = timeline(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run())
    assert [m.value for m in again.metric] == shown
    assert score_book().computed == {FACTS: 0, LINKS: 0}


@pytest.mark.usefixtures("bound_to_localhost")
def test_a_long_journal_keeps_its_scores_and_drops_stale_ones_once_the_keys_are_known(
    advocate_home, monkeypatch
):
    """From ui.scores.PRUNE_LATER_FROM stories the Timeline writes what it computed without
    working out every key the stories use (0.4 s at 50,000); an entry no story uses goes at
    the first write after the warm-up has those keys."""
    import ui.scores
    from ui import memo, state

    monkeypatch.setattr(ui.scores, "PRUNE_LATER_FROM", 1)
    asked = []
    keys_for = ScoreBook.keys_for
    monkeypatch.setattr(ScoreBook, "keys_for", staticmethod(lambda *a: asked.append(1) or keys_for(*a)))
    at = _fresh_server_with_an_upload()
    store = WorkspaceStore(advocate_home)
    name = store.active()
    save_derived(store, name, [(FACTS, "a story deleted since", "[]")])
    at.switch_page("pages/timeline.py").run()
    assert not at.exception, at.exception
    kept = {key for _, key, _ in load_derived(store, name)}
    assert "a story deleted since" in kept and len(kept) > 1 and not asked

    dataset = at.session_state[state.DATASET]
    used = ui.scores.score_keys(dataset, PraiseWindows(dataset.praise))  # as ui.warmup does
    st.cache_resource.clear()  # a new book, and no memo of the period's scores: they are
    del at.session_state[memo._MEMO]  # computed, and written, again
    at.switch_page("pages/timeline.py").run()
    assert not at.exception, at.exception
    assert {key for _, key, _ in load_derived(store, name)} <= used


def test_dates_outside_the_period_are_not_scored(sample):
    """The Timeline asks for its period's stories only: the others cost nothing."""
    from core.analysis.period import default_period

    period = default_period([i.date for i in sample.items])
    inside = [s for s in sample.stories if period.contains(s.date)]
    book = ScoreBook()
    strengths, _ = book.scores(inside, PraiseWindows(sample.praise))
    assert set(strengths) == {s.id for s in inside}
    assert book.computed[FACTS] == len(inside) <= len(sample.stories)
    assert isinstance(period.start, dt.date)


def test_colouring_by_competency_maps_the_period_alone_to_the_same_colours(years):
    """The Timeline maps only the period's stories; each story's competencies are the ones the
    whole set's mapping gives it."""
    from core.analysis.period import default_period
    from core.competencies import frameworks
    from core.competencies.mapping import assigned, map_items

    framework = frameworks.load_builtin(frameworks.builtin_names()[0])
    period = default_period([i.date for i in years.items])
    inside = [s for s in years.stories if period.contains(s.date)]
    whole = assigned(map_items(years.items, framework), {})
    alone = assigned(map_items(inside, framework), {})
    assert alone == {s.id: whole[s.id] for s in inside}


def test_mapping_a_chunk_at_a_time_suggests_what_mapping_all_at_once_does(years):
    """The Competencies page maps a decade in chunks (less memory, a progress bar): the same
    suggestions, scores and reasons for every item."""
    from core.competencies import frameworks
    from core.competencies.mapping import map_items

    framework = frameworks.load_builtin(frameworks.builtin_names()[0])
    whole = map_items(years.items, framework)
    chunks = {}
    for start in range(0, len(years.items), 300):
        chunks.update(map_items(years.items[start : start + 300], framework))
    assert chunks == whole
