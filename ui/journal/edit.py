"""Journal tab "Edit or delete": pick any item (a search box first above a thousand), change it
or delete it. A change builds a new item (dataclasses.replace), never edits the shared one."""

from __future__ import annotations

import dataclasses

import streamlit as st

from core.model import STORY_KINDS, Praise, Story
from core.store import journal
from ui import state
from ui.journal.common import IMPACTS, KIND_LABELS, commit, competency_names, dataset, impact_label
from ui.memo import Same, session_memo
from ui.picker import PICKER_ALL, pickable_ids
from ui.safe import md


def _label(item) -> str:
    words = item.title if isinstance(item, Story) else f"“{item.text}” {item.author}".strip()
    words = " ".join((words or item.text).split())
    return f"{item.id} · {item.date.isoformat()} · {words[:70]}{'…' if len(words) > 70 else ''}"


def _labels(current) -> dict[str, tuple[object, str]]:
    """{id: (item, label)}, newest first: the edit picker's options."""
    items = sorted(current.items, key=lambda i: (i.date, i.id), reverse=True)
    return {i.id: (i, _label(i)) for i in items}


def _story_fields(item: Story, framework) -> dict:
    title = st.text_input("Title", value=item.title)
    challenge = st.text_area("Challenge", value=item.challenge, height=80)
    action = st.text_area("Action", value=item.action, height=80)
    result = st.text_area("Result", value=item.result, height=80)
    description = item.description
    if item.description:
        description = st.text_area("Description", value=item.description, height=80)
    cols = st.columns(2)
    kind = cols[0].selectbox(
        "Win, struggle or lesson",
        STORY_KINDS,
        index=STORY_KINDS.index(item.story_kind) if item.story_kind in STORY_KINDS else 0,
        format_func=KIND_LABELS.get,
    )
    impact = cols[1].selectbox(
        "Impact (1-5)",
        IMPACTS,
        index=IMPACTS.index(item.impact) if item.impact in IMPACTS else 0,
        format_func=impact_label,
    )
    competencies = st.multiselect(
        "Competencies (from your input)",
        competency_names(framework, item.competencies),
        default=list(item.competencies),
    )
    return {
        "title": title.strip(),
        "challenge": challenge.strip(),
        "action": action.strip(),
        "result": result.strip(),
        "description": description.strip(),
        "story_kind": kind,
        "impact": impact,
        "competencies": tuple(competencies),
    }


def _praise_fields(item: Praise) -> dict:
    cols = st.columns(3)
    author = cols[0].text_input("From", value=item.author)
    role = cols[1].text_input("Their role", value=item.role)
    channel = cols[2].text_input("Channel", value=item.channel)
    text = st.text_area("Quote", value=item.text, height=120)
    return {"author": author.strip(), "role": role.strip(), "channel": channel.strip(), "text": text.strip()}


def edit_tab(framework) -> None:
    current = dataset()
    if not current.items:
        st.info("Nothing to edit yet: add a story or some praise first.")
        return
    labels = session_memo("journal_labels", Same(current), lambda: _labels(current))
    plain = {i: label for i, (_, label) in labels.items()}
    ids = pickable_ids(plain, "journal_edit_find", "journal_edit", "Find an item")
    if not ids:
        return
    if len(labels) > PICKER_ALL and st.session_state.get("journal_edit") not in ids:
        st.session_state.pop("journal_edit", None)  # the matches changed: start from the first
    chosen = st.selectbox("Item", ids, format_func=lambda i: labels[i][1], key="journal_edit")
    item = labels[chosen][0]
    origin = item.origin
    if origin is not None:
        where = (
            origin.file
            + (f", sheet {origin.sheet}" if origin.sheet else "")
            + (f", row {origin.row}" if origin.row else "")
        )
        st.caption(f"From {md(where)}.")
    with st.form(f"journal_edit_{item.id}"):
        date = st.date_input("Date", value=item.date, format="YYYY-MM-DD")
        fields = _story_fields(item, framework) if isinstance(item, Story) else _praise_fields(item)
        changes = {"date": date, **fields}
        saved = st.form_submit_button("Save changes", type="primary")
    if saved:
        if isinstance(item, Praise) and not changes["text"]:
            st.error("A quote cannot be empty; delete the item instead.")
        else:
            commit(
                journal.with_item(current, dataclasses.replace(item, **changes)),
                f"Saved changes to {item.id}.",
                f"Changed {item.id}",
            )
            st.rerun()

    confirm = st.checkbox(f"Yes, delete {md(item.id)}", key=f"journal_delete_confirm_{item.id}")
    if st.button(f"Delete {md(item.id)}", key=f"journal_delete_{item.id}", disabled=not confirm):
        overrides = dict(st.session_state.get(state.OVERRIDES) or {})
        overrides.pop(item.id, None)
        st.session_state[state.OVERRIDES] = overrides
        commit(journal.without_item(current, item.id), f"Deleted {item.id}.", f"Deleted {item.id}")
        st.rerun()
