"""Session-state key names, in one place, and the guard every page starts with.

Data lives in plain session-state keys (not widget keys), because widget values vanish when
the user switches pages.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PATH = ROOT / "data" / "sample_wins.xlsx"
# The example years a newcomer can look at before uploading (scripts/build_data.py writes them).
SAMPLES = {"engineering": SAMPLE_PATH, "marketing": ROOT / "data" / "sample_marketing.xlsx"}

DATASET = "dataset"  # core.model.Dataset in use (the sample until the user uploads)
SOURCE = "source"  # "sample", or the names of the uploaded files
UPLOAD_SIGNATURE = "upload_signature"  # content hash of the current uploads: parse once per upload
COLUMN_MAPPING = "column_mapping"  # {file name: {field: source column}} chosen by the user
IMPORT_YEARS = "import_years"  # {file name: year} the user gave for dates without one ("July", "Q3")
PERIOD = "period"  # core.analysis.period.Period chosen by the user; None means the default
FRAMEWORK = "framework"  # core.model.Framework in use
CUSTOM_FRAMEWORKS = "custom_frameworks"  # {name: Framework} uploaded or pasted by the user
OVERRIDES = "overrides"  # {evidence id: [competency, ...]} set by the user (empty list: none)
RATINGS = "ratings"  # {competency: level} the user's self-rating
READINESS = "readiness"  # {"level", "decisions", "wants"}: level readiness (ui.readiness)
DRAFT_OPTIONS = "draft_options"  # dict of the Draft page's options
UPLOADS = "uploads"  # ((name, bytes), ...) of the current upload: the mapping step needs them later
IMPORT_REPORT = "import_report"  # Dataset as parsed from the last upload (counts and load report)
WORKSPACE = "workspace"  # name of the saved workspace this session reads and writes (ui.workspace)
WORKSPACE_SAVED = "workspace_saved"  # ui.workspace.SavedMark: the working set as last saved/restored
ROUTED = "routed"  # set by init(): a page run without it was opened before app.py's router ran
EXAMPLE = "example"  # which of SAMPLES the sample data is: "engineering" (the default) or "marketing"
MERGE_CONFLICTS = "merge_conflicts"  # core.store.workspace.Conflict list from the last import, for the user


def init() -> None:
    """Give every key its starting value once per session; the sample data until an upload."""
    from ui.cache import load_sample

    st.session_state[ROUTED] = True
    if DATASET not in st.session_state:
        from ui.workspace import restore

        if not restore():  # the user's saved workspace replaces the sample
            st.session_state[DATASET] = load_sample()
            st.session_state[SOURCE] = "sample"
    for key, default in (
        (UPLOAD_SIGNATURE, None),
        (COLUMN_MAPPING, {}),
        (IMPORT_YEARS, {}),
        (PERIOD, None),
        (FRAMEWORK, None),
        (CUSTOM_FRAMEWORKS, {}),
        (OVERRIDES, {}),
        (RATINGS, {}),
        (READINESS, {}),
        (DRAFT_OPTIONS, {}),
    ):
        st.session_state.setdefault(key, default)


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


def require_data():
    """Stop the page with a pointer to Import when there is no evidence to work on."""
    ensure_routed()
    dataset = st.session_state.get(DATASET)
    if dataset is None or not dataset.items:
        st.info("No evidence loaded yet: go to **Import** to upload your stories and praise.")
        st.page_link("pages/import_data.py", label="Go to Import")
        st.stop()
    return dataset


def autosave() -> None:
    """End of every run (app.py): save the user's working set if it changed (see ui.workspace)."""
    from ui.workspace import autosave as save_if_changed

    save_if_changed()
