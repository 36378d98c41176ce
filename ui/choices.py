"""The user's choices every analysis page reads, with their defaults, resolved in one place.

None in ui.state.FRAMEWORK means the built-in default framework; None in ui.state.PERIOD means
the default period (the last twelve months of the data).
"""

from __future__ import annotations

import streamlit as st

from core.analysis.period import Period, default_period
from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
from core.model import Framework
from ui import state


def framework_in_use() -> Framework:
    """The framework the user picked, or the default one."""
    return st.session_state.get(state.FRAMEWORK) or load_builtin(DEFAULT_FRAMEWORK)


def period_in_use(dataset) -> Period:
    """The review period the user picked, or the default one for this data."""
    return st.session_state.get(state.PERIOD) or default_period([item.date for item in dataset.items])
