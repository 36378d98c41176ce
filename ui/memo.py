"""Two memos: per session, a value kept beside the key it was computed from; per object, a value
computed from an object that never changes, for every session and the background warm-up.

The session memo is for derived values that change with the user's choices (overrides, period,
filter) and so do not belong in a cache shared by every session, but that cost tens of
milliseconds to rebuild from 20,000 items on a rerun that changed nothing they depend on. The
object memo is for what depends on a Dataset alone (its fingerprint, its stories' score keys):
ui.warmup computes those while the user reads, and the page finds them.
"""

from __future__ import annotations

import threading
import weakref

import streamlit as st

_MEMO = "_ui_memo"  # {name: (key, value)}: one value per name, for this session
_BY_OBJECT: dict[tuple[str, int], tuple[weakref.ref, object]] = {}  # (name, id) -> (the object, value)
_BY_OBJECT_LOCK = threading.Lock()


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


def object_known(name: str, obj: object):
    """What object_memo kept under `name` for `obj`, or None while nothing has computed it."""
    hit = _BY_OBJECT.get((name, id(obj)))
    return hit[1] if hit is not None and hit[0]() is obj else None


def object_memo(name: str, obj: object, compute):
    """`compute()` once per object (Datasets are never changed in place) for the whole server;
    kept while the object lives, so a replaced dataset's values go with it."""
    known = object_known(name, obj)
    if known is not None:
        return known
    value = compute()
    with _BY_OBJECT_LOCK:
        for key in [key for key, (ref, _) in _BY_OBJECT.items() if ref() is None]:
            del _BY_OBJECT[key]
        _BY_OBJECT[(name, id(obj))] = (weakref.ref(obj), value)
    return value
