"""The bridge between session state and the saved workspace (core.store.workspace).

`restore()` runs once per session from `ui.state.init()`; `autosave()` runs at the end of every
script run (app.py) and writes only what changed since the last save (see SavedMark).
The bundled sample is never saved as if it were the user's: saving starts once the user uploads,
adds or edits their own evidence. In shared mode nothing is written and the sidebar says so.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass

import streamlit as st

from core.model import Dataset
from core.store.merge import Conflict, merge, resolve
from core.store.workspace import (
    DEFAULT_WORKSPACE,
    StaleWorkspace,
    WorkingSet,
    WorkspaceStore,
    resolve_data_dir,
    resolve_shared,
)
from ui import state
from ui.safe import md

WORKSPACE_ERROR = "workspace_error"  # session key: why the saved workspace could not be opened
STALE = "workspace_stale"  # session key: another tab saved since this session loaded the workspace
SHARED_NOTICE = "Shared mode: nothing is saved on this server; download the workbook to keep your work."
# Session keys saved with the workspace, and the WorkingSet attribute each one fills.
PERSISTED = (
    (state.OVERRIDES, "overrides"),
    (state.FRAMEWORK, "framework"),
    (state.CUSTOM_FRAMEWORKS, "custom_frameworks"),
    (state.PERIOD, "period"),
    (state.RATINGS, "ratings"),
    (state.DRAFT_OPTIONS, "draft_options"),
    (state.COLUMN_MAPPING, "column_mapping"),
    (state.SOURCE, "source"),
    (state.MERGE_CONFLICTS, "merge_conflicts"),
)


def is_shared() -> bool:
    """Read at run time (flags, env, and where this server listens), never cached at import."""
    try:
        address = st.get_option("server.address")
    except Exception:  # an unknown option must not take the app down
        address = None
    return resolve_shared(address)


def store() -> WorkspaceStore:
    return WorkspaceStore(resolve_data_dir(), shared=is_shared())


def active_name() -> str:
    name = st.session_state.get(state.WORKSPACE)
    if not name:
        try:
            name = store().active()
        except Exception as exc:  # a damaged file: say so, and leave it untouched
            st.session_state[WORKSPACE_ERROR] = str(exc)
            return DEFAULT_WORKSPACE
        st.session_state[state.WORKSPACE] = name
    return name


def working_set(session=None) -> WorkingSet:
    """The persisted part of session state (or of any mapping shaped like it), as a WorkingSet."""
    session = st.session_state if session is None else session
    working = WorkingSet(dataset=session.get(state.DATASET) or Dataset())
    for key, attr in PERSISTED:
        value = session.get(key)
        if value is not None:
            setattr(working, attr, value)
    return working


@dataclass
class SavedMark:
    """What was last saved or restored: each item object with its position, and a hash of the
    settings. Comparing item objects by identity costs ~2 ms at 20,000 items, where hashing their
    content would cost ~200 ms on every rerun; pages replace items (dataclasses.replace, new
    Dataset), never mutate them in place, so a changed item is a different object."""

    items: dict[str, tuple[object, int]]
    settings: str
    revision: int | None = None  # the workspace's revision then (None: unknown)


def settings_hash(session=None) -> str:
    working = working_set(session)
    parts = tuple(getattr(working, attr) for _key, attr in PERSISTED)
    try:
        blob = pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an unpicklable option: fall back to its repr
        blob = repr(parts).encode()
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def _positions(dataset: Dataset):
    """(item, position within its kind), as core.store.workspace stores positions."""
    for items in (dataset.stories, dataset.praise):
        yield from ((item, index) for index, item in enumerate(items))


def mark(session=None, revision: int | None = None) -> SavedMark:
    dataset = working_set(session).dataset
    items = {item.id: (item, index) for item, index in _positions(dataset)}
    return SavedMark(items, settings_hash(session), revision)


def pending_changes(session=None) -> tuple[list[str] | None, bool]:
    """(ids of new, edited or moved items — None when nothing is known, so compare everything;
    whether anything at all needs saving)."""
    session = st.session_state if session is None else session
    saved: SavedMark | None = session.get(state.WORKSPACE_SAVED)
    if saved is None:
        return None, True
    dataset = working_set(session).dataset
    items = dataset.items
    dirty = []
    for item, index in _positions(dataset):
        seen = saved.items.get(item.id)
        if seen is None or seen[0] is not item or seen[1] != index:
            dirty.append(item.id)
    new = sum(1 for item_id in dirty if item_id not in saved.items)
    deleted = len(saved.items) != len(items) - new
    return dirty, bool(dirty) or deleted or saved.settings != settings_hash(session)


def is_users_data() -> bool:
    """False while the app shows the bundled sample: that is never saved."""
    return st.session_state.get(state.SOURCE) != "sample"


def restore() -> bool:
    """Load the active workspace into session state; True if it had evidence (replaces the sample)."""
    st.session_state[state.WORKSPACE_SAVED] = None
    workspace = store()
    if workspace.shared:
        return False
    try:
        name = workspace.active()
        working = workspace.load(name)
    except Exception as exc:  # a broken file must not lock the user out
        st.session_state[WORKSPACE_ERROR] = str(exc)
        return False
    st.session_state[state.WORKSPACE] = name
    if working is None or not working.dataset.items:
        return False
    _apply(working)
    return True


def _apply(working: WorkingSet) -> None:
    st.session_state[state.DATASET] = working.dataset
    for key, attr in PERSISTED:
        st.session_state[key] = getattr(working, attr)
    if not st.session_state.get(state.SOURCE) or st.session_state[state.SOURCE] == "sample":
        st.session_state[state.SOURCE] = "workspace"
    st.session_state[state.WORKSPACE_SAVED] = mark(revision=working.revision)
    st.session_state.pop(STALE, None)


def _reset_to_sample() -> None:
    from ui.cache import load_sample

    st.session_state[state.DATASET] = load_sample()
    st.session_state[state.SOURCE] = "sample"
    for key, default in (
        (state.OVERRIDES, {}),
        (state.FRAMEWORK, None),
        (state.CUSTOM_FRAMEWORKS, {}),
        (state.PERIOD, None),
        (state.RATINGS, {}),
        (state.DRAFT_OPTIONS, {}),
        (state.COLUMN_MAPPING, {}),
        (state.UPLOAD_SIGNATURE, None),
        (state.MERGE_CONFLICTS, []),
    ):
        st.session_state[key] = default
    st.session_state[state.IMPORT_REPORT] = None  # the Import page's report was about other data
    st.session_state[state.UPLOADS] = None
    st.session_state[state.WORKSPACE_SAVED] = None


def save(force: bool = False) -> bool:
    """Write the working set now if it is the user's own and changed; True when written."""
    if WORKSPACE_ERROR in st.session_state or not is_users_data():
        return False
    workspace = store()
    if workspace.shared:
        return False
    dirty, changed = pending_changes()
    if not (force or changed):
        return False
    saved: SavedMark | None = st.session_state.get(state.WORKSPACE_SAVED)
    try:
        revision = workspace.save(
            working_set(), active_name(), None if force else dirty, saved.revision if saved else None
        )
    except StaleWorkspace as exc:
        st.session_state[STALE] = str(exc)
        return False
    st.session_state[state.WORKSPACE_SAVED] = mark(revision=revision)
    return True


