"""Draft page: polish a section with the user's own model, see what changed and what was not
kept, and accept it per section (core/llm/polish.py does the work and the checking).

Accepted sections live in the session key ACCEPTED ({section key: SectionPolish}); `polished()`
applies them to the draft the page shows and downloads. A section whose built-in text changed
(another option, new evidence) no longer matches its key and is shown built-in again.
"""

from __future__ import annotations

import streamlit as st

from core.llm.choose import choose_evidence
from core.llm.client import ModelError
from core.llm.polish import SectionPolish, apply_polish, polish_section, polishable, section_key, word_diff
from core.writing.document import Draft
from ui import llm
from ui.draft.panels import K_PINNED
from ui.safe import md

RESULTS = "llm_polish_results"  # session key: {section key: SectionPolish}, accepted or not
ACCEPTED = "llm_polish_accepted"  # session key: {section key: SectionPolish}
CHOICES = "llm_question_choices"  # session key: {question: Choice}
K_SECTION = "llm_section"
DIFF_MARKS = {"=": "{}", "-": "~~{}~~", "+": "**{}**"}


def polished(draft: Draft) -> Draft:
    """The draft with the sections the user accepted (the built-in draft when none)."""
    return apply_polish(draft, st.session_state.get(ACCEPTED) or {})


def accepted_note(draft: Draft) -> None:
    """Say which sections of the preview are the model's wording (accepted by the user)."""
    accepted = st.session_state.get(ACCEPTED) or {}
    headings = [s.heading for s in draft.sections if section_key(s) in accepted]
    if headings:
        st.caption(
            "Polished by your language model, accepted by you: "
            + ", ".join(f"“{md(h)}”" for h in headings)
            + ". To go back to the built-in text, pick the section at the bottom of the page."
        )


def polish_panel(draft: Draft) -> None:
    """The settings, then (when the model is on) one section at a time: polish, diff, accept."""
    settings = llm.settings_section()
    if settings is None:
        return
    sections = {section_key(s): s for s in draft.sections if polishable(s)}
    if not sections:
        st.caption("No section has paragraphs to polish.")
        return
    st.markdown("##### Polish a section")
    key = st.radio(
        "Section", list(sections), key=K_SECTION, horizontal=True,
        format_func=lambda k: md(sections[k].heading),
    )
    section = sections[key]
    results = st.session_state.setdefault(RESULTS, {})
    if st.button("Polish this section", key="llm_polish_go", type="primary"):
        out = llm.run_steps(
            f"Polishing “{section.heading}”",
            [lambda client: polish_section(client, draft, section)],
            settings,
        )
        if out and isinstance(out[0], SectionPolish):
            results[key] = out[0]
        elif out and isinstance(out[0], ModelError):
            results[key] = SectionPolish(key, section.heading, error=out[0].message)
    if key in results:
        _show(results[key])
    if draft.options.questions:
        _question_evidence(draft, settings)


def _show(result: SectionPolish) -> None:
    accepted = st.session_state.setdefault(ACCEPTED, {})
    if result.error:
        st.error(md(result.error + " The built-in text stays."))
        return
    for paragraph in result.paragraphs:
        if paragraph.polished is None:
            st.caption(md(f"Built-in paragraph kept. {paragraph.note}"))
            st.markdown(md(paragraph.original))
        else:
            diff = word_diff(paragraph.original, paragraph.polished)  # removed struck through, added bold
            st.markdown(" ".join(DIFF_MARKS[op].format(md(words)) for op, words in diff))
    rejected = result.rejected
    if rejected:
        with st.expander(f"What the model wrote that was not kept ({len(rejected)})"):
            for rejection in rejected:
                st.markdown(f"- “{md(rejection.sentence)}”: {md('; '.join(rejection.reasons))}")
    if not result.changed:
        st.info("Nothing to accept: the built-in text stays for this section.")
    elif result.key in accepted:
        st.success("The polished text is in your draft (preview and downloads).")
        if st.button("Back to the built-in text", key="llm_reject"):
            accepted.pop(result.key, None)
            st.rerun()
    elif st.button("Use the polished text for this section", key="llm_accept"):
        accepted[result.key] = result
        st.rerun()


def _question_evidence(draft: Draft, settings) -> None:
    """Use 3: the model picks the stories that answer each question; the user pins them or not."""
    st.markdown("##### Evidence for each question")
    candidates = [draft.items[i] for i in draft.top_stories if i in draft.items]
    choices = st.session_state.setdefault(CHOICES, {})
    if st.button("Ask my model which stories answer each question", key="llm_choose"):
        steps = [lambda client, q=q: choose_evidence(client, q, candidates) for q in draft.options.questions]
        for question, out in zip(draft.options.questions, llm.run_steps("Choosing evidence", steps, settings),
                                 strict=False):
            if isinstance(out, ModelError):
                st.error(md(out.message))
                break
            choices[question] = out
    for n, question in enumerate(draft.options.questions):
        choice = choices.get(question)
        if choice is None:
            continue
        names = [f"{md(i)} ({md(getattr(draft.items[i], 'title', ''))})" for i in choice.ids]
        st.markdown(f"**{md(question)}**: " + (", ".join(names) or md(choice.note)))
        if choice.rejected:
            st.caption(md("Not given to it, so ignored: " + ", ".join(choice.rejected)))
        if choice.ids:
            st.button("Pin these stories", key=f"llm_pin_{n}", on_click=_pin, args=(choice.ids,))


def _pin(ids: list[str]) -> None:
    st.session_state[K_PINNED] = list(dict.fromkeys([*(st.session_state.get(K_PINNED) or []), *ids]))
