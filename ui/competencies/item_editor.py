"""Competencies: "Edit one item", to confirm the suggestions, pick others, or say it shows none."""

from __future__ import annotations

import streamlit as st

from core.competencies.frameworks import framework_key
from core.competencies.mapping import accepted
from core.wording import match_words
from ui.cache import dataset_fingerprint
from ui.competencies.common import K_EDITOR_VERSION, commit, preview
from ui.picker import LazyLabels, pickable_ids
from ui.safe import md

K_ITEM = "comp_item"
K_ITEM_PICK = "comp_item_pick"
K_ITEM_FIND = "comp_item_find"


def _label(item) -> str:
    return f"{item.id} · {item.date} · {preview(item)}"


@st.cache_resource(show_spinner=False, max_entries=4)
def _item_labels(fingerprint: str, _dataset) -> LazyLabels:
    """{id: "S12 · 2024-03-01 · preview"}, the picker's option labels, once per dataset content."""
    return LazyLabels(_dataset.items, _label)


def item_editor(dataset, framework, mappings, overrides, chosen) -> None:
    """One item at a time: confirm the suggestions, pick others, or say it supports none."""
    labels = _item_labels(dataset_fingerprint(dataset), dataset)
    ids = pickable_ids(labels, K_ITEM_FIND, K_ITEM_PICK, "Find evidence")
    if not ids:
        return
    if st.session_state.get(K_ITEM_PICK) not in ids:
        st.session_state[K_ITEM_PICK] = ids[0]
    item_id = st.selectbox("Evidence", ids, key=K_ITEM_PICK, format_func=labels.__getitem__)
    m = mappings[item_id]
    for s in m.suggestions:  # a word for the score; the matched words on hover
        st.caption(f"{md(s.competency)}: {md(match_words(s.score))}", help=md(s.why[:1].upper() + s.why[1:]))
    if m.unmatched:
        st.caption(f"Named in your file but not in this framework: {md(', '.join(m.unmatched))}")
    widget = f"{K_ITEM}_{item_id}_{framework_key(framework)[:8]}_{st.session_state.get(K_EDITOR_VERSION, 0)}"
    picked = st.multiselect("Counts for", framework.names, default=chosen.get(item_id, []), key=widget)
    left, middle, right = st.columns(3)
    if left.button("Save", key="comp_item_save", type="primary"):
        overrides[item_id] = list(picked)
        commit(overrides)
    if middle.button("Shows none of these", key="comp_item_none"):
        overrides[item_id] = []
        commit(overrides)
    if right.button("Back to suggestions", key="comp_item_reset", disabled=item_id not in overrides):
        overrides.pop(item_id, None)
        commit(overrides)
    if item_id not in overrides and not m.confirmed:
        st.caption(f"Counted now (suggested): {md(', '.join(accepted(m.suggestions)) or 'none')}")
