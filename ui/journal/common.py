"""What the Journal tabs share: the dataset in use, saving a change at once, the flash message."""

from __future__ import annotations

import streamlit as st

from core.model import Dataset
from ui import saving, state

FLASH = "journal_flash"
KIND_LABELS = {"win": "Win", "struggle": "Struggle", "lesson": "Lesson"}
IMPACTS = [None, 1, 2, 3, 4, 5]


def impact_label(value) -> str:
    return "not rated" if value is None else str(value)


def competency_names(framework, *extra) -> list[str]:
    """The framework's competencies, then any other name the item already carries."""
    names = list(framework.names) if framework is not None else []
    for values in extra:
        for name in values or ():
            if name not in names:
                names.append(name)
    return names


def flash(message: str) -> None:
    st.session_state[FLASH] = message


def dataset() -> Dataset:
    return st.session_state.get(state.DATASET) or Dataset()


def commit(changed: Dataset, saved: str, unsaved: str) -> None:
    """Put the changed dataset in session state (every page reads it) and save it at once; the
    flash says `saved`, or `unsaved` and where the change is kept when nothing can be saved."""
    st.session_state[state.DATASET] = changed
    flash(saving.save_and_say(saved, unsaved))
