"""Importing into a workspace that already has evidence: new rows added, identical rows
recognised, changed rows handed to the user (keep mine / take theirs)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.model import Dataset, Origin, Praise, Story
from core.store.workspace import merge, resolve

D1 = dt.date(2025, 3, 4)
D2 = dt.date(2025, 9, 9)


def s(id_, title="Cut release time", day=D1, result="2 days to 2 hours", origin=None, **kw):
    return Story(id=id_, date=day, title=title, result=result, origin=origin, **kw)


def p(id_, text="Great launch", author="Jane", day=D1, origin=None):
    return Praise(id=id_, date=day, text=text, author=author, origin=origin)


MINE = Dataset(stories=[s("S1"), s("S2", "Hired two engineers", D2, "Team of 6")], praise=[p("P1")])


@pytest.mark.parametrize(
    ("incoming", "added", "identical", "conflicts"),
    [
        # identical content, other id and origin: recognised, not added
        ([s("S9", origin=Origin("other.xlsx", "Wins", 4))], [], ["S1"], []),
        ([p("P5", origin=Origin("linkedin.csv", None, 2))], [], ["P1"], []),
        # same id, same date, other content: a changed row
        ([s("S1", result="2 days to 1 hour")], [], [], [("S1", "same id")]),
        # same date and title, other id and content: a changed row
        ([s("S44", result="2 days to 1 hour")], [], [], [("S1", "same date and title")]),
        ([s("S44", title="  cut RELEASE   time ", result="x")], [], [], [("S1", "same date and title")]),
        # praise: same date and sender, other words
        ([p("P3", text="Great launch, thank you!")], [], [], [("P1", "same date and sender")]),
        # same id but nothing else in common: a foreign file's S1 is a new row, renumbered
        ([s("S1", "Wrote the on-call guide", D2, "Pages down 40%")], ["S3"], [], []),
        # brand-new rows keep a free id, or get the next number
        ([s("S7", "New thing", D2)], ["S7"], [], []),
        ([p("P1", "Other quote", "Sam", D2)], ["P2"], [], []),
        # a mix in one file
        (
            [s("S1"), s("S2", "Hired two engineers", D2, "Team of 8"), s("S3", "Brand new", D2)],
            ["S3"],
            ["S1"],
            [("S2", "same id")],
        ),
    ],
)
def test_merge_rules(incoming, added, identical, conflicts):
    theirs = Dataset(
        stories=[i for i in incoming if isinstance(i, Story)],
        praise=[i for i in incoming if isinstance(i, Praise)],
    )
    result = merge(MINE, theirs)
    assert result.added == added
    assert result.identical == identical
    assert [(c.mine.id, c.reason) for c in result.conflicts] == conflicts
    ids = [i.id for i in result.dataset.items]
    assert len(ids) == len(set(ids)), "ids stay unique"
    assert len(result.dataset.items) == len(MINE.items) + len(added)
    for conflict in result.conflicts:  # mine stays in place until the user chooses
        assert result.dataset.by_id()[conflict.mine.id] == conflict.mine


def test_merge_does_not_change_the_current_dataset():
    before = [i.as_dict() for i in MINE.items]
    merge(MINE, Dataset(stories=[s("S9", "Other", D2)]))
    assert [i.as_dict() for i in MINE.items] == before


@pytest.mark.parametrize(
    ("choice", "expected_result"),
    [("theirs", "2 days to 1 hour"), ("mine", "2 days to 2 hours"), (None, "2 days to 2 hours")],
)
def test_resolve_keeps_mine_or_takes_theirs(choice, expected_result):
    result = merge(MINE, Dataset(stories=[s("S44", result="2 days to 1 hour", origin=Origin("new.xlsx"))]))
    choices = {} if choice is None else {result.conflicts[0].key: choice}
    resolved = resolve(result.dataset, result.conflicts, choices)
    story = resolved.by_id()["S1"]
    assert story.result == expected_result
    assert [i.id for i in resolved.items] == [i.id for i in MINE.items]  # the id is the user's


def test_merge_carries_the_files_mapping_under_the_new_ids():
    theirs = Dataset(
        stories=[s("S1", "Wrote the on-call guide", D2, "Pages down 40%")], overrides={"S1": ["Craft"]}
    )
    result = merge(MINE, theirs)
    assert result.added == ["S3"]
    assert result.overrides == {"S3": ["Craft"]}


def test_merging_the_same_file_twice_adds_nothing_the_second_time():
    theirs = Dataset(stories=[s("S1", "Wrote the on-call guide", D2, "Pages down 40%"), s("S2", "Other", D1)])
    once = merge(MINE, theirs).dataset
    twice = merge(once, theirs)
    assert twice.added == []
    assert len(twice.identical) == 2
    assert len(twice.dataset.items) == len(once.items)
