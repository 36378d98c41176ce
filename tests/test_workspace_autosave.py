"""The end-of-run autosave notices every kind of change (and only changes) without hashing the
whole dataset on each rerun."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.model import Dataset, Praise, Story
from ui import state
from ui.saving import mark, pending_changes

D = dt.date(2025, 3, 4)


def session() -> dict:
    dataset = Dataset(
        stories=[Story(id=f"S{i}", date=D, title=f"t{i}") for i in (1, 2, 3)],
        praise=[Praise(id="P1", date=D, text="thanks")],
    )
    values = {state.DATASET: dataset, state.SOURCE: "wins.xlsx", state.OVERRIDES: {"S1": ["Impact"]}}
    values[state.WORKSPACE_SAVED] = mark(values)
    return values


def replace_story(s, index, **changes):
    ds = s[state.DATASET]
    stories = list(ds.stories)
    stories[index] = dataclasses.replace(stories[index], **changes)
    s[state.DATASET] = dataclasses.replace(ds, stories=stories)


def append_story(s):
    ds = s[state.DATASET]
    s[state.DATASET] = dataclasses.replace(ds, stories=[*ds.stories, Story(id="S4", date=D)])


def delete_story(s):
    ds = s[state.DATASET]
    s[state.DATASET] = dataclasses.replace(ds, stories=[x for x in ds.stories if x.id != "S2"])


def in_place_override(s):
    s[state.OVERRIDES]["S1"] = []  # pages do mutate this dict in place


@pytest.mark.parametrize(
    ("change", "dirty", "changed"),
    [
        (lambda s: None, [], False),
        (lambda s: s.__setitem__(state.DATASET, dataclasses.replace(s[state.DATASET])), [], False),
        (lambda s: replace_story(s, 1, title="edited"), ["S2"], True),
        (append_story, ["S4"], True),
        (delete_story, ["S3"], True),  # the story after it moved up
        (in_place_override, [], True),
        (lambda s: s.__setitem__(state.RATINGS, {"Impact": "L4"}), [], True),
        (lambda s: s.__setitem__(state.SOURCE, "wins.xlsx, more.csv"), [], True),
    ],
)
def test_pending_changes(change, dirty, changed):
    s = session()
    change(s)
    assert pending_changes(s) == (dirty, changed)


def test_nothing_known_means_compare_everything():
    s = session()
    s[state.WORKSPACE_SAVED] = None
    assert pending_changes(s) == (None, True)
