"""Competencies: pick or bring a framework, check how each piece of evidence maps, see the gaps.

The framework in use lives in ui.state.FRAMEWORK (None = the General default) and the user's
mapping decisions in ui.state.OVERRIDES ({id: [competency]}, [] = "supports none"): plain
session keys every page reads. Mapping runs once per (dataset, framework) content through
ui.cache.item_mappings; edits only re-run the cheap coverage and gaps.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from core.analysis.coverage import coverage, gaps, heatmap_figure
from core.analysis.period import default_period
from core.competencies.frameworks import (
    DEFAULT_FRAMEWORK,
    builtin_names,
    framework_key,
    load_builtin,
    parse_framework,
    parse_pasted,
)
from core.competencies.mapping import accepted
from core.writing.exports import md_escape
from ui import state
from ui.cache import (
    assignments,
    dataset_fingerprint,
    item_mappings,
    overrides_key,
    session_memo,
    story_strengths,
)

K_CHOICE = "comp_framework_choice"
K_PENDING = "comp_pending_choice"  # a framework just added: selected on the next run
K_UPLOAD = "comp_upload"
K_UPLOAD_SIG = "comp_upload_sig"
K_PROBLEMS = "comp_framework_problems"
K_PASTE, K_PASTE_NAME = "comp_paste", "comp_paste_name"
K_STORE = "comp_overrides_by_framework"  # {framework name: overrides}, kept while switching
K_SHOWN = "comp_framework_shown"  # the framework the current OVERRIDES belong to
K_EDITOR_VERSION = "comp_editor_version"
K_MEASURE = "comp_measure"
K_ITEM = "comp_item"
K_ITEM_PICK = "comp_item_pick"
K_ITEM_FIND = "comp_item_find"
K_SHOW = "comp_show"

SOURCES = {"override": "your choice", "confirmed": "from your file", "suggested": "suggested", "none": "—"}


def _options() -> dict[str, object]:
    """Display name -> Framework (built-ins loaded lazily as None)."""
    options: dict[str, object] = dict.fromkeys(builtin_names())
    options.update(st.session_state[state.CUSTOM_FRAMEWORKS])
    return options


def _current_name() -> str:
    framework = st.session_state.get(state.FRAMEWORK)
    return framework.name if framework is not None else DEFAULT_FRAMEWORK


def _use_framework(name: str) -> None:
    """Make `name` the framework in use; the user's overrides for each framework are kept apart."""
    previous = _current_name()
    if name == previous and st.session_state.get(state.FRAMEWORK) is not None:
        return
    custom = st.session_state[state.CUSTOM_FRAMEWORKS]
    framework = custom[name] if name in custom else load_builtin(name)
    store = st.session_state.setdefault(K_STORE, {})
    store[previous] = dict(st.session_state[state.OVERRIDES])
    if name in store:
        overrides = store[name]
    else:  # first visit: keep the choices that still name this framework's competencies
        names = set(framework.names)
        overrides = {k: v for k, v in st.session_state[state.OVERRIDES].items() if v and set(v) <= names}
    st.session_state[state.OVERRIDES] = dict(overrides)
    st.session_state[state.FRAMEWORK] = framework
    st.session_state[K_SHOWN] = name


def _add_custom(framework, source: str) -> None:
    custom = st.session_state[state.CUSTOM_FRAMEWORKS]
    name = framework.name.strip() or "My framework"
    if name in builtin_names():
        name = f"{name} (yours)"
    framework.name = name
    custom[name] = framework
    st.session_state[K_PENDING] = name
    st.session_state[K_PROBLEMS] = (source, st.session_state.get(K_PROBLEMS, (None, []))[1])


