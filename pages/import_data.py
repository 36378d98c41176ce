"""Import: upload story and praise files (or use the sample), see what loaded and what did not.

The parsed Dataset lives in plain session state, so it outlives the uploader widget (whose
value vanishes on a page switch). Parsing is cached by content, so reruns cost nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from core.ingest.importer import mapping_fields
from core.ingest.readers import ACCEPTED_EXTENSIONS, Limits
from core.writing.exports import md_escape
from ui import state
from ui.cache import dataset_fingerprint, load_files, load_sample
from ui.safe import md
from ui.workspace import merge_dataset, render_conflicts

state.ensure_routed()

TEMPLATE_PATH = state.ROOT / "data" / "template.xlsx"
NONCE = "import_uploader_nonce"  # bumped to empty the uploader (e.g. after "Use the sample data")
NONE = "(none)"
LIMITS = Limits()  # what load_uploads applies by default
FIELD_LABELS = {
    "date": "Date (required)",
    "text": "Quote / feedback text (required)",
    "from": "From (who said it)",
    "description": "Description (or challenge / action / result)",
    "noticed_by": "Who noticed",
    "lesson": "Lesson learned",
    "theme": "Theme or skill (a hint)",
    "organisation": "Organisation",
}


def signature(files: tuple[tuple[str, bytes], ...]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name, data in files:
        digest.update(name.encode() + b"\0" + hashlib.blake2b(data).digest())
    return digest.hexdigest()


def apply_import(files: tuple[tuple[str, bytes], ...], mapping: dict) -> None:
    """Parse (cached) and put the result in session state; a new upload replaces the sample."""
    period = st.session_state.get(state.PERIOD)
    span = (period.start, period.end) if period is not None else None
    years = dict(st.session_state.get(state.IMPORT_YEARS) or {}) or None
    report = load_files(files, mapping or None, years, span)
    if st.session_state.get(state.SOURCE) == "sample":
        # State that only made sense for the sample's items.
        st.session_state[state.OVERRIDES] = {}
        st.session_state[state.PERIOD] = None
    merge_dataset(report)  # replaces the sample, or merges into the user's own (the file's Mapping too)
    st.session_state[state.IMPORT_REPORT] = report
    st.session_state[state.SOURCE] = ", ".join(name for name, _ in files)


def use_sample() -> None:
    st.session_state[state.DATASET] = load_sample()
    st.session_state[state.IMPORT_REPORT] = st.session_state[state.DATASET]
    st.session_state[state.SOURCE] = "sample"
    st.session_state[state.OVERRIDES] = {}
    st.session_state[state.PERIOD] = None
    st.session_state[state.COLUMN_MAPPING] = {}
    st.session_state[state.IMPORT_YEARS] = {}
    st.session_state[state.UPLOADS] = None
    st.session_state[state.UPLOAD_SIGNATURE] = None
    st.session_state[state.MERGE_CONFLICTS] = []  # they were about the user's data, not the sample
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1


@st.cache_resource(show_spinner=False, max_entries=4)
def _tables(fingerprint: str, _dataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(stories, praise) tables, once per dataset content: 20,000 as_dict calls per rerun cost."""
    return evidence_table(_dataset.stories), evidence_table(_dataset.praise)


def evidence_table(items: list) -> pd.DataFrame:
    """One row per item, lists joined, with where it came from (file, sheet, row)."""
    rows = []
    for item in items:
        data = item.as_dict()
        data["date"] = item.when if item.date_precision != "day" else data["date"]  # May 2026, Q3 2026
        data.pop("date_precision")
        origin = data.pop("origin") or {}
        data.pop("kind")
        data.pop("extra")
        for key in ("competencies", "tags"):
            if key in data:
                data[key] = "; ".join(data[key])
        data["file"] = origin.get("file")
        data["sheet"] = origin.get("sheet")
        data["row"] = origin.get("row")
        rows.append(data)
    return pd.DataFrame(rows)


def mapping_step(status, files) -> None:
    """Let the user say which column is which for a file whose headers were not recognised."""
    key = f"map_{signature(files)[:8]}_{status.file}"
    with st.container(border=True):
        st.warning(
            f"**{md_escape(status.file)}**: Advocate couldn't tell which column holds what. "
            "Pick the columns below to load it."
        )
        kinds = ["story", "praise"]
        kind = st.radio(
            "These rows are",
            kinds,
            index=kinds.index(status.needs_mapping or "story"),
            format_func={"story": "Stories (things I did)", "praise": "Praise (what others said)"}.get,
            horizontal=True,
            key=f"{key}_kind",
        )
        options = [NONE, *status.columns]
        chosen = {}
        columns = st.columns(3)
        for index, field in enumerate(mapping_fields(kind)):
            label = FIELD_LABELS.get(field, field.capitalize())
            value = columns[index % 3].selectbox(label, options, key=f"{key}_{kind}_{field}")
            if value != NONE:
                chosen[field] = value
        if st.button("Load with these columns", key=f"{key}_go", type="primary"):
            needed = ("text",) if kind == "praise" else ("challenge", "action", "result", "description")
            if "date" not in chosen or not any(f in chosen for f in needed):
                need = "the quote" if kind == "praise" else "a challenge, action, result or description"
                st.error(f"Pick at least the date column and {need}.")
                return
            mapping = dict(st.session_state.get(state.COLUMN_MAPPING) or {})
            mapping[status.file] = chosen
            st.session_state[state.COLUMN_MAPPING] = mapping
            apply_import(files, mapping)
            st.rerun()


