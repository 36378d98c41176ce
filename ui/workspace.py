"""Which evidence the session shows: the sample, the user's saved workspace, or another one.

Workspace management for the Journal page (switch, create, rename, delete, delete all) and the
moves between the sample and the user's own data. Saving itself is ui.saving's job.
"""

from __future__ import annotations

import streamlit as st

from core.model import Dataset
from ui import saving, state
from ui.cache import load_sample


def reset_to_sample() -> None:
    """Show the bundled sample with every field at its default (another workspace, or none)."""
    state.reset_all(load_sample(), "sample")
    st.session_state[state.WORKSPACE_SAVED] = None
    for key in (saving.STALE, saving.DELETED):
        st.session_state.pop(key, None)


def use_sample(which: str = "engineering") -> None:
    """An example year replaces the dataset and everything that belonged to it (pending merge
    choices included); the user's saved workspace stays on disk, untouched."""
    st.session_state[state.EXAMPLE] = which
    state.replace_dataset(load_sample(which), "sample")
    st.session_state[state.IMPORT_REPORT] = st.session_state[state.DATASET]


def _show(working) -> None:
    if working is not None and working.dataset.all_items:
        saving.apply(working)
    else:
        reset_to_sample()


def reload_saved() -> None:
    """Replace this session's copy with what is saved (after another tab saved the workspace)."""
    st.session_state.pop(saving.STALE, None)
    _show(saving.load_saved())


def bring_back_saved() -> bool:
    """On the sample, reopen the workspace's saved evidence if it has any (the user looked at the
    sample for a while); True if it did. Anything added next joins it instead of replacing it."""
    if saving.is_users_data() or not saving.is_saving():
        return False
    working = saving.load_saved()
    if working is None or not working.dataset.all_items:
        return False
    saving.apply(working)
    return True


def start_own_data() -> None:
    """Leave the sample behind: the user's first journal entry begins their own evidence."""
    if not saving.is_users_data() and not bring_back_saved():
        state.replace_dataset(Dataset(), "journal")


def switch(name: str) -> None:
    """Make `name` the session's workspace and show its evidence (the sample if it has none)."""
    workspace = saving.store()
    saving.save()
    workspace.switch(name)
    st.session_state[state.WORKSPACE] = name
    _show(workspace.load(name))


def create(name: str) -> None:
    workspace = saving.store()
    saving.save()
    name = " ".join((name or "").split())
    workspace.create(name)
    st.session_state[state.WORKSPACE] = name
    reset_to_sample()


def rename(old: str, new: str) -> None:
    saving.store().rename(old, new)
    if st.session_state.get(state.WORKSPACE) == old:
        st.session_state[state.WORKSPACE] = " ".join(new.split())


def delete(name: str) -> None:
    workspace = saving.store()
    workspace.delete(name)
    if st.session_state.get(state.WORKSPACE) == name:
        st.session_state[state.WORKSPACE] = workspace.active()
        _show(workspace.load(st.session_state[state.WORKSPACE]))


def delete_all() -> list[str]:
    """Delete the database files and forget the session's copy, so nothing re-saves it."""
    removed = saving.store().delete_all()
    reset_to_sample()
    st.session_state.pop(state.WORKSPACE, None)
    st.session_state.pop(saving.STORAGE_FAULT, None)
    return [str(p) for p in removed]


def save_again() -> None:
    """After the data was deleted from another tab: write this tab's copy as a new workspace."""
    st.session_state.pop(saving.DELETED, None)
    st.session_state.pop(state.WORKSPACE, None)
    st.session_state[state.WORKSPACE_SAVED] = None
    saving.save(force=True)


def forget_here_too() -> None:
    """After the data was deleted from another tab: this tab lets it go as well."""
    reset_to_sample()
    st.session_state.pop(state.WORKSPACE, None)
