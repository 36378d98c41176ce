"""Level readiness through app.py: pick a level on Competencies, confirm and reject matches, pick a
rating on the Draft page and see it argued, download the promotion case, interview stories and
talking points and read what they say."""

from __future__ import annotations

import io

import docx
import pytest

from core.competencies.frameworks import load_builtin
from core.competencies.mapping import assigned, map_items
from core.competencies.readiness import readiness
from core.digest import content_hash
from core.writing.draft import in_period
from tests.test_draft_page import download, downloads  # noqa: F401  (a fixture)
from ui import state
from ui.competencies.career import K_ABOUT_OPEN

COMPETENCIES = "pages/competencies.py"
DRAFT = "pages/draft.py"
LEVEL = "Proficient"


def _pick_level(at, level=LEVEL):
    box = next(s for s in at.selectbox if s.label == "My level")
    box.select(level).run()
    assert not at.exception
    return at


def _expected(at):
    """The readiness the page should show, computed from core for the same data and choices."""
    dataset = at.session_state[state.DATASET]
    framework = load_builtin("General professional")
    stories, praise = in_period(dataset, at.session_state[state.PERIOD] or period_in_use_for(dataset))
    chosen = assigned(map_items(dataset.items, framework), at.session_state[state.OVERRIDES])
    decisions = (at.session_state[state.READINESS] or {}).get("decisions")
    return readiness([*stories, *praise], framework, LEVEL, decisions=decisions, assignments=chosen)


def period_in_use_for(dataset):
    from core.analysis.period import default_period

    return default_period([item.date for item in dataset.items])


@pytest.fixture
def picked(app):
    at = app.switch_page(COMPETENCIES).run()
    assert not at.exception
    return _pick_level(at)


def test_picking_a_level_shows_every_competency_in_plain_words(picked):
    result = _expected(picked)
    labels = [e.label.replace("\\", "") for e in picked.expander]
    assert [c.summary for c in result.competencies] == [lbl for lbl in labels if " expectations at " in lbl]
    assert picked.session_state[state.READINESS]["level"] == LEVEL
    gaps = result.gaps()
    text = "\n".join(m.value.replace("\\", "") for m in picked.markdown)
    assert f"Still without evidence at {result.next_level}" in text
    assert all(f"- {e.competency}: {e.text}" in text for e in gaps)
    assert any(c.value == "no evidence yet" for c in picked.caption)


def test_confirm_and_reject_a_match_and_the_page_follows(picked):
    result = _expected(picked)
    rows = [r for c in result.competencies for lv in c.levels.values() for r in lv if len(r.matches) >= 2]
    row = rows[0]
    first, second = row.matches[0].item_id, row.matches[1].item_id
    key = row.expectation.key
    picked.button(key=f"rd_ok_{content_hash(key, first)}").click().run()
    picked.button(key=f"rd_no_{content_hash(key, second)}").click().run()
    assert not picked.exception
    assert picked.session_state[state.READINESS]["decisions"] == {key: {first: True, second: False}}
    assert picked.button(key=f"rd_ok_{content_hash(key, first)}").disabled  # already confirmed
    assert not [b for b in picked.button if b.key == f"rd_no_{content_hash(key, second)}"]  # gone
    assert any(c.value == f"Rejected: {second}" for c in picked.caption)
    after = _expected(picked)
    rows = [r for c in after.competencies for lv in c.levels.values() for r in lv]
    ids = [m.item_id for m in next(r for r in rows if r.expectation.key == key).matches]
    assert ids[0] == first and second not in ids
    # undo brings the rejected match back
    picked.button(key=f"rd_undo_{content_hash(key, second)}").click().run()
    assert picked.session_state[state.READINESS]["decisions"] == {key: {first: True}}


