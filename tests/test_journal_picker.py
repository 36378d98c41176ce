"""The journal's "Edit or delete" picker at a decade's size: above PICKER_ALL items a search box
narrows the list (20,000 labelled options cost a tenth of a second per rerun); picking a match
opens that item's form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.model import Dataset, Praise, Story
from ui import state

ROOT = Path(__file__).resolve().parent.parent
N = 600  # stories, and as many praise: 1,200 items, over the page's PICKER_ALL (1,000)


pytestmark = pytest.mark.usefixtures("bound_to_localhost")


def big() -> Dataset:
    start = dt.date(2025, 1, 6)
    return Dataset(
        stories=[
            Story(id=f"S{n}", date=start + dt.timedelta(days=n % 300), title=f"Shipped release {n}")
            for n in range(1, N + 1)
        ],
        praise=[
            Praise(id=f"P{n}", date=start + dt.timedelta(days=n % 300), text=f"Thanks for release {n}!",
                   author="Dana")
            for n in range(1, N + 1)
        ],
    )


def test_large_sets_search_then_edit_the_match(advocate_home):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.session_state[state.DATASET] = big()
    at.switch_page("pages/journal.py").run()
    assert not at.exception, at.exception
    assert 0 < len(at.selectbox(key="journal_edit").options) <= 201, "a short list, not every item"
    assert any(f"of {2 * N:,} items match" in c.value for c in at.caption)

    at.text_input(key="journal_edit_find").input("Shipped release 517").run()
    assert not at.exception, at.exception
    picker = at.selectbox(key="journal_edit")
    assert [o.split(" · ")[0] for o in picker.options] == ["S517"]
    assert picker.value == "S517"
    assert [t for t in at.text_input if t.value == "Shipped release 517"], "S517's form is shown"

    at.text_input(key="journal_edit_find").input("P42 ").run()
    assert at.selectbox(key="journal_edit").value == "P42"
    assert [t for t in at.text_area if t.value == "Thanks for release 42!"]
