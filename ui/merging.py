"""Two versions of the user's evidence meet: an import into a workspace that already has some, or
another tab's save. Rows are matched by content (core.store.merge); nothing is dropped without
the user's choice, and a choice not made yet waits, saved with the workspace."""

from __future__ import annotations

import streamlit as st

from core.model import Dataset
from core.store.merge import Conflict, match_rows, merge, resolve
from core.store.workspace import WorkingSet
from ui import saving, state
from ui.memo import Same, session_memo
from ui.safe import md
from ui.workspace import bring_back_saved, reload_saved

MERGE_SUMMARY = "merge_summary"  # session key: (added, identical, changed, kept) of the last import
LABELS = {  # (the choices, the two columns) by where the other version comes from
    "file": (
        {"mine": "Keep mine", "theirs": "Use the file's version", "both": "Keep both"},
        ("Yours", "In the file"),
    ),
    "tab": (
        {"mine": "Keep this tab's", "theirs": "Use the other tab's version", "both": "Keep both"},
        ("In this tab", "Saved from another tab"),
    ),
}


def _merge_into_session(incoming: Dataset, source: str, incoming_overrides: dict, pending: list[Conflict]):
    """Merge `incoming` into the session's dataset; the user's own overrides win."""
    saved = st.session_state.get(state.WORKSPACE_SAVED)
    overrides = dict(st.session_state.get(state.OVERRIDES) or {})
    reserved = {*overrides, *(saved.items if saved else ())}
    current = st.session_state[state.DATASET]
    result = merge(current, incoming, reserved=reserved, pending=pending, source=source)
    st.session_state[state.DATASET] = result.dataset
    for item_id, competencies in incoming_overrides.items():
        if item_id in result.id_map:
            overrides.setdefault(result.id_map[item_id], list(competencies))
    st.session_state[state.OVERRIDES] = overrides
    known = {c.key for c in pending}
    st.session_state[state.MERGE_CONFLICTS] = [*pending, *(c for c in result.conflicts if c.key not in known)]
    return result


def merge_dataset(new: Dataset, source: str) -> list[Conflict]:
    """Put freshly imported evidence into session state, merging with the user's own, and name
    `source` (the files) as what is in use. Written once, at the run's end (saving.save_at_run_end).

    On the sample, the import simply replaces it. Otherwise new rows are added, identical rows
    recognised, and changed rows wait in state.MERGE_CONFLICTS (saved with the workspace, so a
    reload keeps them) until the user chooses in `render_conflicts`.
    """
    bring_back_saved()
    current = st.session_state.get(state.DATASET)
    if current is None or not saving.is_users_data() or not current.all_items:
        if not saving.is_users_data():  # the upload replaces the sample
            upload = (state.UPLOAD_SIGNATURE, state.UPLOADS, state.COLUMN_MAPPING, state.IMPORT_YEARS)
            state.replace_dataset(new, source, keep=upload)
        else:
            st.session_state[state.DATASET] = new
            st.session_state[state.MERGE_CONFLICTS] = []
            st.session_state[state.SOURCE] = source
        overrides = dict(st.session_state.get(state.OVERRIDES) or {})
        for item_id, competencies in new.overrides.items():
            overrides.setdefault(item_id, list(competencies))
        st.session_state[state.OVERRIDES] = overrides
        saving.save_at_run_end()
        return []
    pending = list(st.session_state.get(state.MERGE_CONFLICTS) or [])
    result = _merge_into_session(new, "file", new.overrides, pending)
    counts = (result.added, result.identical, result.conflicts, result.kept)
    st.session_state[MERGE_SUMMARY] = tuple(len(c) for c in counts)
    st.session_state[state.SOURCE] = source
    saving.save_at_run_end()
    return result.conflicts


def _describe(item) -> str:
    if item.kind == "story":
        parts = [item.title, item.challenge, item.action, item.result, item.description]
    else:
        parts = [item.text, f"— {item.author}" if item.author else ""]
    return f"{item.date:%d %b %Y}: " + " · ".join(p for p in parts if p)


