"""The one per-session memo: a value kept beside the key it was computed from.

For derived values that change with the user's choices (overrides, period, filter) and so do not
belong in a cache shared by every session, but that cost tens of milliseconds to rebuild from
20,000 items on a rerun that changed nothing they depend on.
"""

from __future__ import annotations

import streamlit as st

_MEMO = "_ui_memo"  # {name: (key, value)}: one value per name, for this session


class Same:
    """A memo key that matches only this very object (no content comparison); holding the object
    keeps its id from being reused meanwhile. Nothing changes a Dataset in place, so one object
    always has one content."""

    __slots__ = ("obj",)

    def __init__(self, obj: object):
        self.obj = obj

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.obj is self.obj

    def __hash__(self) -> int:
        return id(self.obj)


def session_memo(name: str, key, compute):
    """`compute()` once per `key` for this session, the last value kept under `name`."""
    memo = st.session_state.setdefault(_MEMO, {})
    hit = memo.get(name)
    if hit is not None and hit[0] == key:
        return hit[1]
    value = compute()
    memo[name] = (key, value)
    return value
