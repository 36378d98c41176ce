"""Draft: the self-evaluation built from the evidence, with its options, preview and downloads.

The sections live in ui/draft/ (options, preview and audit, self-rating helper). The draft is
cached by content (data fingerprint, framework, period, mapping, options, ratings), so moving
between pages or tabs does not rebuild it; exports are rendered when a download is clicked.
"""

from __future__ import annotations

import functools

import streamlit as st

from core.analysis.strength import score_story
from core.competencies.frameworks import framework_key
from core.digest import content_hash
from core.model import Dataset
from core.writing.document import spoken_period
from core.writing.draft import build_draft, in_period
from core.writing.exports import DOCX_MIME, XLSX_MIME, render
from core.writing.workbook import write_workbook
from ui import llm_polish, readiness, state
from ui.cache import assignments as assigned_for
from ui.cache import dataset_fingerprint, overrides_key
from ui.choices import framework_in_use, period_in_use
from ui.draft import panels
from ui.draft.options import options_widgets
from ui.draft.preview import audit, preview
from ui.draft.ratings import rating_helper, sync_ratings
from ui.safe import md

DOWNLOADS = (
    # (format, button label, file name, mime)
    ("docx", "Download for Word (.docx)", "self-evaluation.docx", DOCX_MIME),
    ("md", "Download as Markdown (.md)", "self-evaluation.md", "text/markdown"),
    ("txt", "Download as plain text (.txt)", "self-evaluation.txt", "text/plain"),
    ("bullets", "Download resume bullets (.txt)", "resume-bullets.txt", "text/plain"),
)
CLEAN_DOWNLOADS = (
    # the copy to send: no citation codes, notes, audit or appendix
    ("docx", "Download the clean copy to send (.docx)", "self-evaluation-clean.docx", DOCX_MIME),
    ("txt", "Download the clean copy to send (.txt)", "self-evaluation-clean.txt", "text/plain"),
)


@st.cache_resource(show_spinner=False, max_entries=16)
def _draft(fingerprint: str, fw_key: str, period, overrides_key: str, options_key: str, ratings_key: str,
           readiness_key: str, _dataset, _framework, _assignments, _options, _ratings, _readiness=None):
    """The draft for one content state (exports are rendered when a download is clicked).

    A resource, not cache_data: a hit returns the same read-only Draft instead of unpickling it
    and four rendered files on every rerun. The assignments follow from the data, the framework
    and the overrides, so the (small) overrides key them instead of 20,000 ids.
    """
    evidence, strengths = _in_period(fingerprint, period, _dataset)
    return build_draft(evidence, _framework, _assignments, period, _options, _ratings,
                       strengths=strengths, readiness=_readiness)


@st.cache_resource(show_spinner=False, max_entries=4)
def _in_period(fingerprint: str, period, _dataset) -> tuple[Dataset, dict]:
    """(the period's stories and praise, {story id: score_story(story)} for those stories).

    build_draft reads only the period's evidence, and scores each story on its own words when
    no strengths are given: doing both once per (data, period) instead of on every option change
    gives the same draft from 20,000 items in a fraction of the time.
    """
    stories, praise = in_period(_dataset, period)
    return Dataset(stories=stories, praise=praise), {s.id: score_story(s) for s in stories}


dataset = state.require_data()
st.title("Draft")
st.caption("Every sentence comes from your evidence and cites it, like [S12, Mar 2026].")

period = period_in_use(dataset)
framework = framework_in_use()
overrides = st.session_state[state.OVERRIDES]
fingerprint = dataset_fingerprint(dataset)
fw_key = framework_key(framework)

panels.story_choices(dataset, period)
options = options_widgets()
st.caption(f"Period: {md(spoken_period(period))} · Framework: {md(framework.name)}")

# Rebuilt only when the data, framework or overrides change: not for a tone or length change.
assignments = assigned_for(fingerprint, fw_key, dataset, framework, overrides)
sync_ratings(framework)
ratings = st.session_state[state.RATINGS]
level_readiness = readiness.current(dataset, framework, period)  # the rating argued from evidence
draft = _draft(
    fingerprint, fw_key, period, overrides_key(overrides), content_hash(options.as_dict()),
    content_hash(ratings), readiness.cache_key(framework), dataset, framework, assignments, options, ratings,
    level_readiness,
)
built_in, draft = draft, llm_polish.polished(draft)  # with the sections polished by the user's model
llm_polish.accepted_note(built_in)
tabs = st.tabs(["Preview", "Before you send it", "Left out", "Self-rating helper", "Recency audit"])
with tabs[0]:
    preview(draft)
with tabs[1]:
    panels.checklist(draft)
with tabs[2]:
    panels.left_out(draft)
with tabs[3]:
    rating_helper(draft, framework)
    readiness.rating_gaps(level_readiness, ratings)
with tabs[4]:
    audit(draft)

st.subheader("Download")
columns = st.columns(len(DOWNLOADS) + 1)
for column, (fmt, label, name, mime) in zip(columns, DOWNLOADS, strict=False):
    column.download_button(  # rendered on click, like the workbook: most reruns download nothing
        md(label), functools.partial(render, draft, fmt), file_name=name, mime=mime, key=f"dr_dl_{fmt}",
        on_click="ignore",
    )
for column, (fmt, label, name, mime) in zip(st.columns(len(CLEAN_DOWNLOADS)), CLEAN_DOWNLOADS, strict=True):
    column.download_button(
        md(label), functools.partial(render, draft, fmt, clean_copy=True), file_name=name, mime=mime,
        key=f"dr_clean_{fmt}", on_click="ignore", type="primary",
    )
# The workbook holds every item (seconds for a large year), so it is built only when clicked.
columns[-1].download_button(
    "Download everything as a spreadsheet (.xlsx)",
    functools.partial(write_workbook, dataset, {k: list(v) for k, v in overrides.items()}),
    file_name="advocate-workbook.xlsx",
    mime=XLSX_MIME,
    key="dr_dl_xlsx",
    on_click="ignore",
    help="Your stories, praise and competency choices: import it back into Advocate any time.",
)

llm_polish.polish_panel(built_in)  # optional: the user's own language model, off by default
