"""Competencies: review the suggestions fast, least confident first, one click per item.

Each row is one item with its top three competencies as buttons and the reason beside the first;
a click makes that competency the user's choice (and a labelled example the mapper learns from).
Buttons take the keyboard focus in order, so Tab and Enter go through a page without the mouse.
"""

from __future__ import annotations

import streamlit as st

from core.competencies.mapping import accepted, assignment
from core.wording import CLEAR_MATCH_AT
from ui.competencies.common import commit, preview
from ui.safe import md

REVIEW_PAGE = 15  # rows at a time: enough for a sitting, few enough to read
K_REVIEW_OPEN = "comp_review_open"  # the review list's expander is open: only then is it ranked


def pending_review(dataset, mappings, overrides) -> list[tuple[str, float]]:
    """(id, confidence) of the items still counted by suggestion alone, least confident first.

    Confidence is the top suggestion's score, halved for a weak match (a reason citing only
    generic words); items with no suggestion at all come first.
    """
    out = []
    for item in dataset.items:
        m = mappings[item.id]
        if assignment(m, overrides)[0] in ("suggested", "none") and item.id not in overrides:
            out.append((item.id, m.suggestions[0].confidence if m.suggestions else 0.0))
    return sorted(out, key=lambda pair: pair[1])


def confident(pending: list[tuple[str, float]]) -> list[str]:
    return [item_id for item_id, confidence in pending if confidence >= CLEAR_MATCH_AT]


def learned_note(corrections: int) -> None:
    if corrections:
        plural = "correction" if corrections == 1 else "corrections"
        st.caption(f"Suggestions learned from your {corrections:d} {plural}.")


def review_section(dataset, mappings, overrides) -> None:
    pending = pending_review(dataset, mappings, overrides)
    if not pending:
        st.caption("Every item is counted by your own choice or your file: nothing to review.")
        return
    sure = confident(pending)
    if st.button(
        f"Accept all {len(sure)} confident ones", key="comp_review_accept", disabled=not sure, type="primary"
    ):
        for item_id in sure:
            overrides[item_id] = accepted(mappings[item_id].suggestions)
        commit(overrides)
    st.caption(f"{len(pending)} items counted by suggestion alone; the least confident first.")
    by_id = {item.id: item for item in dataset.items}
    for item_id, _confidence in pending[:REVIEW_PAGE]:
        _row(by_id[item_id], mappings[item_id], overrides)


def _row(item, mapping, overrides) -> None:
    text, choices = st.columns([3, 2])
    text.markdown(f"**{md(item.id)}** {md(preview(item))}")
    top = mapping.suggestions[:3]
    if top:
        text.caption(md(top[0].why[:1].upper() + top[0].why[1:]))
    buttons = choices.columns(len(top) + 1)
    for i, (slot, suggestion) in enumerate(zip(buttons, top, strict=False)):
        if slot.button(md(suggestion.competency), key=f"comp_review_{item.id}_{i}", type="secondary"):
            overrides[item.id] = [suggestion.competency]
            commit(overrides)
    if buttons[-1].button("None", key=f"comp_review_{item.id}_none", help="It shows none of these"):
        overrides[item.id] = []
        commit(overrides)
