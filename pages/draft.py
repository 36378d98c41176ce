"""Draft: the self-evaluation built from the evidence, with its options, preview and downloads.

Options live in the plain session key ui.state.DRAFT_OPTIONS and ratings in ui.state.RATINGS
(widget values vanish on page switches), and widgets are re-seeded from them on each visit.
The draft and its exports are cached by content (data fingerprint, framework, period, mapping,
options, ratings), so moving between pages or tabs does not rebuild them. User text is shown
through Markdown escaping only: no HTML is ever rendered.
"""

from __future__ import annotations

import functools
import json

import streamlit as st

from core.analysis.period import default_period
from core.competencies.frameworks import DEFAULT_FRAMEWORK, framework_key, load_builtin
from core.model import Dataset
from core.writing.draft import LENGTHS, TONES, DraftOptions, build_draft, plural
from core.writing.exports import DOCX_MIME, XLSX_MIME, markdown_paragraph, md_escape, render
from core.writing.workbook import write_workbook
from ui import state
from ui.cache import assignments as assigned_for
from ui.cache import dataset_fingerprint, overrides_key

TONE_LABELS = {
    "numbers": "Numbers first (results, figures)",
    "story": "Story first (challenge, action, result)",
}
LENGTH_LABELS = {"brief": "Brief", "standard": "Standard", "detailed": "Detailed"}
NOT_RATED = "(not rated yet)"
K_TONE, K_LENGTH, K_WORDS, K_CHARS = "dr_tone", "dr_length", "dr_words", "dr_chars"
K_QUESTIONS = "dr_questions"
DOWNLOADS = (
    # (format, button label, file name, mime)
    ("docx", "Download .docx", "self-evaluation.docx", DOCX_MIME),
    ("md", "Download .md", "self-evaluation.md", "text/markdown"),
    ("txt", "Download .txt", "self-evaluation.txt", "text/plain"),
    ("bullets", "Download resume bullets (.txt)", "resume-bullets.txt", "text/plain"),
)


@st.cache_resource(show_spinner=False, max_entries=16)
def _draft(fingerprint: str, fw_key: str, period, overrides_key: str, options_key: str, ratings_key: str,
           _dataset, _framework, _assignments):
    """The draft for one content state (exports are rendered when a download is clicked).

    A resource, not cache_data: a hit returns the same read-only Draft instead of unpickling it
    and four rendered files on every rerun. The assignments follow from the data, the framework
    and the overrides, so the (small) overrides key them instead of 20,000 ids.
    """
    options = DraftOptions.from_dict(json.loads(options_key))
    evidence, strengths = _in_period(fingerprint, period, _dataset)
    return build_draft(evidence, _framework, _assignments, period, options, json.loads(ratings_key),
                       strengths=strengths)


@st.cache_resource(show_spinner=False, max_entries=4)
def _in_period(fingerprint: str, period, _dataset) -> tuple[Dataset, dict]:
    """(the period's stories and praise, {story id: score_story(story)} for those stories).

    build_draft reads only the period's evidence, and scores each story on its own words when
    no strengths are given: doing both once per (data, period) instead of on every option change
    gives the same draft from 20,000 items in a fraction of the time.
    """
    from core.analysis.strength import score_story

    stories = [s for s in _dataset.stories if period.contains(s.date)]
    praise = [p for p in _dataset.praise if period.contains(p.date)]
    return Dataset(stories=stories, praise=praise), {s.id: score_story(s) for s in stories}


def _key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


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


def _options_widgets() -> DraftOptions:
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
    options = DraftOptions(
        tone=st.session_state[K_TONE],
        length=st.session_state[K_LENGTH],
        word_limit=int(st.session_state[K_WORDS]) or None,
        char_limit=int(st.session_state[K_CHARS]) or None,
        questions=questions or None,
    )
    st.session_state[state.DRAFT_OPTIONS] = options.as_dict()
    return options


def _preview(draft) -> None:
    st.markdown(f"#### {md_escape(draft.title)}")
    for section in draft.all_sections:
        st.markdown(f"##### {md_escape(section.heading)}")
        if section.rating:
            st.markdown(f"*My rating: {md_escape(section.rating)}*")
        for paragraph in section.paragraphs:
            text = markdown_paragraph(paragraph, draft)
            if paragraph.kind == "note":
                st.warning(text, icon=":material/info:")
            else:
                st.markdown(text)
        over = section.trimmed_from is not None
        st.caption(("Trimmed to fit: " if over else "") + section.count_label)
    st.markdown("##### Appendix: evidence cited")
    from core.writing.exports import appendix_lines

    st.markdown("\n".join(f"- {md_escape(label)} {md_escape(text)}" for label, text in appendix_lines(draft)))


