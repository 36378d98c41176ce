"""Session-state key names, the working set's defaults and resets, and the guard every page starts with.

Data lives in plain session-state keys (not widget keys), because widget values vanish when
the user switches pages. The working set's fields, defaults and which of them belong to the
dataset are declared once in core.store.schema; this module applies them to session state.
It imports no other ui module, so everything else can import it.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.store.schema import FIELDS, PER_DATASET

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = ROOT / "data" / "sample_wins.xlsx"
# The example years a newcomer can look at before uploading (scripts/build_data.py writes them).
SAMPLES = {"engineering": SAMPLE_PATH, "marketing": ROOT / "data" / "sample_marketing.xlsx"}

DATASET = "dataset"  # core.model.Dataset in use (the sample until the user uploads)
# The working set's fields (core.store.schema.FIELDS says what each holds and whether it is saved).
OVERRIDES = "overrides"
FRAMEWORK = "framework"
CUSTOM_FRAMEWORKS = "custom_frameworks"
PERIOD = "period"
RATINGS = "ratings"
READINESS = "readiness"
DRAFT_OPTIONS = "draft_options"
COLUMN_MAPPING = "column_mapping"
IMPORT_YEARS = "import_years"
READ_AS = "read_as"
LOAD_REPORT = "load_report"
SOURCE = "source"
MERGE_CONFLICTS = "merge_conflicts"
UPLOAD_SIGNATURE = "upload_signature"
UPLOADS = "uploads"
IMPORT_REPORT = "import_report"
# Session bookkeeping (never saved).
WORKSPACE = "workspace"  # name of the saved workspace this session reads and writes
WORKSPACE_SAVED = "workspace_saved"  # ui.saving.SavedMark: the working set as last saved/restored
ROUTED = "routed"  # set by init(): a page run without it was opened before app.py's router ran
EXAMPLE = "example"  # which of SAMPLES the sample data is: "engineering" (the default) or "marketing"


def init() -> None:
    """Give every field its default once per session (app.py, through ui.session.start)."""
    st.session_state[ROUTED] = True
    for field in FIELDS:
        if field.key not in st.session_state:
            st.session_state[field.key] = field.default()


def replace_dataset(dataset, source: str, keep: tuple[str, ...] = ()) -> None:
    """A different dataset is in use: everything that belonged to the old one is cleared
    (overrides, period, pending merge choices, the upload and its report...) except `keep`."""
    for field in PER_DATASET:
        if field.key not in keep:
            st.session_state[field.key] = field.default()
    st.session_state[DATASET] = dataset
    st.session_state[SOURCE] = source


def reset_all(dataset, source: str) -> None:
    """Another workspace (or none): every field back to its default, then `dataset` in use."""
    for field in FIELDS:
        st.session_state[field.key] = field.default()
    replace_dataset(dataset, source)


def ensure_routed() -> None:
    """Send a page that Streamlit ran without app.py back through the router.

    On a fresh server, a page opened by its own URL (a bookmarked /timeline) runs alone, with
    Streamlit's old folder-based navigation: Streamlit treats a `pages/` folder that way until
    st.navigation has run once in the process. Switching that off and rerunning goes through
    app.py, which resolves the same page.
    """
    if ROUTED not in st.session_state:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()


def require_data(undated: bool = False):
    """Stop the page with a pointer to Import when there is no evidence to work on (`undated`:
    stories without a date are enough, as on Competencies, which maps a story bank)."""
    ensure_routed()
    dataset = st.session_state.get(DATASET)
    if dataset is None or not (dataset.items or (undated and dataset.undated)):
        st.info("No evidence loaded yet: go to **Import** to upload your stories and praise.")
        st.page_link("pages/import_data.py", label="Go to Import")
        st.stop()
    return dataset
