"""Competencies page: a second opinion from the user's own model on the least confident
suggestions (core/llm/opinion.py). Shown beside the mapper's suggestion with its reason; a
competency is used only when the user clicks it, as in the review list."""

from __future__ import annotations

import streamlit as st

from core.llm.client import ModelError
from core.llm.opinion import second_opinion
from core.wording import CLEAR_MATCH_AT
from ui import llm
from ui.competencies.common import commit, preview
from ui.competencies.review import pending_review
from ui.safe import md

OPINIONS = "llm_opinions"  # session key: {(framework name, item id): Opinion}
BATCH = 5  # items per request: a small local model takes seconds each


def opinion_section(dataset, framework, mappings, overrides) -> None:
    settings = llm.settings_section()
    if settings is None:
        return
    st.markdown("##### A second opinion on the least confident suggestions")
    low = [i for i, confidence in pending_review(dataset, mappings, overrides) if confidence < CLEAR_MATCH_AT]
    if not low:
        st.caption("Every item still counted by suggestion is a clear match: nothing to ask about.")
        return
    opinions = st.session_state.setdefault(OPINIONS, {})
    items = dataset.by_id()
    asked = [i for i in low if (framework.name, i) in opinions]
    todo = [i for i in low if (framework.name, i) not in opinions][:BATCH]
    if todo and st.button(f"Ask my model about {len(todo)} more", key="llm_opinion_go"):
        steps = [lambda client, item=items[i]: second_opinion(client, item, framework) for i in todo]
        for item_id, out in zip(todo, llm.run_steps("Asking your model", steps, settings), strict=False):
            if isinstance(out, ModelError):
                st.error(md(out.message))
                break
            opinions[(framework.name, item_id)] = out
            asked.append(item_id)
    for item_id in asked:
        _row(items[item_id], mappings[item_id], opinions[(framework.name, item_id)], overrides)


def _row(item, mapping, opinion, overrides) -> None:
    text, choice = st.columns([3, 2])
    text.markdown(f"**{md(item.id)}** {md(preview(item))}")
    if mapping.suggestions:
        top = mapping.suggestions[0]
        text.caption(f"Suggested: {md(top.competency)} ({md(top.why)})")
    if opinion.competency is None or not opinion.reason:
        choice.caption(md(opinion.note))
    else:
        choice.markdown(f"Your model: **{md(opinion.competency)}**, because {md(opinion.reason)}")
        if choice.button(f"Use {md(opinion.competency)}", key=f"llm_use_{item.id}"):
            overrides[item.id] = [opinion.competency]
            commit(overrides)
    if opinion.rejected:
        reasons = "; ".join(r for rejection in opinion.rejected for r in rejection.reasons)
        choice.caption(md(f"Not kept from its answer: {reasons}"))