def framework_picker() -> None:
    if st.session_state.get(K_PENDING):
        st.session_state[K_CHOICE] = st.session_state.pop(K_PENDING)
    options = list(_options())
    current = _current_name()
    if current not in options:
        current = DEFAULT_FRAMEWORK
    if st.session_state.get(K_CHOICE) not in options:
        st.session_state[K_CHOICE] = current
    choice = st.selectbox(
        "Framework", options, key=K_CHOICE, help="The competencies your review is scored against."
    )
    _use_framework(choice)

    with st.expander("Use your own framework"):
        upload_tab, paste_tab = st.tabs(["Upload a file", "Paste a list"])
        with upload_tab:
            st.caption(
                "CSV with a `competency` column (optional `description`, `level`, `expectation`, "
                "`keywords` separated by `;`), or YAML with `name`, `levels` and `competencies`."
            )
            upload = st.file_uploader(
                "Framework file", type=["csv", "tsv", "yaml", "yml", "txt"], key=K_UPLOAD
            )
            if upload is not None:
                data = upload.getvalue()
                sig = hashlib.blake2b(upload.name.encode() + b"\0" + data).hexdigest()
                if st.session_state.get(K_UPLOAD_SIG) != sig:
                    st.session_state[K_UPLOAD_SIG] = sig
                    framework, problems = parse_framework(upload.name, data)
                    st.session_state[K_PROBLEMS] = (upload.name, problems)
                    if framework is not None:
                        _add_custom(framework, upload.name)
                        st.rerun()
        with paste_tab:
            st.text_input("Name", value="My framework", key=K_PASTE_NAME)
            st.text_area(
                "One competency per line, `Name: description`",
                key=K_PASTE,
                placeholder="Communication: explains clearly, in writing and in person\nOwnership: ...",
            )
            if st.button("Use this list", key="comp_paste_use"):
                framework, problems = parse_pasted(st.session_state.get(K_PASTE, ""))
                st.session_state[K_PROBLEMS] = ("pasted text", problems)
                if framework is not None:
                    framework.name = st.session_state.get(K_PASTE_NAME) or "My framework"
                    _add_custom(framework, "pasted text")
                    st.rerun()
        source, problems = st.session_state.get(K_PROBLEMS, (None, []))
        if problems:
            errors = sum(p.severity == "error" for p in problems)
            (st.error if errors else st.warning)(
                f"{source}: {errors} error(s), {len(problems) - errors} warning(s). "
                "Rows with errors were not used."
            )
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "file": p.file,
                            "row": p.row,
                            "column": p.column,
                            "severity": p.severity,
                            "message": p.message,
                        }
                        for p in problems
                    ]
                ),
                hide_index=True,
            )


def _preview(item) -> str:
    text = item.title or item.text if hasattr(item, "title") else item.text
    text = " ".join(str(text).split())
    return text if len(text) <= 90 else text[:87] + "..."


EDITOR_PAGE = 500  # rows in the editable grid at once: 20,000 made every rerun cost a second

FILTERS = {
    "all": "All evidence",
    "none": "Counted nowhere",
    "suggested": "Suggested, not yet confirmed",
    "override": "Your choices",
}


def confirm_all(dataset, mappings, overrides) -> None:
    """Turn every accepted suggestion into the user's own choice, so it no longer moves."""
    for item in dataset.items:
        m = mappings[item.id]
        if item.id not in overrides and not m.confirmed and (taken := accepted(m.suggestions)):
            overrides[item.id] = taken
    _commit(overrides)


@st.cache_resource(show_spinner=False, max_entries=8)
def _static_rows(fingerprint: str, fw_key: str, period, _dataset, _mappings) -> dict[str, dict]:
    """{id: the table's columns that do not depend on the user's choices}, once per content."""
    rows = {}
    for item in _dataset.items:
        m = _mappings[item.id]
        quarter = period.quarter_of(item.date) if period.contains(item.date) else None
        top = m.suggestions[0] if m.suggestions else None
        rows[item.id] = {
            "date": item.date,
            "evidence": _preview(item),
            "why": top.why if top else "",
            "suggested": ", ".join(f"{s.competency} {s.score:.2f}" for s in m.suggestions),
            "kind": item.kind,
            "quarter": quarter.label if quarter else "outside period",
            "not in framework": ", ".join(m.unmatched),
        }
    return rows


def _listed(dataset, mappings, overrides, chosen, show) -> tuple[int, list[tuple[str, str]]]:
    """(suggestions pending confirmation, [(id, source)] of the items the filter `show` keeps)."""
    pending = 0
    listed = []
    for item in dataset.items:
        m = mappings[item.id]
        if item.id in overrides:
            source = "override"
        elif m.confirmed:
            source = "confirmed"
        elif chosen.get(item.id):
            source = "suggested"
            pending += 1
        else:
            source = "none"
        if show == "all" or source == show:
            listed.append((item.id, source))
    return pending, listed


