"""Competencies: stories without a date (a story bank), mapped like the rest but counted nowhere.

They stay out of coverage and gaps until each has a month, but the user should see what they are
about (a story bank's Theme column becomes each one's first suggestion) and the interview
stories group them by competency.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.competencies.frameworks import framework_key
from core.competencies.mapping import assigned, map_items
from core.text import inert
from core.wording import match_words
from ui.cache import overrides_key
from ui.memo import Same, session_memo


def undated_mappings(dataset, framework, overrides) -> tuple[dict, dict[str, list[str]]]:
    """(mappings, what each counts for) of the undated stories; ({}, {}) when there are none."""
    if not dataset.undated:
        return {}, {}
    mappings = session_memo(
        "comp_undated_maps", (Same(dataset), framework_key(framework)),
        lambda: map_items(dataset.undated, framework),
    )  # fmt: skip
    chosen = session_memo(
        "comp_undated_chosen", (Same(dataset), framework_key(framework), overrides_key(overrides)),
        lambda: assigned(mappings, overrides),
    )  # fmt: skip
    return mappings, chosen


def undated_section(dataset, mappings, chosen) -> None:
    """The undated stories with their suggestion and its reason, apart from the evidence table."""
    if not dataset.undated:
        return
    title = f"Stories without a date ({len(dataset.undated):d}): counted once each has a month"
    with st.expander(title, expanded=not dataset.items):
        st.caption(
            "Give each a month on the Import or Timeline page to count it in coverage and the draft. "
            "Meanwhile they are grouped by competency in the interview stories."
        )
        rows = []
        for story in dataset.undated:
            top = mappings[story.id].suggestions[:1]
            rows.append(
                {
                    "id": inert(story.id),
                    "story": inert(" ".join((story.title or story.challenge or story.action).split()))[:120],
                    "counts for": ", ".join(chosen.get(story.id, [])),
                    "suggested": inert(f"{top[0].competency} ({match_words(top[0].score)})") if top else "",
                    "why": inert(top[0].why) if top else "",
                }
            )
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
