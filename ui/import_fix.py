"""Import page: how each sheet's columns were read (and changing that), and fixing rejected rows.

A change of reading is remembered per set of column names (state.READ_AS, saved with the
workspace), so the same sheet next month is read the user's way at once. A fixed row is built by
the importer's own row reader (core.ingest.rejected) and joins the working set like any row.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from core.digest import content_hash
from core.ingest.headers import PRAISE_FIELDS, STORY_FIELDS
from core.ingest.rejected import fix_row
from core.ingest.report import report_to_dict, without_rejected
from core.ingest.sheets import KIND_CHOICE
from core.store.merge import next_id
from ui import saving, state
from ui.safe import md

EXTRA = ""  # a column kept with each row as extra information
SHOWN = 20  # rejected rows with an editor each; the load report lists them all
FIELD_NAMES = {
    "date": "date", "title": "title", "challenge": "challenge", "action": "action", "result": "result",
    "description": "description", "competencies": "competencies", "impact": "impact (1-5)",
    "kind": "win / struggle / lesson", "project": "project", "tags": "tags", "link": "link",
    "metric": "metric", "noticed_by": "who noticed", "lesson": "lesson learned",
    "theme": "theme or skill (a hint)", "organisation": "organisation", "text": "quote", "from": "from",
    "role": "role", "channel": "channel", "hidden": "hidden", "first_name": "first name",
    "last_name": "last name", "company": "company", "job_title": "job title", "status": "status", "id": "id",
    EXTRA: "kept as extra information",
}  # fmt: skip


def _label(field: str) -> str:
    return FIELD_NAMES.get(field, field)


def render_read_as(report, rerun_import) -> None:
    """'Your columns were read as ...' per sheet, with a way to change any of it."""
    readings = [(status.file, r) for status in report.files for r in status.readings]
    for file, reading in readings:
        where = f"{file} · {reading.sheet}" if reading.sheet else file
        columns = zip(reading.headers, reading.fields, strict=True)
        pairs = ", ".join(f"{h} → {_label(f)}" for h, f in columns if h)
        kind = "stories" if reading.kind == "story" else "praise"
        st.caption(md(f"{where}: your columns were read as {kind}: {pairs}."))
        if rerun_import is not None:  # the files are at hand (not after a reload): they can be read again
            # Its widgets only once opened: an upload's page then draws no select box, radio or
            # button it has not drawn before (each kind's first drawing in a tab shows a skeleton).
            change = st.expander(md(f"Change how the columns of {where} are read"), on_change="rerun",
                                 key=f"{panel_key(file, reading)}_open")
            if change.open:
                with change:
                    _change(file, reading, rerun_import)


def panel_key(file: str, reading) -> str:
    """The key of a sheet's read-as panel and the prefix of its widgets' keys."""
    return f"readas_{content_hash(file, str(reading.sheet), reading.key)[:12]}"


def _change(file: str, reading, rerun_import) -> None:
    key = panel_key(file, reading)
    kinds = ["story", "praise"]
    kind = st.radio(
        "These rows are", kinds, index=kinds.index(reading.kind), horizontal=True, key=f"{key}_kind",
        format_func={"story": "Stories (things I did)", "praise": "Praise (what others said)"}.get,
    )  # fmt: skip
    fields = [f for f in (STORY_FIELDS if kind == "story" else PRAISE_FIELDS) if f != "id"] + [EXTRA]
    choice = {KIND_CHOICE: kind}
    columns = st.columns(3)
    for index, (header, current) in enumerate(zip(reading.headers, reading.fields, strict=True)):
        if not header:
            continue
        options = fields if current in fields else [current, *fields]
        choice[header] = columns[index % 3].selectbox(
            md(header), options, index=options.index(current), format_func=_label, key=f"{key}_{index}"
        )
    if st.button("Read the columns this way", key=f"{key}_go", type="primary"):
        remembered = dict(st.session_state.get(state.READ_AS) or {})
        remembered[reading.key] = choice
        st.session_state[state.READ_AS] = remembered
        rerun_import()
        st.rerun()


def render_rejected(report) -> None:
    """Each row that did not load, with the date or text it needs, loaded once the user fills it in."""
    rows = list(report.rejected)
    if not rows:
        return
    st.markdown(f"**Fix rows here** ({len(rows)}): give the date or the missing text, and the row loads.")
    for row in rows[:SHOWN]:
        where = f"{row.file}" + (f" · {row.sheet}" if row.sheet else "") + f" · row {row.row}"
        key = f"fix_{content_hash(row.file, str(row.sheet), str(row.row))[:12]}"
        with st.container(border=True):
            st.markdown(md(f"{where}: {row.reason}"))
            left, right = st.columns([1, 3])
            date_text = left.text_input(
                "Date", value=row.date_text, key=f"{key}_date", placeholder="2026-05-14"
            )
            text = ""
            if "text" in row.needs:
                label = "What you did" if row.kind == "story" else "The quote"
                text = right.text_area(label, key=f"{key}_text", height=68)
            if st.button("Load this row", key=f"{key}_go"):
                _load_fixed(report, row, date_text, text)
    if len(rows) > SHOWN:
        st.caption(f"The first {SHOWN} are shown; fix these and the next ones appear.")


def _load_fixed(report, row, date_text: str, text: str) -> None:
    item, error = fix_row(row, date_text, text)
    if item is None:
        st.error(md(error))
        return
    dataset = st.session_state[state.DATASET]
    item = dataclasses.replace(item, id=next_id(dataset.all_items, "S" if item.kind == "story" else "P"))
    if item.kind == "praise":
        dataset = dataclasses.replace(dataset, praise=[*dataset.praise, item])
    elif item.date is None:
        dataset = dataclasses.replace(dataset, undated=[*dataset.undated, item])
    else:
        dataset = dataclasses.replace(dataset, stories=[*dataset.stories, item])
    st.session_state[state.DATASET] = dataset
    fixed = without_rejected(report, row)
    st.session_state[state.IMPORT_REPORT] = fixed
    st.session_state[state.LOAD_REPORT] = report_to_dict(fixed)
    saving.save()  # now, before the rerun: the fixed row and the shorter report survive a reload
    st.toast(md(f"Row {row.row} of {row.file} loaded as {item.id}."))
    st.rerun()
