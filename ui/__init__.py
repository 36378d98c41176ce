"""Streamlit glue shared by the pages: session-state keys, guards and content-keyed caches."""
