"""Review mode on the Competencies page: accept the confident suggestions in one click, correct one
item, and the suggestion for a similar item follows the correction."""

from __future__ import annotations

import datetime as dt

import pytest

from core.model import Dataset, Story
from ui import state
from ui.competencies.review import K_REVIEW_OPEN

PAGE = "pages/competencies.py"
DAY = dt.date(2026, 3, 2)


def _story(item_id: str, challenge: str, action: str, result: str) -> Story:
    return Story(id=item_id, date=DAY, title="", challenge=challenge, action=action, result=result)


STORIES = [
    _story(
        "S1",
        "The Atlas dashboard loaded slowly for the warehouse crew",
        "Rebuilt the Atlas dashboard queries with the warehouse crew",
        "The Atlas dashboard loads in two seconds",
    ),
    _story(
        "S2",
        "The Atlas dashboard showed stale stock for the warehouse crew",
        "Moved the Atlas dashboard to live stock counts",
        "The warehouse crew trusts the Atlas dashboard again",
    ),
    _story(
        "S3",
        "Two new joiners had no one to guide them",
        "Mentored and coached both new joiners every week and helped them grow",
        "Both grew into confident team members; mentoring became a team habit",
    ),
]


@pytest.fixture
def review(app):
    app.session_state[state.DATASET] = Dataset(stories=list(STORIES))
    app.session_state[K_REVIEW_OPEN] = True  # the user opened the review list
    at = app.switch_page(PAGE).run()
    assert not at.exception
    return at


def test_the_review_list_is_ranked_only_once_opened(app):
    """Ranking a decade's suggestions costs a fraction of a second: a closed list costs nothing."""
    app.session_state[state.DATASET] = Dataset(stories=list(STORIES))
    at = app.switch_page(PAGE).run()
    assert not at.exception
    assert not [b for b in at.button if (b.key or "").startswith("comp_review_")]
    assert [e for e in at.expander if e.label.startswith("Review suggestions")]  # still there to open
    at.session_state[K_REVIEW_OPEN] = True
    at = at.run()
    assert _review_buttons(at, "S3")


def _button(at, key: str):
    return next(b for b in at.button if b.key == key)


def _review_buttons(at, item_id: str) -> list[str]:
    prefix = f"comp_review_{item_id}_"
    return [b.label for b in at.button if (b.key or "").startswith(prefix) and b.label != "None"]


def test_least_confident_first_with_three_choices_and_the_reason(review):
    rows = [m.value for m in review.markdown if m.value.startswith("**S")]
    order = [r.split("**")[1] for r in rows]
    assert sorted(order) == ["S1", "S2", "S3"] and order[-1] == "S3"  # the clear mentoring story last
    assert len(_review_buttons(review, "S1")) == 3
    assert any("resembles" in c.value for c in review.caption)


def test_accept_all_confident_ones_then_correct_one_and_a_similar_item_follows(review):
    accept = _button(review, "comp_review_accept")
    assert accept.label == "Accept all 1 confident ones"
    at = accept.click().run()
    assert at.session_state[state.OVERRIDES] == {"S3": ["Leadership & mentoring"]}
    assert not _review_buttons(at, "S3")  # accepted: no longer waiting for review

    before = _review_buttons(at, "S2")
    assert before[0] != "Customer focus"
    target = _review_buttons(at, "S1").index("Customer focus")
    at = _button(at, f"comp_review_S1_{target}").click().run()
    assert not at.exception
    assert at.session_state[state.OVERRIDES]["S1"] == ["Customer focus"]
    assert _review_buttons(at, "S2")[0] == "Customer focus"  # learned from the correction
    assert any("learned from your 1 correction." in c.value for c in at.caption)
    table = at.dataframe[-1].value.set_index("id")
    assert table.loc["S2", "suggested"].startswith("Customer focus")  # the table follows it too
