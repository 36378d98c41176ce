"""Draft page: the options (tone, length, limits, the review form's questions).

Options live in the plain session key ui.state.DRAFT_OPTIONS (widget values vanish on page
switches), and the widgets are re-seeded from it on each visit.
"""

from __future__ import annotations

import streamlit as st

from core.writing.draft import LENGTHS, TONES, DraftOptions
from ui import state
from ui.draft.panels import chosen_stories

TONE_LABELS = {
    "numbers": "Numbers first (results, figures)",
    "story": "Story first (challenge, action, result)",
}
LENGTH_LABELS = {"brief": "Brief", "standard": "Standard", "detailed": "Detailed"}
K_TONE, K_LENGTH, K_WORDS, K_CHARS = "dr_tone", "dr_length", "dr_words", "dr_chars"
K_QUESTIONS = "dr_questions"


def _seed(stored: dict) -> None:
    """Give each option widget its stored value, unless it already has one this visit."""
    defaults = DraftOptions()
    values = {
        K_TONE: stored.get("tone", defaults.tone),
        K_LENGTH: stored.get("length", defaults.length),
        K_WORDS: stored.get("word_limit") or 0,
        K_CHARS: stored.get("char_limit") or 0,
        K_QUESTIONS: "\n".join(stored.get("questions") or []),
    }
    for key, value in values.items():
        st.session_state.setdefault(key, value)


def options_widgets() -> DraftOptions:
    stored = st.session_state.get(state.DRAFT_OPTIONS) or {}
    _seed(stored.as_dict() if isinstance(stored, DraftOptions) else dict(stored))
    left, middle, right = st.columns(3)
    left.radio("Lead with", TONES, key=K_TONE, format_func=TONE_LABELS.get)
    middle.radio("Length", LENGTHS, key=K_LENGTH, format_func=LENGTH_LABELS.get, horizontal=True)
    right.number_input("Word limit per section (0 = none)", min_value=0, max_value=5000, step=10, key=K_WORDS)
    right.number_input("Character limit per section (0 = none)", min_value=0, max_value=50000, step=100,
                       key=K_CHARS)
    st.text_area(
        "Your review form's questions, one per line (leave empty to write one section per competency)",
        key=K_QUESTIONS,
        height=100,
    )
    questions = [q.strip() for q in st.session_state[K_QUESTIONS].splitlines() if q.strip()]
    pinned, left_out = chosen_stories()
    options = DraftOptions(
        pinned=pinned,
        left_out=left_out,
        tone=st.session_state[K_TONE],
        length=st.session_state[K_LENGTH],
        word_limit=int(st.session_state[K_WORDS]) or None,
        char_limit=int(st.session_state[K_CHARS]) or None,
        questions=questions or None,
    )
    st.session_state[state.DRAFT_OPTIONS] = options.as_dict()
    return options


