"""Import: upload story and praise files (or look at an example year), see what loaded and what did not.

The parsed Dataset lives in plain session state, so it outlives the uploader widget (whose
value vanishes on a page switch). Parsing is cached by content, so reruns cost nothing. The
steps and tables live in ui/import_steps.py and ui/import_tables.py.
"""

from __future__ import annotations

import streamlit as st

from core.ingest.messages import MESSAGE_EXTENSIONS
from core.ingest.readers import ACCEPTED_EXTENSIONS, Limits
from core.ingest.report import report_from_dict
from core.wording import COMPETENCY_MEANING
from ui import state
from ui.import_fix import render_read_as, render_rejected
from ui.import_steps import apply_import, hidden_sheets_step, mapping_step, rerun_import, signature, year_step
from ui.import_tables import evidence_table, problems_table
from ui.merging import render_conflicts
from ui.paging import page_of
from ui.safe import md
from ui.undated import render_undated
from ui.workspace import use_sample as show_sample

state.ensure_routed()

TEMPLATE_PATH = state.ROOT / "data" / "template.xlsx"
NONCE = "import_uploader_nonce"  # bumped to empty the uploader (e.g. after choosing an example)
LIMITS = Limits()  # what load_uploads applies by default
EXAMPLE_CHOICE = "import_example"  # the "See an example from" control
EXAMPLES = {"engineering": "Engineering", "marketing": "Marketing"}
EXAMPLE_WHO = {
    "engineering": "Maya, a backend engineer",
    "marketing": "Sofia, a product marketing manager",
}


def _example_chosen() -> None:
    which = st.session_state.get(EXAMPLE_CHOICE)
    if which:  # clicking the chosen one again only deselects it: keep what is shown
        use_sample(which)


def use_sample(which: str = "engineering") -> None:
    show_sample(which)  # clears everything that belonged to the previous dataset (ui.state.replace_dataset)
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1


st.title("Import")
st.caption(
    "Upload the spreadsheets where you keep your wins and the praise you received (Excel, "
    "LibreOffice, Google Sheets saved as CSV, LinkedIn's Recommendations_Received.csv), or a "
    "thank-you e-mail or Slack message saved as a file. Advocate then shows how your year spreads, "
    f"matches each item to your competencies ({COMPETENCY_MEANING}) and drafts your "
    "self-evaluation. Nothing leaves your machine."
)

upload_col, side_col = st.columns([3, 1])
with upload_col:
    uploaded = st.file_uploader(
        "Story and praise files",
        type=[ext.lstrip(".") for ext in ACCEPTED_EXTENSIONS + MESSAGE_EXTENSIONS],
        accept_multiple_files=True,
        key=f"import_uploader_{st.session_state.get(NONCE, 0)}",
        help=f"Up to {LIMITS.max_bytes // (1024 * 1024)} MB a file and {LIMITS.max_rows:,} rows a sheet.",
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

# After the upload is read, so the control shows what is on screen now.
with side_col:
    if st.session_state.get(state.SOURCE) != "sample":
        st.session_state[EXAMPLE_CHOICE] = None  # the control shows which example is on screen
    elif st.session_state.get(EXAMPLE_CHOICE) is None:
        st.session_state[EXAMPLE_CHOICE] = st.session_state.get(state.EXAMPLE) or "engineering"
    st.segmented_control(
        "See an example from",
        list(EXAMPLES),
        format_func=EXAMPLES.get,
        key=EXAMPLE_CHOICE,
        on_change=_example_chosen,
        help="A made-up year of stories and praise, to see what every page does before using yours.",
    )
    if TEMPLATE_PATH.exists():
        st.download_button(
            "Download the template (.xlsx)",
            TEMPLATE_PATH.read_bytes(),
            file_name="advocate_template.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
        )

dataset = st.session_state.get(state.DATASET)
source = st.session_state.get(state.SOURCE)
report = st.session_state.get(state.IMPORT_REPORT)
if report is None and source == "sample":
    report = dataset
elif report is None and st.session_state.get(state.LOAD_REPORT):  # after a reload: the saved report
    report = report_from_dict(st.session_state[state.LOAD_REPORT])

if source == "sample":
    who = EXAMPLE_WHO.get(st.session_state.get(state.EXAMPLE) or "engineering", "")
    st.info(f"You are looking at sample data: a made-up year of {who}. Upload your own files to replace it.")
elif source == "workspace":
    st.caption("In use: your saved workspace. Uploads are added to it.")
elif source:
    st.caption(f"In use: {md(source)}")

if report is not None:
    metrics = st.columns(4)
    metrics[0].metric("Stories", sum(f.stories for f in report.files))
    metrics[1].metric("Praise", sum(f.praise for f in report.files))
    metrics[2].metric("Rows skipped", report.rows_skipped)
    metrics[3].metric("Rows read", report.rows_read)

    for status in report.files:
        if status.error and not status.needs_mapping:
            message = f"**{md(status.file)}** was not loaded: {md(status.error)}"
            st.error(message, icon=":material/error:")

    uploads = st.session_state.get(state.UPLOADS)
    for status in report.files:
        if status.needs_mapping and uploads:
            mapping_step(status, uploads)
        elif status.needs_year and uploads:
            year_step(status, uploads)
    hidden_sheets_step(report)
    if source != "sample":
        render_read_as(report, rerun_import if uploads else None)

    file_errors = {(f.file, f.error) for f in report.files if f.error}
    row_problems = [p for p in report.problems if (p.file, p.message) not in file_errors]
    errors = sum(1 for p in row_problems if p.severity == "error")
    if row_problems:
        st.subheader("Load report")
        if errors:
            st.error(f"{errors} row(s) were not loaded: each one is listed below with the reason.")
        st.dataframe(problems_table(row_problems), hide_index=True, width="stretch", lazy=False)
        render_rejected(report)
    elif report.items:
        st.success("Every row was loaded.")

render_conflicts()
render_undated("import")

if dataset is not None and dataset.items:
    n_stories, n_praise = len(dataset.stories), len(dataset.praise)
    if report is not None and (n_stories, n_praise) != (len(report.stories), len(report.praise)):
        st.caption(f"Your working set now holds {n_stories} stories and {n_praise} praise.")
    stories_tab, praise_tab = st.tabs([f"Stories ({n_stories})", f"Praise ({n_praise})"])
    with stories_tab:  # only the page shown is made a table: a decade's whole tables took 36 MB
        if dataset.stories:
            stories = page_of(dataset.stories, "import_stories_page", "stories")
            st.dataframe(evidence_table(stories), hide_index=True, width="stretch",
                         column_config={"story_kind": "win, struggle or lesson"}, lazy=False)
        else:
            st.caption("No stories loaded.")
    with praise_tab:
        if dataset.praise:
            praise = page_of(dataset.praise, "import_praise_page", "quotes")
            st.dataframe(evidence_table(praise), hide_index=True, width="stretch", lazy=False)
        else:
            st.caption("No praise loaded.")