def test_a_picked_rating_is_argued_in_the_draft_with_the_gaps_listed(picked):
    result = _expected(picked)
    comp = next(c for c in result.competencies if c.counts(result.next_level)[0])
    at = picked.switch_page(DRAFT).run()
    at.selectbox(key=f"dr_rating::{comp.competency}").set_value(result.next_level).run()
    assert not at.exception
    text = "\n".join(m.value.replace("\\", "") for m in at.markdown)
    shown, total = comp.counts(result.next_level)
    assert f"I rate my {comp.competency} work at {result.next_level}." in text
    assert f"At {result.next_level} I have shown {shown} of {total} expectations: “" in text
    first_met = next(r for r in comp.levels[result.next_level] if r.shown).expectation.text.rstrip(".")
    assert f"“{first_met}”" in text
    if comp.gaps(result.next_level):
        assert f"still without evidence at {result.next_level}" in text


def test_download_the_promotion_case_and_interview_stories(picked, downloads):  # noqa: F811
    result = _expected(picked)
    data, name = download(picked, downloads, "Promotion case (.md)")
    md = data.decode("utf-8")
    assert name == "promotion-case.md"
    assert md.startswith(f"# Promotion case: {LEVEL} to {result.next_level}")
    for comp in result.competencies:
        shown, total = comp.counts(LEVEL)
        assert f"| {comp.competency} | {shown} of {total} |" in md
    assert "No evidence yet." in md and "## Gaps" in md
    data, name = download(picked, downloads, "Promotion case (.docx)")
    document = docx.Document(io.BytesIO(data))
    assert name == "promotion-case.docx" and document.paragraphs[0].text.startswith("Promotion case")

    data, name = download(picked, downloads, "Interview stories (.md)")
    md = data.decode("utf-8")
    assert name == "interview-stories.md"
    assert "## Tell me about a time you failed or made a mistake." in md
    assert md.count("**Situation and task.**") >= 5 and "## Resume bullets by theme" in md
    data, name = download(picked, downloads, "Interview stories (.docx)")
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Interview stories" in texts and "Resume bullets by theme" in texts


def test_talking_points_carry_what_the_user_typed(picked, downloads):  # noqa: F811
    wants = "A promotion to Advanced by the summer"
    picked.text_area(key="rd_wants").input(wants).run()
    assert picked.session_state[state.READINESS]["wants"] == wants
    data, name = download(picked, downloads, "Talking points (.md)")
    md = data.decode("utf-8")
    assert name == "talking-points.md" and "## What I want next" in md
    assert wants in md and "## Lead with these results" in md
    data, _ = download(picked, downloads, "Talking points (.docx)")
    assert wants in [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert not picked.code  # the About paragraph is written once its expander is opened
    picked.session_state[K_ABOUT_OPEN] = True
    picked.run()
    assert picked.code[-1].value.startswith("My work centres on ")


def test_a_story_the_app_missed_is_linked_by_its_id(picked):
    result = _expected(picked)
    rows = [r for c in result.competencies for lv in c.levels.values() for r in lv]
    gap = next(i for i, r in enumerate(rows) if not r.shown)
    story = picked.session_state[state.DATASET].stories[0].id
    picked.selectbox(key="rd_link_exp").set_value(gap)
    picked.text_input(key="rd_link_item").input(story)
    next(b for b in picked.button if b.label == "Link it").click().run()
    assert not picked.exception
    assert picked.session_state[state.READINESS]["decisions"] == {rows[gap].expectation.key: {story: True}}
    linked = next(r for r in _rows_of(_expected(picked)) if r.expectation.key == rows[gap].expectation.key)
    assert [(m.item_id, m.status, m.why) for m in linked.matches] == [
        (story, "confirmed", "you confirmed it")
    ]
    # an id that is not in the data is refused in words
    picked.text_input(key="rd_link_item").input("S9999")
    next(b for b in picked.button if b.label == "Link it").click().run()
    assert any("No story or quote S9999" in e.value for e in picked.error)


def _rows_of(result):
    return [r for c in result.competencies for lv in c.levels.values() for r in lv]