def summary_text(added: int, identical: int, changed: int, kept: int) -> str:
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
        st.success(md(summary_text(*summary)))
    conflicts: list[Conflict] = st.session_state.get(state.MERGE_CONFLICTS) or []
    if not conflicts:
        return
    st.subheader(f"Rows that changed since you saved them ({len(conflicts)})")
    st.caption(
        "The same row is in your workspace and in the imported file (or another tab) with different "
        "content. Your version stays until you choose; the choice waits for you, even after a reload."
    )
    choices = {}
    for conflict in conflicts:
        options, (left, right) = LABELS.get(conflict.source, LABELS["file"])
        with st.container(border=True):
            title = conflict.mine.title if conflict.mine.kind == "story" else conflict.mine.author
            st.markdown(f"**{md(title or conflict.mine.id)}** ({md(conflict.reason)})")
            mine_col, theirs_col = st.columns(2)
            mine_col.caption(md(left))
            mine_col.text(_describe(conflict.mine))
            theirs_col.caption(md(right))
            theirs_col.text(_describe(conflict.theirs))
            choices[conflict.key] = st.radio(
                "Which version to keep",
                list(options),
                index=None,
                format_func=lambda choice, options=options: md(options[choice]),
                horizontal=True,
                key=f"merge_choice_{conflict.key}",
            )
    if st.button("Apply my choices", type="primary", key="merge_apply"):
        dataset, waiting = resolve(st.session_state[state.DATASET], conflicts, choices)
        st.session_state[state.DATASET] = dataset
        st.session_state[state.MERGE_CONFLICTS] = waiting
        saving.save()
        st.rerun()


# ---------------------------------------------------------------------------------------------
# Another tab saved first
# ---------------------------------------------------------------------------------------------

def stale_view() -> tuple[WorkingSet | None, list, list]:
    """(the saved version, its items this tab's version lacks or changed, and this tab's items
    the saved version lacks or changed): what each side would lose. Loaded once per revision."""
    mine = st.session_state.get(state.DATASET)

    def compare() -> tuple[WorkingSet | None, list, list]:
        saved = saving.load_saved()
        ours = mine or Dataset()
        theirs = saved.dataset if saved is not None else Dataset()
        pairs, exact = match_rows(ours.items, theirs.items)
        same_mine = {pairs[i][0] for i in exact}
        only_saved = [item for i, item in enumerate(theirs.items) if i not in exact]
        only_mine = [item for j, item in enumerate(ours.items) if j not in same_mine]
        return saved, only_saved, only_mine

    return session_memo("workspace_stale_view", (st.session_state.get(saving.STALE), Same(mine)), compare)


def keep_this_tab() -> None:
    """Overwrite the other tab's save with this tab's version."""
    found = st.session_state.pop(saving.STALE, None)
    saving.save(force=True, expect_revision=found)


def take_saved() -> None:
    """Replace this tab's version with the saved one."""
    reload_saved()


def merge_both() -> None:
    """Keep every row of both: this tab's version plus what the other tab added; rows both
    changed wait for the user's choice (ui.merging.render_conflicts, on the Import page)."""
    saved, _, _ = stale_view()
    found = st.session_state.pop(saving.STALE, None)
    if saved is not None:
        pending = list(st.session_state.get(state.MERGE_CONFLICTS) or [])
        known = {c.key for c in pending}
        pending += [c for c in saved.merge_conflicts if c.key not in known]
        _merge_into_session(saved.dataset, "tab", saved.overrides, pending)
    saving.save(force=True, expect_revision=found)


def _titles(items: list, limit: int = 8) -> str:
    """The items' titles (a quote's first words), as plain text."""
    names = [getattr(i, "title", "") or getattr(i, "text", "")[:60] or i.id for i in items[:limit]]
    more = f"; and {len(items) - limit} more" if len(items) > limit else ""
    return "; ".join(names) + more if names else "nothing"


def render_stale(container) -> None:
    """Another tab saved first: show both versions and what each choice would lose."""
    _saved, only_saved, only_mine = stale_view()
    with container:
        st.warning(
            f"Workspace “{md(saving.active_name())}” was saved from another tab or window since this "
            "page loaded it. Nothing was overwritten; choose which version to keep.",
            icon=":material/sync_problem:",
        )
        with st.expander("Show both versions"):
            st.caption(f"Only in this tab ({len(only_mine)}): {md(_titles(only_mine))}")
            st.caption(f"Only in the saved version ({len(only_saved)}): {md(_titles(only_saved))}")
        st.button(
            f"Keep this tab's version (the saved one loses {len(only_saved)})",
            key="stale_keep_mine", on_click=keep_this_tab,
        )  # fmt: skip
        st.button(
            f"Take the saved version (this tab loses {len(only_mine)})",
            key="stale_take_saved", on_click=take_saved,
        )  # fmt: skip
        st.button(
            "Merge both (nothing is lost; rows changed in both wait for your choice on Import)",
            key="stale_merge", on_click=merge_both, type="primary",
        )  # fmt: skip
