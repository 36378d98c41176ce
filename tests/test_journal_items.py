"""New journal items continue the dataset's numbering; edits and deletions; year over year."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from core.model import Dataset, Origin, Praise, Story
from core.store import journal

D = dt.date(2025, 3, 4)


def ds(story_ids=(), praise_ids=()) -> Dataset:
    return Dataset(
        stories=[Story(id=i, date=D, title=i) for i in story_ids],
        praise=[Praise(id=i, date=D, text=i) for i in praise_ids],
    )


@pytest.mark.parametrize(
    ("stories", "praise", "next_story", "next_praise"),
    [
        ((), (), "S1", "P1"),
        (("S1", "S2"), ("P1",), "S3", "P2"),
        (("S2", "S10", "S3"), ("P7",), "S11", "P8"),  # the highest number, not the count
        (("S1", "Custom-7"), (), "S2", "P1"),  # ids that are not ours are left alone
    ],
)
def test_new_items_continue_the_numbering(stories, praise, next_story, next_praise):
    dataset = ds(stories, praise)
    story = journal.new_story(dataset, D, title="x", competencies=["Impact"])
    quote = journal.new_praise(dataset, D, "thanks", author="Jane")
    assert (story.id, quote.id) == (next_story, next_praise)
    assert story.origin == quote.origin == Origin("journal")
    assert story.competencies == ("Impact",)


def test_with_item_adds_then_replaces_in_place():
    dataset = ds(("S1", "S2"), ("P1",))
    story = journal.new_story(dataset, D, title="new")
    added = journal.with_item(dataset, story)
    assert [s.id for s in added.stories] == ["S1", "S2", "S3"]
    edited = journal.with_item(added, Story(id="S2", date=D, title="edited"))
    assert [(s.id, s.title) for s in edited.stories] == [("S1", "S1"), ("S2", "edited"), ("S3", "new")]
    assert [s.title for s in dataset.stories] == ["S1", "S2"]  # the original is untouched


def test_without_item_removes_it_and_its_mapping():
    dataset = ds(("S1", "S2"), ("P1",))
    dataset = dataclasses.replace(dataset, overrides={"S1": ["Impact"], "P1": []})
    after = journal.without_item(dataset, "S1")
    assert [i.id for i in after.items] == ["S2", "P1"]
    assert after.overrides == {"P1": []}


def dated(*days: str) -> Dataset:
    return Dataset(stories=[Story(id=f"S{i}", date=dt.date.fromisoformat(d)) for i, d in enumerate(days, 1)])


@pytest.mark.parametrize(
    ("days", "anchor", "labels", "counts"),
    [
        (("2025-03-01", "2025-11-30"), None, ["2025"], [2]),
        (("2024-02-01", "2025-03-01", "2025-06-01"), None, ["2024", "2025"], [1, 2]),
        (("2023-05-01", "2025-06-01"), dt.date(2025, 1, 1), ["2023", "2024", "2025"], [1, 0, 1]),
        (
            ("2024-03-31", "2024-04-01", "2025-03-31", "2025-04-01"),
            dt.date(2025, 4, 1),
            ["Apr 2023 – Mar 2024", "Apr 2024 – Mar 2025", "Apr 2025 – Mar 2026"],
            [1, 2, 1],
        ),
    ],
)
def test_review_years(days, anchor, labels, counts):
    years = journal.review_years(dated(*days), anchor)
    assert [y.label for y in years] == labels
    assert [y.stories for y in years] == counts
    assert sum(y.stories for y in years) == len(days)
    assert journal.spans_several_years(years) is (sum(1 for c in counts if c) > 1)


def test_year_over_year_figure_has_stories_and_praise_per_year():
    dataset = dated("2024-02-01", "2025-03-01")
    dataset = dataclasses.replace(dataset, praise=[Praise(id="P1", date=dt.date(2025, 5, 1), text="thanks")])
    fig = journal.year_over_year_figure(journal.review_years(dataset))
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name["Stories"].x) == ["2024", "2025"]
    assert list(by_name["Stories"].y) == [1, 1]
    assert list(by_name["Praise"].y) == [0, 1]
