"""Draft page: the self-rating helper. The app shows the evidence per competency; the rating is
the user's, kept in ui.state.RATINGS ({competency: level})."""

from __future__ import annotations

import streamlit as st

from core.wording import evidence_words
from core.writing.draft import plural
from ui import state
from ui.safe import md

NOT_RATED = "(not rated yet)"


def _rating_key(competency: str) -> str:
    return f"dr_rating::{competency}"


def sync_ratings(framework) -> None:
    """Copy the rating selectboxes' values into ui.state.RATINGS before the draft is built, so a
    rating picked on this run already shows in the preview and the downloads. A new dict: the
    stored one may be the one last saved."""
    ratings = dict(st.session_state[state.RATINGS])
    for competency in framework.names:
        choice = st.session_state.get(_rating_key(competency))
        if choice == NOT_RATED:
            ratings.pop(competency, None)
        elif choice is not None:
            ratings[competency] = choice
    st.session_state[state.RATINGS] = ratings


def rating_helper(draft, framework) -> None:
    if not draft.helpers:
        st.info("The self-rating helper works per competency: clear the questions box to see it.")
        return
    levels = list(framework.levels) or list(
        dict.fromkeys(level for c in framework.competencies for level in c.expectations)
    )
    st.caption("The app shows the evidence; the rating is yours to choose.")
    ratings = st.session_state[state.RATINGS]
    for helper in draft.helpers:
        with st.container(border=True):
            st.markdown(f"**{md(helper.competency)}**")
            facts, expectations = st.columns([2, 3])
            levels_seen = [f"{n:d} {md(evidence_words(lv))}" for lv, n in helper.strength.items() if n]
            strength = ", ".join(levels_seen) or "none"
            spread = ", ".join(f"{q}: {n}" for q, n in helper.quarters)
            evidence = f"{plural(helper.stories, 'story', 'stories')}, {plural(helper.praise, 'quote')}"
            facts.markdown(
                f"- Evidence: {md(evidence)}\n"
                f"- How convincing the stories are: {strength}\n"
                f"- Quarters with evidence: {helper.spread:d} of {len(helper.quarters)} ({md(spread)})"
            )
            key = _rating_key(helper.competency)
            options = [NOT_RATED, *levels]
            current = ratings.get(helper.competency)
            if key not in st.session_state or st.session_state[key] not in options:
                st.session_state[key] = current if current in options else NOT_RATED
            facts.selectbox("My rating", options, key=key)
            with expectations:
                for level, texts in helper.expectations.items():
                    st.markdown(f"**{md(level)}**\n" + "\n".join(f"- {md(t)}" for t in texts))


