"""(placeholder: built by its issue)"""

import streamlit as st

st.title("import_data")
