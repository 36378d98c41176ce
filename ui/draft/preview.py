"""Draft page: the preview of the draft and its recency audit. User text is shown through
Markdown escaping only: no HTML is ever rendered."""

from __future__ import annotations

import streamlit as st

from core.writing.exports import appendix_lines, markdown_paragraph
from ui.safe import md


def preview(draft) -> None:
    st.markdown(f"#### {md(draft.title)}")
    for section in draft.all_sections:
        st.markdown(f"##### {md(section.heading)}")
        if section.rating:
            st.markdown(f"*My rating: {md(section.rating)}*")
        for paragraph in section.paragraphs:
            text = markdown_paragraph(paragraph, draft, escape=md)
            if paragraph.kind == "note":
                st.warning(text, icon=":material/info:")
            else:
                st.markdown(text)
        over = section.trimmed_from is not None
        st.caption(("Trimmed to fit: " if over else "") + md(section.count_label))
    st.markdown("##### Appendix: evidence cited")
    st.markdown("\n".join(f"- {md(label)} {md(text)}" for label, text in appendix_lines(draft)))


def audit(draft) -> None:
    st.markdown(md(draft.audit.statement))
    st.dataframe(
        [{"Quarter": q, "Citations": n} for q, n in draft.audit.quarters],
        hide_index=True,
    )


