"""A session's start and the end of every run (app.py): restore the user's work, save it, and say
in the sidebar where it lives, or plainly why it is not being saved and what to do."""

from __future__ import annotations

import streamlit as st

from ui import merging, saving, state
from ui.cache import load_sample
from ui.idle import import_ahead
from ui.safe import md
from ui.warmup import warm_up
from ui.workspace import forget_here_too, save_again


def start() -> None:
    """Once per session: defaults, a look at the data folder, then the saved work or the sample."""
    state.init()
    if state.DATASET in st.session_state:
        return
    if not saving.is_shared():
        saving.check_storage()
    if not saving.restore():
        state.replace_dataset(load_sample(), "sample")


def save() -> None:
    """End of every run, even one stopped early: write what changed. An upload's save, prepared
    when it was merged, is written first (ui.saving.save): it needs nothing from session state,
    which a stopped run cannot read."""
    saving.save()


def finish() -> None:
    """End of every run that completes, after `save`: start preparing a large set and importing
    what the later pages need in the background (ui.warmup), then the sidebar's one line (or one
    problem) about saving."""
    warm_up()
    import_ahead()
    sidebar = st.sidebar
    if saving.is_shared():
        sidebar.badge("Not saved on this server", icon=":material/cloud_off:", color="orange")
        sidebar.warning(saving.SHARED_NOTICE, icon=":material/cloud_off:")
        return
    fault = saving.fault()
    if fault is not None:
        sidebar.badge("Not saving", icon=":material/cloud_off:", color="red")
        sidebar.error(
            f"**Nothing is being saved.** {md(fault.problem)}\n\n{md(fault.remedy)}\n\n"
            f"Until then your work is {saving.KEPT_HERE}: download the workbook to keep it.",
            icon=":material/error:",
        )
        saving.workbook_download(sidebar, key="sidebar_workbook")
    elif saving.DELETED in st.session_state:
        sidebar.badge("Not saving", icon=":material/cloud_off:", color="red")
        sidebar.warning(
            md(st.session_state[saving.DELETED]) + " Nothing was saved again: your copy here is "
            f"{saving.KEPT_HERE}.",
            icon=":material/delete_forever:",
        )
        sidebar.button("Save this tab's copy again", key="deleted_save_again", on_click=save_again)
        sidebar.button("Let it go here too", key="deleted_forget", on_click=forget_here_too)
        saving.workbook_download(sidebar, key="sidebar_workbook")
    elif saving.STALE in st.session_state:
        sidebar.badge("Not saving", icon=":material/sync_problem:", color="orange")
        merging.render_stale(sidebar)
    elif saving.is_users_data():
        sidebar.caption(f"Saved automatically in workspace “{md(saving.active_name())}”.")
    else:
        sidebar.caption("Showing the sample data: nothing is saved until you add or import your own.")