def evidence_table(dataset, framework, mappings, overrides, chosen, period) -> None:
    left, right = st.columns([3, 1])
    show = left.selectbox("Show", list(FILTERS), format_func=FILTERS.get, key=K_SHOW)
    fingerprint, fw_key = dataset_fingerprint(dataset), framework_key(framework)
    pending, listed = session_memo(  # 20,000 items: sorted out when the choices change, not per rerun
        "comp_listed", (fingerprint, fw_key, overrides_key(overrides), show),
        lambda: _listed(dataset, mappings, overrides, chosen, show),
    )
    if right.button(f"Confirm all {pending} suggestions", key="comp_confirm_all", disabled=not pending):
        confirm_all(dataset, mappings, overrides)
    if not listed:
        st.caption("Nothing to show with this filter.")
        return
    pages = -(-len(listed) // EDITOR_PAGE)
    if pages > 1:
        page = st.number_input(
            f"Page ({len(listed):,} items, {EDITOR_PAGE} a page)", 1, pages, 1, key=f"{K_SHOW}_page_{show}"
        )
        listed = listed[(page - 1) * EDITOR_PAGE : page * EDITOR_PAGE]
    static = _static_rows(fingerprint, fw_key, period, dataset, mappings)
    rows = []  # only the shown page's rows are built
    for item_id, source in listed:
        fixed = static[item_id]
        rows.append(
            {
                "id": item_id,
                "date": fixed["date"],
                "evidence": fixed["evidence"],
                "counts for": list(chosen.get(item_id, [])),
                "source": SOURCES[source],
                **{k: fixed[k] for k in ("why", "suggested", "kind", "quarter", "not in framework")},
            }
        )
    frame = pd.DataFrame(rows)
    version = st.session_state.setdefault(K_EDITOR_VERSION, 0)
    edited = st.data_editor(
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
            "evidence": st.column_config.TextColumn("evidence", width="medium"),
            "why": st.column_config.TextColumn("why (top suggestion)", width="large"),
        },
    )
    changed = False
    for before, after in zip(rows, edited.to_dict("records"), strict=True):
        new = [c for c in (after.get("counts for") or []) if c in framework.names]
        if new != before["counts for"]:
            overrides[before["id"]] = new
            changed = True
    if changed:
        st.session_state[state.OVERRIDES] = overrides
        st.session_state[K_EDITOR_VERSION] = version + 1
        st.rerun()


PICKER_ALL = 1000  # up to this many items the picker lists them all (its own type-ahead finds one)
PICKER_SHOWN = 200  # above it, a search box and at most this many matches (20,000 options cost 0.1 s)


@st.cache_resource(show_spinner=False, max_entries=4)
def _item_labels(fingerprint: str, _dataset) -> dict[str, str]:
    """{id: "S12 · 2024-03-01 · preview"}, the picker's option labels, once per dataset content."""
    return {item.id: f"{item.id} · {item.date} · {_preview(item)}" for item in _dataset.items}


