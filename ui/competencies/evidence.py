"""Competencies: the evidence table, where the user confirms, changes or removes any mapping.

A page of EDITOR_PAGE rows at a time; the columns that do not depend on the user's choices are
built once per content and shared.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.competencies.frameworks import framework_key
from core.competencies.mapping import assignment
from core.text import inert
from core.wording import match_words
from ui import state
from ui.cache import assignment_sources, dataset_fingerprint, overrides_key
from ui.competencies.common import K_EDITOR_VERSION, commit, preview
from ui.memo import session_memo
from ui.paging import page_of

K_SHOW = "comp_show"
EDITOR_PAGE = 500  # rows in the editable grid at once: 20,000 made every rerun cost a second
SOURCES = {"override": "your choice", "confirmed": "from your file", "suggested": "suggested", "none": "—"}
FILTERS = {
    "all": "All evidence",
    "none": "Counted nowhere",
    "suggested": "Suggested, not yet confirmed",
    "override": "Your choices",
}


def confirm_all(dataset, mappings, overrides) -> None:
    """Turn every accepted suggestion into the user's own choice, so it no longer moves."""
    for item in dataset.items:
        source, taken = assignment(mappings[item.id], overrides)
        if source == "suggested":
            overrides[item.id] = taken
    commit(overrides)


@st.cache_resource(show_spinner=False, max_entries=8)
def _static_rows(fingerprint: str, fw_key: str, learned: str, period) -> dict[str, dict]:
    """{id: the table's columns that do not depend on the user's choices}, filled page by page
    (`_page_rows`) and shared: a row's "why" is a lazily built explanation, and building 20,000
    of them on the first visit cost 0.4 s for the 500 rows shown (`learned`: the corrections the
    suggestions follow, "" for none)."""
    return {}


def _page_rows(static: dict, ids: list[str], dataset, mappings, period) -> dict[str, dict]:
    missing = set(ids) - static.keys()
    for item in (i for i in dataset.items if i.id in missing) if missing else ():
        m = mappings[item.id]
        quarter = period.quarter_of(item.date) if period.contains(item.date) else None
        top = m.suggestions[0] if m.suggestions else None
        static[item.id] = {
            "date": item.date,
            # A table shows text as it is: direction overrides and invisible controls go.
            "evidence": inert(preview(item)),
            "why": inert(top.why) if top else "",
            "suggested": inert(", ".join(f"{s.competency} ({match_words(s.score)})" for s in m.suggestions)),
            "kind": item.kind,
            "quarter": quarter.label if quarter else "outside period",
            "not in framework": inert(", ".join(m.unmatched)),
        }
    return static


def _listed(dataset, sources: dict[str, str], show) -> tuple[int, list[tuple[str, str]]]:
    """(suggestions pending confirmation, [(id, source)] of the items the filter `show` keeps)."""
    pending = 0
    listed = []
    for item in dataset.items:
        source = sources[item.id]
        pending += source == "suggested"
        if show == "all" or source == show:
            listed.append((item.id, source))
    return pending, listed


def _rows(listed, static, chosen) -> list[dict]:
    return [
        {
            "id": inert(item_id),
            "date": static[item_id]["date"],
            "evidence": static[item_id]["evidence"],
            "counts for": list(chosen.get(item_id, [])),
            "source": SOURCES[source],
            **{k: static[item_id][k] for k in ("why", "suggested", "kind", "quarter", "not in framework")},
        }
        for item_id, source in listed
    ]


def _editor(rows: list[dict], framework, show: str, version: int):
    frame = pd.DataFrame(rows)
    return st.data_editor(
        frame,
        key=f"comp_editor_{framework_key(framework)[:8]}_{show}_{version}",
        hide_index=True,
        width="stretch",
        disabled=[c for c in frame.columns if c != "counts for"],
        column_config={
            "counts for": st.column_config.MultiselectColumn(
                "counts for", options=framework.names, help="Edit to confirm, change or remove the mapping"
            ),
            "date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
            "kind": st.column_config.TextColumn("story or praise"),
            "evidence": st.column_config.TextColumn("evidence", width="medium"),
            "why": st.column_config.TextColumn("why (top suggestion)", width="large"),
        },
    )


def evidence_table(dataset, framework, mappings, overrides, chosen, period, learned: str = "") -> None:
    left, right = st.columns([3, 1])
    show = left.selectbox("Show", list(FILTERS), format_func=FILTERS.get, key=K_SHOW)
    fingerprint, fw_key = dataset_fingerprint(dataset), framework_key(framework)
    sources = assignment_sources(fingerprint, fw_key, dataset, framework, overrides)
    pending, listed = session_memo(  # 20,000 items: sorted out when the choices change, not per rerun
        "comp_listed", (fingerprint, fw_key, overrides_key(overrides), show),
        lambda: _listed(dataset, sources, show),
    )
    if right.button(f"Confirm all {pending:d} suggestions", key="comp_confirm_all", disabled=not pending):
        confirm_all(dataset, mappings, overrides)
    if not listed:
        st.caption("Nothing to show with this filter.")
        return
    listed = page_of(listed, f"{K_SHOW}_page_{show}", "items", EDITOR_PAGE)
    static = _page_rows(_static_rows(fingerprint, fw_key, learned, period), [i for i, _ in listed], dataset,
                        mappings, period)
    rows = _rows(listed, static, chosen)
    version = st.session_state.setdefault(K_EDITOR_VERSION, 0)
    edited = _editor(rows, framework, show, version)
    changed = False
    for (item_id, _source), before, after in zip(listed, rows, edited.to_dict("records"), strict=True):
        new = [c for c in (after.get("counts for") or []) if c in framework.names]
        if new != before["counts for"]:
            overrides[item_id] = new  # the item's own id (the table shows it inert)
            changed = True
    if changed:
        st.session_state[state.OVERRIDES] = overrides
        st.session_state[K_EDITOR_VERSION] = version + 1
        st.rerun()
