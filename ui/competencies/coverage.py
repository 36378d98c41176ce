"""Competencies: the coverage heatmap, the gaps, and what the files name that the framework lacks."""

from __future__ import annotations

import streamlit as st

from core.analysis.coverage import coverage, gaps, heatmap_figure
from core.competencies.frameworks import framework_key
from core.competencies.mapping import unmatched_hints, unmatched_names
from ui.cache import overrides_key
from ui.memo import session_memo
from ui.safe import md
from ui.scores import period_scores

K_MEASURE = "comp_measure"


def unknown_names(mappings, fingerprint: str, framework) -> None:
    """Warn about the competencies the files name, and the Theme/Skill cells, that this framework
    has nothing for: reported, never dropped silently."""
    key = (fingerprint, framework_key(framework))
    names, themes = session_memo(
        "comp_unknown", key, lambda: (unmatched_names(mappings), unmatched_hints(mappings))
    )
    for lead, labels in (
        ("Your files name competencies this framework does not have (not counted): ", names),
        ("Your sheet's Theme column says things no competency of this framework fits (kept as "
         "words for the suggestions): ", themes),
    ):  # fmt: skip
        if labels:
            st.warning(  # md(lead): our words, unchanged by escaping; the checker sees it is safe
                md(lead)
                + "; ".join(
                    f"{md(name)} ({md(', '.join(ids[:5]))}{'…' if len(ids) > 5 else ''})"
                    for name, ids in labels.items()
                )
            )


@st.fragment
def coverage_and_gaps(dataset, framework, chosen, overrides, period, fingerprint) -> None:
    """The heatmap and the gaps. A fragment: changing "Measure" on the live server reruns only
    this block, not the 20,000-item evidence table below (AppTest still reruns the whole page)."""
    st.subheader("Coverage")
    measure = (
        st.segmented_control(
            "Count each piece of evidence",
            ["count", "strength"],
            format_func={"count": "once", "strength": "by how convincing it is"}.get,
            default="count",
            key=K_MEASURE,
            help="A story with a challenge, what you did, a result in numbers and a quote backing it "
            "counts fully; a one-line note counts for less.",
        )
        or "count"
    )
    strengths = None
    if measure == "strength":  # scoring every story costs time on big sets: only when asked
        strengths = {sid: s.score for sid, s in period_scores(fingerprint, dataset, period)[0].items()}
    cov = session_memo(  # only the data, framework, period, choices and measure change it
        "comp_coverage",
        (fingerprint, framework_key(framework), period, overrides_key(overrides), measure),
        lambda: coverage(dataset.items, framework, chosen, period, strengths),
    )
    unit = "evidence weighted by how convincing it is" if measure == "strength" else "items"
    st.caption(f"{md(framework.name)} · {md(period.label)} · {unit} per quarter")
    st.plotly_chart(heatmap_figure(cov, measure), key="comp_heatmap")
    if cov.outside:
        st.caption(f"{cov.outside:d} item(s) fall outside {md(period.label)} and are not counted.")

    st.subheader("Gaps")
    found = gaps(cov, framework)
    if not found:
        st.success("Every competency has evidence across the period.")
    for gap in found:
        st.markdown(f"- **{md(gap.message)}** {md(gap.prompt)}")