def autosave() -> None:
    """End-of-run hook (app.py): save what changed and say where the work lives."""
    if is_shared():
        st.sidebar.warning(SHARED_NOTICE, icon=":material/cloud_off:")
        return
    if WORKSPACE_ERROR in st.session_state:
        st.sidebar.error(
            "Your saved workspace could not be opened, so nothing is being saved: "
            + md(st.session_state[WORKSPACE_ERROR])
        )
        return
    save()
    if STALE in st.session_state:
        st.sidebar.warning(md(st.session_state[STALE]), icon=":material/sync_problem:")
        st.sidebar.button("Load the saved version", key="workspace_reload", on_click=reload_saved)
    elif is_users_data():
        st.sidebar.caption(f"Saved automatically in workspace “{md(active_name())}”.")
    else:
        st.sidebar.caption("Showing the sample data: nothing is saved until you add or import your own.")


def reload_saved() -> None:
    """Replace this session's copy with what is saved (after another tab saved the workspace)."""
    st.session_state.pop(STALE, None)
    working = store().load(active_name())
    if working is not None and working.dataset.items:
        _apply(working)
    else:
        _reset_to_sample()


def _bring_back_saved() -> bool:
    """On the sample, reopen the workspace's saved evidence if it has any (the user looked at the
    sample for a while); True if it did. Anything added next joins it instead of replacing it."""
    workspace = store()
    if is_users_data() or workspace.shared or WORKSPACE_ERROR in st.session_state:
        return False
    working = workspace.load(active_name())
    if working is None or not working.dataset.items:
        return False
    _apply(working)
    return True


