"""Picking one item out of thousands: a plain list for a year, a search box first for a decade.

A selectbox of 20,000 labels costs ~0.1 s on every rerun, so above PICKER_ALL the page asks for
words, an id or a date and lists at most PICKER_SHOWN matches.
"""

from __future__ import annotations

import streamlit as st

from ui.safe import md

PICKER_ALL = 1000  # up to this many items the picker lists them all (its own type-ahead finds one)
PICKER_SHOWN = 200  # above it, a search box and at most this many matches


def pickable_ids(labels: dict[str, str], find_key: str, pick_key: str, find_label: str) -> list[str]:
    """The ids to offer in the selectbox stored at `pick_key` (empty when the search finds none)."""
    ids = list(labels)
    if len(ids) <= PICKER_ALL:
        return ids
    query = st.text_input(
        md(find_label), key=find_key, placeholder="Words, an id (S12) or a date (2024-03)"
    ).strip().casefold()
    matches = [i for i, label in labels.items() if query in label.casefold()] if query else ids
    exact = next((i for i in (query.upper(), query) if i in labels), None)
    if exact is not None:  # "S12" finds S12 first, before S120..S129
        matches = [exact, *(i for i in matches if i != exact)]
    more = len(matches) > PICKER_SHOWN
    st.caption(
        f"{len(matches):,} of {len(ids):,} items match"
        + (f"; the first {PICKER_SHOWN} are listed, type to narrow." if more else ".")
    )
    if not matches:
        return []
    shown = matches[:PICKER_SHOWN]
    current = st.session_state.get(pick_key)
    if current in labels and current not in shown and (not query or current in matches):
        shown.insert(0, current)  # the item being edited stays listed
    return shown
