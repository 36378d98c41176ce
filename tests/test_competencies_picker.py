"""The "Edit one item" picker at a decade's size: above PICKER_ALL items a search box narrows the
list (20,000 options in one selectbox cost a tenth of a second per rerun), and picking a match
still edits that item."""

from __future__ import annotations

import datetime as dt

import pytest

from core.model import Dataset, Story
from ui import state

PAGE = "pages/competencies.py"
N = 1_100  # just over the page's PICKER_ALL (1,000): the search box appears


@pytest.fixture(scope="module")
def big() -> Dataset:
    start = dt.date(2025, 1, 6)
    return Dataset(
        stories=[
            Story(
                id=f"S{n}",
                date=start + dt.timedelta(days=n % 300),
                title=f"Shipped release {n} of the billing service",
                action="I automated the deployment and wrote the runbook for the team.",
                result=f"Cut the release time by {n % 50 + 10}%.",
            )
            for n in range(1, N + 1)
        ]
    )


@pytest.fixture
def page(app, big):
    app.session_state[state.DATASET] = big
    at = app.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_small_sets_list_every_item_without_a_search_box(app):
    at = app.switch_page(PAGE).run()
    dataset = at.session_state[state.DATASET]
    assert len(at.selectbox(key="comp_item_pick").options) == len(dataset.items)
    assert not [t for t in at.text_input if t.key == "comp_item_find"]


def test_large_sets_search_then_pick_and_the_choice_is_saved(page):
    picker = page.selectbox(key="comp_item_pick")
    assert 0 < len(picker.options) <= 201, "a short list, not every item"
    assert any(f"of {N:,} items match" in c.value for c in page.caption)

    at = page.text_input(key="comp_item_find").input("release 1047 ").run()
    assert not at.exception, at.exception
    picker = at.selectbox(key="comp_item_pick")
    assert [o.split(" · ")[0] for o in picker.options] == ["S1047"]
    assert picker.value == "S1047"
    at = at.button(key="comp_item_none").click().run()
    assert not at.exception, at.exception
    assert at.session_state[state.OVERRIDES]["S1047"] == []

    at = at.text_input(key="comp_item_find").input("s104").run()  # an id: that item first
    assert at.selectbox(key="comp_item_pick").options[0].startswith("S104 · ")
    assert len(at.selectbox(key="comp_item_pick").options) == 11  # S104 and S1040..S1049

    at = at.text_input(key="comp_item_find").input("no such words anywhere").run()
    assert any("0 of" in c.value for c in at.caption)
    assert not [s for s in at.selectbox if s.key == "comp_item_pick"]


def test_a_label_is_made_only_when_the_list_or_a_search_needs_it(big):
    from ui.picker import LazyLabels

    made = []
    labels = LazyLabels(big.items, lambda item: made.append(item.id) or f"{item.id} {item.title}")
    assert list(labels) == [s.id for s in big.stories] and len(labels) == N and "S5" in labels
    assert labels["S5"] == "S5 Shipped release 5 of the billing service" and made == ["S5"]
    assert labels["S5"] and made == ["S5"]  # made once
    assert sum("release 104" in label for label in labels.values()) == 11  # a search reads them all
    assert len(made) == N