def start_own_data() -> None:
    """Leave the sample behind: the user's first journal entry begins their own evidence."""
    if not is_users_data() and not _bring_back_saved():
        st.session_state[state.DATASET] = Dataset()
        st.session_state[state.SOURCE] = "journal"
        for key in (state.OVERRIDES, state.RATINGS):
            st.session_state[key] = {}


# ---------------------------------------------------------------------------------------------
# Import into a workspace that already has evidence
# ---------------------------------------------------------------------------------------------


def merge_dataset(new: Dataset) -> list[Conflict]:
    """Put freshly imported evidence into session state, merging with the user's own.

    On the sample, the import simply replaces it. Otherwise rows are matched by content
    (core.store.merge): new rows are added, identical rows recognised, and changed rows wait in
    state.MERGE_CONFLICTS (saved with the workspace, so a reload keeps them) until the user
    chooses in `render_conflicts`; the user's version stays in place meanwhile.
    """
    _bring_back_saved()
    current = st.session_state.get(state.DATASET)
    if current is None or not is_users_data() or not current.items:
        st.session_state[state.DATASET] = new
        st.session_state[state.MERGE_CONFLICTS] = []
        overrides = dict(st.session_state.get(state.OVERRIDES) or {})
        for item_id, competencies in new.overrides.items():
            overrides.setdefault(item_id, list(competencies))
        st.session_state[state.OVERRIDES] = overrides
        if not is_users_data():
            st.session_state[state.SOURCE] = "import"  # the page names the files right after
        save()
        return []
    pending = list(st.session_state.get(state.MERGE_CONFLICTS) or [])
    saved: SavedMark | None = st.session_state.get(state.WORKSPACE_SAVED)
    reserved = {*(st.session_state.get(state.OVERRIDES) or {}), *(saved.items if saved else ())}
    result = merge(current, new, reserved=reserved, pending=pending)
    st.session_state[state.DATASET] = result.dataset
    overrides = dict(st.session_state.get(state.OVERRIDES) or {})
    for item_id, competencies in result.overrides.items():
        overrides.setdefault(item_id, competencies)  # the user's own choices win
    st.session_state[state.OVERRIDES] = overrides
    st.session_state[state.MERGE_CONFLICTS] = [*pending, *result.conflicts]
    counts = (result.added, result.identical, result.conflicts, result.kept)
    st.session_state[MERGE_SUMMARY] = tuple(len(c) for c in counts)
    save()
    return result.conflicts


MERGE_SUMMARY = "merge_summary"  # session key: (added, identical, changed, kept) of the last merge
CHOICE_LABELS = {"mine": "Keep mine", "theirs": "Use the file's version", "both": "Keep both"}


