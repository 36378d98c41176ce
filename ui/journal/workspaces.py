"""Journal tab "Workspaces": list, open, create, rename and delete saved workspaces, download the
workbook, and delete all the user's data."""

from __future__ import annotations

import streamlit as st

from ui import saving
from ui import workspace as ws
from ui.journal.common import flash
from ui.memo import session_memo
from ui.safe import md


def _file_stamp(path):
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _workspace_list(store) -> list:
    """store.list(), read again only when the database file (or its write-ahead log) changed:
    counting 20,000 rows on every rerun cost 40 ms. Another tab's save changes the files too."""
    path = store.path
    key = (str(path), _file_stamp(path), _file_stamp(path.with_name(path.name + "-wal")))
    return session_memo("journal_workspaces", key, store.list)


def _delete_all_section() -> None:
    st.divider()
    st.markdown("**Delete all my data**")
    st.caption("Removes the database file with every workspace from this computer. It cannot be undone.")
    sure = st.checkbox(
        "I understand: delete every workspace and all my evidence", key="ws_delete_all_confirm"
    )
    if st.button("Delete all my data", key="ws_delete_all", type="primary", disabled=not sure):
        removed = ws.delete_all()
        st.session_state.pop("ws_delete_all_confirm", None)
        flash(
            f"Deleted {len(removed)} file(s): " + ", ".join(removed)
            if removed
            else "There was nothing saved."
        )
        st.rerun()


def _run(action, message: str) -> None:
    try:
        action()
    except ValueError as exc:
        st.error(md(exc))
        return
    flash(message)
    st.rerun()


def _switch_create(names: list[str], current: str) -> None:
    target = st.selectbox(
        "Switch to", names, index=names.index(current) if current in names else 0, key="ws_switch"
    )
    if st.button("Open workspace", key="ws_switch_button", disabled=target == current):
        ws.switch(target)
        flash(f"Opened workspace “{target}”.")
        st.rerun()
    new_name = st.text_input("New workspace", key="ws_new_name", placeholder="e.g. Acme 2026")
    if st.button("Create and open", key="ws_create"):
        _run(lambda: ws.create(new_name), f"Created workspace “{new_name.strip()}”.")


def _rename_delete(current: str) -> None:
    renamed = st.text_input("Rename this workspace to", key="ws_rename_to")
    if st.button("Rename", key="ws_rename", disabled=not renamed.strip()):
        _run(lambda: ws.rename(current, renamed), f"Renamed to “{renamed.strip()}”.")
    confirm = st.checkbox(f"Yes, delete workspace “{md(current)}”", key="ws_delete_confirm")
    if st.button("Delete this workspace", key="ws_delete", disabled=not confirm):
        _run(lambda: ws.delete(current), f"Deleted workspace “{current}”.")


def workspaces_tab() -> None:
    store = saving.store()
    if store.shared:
        st.warning(saving.SHARED_NOTICE)
    elif saving.fault() is None:
        st.caption(f"Saved on this computer in {md(store.path)}.")
    saving.workbook_download()
    if store.shared:
        return
    if saving.fault() is not None:  # the sidebar says what is wrong and what to do
        st.error("Nothing is being saved: see the message in the sidebar.")
        if saving.fault().kind == "damaged":
            _delete_all_section()  # the user may still throw the damaged file away
        return

    current = saving.active_name()
    try:
        infos = _workspace_list(store)
    except Exception as exc:  # a damaged file: offer only to delete it
        st.error(f"The saved workspaces could not be read ({md(exc)}); nothing is being saved.")
        _delete_all_section()
        return
    if infos:
        st.dataframe(
            [
                {
                    "Workspace": w.name + (" (open)" if w.name == current else ""),
                    "Stories": w.stories,
                    "Praise": w.praise,
                    "Last saved (UTC)": (w.updated or "").replace("T", " ")[:16],
                }
                for w in infos
            ],
            hide_index=True,
        )
    names = [w.name for w in infos] or [current]
    cols = st.columns(2)
    with cols[0]:
        _switch_create(names, current)
    with cols[1]:
        _rename_delete(current)
    _delete_all_section()
