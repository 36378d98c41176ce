"""Competencies: pick or bring a framework, check how each piece of evidence maps, see the gaps.

The framework in use lives in ui.state.FRAMEWORK (None = the General default) and the user's
mapping decisions in ui.state.OVERRIDES ({id: [competency]}, [] = "supports none"): plain
session keys every page reads. Mapping runs once per (dataset, framework) content through
ui.cache.item_mappings; edits only re-run the cheap coverage and gaps. The sections live in
ui/competencies/.
"""

from __future__ import annotations

import streamlit as st

from core.competencies.frameworks import framework_key
from core.wording import COMPETENCY_EXPLAINED
from ui import state
from ui.cache import assignments, dataset_fingerprint, learned_mappings, overrides_key
from ui.choices import framework_in_use, period_in_use
from ui.competencies.career import career_downloads
from ui.competencies.coverage import coverage_and_gaps, unknown_names
from ui.competencies.evidence import evidence_table
from ui.competencies.framework_picker import framework_picker
from ui.competencies.item_editor import item_editor
from ui.competencies.readiness import readiness_section
from ui.competencies.review import K_REVIEW_OPEN, learned_note, review_section
from ui.competencies.undated import undated_mappings, undated_section
from ui.llm_opinion import opinion_section

dataset = state.require_data(undated=True)
st.title("Competencies")
st.caption(
    f"{COMPETENCY_EXPLAINED} Each story and quote is matched to them, with the words that matched "
    "on hover. Confirm, change or remove any match: your choices feed the timeline and the draft."
)
framework_picker()
framework = framework_in_use()
overrides = dict(st.session_state[state.OVERRIDES])
period = period_in_use(dataset)
fingerprint = dataset_fingerprint(dataset)
with st.spinner("Mapping evidence to competencies..."):
    mappings, corrections = learned_mappings(
        fingerprint, framework_key(framework), dataset, framework, overrides
    )
chosen = assignments(fingerprint, framework_key(framework), dataset, framework, overrides)
undated_maps, undated_chosen = undated_mappings(dataset, framework, overrides)  # a story bank's

coverage_and_gaps(dataset, framework, chosen, overrides, period, fingerprint)

st.subheader("Evidence")
unknown_names({**mappings, **undated_maps}, fingerprint, framework)
learned_note(corrections)
review = st.expander("Review suggestions, least confident first", key=K_REVIEW_OPEN, on_change="rerun")
if review.open:  # ranking 20,000 items by confidence cost 0.2-0.4 s: only once the list is opened
    with review:
        review_section(dataset, mappings, overrides)
with st.expander("Edit one item", expanded=False):
    item_editor(dataset, framework, mappings, overrides, chosen)
learned = overrides_key(overrides) if corrections else ""  # suggestions that follow corrections
evidence_table(dataset, framework, mappings, overrides, chosen, period, learned)
undated_section(dataset, undated_maps, undated_chosen)
readiness = readiness_section(dataset, framework, period)
career_downloads(dataset, framework, period, {**chosen, **undated_chosen}, readiness)
opinion_section(dataset, framework, mappings, overrides)  # optional: the user's own model, off by default
