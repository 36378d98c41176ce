"""The bridge between session state and the saved workspace (core.store.workspace).

`restore()` runs once per session (ui.session.start); `save()` runs at the end of every script
run, even one stopped early (ui.session.save), and writes only what changed since the last save
(see SavedMark).
The bundled sample is never saved as if it were the user's. Saving never raises: a storage
fault (core.store.health), another tab's newer save, or the data deleted from another tab are
kept in session state for the sidebar to explain, and the app goes on without saving.
"""

from __future__ import annotations

import pickle
import sqlite3
import threading
from dataclasses import dataclass

import streamlit as st

from core.digest import content_hash
from core.model import Dataset
from core.store.health import NewerDatabase, StorageFault, fault_from
from core.store.location import resolve_data_dir, resolve_shared
from core.store.schema import SAVED
from core.store.workspace import (
    DEFAULT_WORKSPACE,
    StaleWorkspace,
    WorkingSet,
    WorkspaceDeleted,
    WorkspaceStore,
    evidence_positions,
)
from ui import state

STORAGE_FAULT = "storage_fault"  # session key: StorageFault; nothing is saved this session
STALE = "workspace_stale"  # session key: the revision another tab saved since this session loaded
DELETED = "workspace_deleted"  # session key: why the saved data is gone (deleted from another tab)
KEPT_HERE = "kept in this browser session only"
SHARED_NOTICE = (
    "Shared mode: nothing is saved on this server, your work is " + KEPT_HERE + ". "
    "Download the workbook to keep it."
)
STORAGE_ERRORS = (sqlite3.Error, OSError, NewerDatabase, StorageFault)


def is_shared() -> bool:
    """Read at run time (flags, env, and where this server listens), never cached at import."""
    try:
        address = st.get_option("server.address")
    except Exception:  # an unknown option must not take the app down
        address = None
    return resolve_shared(address)


def store() -> WorkspaceStore:
    return WorkspaceStore(resolve_data_dir(), shared=is_shared())


def fault() -> StorageFault | None:
    return st.session_state.get(STORAGE_FAULT)


def _record_fault(exc: BaseException, workspace: WorkspaceStore) -> bool:
    """Keep the StorageFault `exc` means (True), or False when it is not a storage problem."""
    found = fault_from(exc, workspace.directory, workspace.path)
    if found is None:
        return False
    st.session_state[STORAGE_FAULT] = found
    return True


def check_storage() -> StorageFault | None:
    """At session start: can the data folder hold the workspace? Keeps the answer for the sidebar."""
    workspace = store()
    found = workspace.check()
    if found is not None:
        st.session_state[STORAGE_FAULT] = found
    return found


def is_saving() -> bool:
    """True when changes reach the disk: not shared, no storage fault, nothing waiting for a choice."""
    return not (is_shared() or fault() or STALE in st.session_state or DELETED in st.session_state)


def active_name() -> str:
    name = st.session_state.get(state.WORKSPACE)
    if not name:
        if fault() is not None:
            return DEFAULT_WORKSPACE
        workspace = store()
        try:
            name = workspace.active()
        except STORAGE_ERRORS as exc:  # a damaged or locked file: say so, and leave it untouched
            _record_fault(exc, workspace)
            return DEFAULT_WORKSPACE
        st.session_state[state.WORKSPACE] = name
    return name


def working_set(session=None) -> WorkingSet:
    """The saved part of session state (or of any mapping shaped like it), as a WorkingSet."""
    session = st.session_state if session is None else session
    working = WorkingSet(dataset=session.get(state.DATASET) or Dataset())
    for field in SAVED:
        value = session.get(field.key)
        if value is not None:
            setattr(working, field.key, value)
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
    dataset: object = None  # the Dataset marked: still the same object, no item changed (a
    # Dataset is never changed in place), and the items need no comparing (35 ms a run at 100,000)


def settings_hash(session=None) -> str:
    working = working_set(session)
    parts = tuple(getattr(working, field.key) for field in SAVED)
    try:
        blob = pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an unpicklable option: fall back to its repr
        blob = repr(parts).encode()
    return content_hash(blob)


def _positions(dataset: Dataset):
    """(item, position within its kind), as core.store.workspace stores positions."""
    yield from evidence_positions(dataset)


def mark(session=None, revision: int | None = None) -> SavedMark:
    dataset = working_set(session).dataset
    items = {item.id: (item, index) for item, index in _positions(dataset)}
    return SavedMark(items, settings_hash(session), revision, dataset)


def pending_changes(session=None) -> tuple[list[str] | None, bool]:
    """(ids of new, edited or moved items — None when nothing is known, so compare everything;
    whether anything at all needs saving)."""
    session = st.session_state if session is None else session
    saved: SavedMark | None = session.get(state.WORKSPACE_SAVED)
    if saved is None:
        return None, True
    dataset = working_set(session).dataset
    if dataset is saved.dataset:
        return [], saved.settings != settings_hash(session)
    items = dataset.all_items
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


def load_saved(name: str | None = None) -> WorkingSet | None:
    """The saved working set, or None (nothing saved, shared mode, or storage that cannot be read)."""
    workspace = store()
    problem = fault()
    if workspace.shared or (problem is not None and problem.kind != "locked"):  # a lock still lets us read
        return None
    try:
        return workspace.load(name or active_name())
    except STORAGE_ERRORS as exc:
        _record_fault(exc, workspace)
        return None


