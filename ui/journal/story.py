"""Journal tab "Add a story": the CAR prompts, live competency suggestions and a strength coach."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.analysis.strength import score_story
from core.competencies.mapping import map_items
from core.model import STORY_KINDS, Story
from core.store import journal
from core.wording import evidence_words, match_words, reasons_hover
from ui import workspace as ws
from ui.journal.common import IMPACTS, KIND_LABELS, commit, competency_names, dataset, impact_label
from ui.safe import md

PROMPTS = {
    "challenge": "What was the problem or goal, and why did it matter?",
    "action": "What did *you* do? First person: I decided, I organised, I convinced…",
    "result": "What changed because of it? A number if you have one: %, hours, money, people.",
}


def _suggest(story: Story, framework) -> list[tuple[str, float, str]]:
    """Live suggestions from the mapping engine: (competency, score, why), best first."""
    if framework is None or not story.text.strip():
        return []
    mapping = map_items([story], framework).get(story.id)
    if mapping is None:
        return []
    return [(s.competency, s.score, s.why) for s in mapping.suggestions]


def _draft_story() -> Story:
    get = st.session_state.get
    return Story(
        id="S-new",
        date=get("journal_story_date") or dt.date.today(),
        title=(get("journal_story_title") or "").strip(),
        challenge=(get("journal_story_challenge") or "").strip(),
        action=(get("journal_story_action") or "").strip(),
        result=(get("journal_story_result") or "").strip(),
        story_kind=get("journal_story_kind") or "win",
        impact=get("journal_story_impact"),
        competencies=tuple(get("journal_story_competencies") or ()),
        project=(get("journal_story_project") or "").strip(),
        link=(get("journal_story_link") or "").strip(),
    )


def _save_story() -> None:
    draft = _draft_story()
    if not (draft.title or draft.challenge or draft.action or draft.result):
        st.session_state["journal_story_error"] = (
            "Write at least a title or one of challenge, action, result."
        )
        return
    ws.start_own_data()
    current = dataset()
    fields = {k: v for k, v in draft.__dict__.items() if k not in {"id", "date", "origin", "extra"}}
    story = journal.new_story(current, draft.date, **fields)
    what = f"story {story.id}: {story.title or 'untitled'}"
    commit(journal.with_item(current, story), f"Saved {what}.", f"Added {what}")
    for name in ("title", "challenge", "action", "result", "project", "link", "competencies"):
        st.session_state.pop(f"journal_story_{name}", None)
    st.session_state.pop("journal_story_touched", None)
    st.session_state.pop("journal_story_error", None)


def _touched() -> None:
    st.session_state["journal_story_touched"] = True


def story_tab(framework) -> None:
    st.session_state.setdefault("journal_story_date", dt.date.today())
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.text_input(
            "Title", key="journal_story_title", placeholder="e.g. Onboarding cut from 3 weeks to 5 days"
        )
        for name, prompt in PROMPTS.items():
            st.text_area(md(name.capitalize()), key=f"journal_story_{name}", placeholder=prompt, height=90)
        cols = st.columns(3)
        cols[0].date_input("Date", key="journal_story_date", format="YYYY-MM-DD")
        cols[1].selectbox(
            "Win, struggle or lesson", STORY_KINDS, format_func=KIND_LABELS.get, key="journal_story_kind"
        )
        cols[2].selectbox("Impact (1-5)", IMPACTS, format_func=impact_label, key="journal_story_impact")
        with st.expander("More details (project, link)"):
            st.text_input("Project", key="journal_story_project")
            st.text_input("Link (a document, a page, a message)", key="journal_story_link")

    draft = _draft_story()
    suggestions = _suggest(draft, framework)
    with right:
        st.markdown("**Skills and values it shows**")
        if not st.session_state.get("journal_story_touched"):
            # Pre-fill with the engine's best suggestions until the user picks their own.
            st.session_state["journal_story_competencies"] = [
                c for c, score, _why in suggestions[:2] if score > 0
            ]
        options = competency_names(framework, st.session_state.get("journal_story_competencies"))
        st.multiselect(
            "This story shows",
            options,
            key="journal_story_competencies",
            on_change=_touched,
            help="The competencies (skills and values you are reviewed on) suggested from your words "
            "as you type; change them freely.",
        )
        if suggestions:
            for competency, score, why in suggestions[:3]:  # a word for the score; the why on hover
                st.caption(f"{md(competency)}: {md(match_words(score))}", help=md(why[:1].upper() + why[1:]))
        elif framework is not None and draft.text:
            st.caption("No suggestion yet: describe what you did in a sentence or two.")

        st.markdown("**How convincing it reads**")
        strength = score_story(draft, dataset().praise) if draft.text else None
        if strength is None:
            st.caption("Write the story to see how convincing it reads.")
        else:
            st.progress(strength.score, text=md(evidence_words(strength.level).capitalize()))
            for tip in strength.tips:
                st.markdown(f"- {md(tip)}")
            if strength.reasons:
                st.caption("✓ What already works (hover)", help=md(reasons_hover(strength.reasons)))

    if st.session_state.get("journal_story_error"):
        st.error(md(st.session_state["journal_story_error"]))
    st.button("Save story", type="primary", key="journal_save_story", on_click=_save_story)
