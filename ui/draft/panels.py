"""The Draft page's panels: "before you send it" and the left-out stories with pin / leave out
(the preview, audit and rating helper are in ui/draft/). Streamlit glue only; the draft is built in core/.

User text reaches Markdown only through `ui.safe.md`.
"""

from __future__ import annotations

import streamlit as st

from core.wording import size_words
from core.writing.document import plural
from ui import state
from ui.safe import inert, md

K_PINNED, K_LEFT_OUT = "dr_pinned", "dr_left_out"


def checklist(draft) -> None:
    """Notes for the user, never in the exported documents."""
    if not draft.checklist:
        st.success("Nothing to check: every section has evidence behind it.")
        return
    st.markdown("\n".join(f"- {md(item)}" for item in draft.checklist))


def story_choices(dataset, period) -> None:
    """Pin a story ("must be in") or leave one out; saved with the draft options (workspace)."""
    stories = {s.id: s for s in dataset.stories if period.contains(s.date) and s.story_kind == "win"}
    stored = st.session_state.get(state.DRAFT_OPTIONS) or {}
    for key, field in ((K_PINNED, "pinned"), (K_LEFT_OUT, "left_out")):
        if key not in st.session_state:
            st.session_state[key] = [i for i in stored.get(field) or [] if i in stories]
        else:
            st.session_state[key] = [i for i in st.session_state[key] if i in stories]

    def name(item_id: str) -> str:
        story = stories[item_id]
        return md(f"{item_id}: {story.title or story.action[:60]}")

    left, right = st.columns(2)
    left.multiselect("Pin: must be in the draft", list(stories), key=K_PINNED, format_func=name)
    right.multiselect("Leave out of the draft", list(stories), key=K_LEFT_OUT, format_func=name)


def chosen_stories() -> tuple[list[str], list[str]]:
    pinned = list(st.session_state.get(K_PINNED) or [])
    return pinned, [i for i in st.session_state.get(K_LEFT_OUT) or [] if i not in pinned]


def left_out(draft) -> None:
    if not draft.left_out:
        st.caption("Every win of the period is in the draft.")
        return
    st.caption(f"{md(plural(len(draft.left_out), 'story', 'stories'))} not told, strongest first. "
               "Pin one above to bring it in.")
    st.dataframe(
        # a table shows text as it is (no Markdown): inert, not escaped
        [{"Story": inert(x.id), "Title": inert(x.title), "How big": size_words(x.significance),
          "Why": inert(x.why)}
         for x in draft.left_out],
        hide_index=True,
    )
