"""Level readiness in the session: the user's level, their confirm/reject verdicts and what they
want next, kept in ui.state.READINESS ({"level", "decisions", "wants"}, saved with the working
set), and the readiness result for the data, framework, period and choices in use.
"""

from __future__ import annotations

import streamlit as st

from core.competencies.frameworks import framework_key
from core.competencies.readiness import Readiness, decide, framework_levels, readiness, suggest
from core.digest import content_hash
from core.writing.draft import in_period
from ui import state
from ui.cache import assignments, dataset_fingerprint, overrides_key
from ui.memo import session_memo


def settings() -> dict:
    """{"level": str | None, "decisions": {expectation key: {item id: bool}}, "wants": str}."""
    value = st.session_state.get(state.READINESS)
    return value if isinstance(value, dict) else {}


def update(**changes) -> None:
    """Replace (never edit in place) so the autosave sees a new value."""
    st.session_state[state.READINESS] = {**settings(), **changes}


def level_for(framework) -> str | None:
    """The user's level when the framework has it (another framework's level does not carry over)."""
    level = settings().get("level")
    return level if level in framework_levels(framework) else None


def set_verdict(key: str, item_id: str, verdict: bool | None) -> None:
    update(decisions=decide(settings().get("decisions") or {}, key, item_id, verdict))


def current(dataset, framework, period) -> Readiness | None:
    """Readiness at the user's level over the period's evidence, or None before a level is picked.

    The mapper's side (every item against every expectation: seconds for a large year) is kept
    per data, framework, overrides and period; the level and the verdicts only re-sort it."""
    level = level_for(framework)
    if level is None:
        return None
    fingerprint = dataset_fingerprint(dataset)
    fw_key = framework_key(framework)
    overrides = st.session_state.get(state.OVERRIDES) or {}
    decisions = settings().get("decisions") or {}
    base = (fingerprint, fw_key, overrides_key(overrides), period)
    stories, praise = in_period(dataset, period)
    evidence = [*stories, *praise]

    def mapped():
        chosen = assignments(fingerprint, fw_key, dataset, framework, overrides)
        return suggest(evidence, framework, chosen)

    suggested = session_memo("readiness_suggested", base, mapped)
    return session_memo(
        "readiness",
        (*base, level, content_hash(decisions)),
        lambda: readiness(evidence, framework, level, decisions=decisions, suggested=suggested),
    )


def cache_key(framework) -> str:
    """What readiness adds to a draft's cache key: the level and the verdicts."""
    return content_hash(level_for(framework) or "", settings().get("decisions") or {})


def rating_gaps(result: Readiness | None, ratings: dict) -> None:
    """Draft page: for each rated competency, the expectations still without evidence."""
    from core.writing.argument import rated_level
    from ui.safe import md

    if result is None:
        st.caption("Pick your level on the Competencies page to see your rating argued from the evidence.")
        return
    for competency, rating in ratings.items():
        comp = result.for_competency(competency)
        level = rated_level(comp, rating, result.order) if comp and rating else None
        if level is None:
            continue
        missing = comp.gaps(level)
        if missing:
            st.markdown(
                f"**{md(competency)}** ({md(rating)}): still without evidence at {md(level)}\n"
                + "\n".join(f"- {md(e.text)}" for e in missing)
            )