def year_step(status, files) -> None:
    """Ask once which year a file's "July" and "Q3" are, when nothing in it fixes the year."""
    key = f"year_{signature(files)[:8]}_{status.file}"
    with st.container(border=True):
        st.warning(
            f"**{md(status.file)}** has dates without a year (such as 'July' or 'Q3') and nothing "
            "in the file says which year they are. Which year are these?"
        )
        year = st.number_input(
            "Year", min_value=1990, max_value=2100, value=dt.date.today().year, step=1, key=f"{key}_year"
        )
        if st.button("Use this year", key=f"{key}_go", type="primary"):
            years = dict(st.session_state.get(state.IMPORT_YEARS) or {})
            years[status.file] = int(year)
            st.session_state[state.IMPORT_YEARS] = years
            apply_import(files, st.session_state.get(state.COLUMN_MAPPING) or {})
            st.rerun()


def problems_table(problems) -> pd.DataFrame:
    rows = [p.as_dict() for p in problems]
    frame = pd.DataFrame(rows, columns=["severity", "file", "sheet", "row", "column", "message"])
    frame["row"] = frame["row"].astype("Int64")
    return frame.sort_values("severity", kind="stable")  # errors first


st.title("Import")
st.caption(
    "Upload the spreadsheets where you keep your wins and the praise you received: Excel, "
    "LibreOffice, CSV, or LinkedIn's Recommendations_Received.csv. Nothing leaves your machine."
)

upload_col, side_col = st.columns([3, 1])
with upload_col:
    uploaded = st.file_uploader(
        "Story and praise files",
        type=[ext.lstrip(".") for ext in ACCEPTED_EXTENSIONS],
        accept_multiple_files=True,
        key=f"import_uploader_{st.session_state.get(NONCE, 0)}",
        help=f"Up to {LIMITS.max_bytes // (1024 * 1024)} MB and {LIMITS.max_rows:,} rows per file.",
    )
with side_col:
    if st.button("Use the sample data", icon=":material/auto_stories:"):
        use_sample()
        st.rerun()
    if TEMPLATE_PATH.exists():
        st.download_button(
            "Download the template (.xlsx)",
            TEMPLATE_PATH.read_bytes(),
            file_name="advocate_template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
        )

if uploaded:
    files = tuple((f.name, f.getvalue()) for f in uploaded)
    sig = signature(files)
    if sig != st.session_state.get(state.UPLOAD_SIGNATURE):
        # A new upload: choices made for the previous files no longer apply.
        st.session_state[state.UPLOAD_SIGNATURE] = sig
        st.session_state[state.UPLOADS] = files
        st.session_state[state.COLUMN_MAPPING] = {}
        st.session_state[state.IMPORT_YEARS] = {}
        with st.spinner("Reading your files..."):
            apply_import(files, {})

dataset = st.session_state.get(state.DATASET)
source = st.session_state.get(state.SOURCE)
report = st.session_state.get(state.IMPORT_REPORT)
if report is None and source == "sample":
    report = dataset

if source == "sample":
    st.info("You are looking at the sample data: upload your own files to replace it.")
elif source == "workspace":
    st.caption("In use: your saved workspace. Uploads are added to it.")
elif source:
    st.caption(f"In use: {md_escape(source)}")

if report is not None:
    metrics = st.columns(4)
    metrics[0].metric("Stories", len(report.stories))
    metrics[1].metric("Praise", len(report.praise))
    metrics[2].metric("Rows skipped", report.rows_skipped)
    metrics[3].metric("Rows read", report.rows_read)

    for status in report.files:
        if status.error and not status.needs_mapping:
            message = f"**{md_escape(status.file)}** was not loaded: {md_escape(status.error)}"
            st.error(message, icon=":material/error:")

    uploads = st.session_state.get(state.UPLOADS)
    for status in report.files:
        if status.needs_mapping and uploads:
            mapping_step(status, uploads)
        elif status.needs_year and uploads:
            year_step(status, uploads)

    file_errors = {(f.file, f.error) for f in report.files if f.error}
    row_problems = [p for p in report.problems if (p.file, p.message) not in file_errors]
    errors = sum(1 for p in row_problems if p.severity == "error")
    if row_problems:
        st.subheader("Load report")
        if errors:
            st.error(f"{errors} row(s) were not loaded: each one is listed below with the reason.")
        st.dataframe(problems_table(row_problems), hide_index=True, width="stretch")
    elif report.items:
        st.success("Every row was loaded.")

render_conflicts()

if dataset is not None and dataset.items:
    n_stories, n_praise = len(dataset.stories), len(dataset.praise)
    if report is not None and (n_stories, n_praise) != (len(report.stories), len(report.praise)):
        st.caption(f"Your working set now holds {n_stories} stories and {n_praise} praise.")
    stories_tab, praise_tab = st.tabs([f"Stories ({n_stories})", f"Praise ({n_praise})"])
    stories_frame, praise_frame = _tables(dataset_fingerprint(dataset), dataset)
    with stories_tab:
        if dataset.stories:
            st.dataframe(stories_frame, hide_index=True, width="stretch")
        else:
            st.caption("No stories loaded.")
    with praise_tab:
        if dataset.praise:
            st.dataframe(praise_frame, hide_index=True, width="stretch")
        else:
            st.caption("No praise loaded.")