def _audit(draft) -> None:
    st.markdown(md_escape(draft.audit.statement))
    st.dataframe(
        [{"Quarter": q, "Citations": n} for q, n in draft.audit.quarters],
        hide_index=True,
    )


def _rating_key(competency: str) -> str:
    return f"dr_rating::{competency}"


def _sync_ratings(framework) -> None:
    """Copy the rating selectboxes' values into ui.state.RATINGS before the draft is built, so a
    rating picked on this run already shows in the preview and the downloads."""
    ratings = st.session_state[state.RATINGS]
    for competency in framework.names:
        choice = st.session_state.get(_rating_key(competency))
        if choice == NOT_RATED:
            ratings.pop(competency, None)
        elif choice is not None:
            ratings[competency] = choice


def _rating_helper(draft, framework) -> None:
    if not draft.helpers:
        st.info("The self-rating helper works per competency: clear the questions box to see it.")
        return
    levels = list(framework.levels) or list(
        dict.fromkeys(level for c in framework.competencies for level in c.expectations)
    )
    st.caption("The app shows the evidence; the rating is yours to choose.")
    ratings = st.session_state[state.RATINGS]
    for helper in draft.helpers:
        with st.container(border=True):
            st.markdown(f"**{md_escape(helper.competency)}**")
            facts, expectations = st.columns([2, 3])
            strength = ", ".join(f"{n} {level}" for level, n in helper.strength.items() if n) or "none"
            spread = ", ".join(f"{q}: {n}" for q, n in helper.quarters)
            evidence = f"{plural(helper.stories, 'story', 'stories')}, {plural(helper.praise, 'quote')}"
            facts.markdown(
                f"- Evidence: {evidence}\n"
                f"- Story strength: {strength} (average {helper.mean_strength:.2f})\n"
                f"- Quarters with evidence: {helper.spread} of {len(helper.quarters)} ({md_escape(spread)})"
            )
            key = _rating_key(helper.competency)
            options = [NOT_RATED, *levels]
            current = ratings.get(helper.competency)
            if key not in st.session_state or st.session_state[key] not in options:
                st.session_state[key] = current if current in options else NOT_RATED
            facts.selectbox("My rating", options, key=key)
            with expectations:
                for level, texts in helper.expectations.items():
                    st.markdown(f"**{md_escape(level)}**\n" + "\n".join(f"- {md_escape(t)}" for t in texts))


dataset = state.require_data()
st.title("Draft")
st.caption("Every sentence comes from your evidence and cites it, like [S12, Mar 2026].")

period = st.session_state.get(state.PERIOD) or default_period([item.date for item in dataset.items])
framework = st.session_state.get(state.FRAMEWORK) or load_builtin(DEFAULT_FRAMEWORK)
overrides = st.session_state[state.OVERRIDES]
fingerprint = dataset_fingerprint(dataset)
fw_key = framework_key(framework)

options = _options_widgets()
st.caption(f"Period: {md_escape(period.label)} · Framework: {md_escape(framework.name)}")

# Rebuilt only when the data, framework or overrides change: not for a tone or length change.
assignments = assigned_for(fingerprint, fw_key, dataset, framework, overrides)
_sync_ratings(framework)
ratings = st.session_state[state.RATINGS]
draft = _draft(
    fingerprint, fw_key, period, overrides_key(overrides), _key(options.as_dict()), _key(ratings),
    dataset, framework, assignments,
)
preview_tab, rating_tab, audit_tab = st.tabs(["Preview", "Self-rating helper", "Recency audit"])
with rating_tab:
    _rating_helper(draft, framework)
with preview_tab:
    _preview(draft)
with audit_tab:
    _audit(draft)

st.subheader("Download")
columns = st.columns(len(DOWNLOADS) + 1)
for column, (fmt, label, name, mime) in zip(columns, DOWNLOADS, strict=False):
    column.download_button(  # rendered on click, like the workbook: most reruns download nothing
        label, functools.partial(render, draft, fmt), file_name=name, mime=mime, key=f"dr_dl_{fmt}",
        on_click="ignore",
    )
# The workbook holds every item (seconds for a large year), so it is built only when clicked.
columns[-1].download_button(
    "Download workbook (.xlsx)",
    functools.partial(write_workbook, dataset, {k: list(v) for k, v in overrides.items()}),
    file_name="advocate-workbook.xlsx",
    mime=XLSX_MIME,
    key="dr_dl_xlsx",
    on_click="ignore",
    help="Your stories, praise and competency choices: import it back into Advocate any time.",
)