def _describe(item) -> str:
    if item.kind == "story":
        parts = [item.title, item.challenge, item.action, item.result, item.description]
    else:
        parts = [item.text, f"— {item.author}" if item.author else ""]
    return f"{item.date:%d %b %Y}: " + " · ".join(p for p in parts if p)


def _summary_text(added: int, identical: int, changed: int, kept: int) -> str:
    text = f"Merged into your workspace: {added} new, {identical} already there"
    text += f", {changed} changed (choose below)." if changed else "."
    if kept:
        text += f" {kept} of your rows are not in this file: they stay in your workspace."
    return text


def render_conflicts() -> None:
    """Show the last import's merge summary and let the user settle each changed row.

    A row without a choice stays waiting (and saved) until the user picks one.
    """
    summary = st.session_state.pop(MERGE_SUMMARY, None)
    if summary:
        st.success(md(_summary_text(*summary)))
    conflicts: list[Conflict] = st.session_state.get(state.MERGE_CONFLICTS) or []
    if not conflicts:
        return
    st.subheader(f"Rows that changed since you saved them ({len(conflicts)})")
    st.caption(
        "The same row is in your workspace and in the imported file with different content. "
        "Your version stays until you choose; the choice waits for you, even after a reload."
    )
    choices = {}
    for conflict in conflicts:
        with st.container(border=True):
            title = conflict.mine.title if conflict.mine.kind == "story" else conflict.mine.author
            st.markdown(f"**{md(title or conflict.mine.id)}** ({md(conflict.reason)})")
            mine_col, theirs_col = st.columns(2)
            mine_col.caption("Yours")
            mine_col.text(_describe(conflict.mine))
            theirs_col.caption("In the file")
            theirs_col.text(_describe(conflict.theirs))
            choices[conflict.key] = st.radio(
                "Which version to keep",
                list(CHOICE_LABELS),
                index=None,
                format_func=CHOICE_LABELS.get,
                horizontal=True,
                key=f"merge_choice_{conflict.key}",
            )
    if st.button("Apply my choices", type="primary", key="merge_apply"):
        dataset, waiting = resolve(st.session_state[state.DATASET], conflicts, choices)
        st.session_state[state.DATASET] = dataset
        st.session_state[state.MERGE_CONFLICTS] = waiting
        save()
        st.rerun()


# ---------------------------------------------------------------------------------------------
# Workspace management (Journal page)
# ---------------------------------------------------------------------------------------------


def switch(name: str) -> None:
    """Make `name` the session's workspace and show its evidence (the sample if it has none)."""
    workspace = store()
    save()
    workspace.switch(name)
    st.session_state[state.WORKSPACE] = name
    working = workspace.load(name)
    if working is not None and working.dataset.items:
        _apply(working)
    else:
        _reset_to_sample()


def create(name: str) -> None:
    workspace = store()
    save()
    name = " ".join((name or "").split())
    workspace.create(name)
    st.session_state[state.WORKSPACE] = name
    _reset_to_sample()


def rename(old: str, new: str) -> None:
    store().rename(old, new)
    if st.session_state.get(state.WORKSPACE) == old:
        st.session_state[state.WORKSPACE] = " ".join(new.split())


def delete(name: str) -> None:
    workspace = store()
    workspace.delete(name)
    if st.session_state.get(state.WORKSPACE) == name:
        st.session_state[state.WORKSPACE] = workspace.active()
        working = workspace.load(st.session_state[state.WORKSPACE])
        if working is not None and working.dataset.items:
            _apply(working)
        else:
            _reset_to_sample()


def delete_all() -> list[str]:
    """Delete the database files and forget the session's copy, so nothing re-saves it."""
    removed = store().delete_all()
    _reset_to_sample()
    st.session_state.pop(state.WORKSPACE, None)
    st.session_state.pop(WORKSPACE_ERROR, None)
    return [str(p) for p in removed]