def item_editor(dataset, framework, mappings, overrides, chosen) -> None:
    """One item at a time: confirm the suggestions, pick others, or say it supports none."""
    labels = _item_labels(dataset_fingerprint(dataset), dataset)
    ids = list(labels)
    if len(ids) > PICKER_ALL:  # a decade of evidence: search first, then pick from the matches
        query = st.text_input(
            "Find evidence", key=K_ITEM_FIND, placeholder="Words, an id (S12) or a date (2024-03)",
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
            return
        ids = matches[:PICKER_SHOWN]
        current = st.session_state.get(K_ITEM_PICK)
        if current in labels and current not in ids and (not query or current in matches):
            ids.insert(0, current)  # the item being edited stays listed
    if st.session_state.get(K_ITEM_PICK) not in ids:
        st.session_state[K_ITEM_PICK] = ids[0]
    item_id = st.selectbox("Evidence", ids, key=K_ITEM_PICK, format_func=labels.__getitem__)
    m = mappings[item_id]
    for s in m.suggestions:
        st.caption(f"{md_escape(s.competency)} ({s.score:.2f}): {md_escape(s.why)}")
    if m.unmatched:
        st.caption(f"Named in your file but not in this framework: {md_escape(', '.join(m.unmatched))}")
    widget = f"{K_ITEM}_{item_id}_{framework_key(framework)[:8]}_{st.session_state.get(K_EDITOR_VERSION, 0)}"
    picked = st.multiselect("Counts for", framework.names, default=chosen.get(item_id, []), key=widget)
    left, middle, right = st.columns(3)
    if left.button("Save", key="comp_item_save", type="primary"):
        overrides[item_id] = list(picked)
        _commit(overrides)
    if middle.button("Supports none", key="comp_item_none"):
        overrides[item_id] = []
        _commit(overrides)
    if right.button("Back to suggestions", key="comp_item_reset", disabled=item_id not in overrides):
        overrides.pop(item_id, None)
        _commit(overrides)
    if item_id not in overrides and not m.confirmed:
        st.caption(f"Counted now (suggested): {md_escape(', '.join(accepted(m.suggestions)) or 'none')}")


def _unknown(mappings) -> dict[str, list[str]]:
    """{competency named in the files but not in the framework: [item ids]}."""
    unknown: dict[str, list[str]] = {}
    for item_id, m in mappings.items():
        for name in m.unmatched:
            unknown.setdefault(name, []).append(item_id)
    return unknown


def _commit(overrides: dict) -> None:
    st.session_state[state.OVERRIDES] = dict(overrides)
    st.session_state[K_EDITOR_VERSION] = st.session_state.get(K_EDITOR_VERSION, 0) + 1
    st.rerun()


@st.fragment
def coverage_and_gaps(dataset, framework, chosen, overrides, period, fingerprint) -> None:
    """The heatmap and the gaps. A fragment: changing "Measure" on the live server reruns only
    this block, not the 20,000-item evidence table below (AppTest still reruns the whole page)."""
    st.subheader("Coverage")
    measure = (
        st.segmented_control(
            "Measure",
            ["count", "strength"],
            default="count",
            key=K_MEASURE,
            help="Strength weighs stories by how well they are told",
        )
        or "count"
    )
    strengths = None
    if measure == "strength":  # scoring every story costs time on big sets: only when asked
        strengths = {sid: s.score for sid, s in story_strengths(fingerprint, dataset)[0].items()}
    cov = session_memo(  # only the data, framework, period, choices and measure change it
        "comp_coverage",
        (fingerprint, framework_key(framework), period, overrides_key(overrides), measure),
        lambda: coverage(dataset.items, framework, chosen, period, strengths),
    )
    unit = "strength" if measure == "strength" else "items"
    st.caption(f"{md_escape(framework.name)} · {md_escape(period.label)} · {unit} per quarter")
    st.plotly_chart(heatmap_figure(cov, measure), key="comp_heatmap")
    if cov.outside:
        st.caption(f"{cov.outside} item(s) fall outside {md_escape(period.label)} and are not counted.")

    st.subheader("Gaps")
    found = gaps(cov, framework)
    if not found:
        st.success("Every competency has evidence across the period.")
    for gap in found:
        st.markdown(f"- **{md_escape(gap.message)}** {md_escape(gap.prompt)}")


# --- the page ----------------------------------------------------------------------------------

dataset = state.require_data()
st.title("Competencies")
st.caption(
    "Each story and quote is matched to your framework's competencies, with the words that matched. "
    "Confirm, change or remove any mapping: your choices feed the timeline and the draft."
)
framework_picker()
framework = st.session_state.get(state.FRAMEWORK) or load_builtin(DEFAULT_FRAMEWORK)
overrides = dict(st.session_state[state.OVERRIDES])
period = st.session_state.get(state.PERIOD) or default_period([item.date for item in dataset.items])
fingerprint = dataset_fingerprint(dataset)
with st.spinner("Mapping evidence to competencies..."):
    mappings = item_mappings(fingerprint, framework_key(framework), dataset, framework)
chosen = assignments(fingerprint, framework_key(framework), dataset, framework, overrides)

coverage_and_gaps(dataset, framework, chosen, overrides, period, fingerprint)

st.subheader("Evidence")
unknown = session_memo("comp_unknown", (fingerprint, framework_key(framework)), lambda: _unknown(mappings))
if unknown:
    st.warning(
        "Your files name competencies this framework does not have (not counted): "
        + "; ".join(
            f"{md_escape(name)} ({', '.join(ids[:5])}{'…' if len(ids) > 5 else ''})"
            for name, ids in unknown.items()
        )
    )
with st.expander("Edit one item", expanded=False):
    item_editor(dataset, framework, mappings, overrides, chosen)
evidence_table(dataset, framework, mappings, overrides, chosen, period)
