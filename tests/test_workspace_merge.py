"""Importing into a workspace that already has evidence: rows matched by what they say (never by
the importer's position-based ids), new rows added with fresh ids, changed rows handed to the
user (keep mine / use the file's version / keep both), and no row ever lost."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.model import Dataset, Origin, Praise, Story
from core.store.merge import CHOICES, Conflict, content_key, merge, resolve
from core.store.workspace import WorkingSet, WorkspaceStore

D1 = dt.date(2025, 3, 4)
D2 = dt.date(2025, 9, 9)
D3 = dt.date(2025, 11, 20)


def s(
    id_,
    title="Cut release time",
    day=D1,
    result="Release time went from 2 days to 2 hours",
    origin=None,
    **kw,
):
    return Story(id=id_, date=day, title=title, result=result, origin=origin, **kw)


def p(id_, text="Great launch, the whole team noticed", author="Jane", day=D1, origin=None):
    return Praise(id=id_, date=day, text=text, author=author, origin=origin)


MINE = Dataset(
    stories=[s("S1"), s("S2", "Hired two engineers", D2, "Grew the team to six people")], praise=[p("P1")]
)


def positional(items) -> Dataset:
    """Number rows S1.., P1.. by position, as the importer does for a file without ids."""
    stories = [i for i in items if isinstance(i, Story)]
    praise = [i for i in items if isinstance(i, Praise)]
    return Dataset(
        stories=[dataclasses.replace(x, id=f"S{n}") for n, x in enumerate(stories, 1)],
        praise=[dataclasses.replace(x, id=f"P{n}") for n, x in enumerate(praise, 1)],
    )


@pytest.mark.parametrize(
    ("incoming", "added", "identical", "conflicts"),
    [
        # identical content, other id and origin: recognised, not added
        ([s("S9", origin=Origin("other.xlsx", "Wins", 4))], [], ["S1"], []),
        ([p("P5", origin=Origin("linkedin.csv", None, 2))], [], ["P1"], []),
        # same date and title, edited text (whatever the id): a changed row
        (
            [s("S1", result="Release time went from 2 days to 1 hour")],
            [],
            [],
            [("S1", "same date and title")],
        ),
        ([s("S44", title="  cut RELEASE   time ", result="x")], [], [], [("S1", "same date and title")]),
        # a fixed date: same text, other date
        ([s("S2", day=D3)], [], [], [("S1", "same text, date changed")]),
        # a fixed date and a retitled row with the same text
        ([s("S1", "Faster releases", D3)], [], [], [("S1", "same text, date changed")]),
        # edited text and a fixed date, same title
        (
            [s("S7", "Hired two engineers", D3, "Grew the team to six people in Q3")],
            [],
            [],
            [("S2", "same title and similar text, date changed")],
        ),
        # praise: same date and sender, reworded
        (
            [p("P3", text="Great launch, the whole team noticed it!")],
            [],
            [],
            [("P1", "same date and sender")],
        ),
        # the same id with nothing else in common is another row: added with a fresh id
        ([s("S1", "Wrote the on-call guide", D2, "Pages down 40%")], ["S3"], [], []),
        ([p("P1", "Thanks for the review", "Sam", D2)], ["P2"], [], []),
        # the same sender on the same day with other words: a second quote, not a change
        ([p("P4", text="Thanks for covering the on-call shift")], ["P2"], [], []),
        # an id the user chose (not a position) is kept when free
        ([s("WIN-7", "New thing", D2, "Shipped")], ["WIN-7"], [], []),
    ],
)
def test_merge_matches_rows_by_content(incoming, added, identical, conflicts):
    theirs = Dataset(
        stories=[i for i in incoming if isinstance(i, Story)],
        praise=[i for i in incoming if isinstance(i, Praise)],
    )
    result = merge(MINE, theirs)
    assert result.added == added
    assert result.identical == identical
    assert [c.mine.id for c in result.conflicts] == [mine_id for mine_id, _ in conflicts]
    for conflict, (_, reason) in zip(result.conflicts, conflicts, strict=True):
        assert conflict.reason.startswith(reason)
    ids = [i.id for i in result.dataset.items]
    assert len(ids) == len(set(ids)), "ids stay unique"
    assert len(result.dataset.items) == len(MINE.items) + len(added)
    for conflict in result.conflicts:  # mine stays in place until the user chooses
        assert result.dataset.by_id()[conflict.mine.id] == conflict.mine


def test_a_corrected_reupload_keeps_every_row():
    """The reported case: the file is re-uploaded with a row inserted near the top (every id
    after it shifts), a year-less date fixed and a text edited. Every row stays, once."""
    first = [
        s("", "Launched the loyalty programme", D1, "Signed up 4,000 members"),
        s("", "Rebuilt the newsletter", D2, "Open rate up from 18% to 27%"),
        s("", "Mentored two juniors", D3, "Both promoted within the year"),
    ]
    saved = positional(first)
    corrected = positional(
        [
            s("", "Ran the spring campaign", dt.date(2025, 4, 1), "Leads up 30%"),  # inserted: ids shift
            first[0],
            dataclasses.replace(first[1], date=dt.date(2025, 9, 10)),  # a fixed date
            dataclasses.replace(first[2], result="Both promoted within the year; one now leads a team"),
        ]
    )
    result = merge(saved, corrected)
    assert result.identical == ["S1"]
    assert sorted(c.mine.id for c in result.conflicts) == ["S2", "S3"]
    assert len(result.added) == 1
    assert result.added[0] not in {"S1", "S2", "S3"}, "a fresh id never clashes with a saved one"
    resolved, waiting = resolve(result.dataset, result.conflicts, {c.key: "theirs" for c in result.conflicts})
    assert waiting == []
    assert sorted(content_key(i) for i in resolved.items) == sorted(content_key(i) for i in corrected.items)


def test_fresh_ids_avoid_reserved_ids_and_pending_rows():
    result = merge(
        MINE, Dataset(stories=[s("S1", "Wrote the on-call guide", D2, "Pages down 40%")]), reserved={"S3"}
    )
    assert result.added == ["S4"]


def test_merge_does_not_change_the_current_dataset():
    before = [i.as_dict() for i in MINE.items]
    merge(MINE, Dataset(stories=[s("S9", "Other", D2)]))
    assert [i.as_dict() for i in MINE.items] == before


@pytest.mark.parametrize(
    ("choice", "results", "waiting"),
    [
        ("theirs", ["Cut to 1 hour"], 0),
        ("mine", ["Release time went from 2 days to 2 hours"], 0),
        ("both", ["Release time went from 2 days to 2 hours", "Cut to 1 hour"], 0),
        (None, ["Release time went from 2 days to 2 hours"], 1),  # no choice yet: it waits
    ],
)
def test_resolve_applies_the_users_choice(choice, results, waiting):
    result = merge(MINE, Dataset(stories=[s("S44", result="Cut to 1 hour", origin=Origin("new.xlsx"))]))
    choices = {} if choice is None else {result.conflicts[0].key: choice}
    resolved, left = resolve(result.dataset, result.conflicts, choices)
    assert [x.result for x in resolved.stories if x.title == "Cut release time"] == results
    assert len(left) == waiting
    assert resolved.stories[0].id == "S1"  # the id is the user's


def test_using_the_files_version_of_a_row_deleted_meanwhile_adds_it():
    result = merge(MINE, Dataset(stories=[s("S44", result="Cut to 1 hour")]))
    without = dataclasses.replace(result.dataset, stories=result.dataset.stories[1:])
    resolved, _ = resolve(without, result.conflicts, {result.conflicts[0].key: "theirs"})
    assert "Cut to 1 hour" in [x.result for x in resolved.stories]


def test_merge_carries_the_files_mapping_under_the_new_ids():
    theirs = Dataset(
        stories=[s("S1", "Wrote the on-call guide", D2, "Pages down 40%")], overrides={"S1": ["Craft"]}
    )
    result = merge(MINE, theirs)
    assert result.added == ["S3"]
    assert result.overrides == {"S3": ["Craft"]}


def test_merging_the_same_file_twice_adds_and_asks_nothing_the_second_time():
    theirs = positional(
        [s("", "Wrote the on-call guide", D2, "Pages down 40%"), s("", result="Cut to 1 hour")]
    )
    once = merge(MINE, theirs)
    twice = merge(once.dataset, theirs, pending=once.conflicts)
    assert twice.added == [] and twice.conflicts == []
    assert len(twice.dataset.items) == len(once.dataset.items)


def test_pending_conflicts_survive_a_save_and_reload(advocate_home):
    result = merge(MINE, Dataset(stories=[s("S44", result="Cut to 1 hour")]))
    store = WorkspaceStore(advocate_home)
    store.save(WorkingSet(dataset=result.dataset, merge_conflicts=result.conflicts, source="wins.xlsx"))
    loaded = store.load()
    assert loaded.merge_conflicts == result.conflicts
    assert all(isinstance(c, Conflict) for c in loaded.merge_conflicts)


# ---------------------------------------------------------------------------------------------
# The property: no row is lost, whatever the re-upload looks like
# ---------------------------------------------------------------------------------------------

WORDS = ["launch", "budget", "hired", "mentor", "release", "campaign", "churn", "audit", "sales", "design"]
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
dates = st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
stories = st.builds(lambda t, d, r: s("", t, d, r), words, dates, words)
quotes = st.builds(lambda t, a, d: p("", t, a, d), words, st.sampled_from(["Jane", "Sam", "Ola"]), dates)
rows = st.lists(st.one_of(stories, quotes), min_size=1, max_size=10)


@st.composite
def reuploads(draw):
    """(saved set A, re-upload A'): A' edits, fixes dates, deletes, inserts and reorders A's rows."""
    original = draw(rows)
    out = []
    for item in original:
        action = draw(st.sampled_from(["keep", "edit", "date", "delete"]))
        if action == "edit":
            field = "result" if isinstance(item, Story) else "text"
            item = dataclasses.replace(item, **{field: getattr(item, field) + " " + draw(words)})
        elif action == "date":
            item = dataclasses.replace(item, date=draw(dates))
        if action != "delete":
            out.append(item)
    out.extend(draw(st.lists(st.one_of(stories, quotes), max_size=4)))
    out = draw(st.permutations(out))
    return positional(original), positional(out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reuploads(), st.data())
def test_no_row_is_lost_by_a_reupload(pair, data):
    saved, reupload = pair
    result = merge(saved, reupload)
    merged = result.dataset
    present = [content_key(i) for i in merged.items]
    waiting = [content_key(c.theirs) for c in result.conflicts]
    for item in reupload.items:  # every row of the file is in the set or waiting for a choice
        assert content_key(item) in present or content_key(item) in waiting
    assert [i for i in merged.items if i.id in saved.by_id()] == saved.items  # none of mine touched
    assert len({i.id for i in merged.items}) == len(merged.items)

    choices = {c.key: data.draw(st.sampled_from([*CHOICES, None])) for c in result.conflicts}
    resolved, left = resolve(merged, result.conflicts, choices)
    after = [content_key(i) for i in resolved.items]
    chosen_away = {c.mine.id for c in result.conflicts if choices[c.key] == "theirs"}
    for item in saved.items:  # a row of mine goes only where the user chose the file's version
        assert item.id in chosen_away or content_key(item) in after
    refused = {content_key(c.theirs) for c in result.conflicts if choices[c.key] == "mine"}
    for item in reupload.items:
        key = content_key(item)
        assert key in after or key in refused or key in {content_key(c.theirs) for c in left}
    assert len({i.id for i in resolved.items}) == len(resolved.items)
