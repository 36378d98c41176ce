"""Competencies: the same evidence reused beyond the review: the promotion case, interview stories,
talking points for the conversation (with what the user wants next, in their own words) and an
About paragraph for LinkedIn or a cover letter. Files are rendered only when a download is clicked."""

from __future__ import annotations

import functools

import streamlit as st

from core.competencies.frameworks import framework_key
from core.writing.draft import in_period
from core.writing.exports import DOCX_MIME
from core.writing.interview import interview_docx, interview_markdown
from core.writing.promotion import promotion_docx, promotion_markdown
from core.writing.talking_points import about_paragraph, talking_docx, talking_markdown
from ui import readiness as rd
from ui import state
from ui.cache import dataset_fingerprint, overrides_key
from ui.memo import session_memo
from ui.safe import md

K_WANTS = "rd_wants"
K_ABOUT_OPEN = "rd_about_open"  # the About paragraph's expander is open: only then is it written
MD = "text/markdown"


def _utf8(render, *args) -> bytes:
    return render(*args).encode("utf-8")


def _download(column, label: str, render, name: str, mime: str, key: str) -> None:
    column.download_button(md(label), render, file_name=name, mime=mime, key=key, on_click="ignore")


def career_downloads(dataset, framework, period, chosen, result) -> None:
    """`result` is the level readiness (None before a level is picked: no promotion case then)."""
    st.subheader("Promotion case, interview stories and talking points")
    stories, praise = in_period(dataset, period)
    items = {i.id: i for i in [*stories, *praise]}
    ratings = dict(st.session_state.get(state.RATINGS) or {})
    if K_WANTS not in st.session_state:
        st.session_state[K_WANTS] = rd.settings().get("wants", "")
    st.text_area(
        "What I want next (for the talking points, in your own words)",
        key=K_WANTS,
        placeholder="A promotion, a raise, a bigger scope...",
        on_change=lambda: rd.update(wants=st.session_state.get(K_WANTS, "")),
    )
    wants = st.session_state.get(K_WANTS, "")
    columns = st.columns(3)
    if result is not None:
        _download(
            columns[0],
            "Promotion case (.docx)",
            functools.partial(promotion_docx, result, items),
            "promotion-case.docx",
            DOCX_MIME,
            "rd_dl_promo_docx",
        )
        _download(
            columns[0],
            "Promotion case (.md)",
            functools.partial(_utf8, promotion_markdown, result, items),
            "promotion-case.md",
            MD,
            "rd_dl_promo_md",
        )
    else:
        columns[0].caption("Pick your level above for the promotion case.")
    interview = ([*stories, *dataset.undated], chosen, framework.names)  # a story bank's undated ones too
    _download(
        columns[1],
        "Interview stories (.md)",
        functools.partial(_utf8, interview_markdown, *interview),
        "interview-stories.md",
        MD,
        "rd_dl_interview_md",
    )
    _download(
        columns[1],
        "Interview stories (.docx)",
        functools.partial(interview_docx, *interview),
        "interview-stories.docx",
        DOCX_MIME,
        "rd_dl_interview_docx",
    )
    talking = (stories, praise, ratings, result, wants)
    _download(
        columns[2],
        "Talking points (.docx)",
        functools.partial(talking_docx, *talking),
        "talking-points.docx",
        DOCX_MIME,
        "rd_dl_talk_docx",
    )
    _download(
        columns[2],
        "Talking points (.md)",
        functools.partial(_utf8, talking_markdown, *talking),
        "talking-points.md",
        MD,
        "rd_dl_talk_md",
    )
    about = st.expander("About paragraph for LinkedIn or a cover letter", key=K_ABOUT_OPEN, on_change="rerun")
    if not about.open:  # it ranks the period's stories by significance: 0.5 s at 50,000 + 50,000
        return
    key = (
        dataset_fingerprint(dataset),
        framework_key(framework),
        overrides_key(st.session_state.get(state.OVERRIDES)),
        period,
    )  # once per content
    text = session_memo("rd_about", key, lambda: about_paragraph(stories, chosen, framework.names))
    about.caption("Copy it with the icon.")
    about.code(text, language=None, wrap_lines=True)
