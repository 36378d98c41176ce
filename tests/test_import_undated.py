"""Undated stories: saved and restored, merged, and placed by giving them a month."""

from __future__ import annotations

import datetime as dt

from core.ingest.importer import load_paths
from core.store.merge import merge
from core.store.workspace import WorkingSet, WorkspaceStore
from tests.conftest import FIXTURES
from ui.undated import place

D = dt.date


def _bank():
    return load_paths([FIXTURES / "star_bank_organisation.csv"])


def test_undated_stories_are_saved_and_restored_apart(tmp_path):
    dated = load_paths([FIXTURES / "month_year_dates.csv"])  # 8 dated stories and 1 blank date
    WorkspaceStore(tmp_path).save(WorkingSet(dataset=dated))
    loaded = WorkspaceStore(tmp_path).load().dataset
    assert [s.id for s in loaded.stories] == [s.id for s in dated.stories]
    assert [(s.id, s.title, s.date) for s in loaded.undated] == [("S8", "Docs day", None)]


def test_merging_a_bank_adds_its_stories_once():
    current = load_paths([FIXTURES / "month_year_dates.csv"])
    first = merge(current, _bank()).dataset
    assert [s.id for s in first.undated] == ["S8", "S10", "S11", "S12"]  # new ids never clash
    again = merge(first, _bank()).dataset
    assert len(again.undated) == 4


def test_placing_moves_a_story_into_the_period_figures():
    bank = _bank()
    placed, problems = place(bank, {"S1": "May 2026", "S2": "sometime", "S3": ""})
    assert [(s.id, s.date, s.date_precision) for s in placed.stories] == [("S1", D(2026, 5, 1), "month")]
    assert [s.id for s in placed.undated] == ["S2", "S3"]
    assert problems == ["S2: 'sometime' is not a month we can read (try 2026-05)."]
    assert bank.undated[0].date is None  # the old dataset is untouched (pages compare objects)


def test_undated_stories_are_usable_in_the_interview_stories():
    from core.writing.interview import interview_markdown

    text = interview_markdown(_bank().undated, {}, [])
    assert "Wrote the dedupe job over the weekend" in text
    assert "[S1]" in text or "[S2]" in text or "[S3]" in text  # cited by id: there is no month to give


def test_a_saved_report_round_trips_and_an_unfit_one_is_dropped():
    from core.ingest.report import report_from_dict, report_to_dict

    ds = load_paths([FIXTURES / "libreoffice_wins.xlsx"])
    back = report_from_dict(report_to_dict(ds))
    assert (back.rows_read, back.rows_skipped, back.rejected, back.problems) == (
        ds.rows_read, ds.rows_skipped, ds.rejected, ds.problems,
    )  # fmt: skip
    assert report_from_dict({"files": [{"file": "a.csv", "colour": "red"}]}) is None
