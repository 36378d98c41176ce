"""No tab loses work: when another tab saved first, this tab shows both versions and what each
choice would lose, and the user keeps theirs, takes the saved one or merges both; after "Delete
all my data" in another tab, this tab says so instead of writing the database again."""

from __future__ import annotations

import pytest
from test_journal_app import JOURNAL, journal, new_session
from test_workspace_faults import visit

from core.store.workspace import DB_NAME, WorkspaceStore

pytestmark = pytest.mark.usefixtures("bound_to_localhost")


RESULTS = {
    "From the first tab": "Shipped the billing migration two weeks early.",
    "First tab again": "Hired and onboarded two support engineers.",
    "From the second tab": "Cut cloud spend by 18% with reserved instances.",
    "Afterwards": "Ran the quarterly planning offsite.",
}


def add_story(at, title: str):
    """A story of its own (its own words too: the same text under two titles reads as one row edited)."""
    at.text_input(key="journal_story_title").input(title)
    at.text_area(key="journal_story_result").input(RESULTS[title])
    at.run()
    at.button(key="journal_save_story").click().run()
    assert not at.exception, at.exception
    return at


def saved_titles(home) -> list[str]:
    return sorted(s.title for s in WorkspaceStore(home).load().dataset.stories)


def button_labels(at) -> dict[str, str]:
    return {b.key: b.label for b in at.sidebar.button}


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("stale_merge", ["First tab again", "From the first tab", "From the second tab"]),
        ("stale_keep_mine", ["From the first tab", "From the second tab"]),
        ("stale_take_saved", ["First tab again", "From the first tab"]),
    ],
)
def test_a_second_tab_chooses_what_to_keep(advocate_home, choice, expected):
    first = add_story(journal(new_session()), "From the first tab")
    second = journal(new_session())  # opened now: sees the first tab's story
    add_story(first, "First tab again")
    add_story(second, "From the second tab")  # its copy is out of date
    assert any("kept in this browser session only" in s.value for s in second.success)
    assert any("Another tab saved this workspace first" in w.value for w in second.warning)
    assert saved_titles(advocate_home) == ["First tab again", "From the first tab"]  # nothing overwritten

    visit(second, JOURNAL)
    labels = button_labels(second)
    assert "the saved one loses 1" in labels["stale_keep_mine"]
    assert "this tab loses 1" in labels["stale_take_saved"]
    second.button(key=choice).click()
    visit(second, JOURNAL)
    assert not second.exception, second.exception
    assert "stale_merge" not in button_labels(second)
    assert saved_titles(advocate_home) == expected
    assert sorted(s.title for s in second.session_state["dataset"].stories) == expected

    add_story(second, "Afterwards")  # saving works again, on top of the chosen version
    assert saved_titles(advocate_home) == sorted([*expected, "Afterwards"])


@pytest.mark.parametrize(("choice", "left"), [("deleted_save_again", True), ("deleted_forget", False)])
def test_delete_all_in_another_tab_is_said_not_undone(advocate_home, choice, left):
    first = add_story(journal(new_session()), "From the first tab")
    second = journal(new_session())
    first.checkbox(key="ws_delete_all_confirm").check().run()
    first.button(key="ws_delete_all").click().run()
    assert not any(advocate_home.glob(DB_NAME + "*"))

    add_story(second, "From the second tab")
    assert not second.exception, second.exception
    assert not any(advocate_home.glob(DB_NAME + "*")), "the other tab wrote the database again"
    visit(second, JOURNAL)
    assert any("deleted from another tab" in w.value for w in second.sidebar.warning)
    second.button(key=choice).click()
    visit(second, JOURNAL)
    assert not second.exception, second.exception
    assert (advocate_home / DB_NAME).exists() is left
    if left:
        assert saved_titles(advocate_home) == ["From the first tab", "From the second tab"]
    else:
        assert second.session_state["source"] == "sample"
