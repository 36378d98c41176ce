"""Journal: write a win down the week it happens, save praise the day it arrives, keep the habit.

Everything added here goes into the same dataset the Timeline, Competencies and Draft pages read,
and is saved to the user's workspace at once (nothing is saved in shared mode). Each tab lives in
its own module under ui/journal/.
"""

from __future__ import annotations

import streamlit as st

from ui import saving, state
from ui.choices import framework_in_use
from ui.journal.common import FLASH
from ui.journal.edit import edit_tab
from ui.journal.praise import praise_tab
from ui.journal.reminder import reminder_tab
from ui.journal.story import story_tab
from ui.journal.workspaces import workspaces_tab
from ui.journal.years import years_tab
from ui.safe import md

state.ensure_routed()

st.title("Journal")
st.caption(
    "Write a win down the week it happens and save praise the day it arrives: review season gets easy."
)
if saving.is_shared():
    st.warning(saving.SHARED_NOTICE, icon=":material/cloud_off:")
elif not saving.is_users_data():
    st.info(
        "You are looking at the sample data. Your first entry starts your own journal in place of "
        "the sample, saved on this computer."
    )
if saving.STALE in st.session_state:
    st.warning(
        "Another tab saved this workspace first: nothing was overwritten. Choose which version to keep "
        "in the sidebar (you can keep both).",
        icon=":material/sync_problem:",
    )
if st.session_state.get(FLASH):
    st.success(md(st.session_state.pop(FLASH)))

framework = framework_in_use()
tabs = st.tabs(
    ["Add a story", "Add praise", "Edit or delete", "Weekly reminder", "Year over year", "Workspaces"]
)
with tabs[0]:
    story_tab(framework)
with tabs[1]:
    praise_tab()
with tabs[2]:
    edit_tab(framework)
with tabs[3]:
    reminder_tab()
with tabs[4]:
    years_tab()
with tabs[5]:
    workspaces_tab()