def restore() -> bool:
    """Load the active workspace into session state; True if it had evidence (replaces the sample)."""
    st.session_state[state.WORKSPACE_SAVED] = None
    working = load_saved()
    if working is None or not working.dataset.all_items:
        return False
    apply(working)
    return True


def apply(working: WorkingSet) -> None:
    """Show a saved working set: its evidence and every saved field."""
    st.session_state[state.DATASET] = working.dataset
    for field in SAVED:
        st.session_state[field.key] = getattr(working, field.key)
    if not st.session_state.get(state.SOURCE) or st.session_state[state.SOURCE] == "sample":
        st.session_state[state.SOURCE] = "workspace"
    st.session_state[state.WORKSPACE_SAVED] = mark(revision=working.revision)
    st.session_state.pop(STALE, None)


def _prepare(force: bool = False, expect_revision: int | None = None) -> _Write | None:
    """A save of the working set if it is the user's own and changed, with all it needs from session
    state read now; None when there is nothing to write."""
    if not is_users_data() or not is_saving():
        return None
    dirty, changed = pending_changes()
    if not (force or changed):
        return None
    saved: SavedMark | None = st.session_state.get(state.WORKSPACE_SAVED)
    if expect_revision is None and saved is not None:
        expect_revision = saved.revision
    session = {key: st.session_state.get(key) for key in (state.DATASET, *(field.key for field in SAVED))}
    working = working_set(session)
    # Only settings changed (a framework chosen): the items' rows are neither read nor compared,
    # nor marked again (0.2 s at 50,000 + 50,000, on the Competencies page's first visit).
    same_items = not force and not dirty and saved is not None and len(saved.items) == len(
        working.dataset.all_items
    )
    return _Write(store(), working, active_name(), None if force else dirty, expect_revision, same_items,
                  saved, session)  # fmt: skip


@dataclass
class _Write:
    """One save, prepared: `run` touches only the disk, so it completes even in a run Streamlit is
    stopping (every read of session state then raises StopException); `record` keeps its outcome
    in session state for the sidebar and the next save."""

    workspace: WorkspaceStore
    working: WorkingSet
    name: str
    dirty: list[str] | None
    expect_revision: int | None
    same_items: bool
    saved: SavedMark | None
    session: dict  # the saved keys as they were prepared: the mark of what was written
    outcome: object = None  # the new revision, or the exception that stopped the write

    def run(self) -> None:
        try:
            self.outcome = self.workspace.save(
                self.working, self.name, self.dirty, self.expect_revision, same_items=self.same_items
            )
        except (StaleWorkspace, WorkspaceDeleted, *STORAGE_ERRORS) as exc:
            self.outcome = exc

    def record(self) -> bool:
        """True when written; raises what the write raised that is not a storage problem."""
        outcome = self.outcome
        if isinstance(outcome, StaleWorkspace):
            st.session_state[STALE] = outcome.found
            return False
        if isinstance(outcome, WorkspaceDeleted):
            st.session_state[DELETED] = str(outcome)
            return False
        if isinstance(outcome, BaseException):
            if not _record_fault(outcome, self.workspace):
                raise outcome
            return False
        if self.same_items:
            saved = SavedMark(self.saved.items, settings_hash(self.session), outcome, self.working.dataset)
        else:
            saved = mark(self.session, revision=outcome)
        st.session_state[state.WORKSPACE_SAVED] = saved
        return True


_AT_RUN_END = threading.local()  # the script run's thread: the write `save_at_run_end` prepared


def save(force: bool = False, expect_revision: int | None = None) -> bool:
    """Write the working set now if it is the user's own and changed; True when written.

    Never raises for storage trouble: a fault, a newer save from another tab (STALE) or data
    deleted elsewhere (DELETED) is kept for the sidebar, and nothing is written until resolved.
    """
    write_prepared()  # first: a save prepared earlier in this run keeps its place
    write = _prepare(force, expect_revision)
    if write is None:
        return False
    write.run()
    return write.record()


def save_at_run_end() -> None:
    """Prepare the save now and write it when the run ends (`write_prepared`, app.py), after the
    page: an upload's tables (10,000 + 10,000) are drawn while the server writes, instead of
    after. Prepared now, so that the write needs nothing from session state: it happens even if
    the run is stopped (the tab closed, st.stop()) before its end."""
    _AT_RUN_END.write = _prepare()


def write_prepared() -> bool:
    """Write what `save_at_run_end` prepared in this run, if anything; True when written."""
    write, _AT_RUN_END.write = getattr(_AT_RUN_END, "write", None), None
    if write is None:
        return False
    write.run()
    return write.record()


def save_and_say(saved: str, unsaved: str) -> str:
    """Save now; the flash message: `saved` when it reached the disk, else `unsaved` and where the
    change is kept (shared mode, a storage fault, another tab's save waiting for a choice)."""
    if save() or (is_saving() and is_users_data()):
        return saved
    return f"{unsaved} — {KEPT_HERE}, not saved on this computer."


def workbook_download(container=None, key: str = "ws_export") -> None:
    """The user's evidence as the round-trip workbook, built only when clicked."""
    from core.writing.workbook import write_workbook

    dataset = st.session_state.get(state.DATASET)
    if not dataset or not dataset.all_items or not is_users_data():
        return
    overrides = {k: list(v) for k, v in (st.session_state.get(state.OVERRIDES) or {}).items()}
    (container or st).download_button(
        "Download the workbook (.xlsx)",
        data=lambda: write_workbook(dataset, overrides),
        file_name="advocate-workspace.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=key,
        on_click="ignore",
        help="Stories, Praise and your competency choices: it imports back into Advocate unchanged.",
    )
