"""What the Competencies sections share: committing the user's choices, item previews."""

from __future__ import annotations

import streamlit as st

from ui import state

K_EDITOR_VERSION = "comp_editor_version"  # bumped on every commit: the editors start afresh


def commit(overrides: dict) -> None:
    """Store the user's mapping choices (every page reads them) and rerun with fresh editors."""
    st.session_state[state.OVERRIDES] = dict(overrides)
    st.session_state[K_EDITOR_VERSION] = st.session_state.get(K_EDITOR_VERSION, 0) + 1
    st.rerun()


def preview(item) -> str:
    text = item.title or item.text if hasattr(item, "title") else item.text
    text = " ".join(str(text).split())
    return text if len(text) <= 90 else text[:87] + "..."
