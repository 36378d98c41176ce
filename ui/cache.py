"""Caches keyed by content (file bytes, data fingerprints), never by widget noise."""

from __future__ import annotations

import streamlit as st

from ui.state import SAMPLE_PATH


@st.cache_data(show_spinner=False)
def load_files(files: tuple[tuple[str, bytes], ...]):
    from core.importer import load_uploads

    return load_uploads(list(files))


def load_sample():
    return load_files(((SAMPLE_PATH.name, SAMPLE_PATH.read_bytes()),))
