"""Picking one item out of thousands: a plain list for a year, a search box first for a decade.

A selectbox of 20,000 labels costs ~0.1 s on every rerun, so above PICKER_ALL the page asks for
words, an id or a date and lists at most PICKER_SHOWN matches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import streamlit as st

from ui.safe import md

PICKER_ALL = 1000  # up to this many items the picker lists them all (its own type-ahead finds one)
PICKER_SHOWN = 200  # above it, a search box and at most this many matches


class LazyLabels(Mapping):
    """{id: label} for a dataset's items, each label made when first asked: the picker lists at
    most PICKER_SHOWN of them until a search reads them all (100,000 labels took 0.2 s of the
    Competencies page's first visit at 50,000 + 50,000). Shared by sessions: a label once made
    is the same for all."""

    def __init__(self, items, label: Callable[[object], str]):
        self._items = {item.id: item for item in items}
        self._label = label
        self._made: dict[str, str] = {}

    def __getitem__(self, item_id: str) -> str:
        made = self._made.get(item_id)
        if made is None:
            made = self._made[item_id] = self._label(self._items[item_id])
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._items


def pickable_ids(labels: Mapping[str, str], find_key: str, pick_key: str, find_label: str) -> list[str]:
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
