"""Advocate: the entry point only configures the page, starts the session state and routes."""

import streamlit as st

from ui import session
from ui.idle import page_running
from ui.preload import preload_elements

preload_elements()  # first, so the browser fetches the pages' element code while this run goes on
st.set_page_config(page_title="Advocate", page_icon="🏅", layout="wide")
with page_running():  # background work (ui.idle, ui.warmup) waits while any page runs
    session.start()  # the saved workspace (or the sample), and a look at the data folder

    navigation = st.navigation(
        [
            st.Page("pages/import_data.py", title="Import", icon=":material/upload_file:", default=True),
            st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:"),
            st.Page("pages/competencies.py", title="Competencies", icon=":material/checklist:"),
            st.Page("pages/draft.py", title="Draft", icon=":material/edit_document:"),
            st.Page("pages/journal.py", title="Journal", icon=":material/edit_note:"),
        ]
    )
    try:
        navigation.run()
    finally:  # also when a run stops early (a click starts the next one, the tab is closed)
        session.save()  # the user's work, after every change
    session.finish()  # say where it lives, and prepare the later pages in the background
