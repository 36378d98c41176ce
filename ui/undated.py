"""Stories without a date, listed apart (Import and Timeline) and placed by giving each a month.

They stay out of every period figure until dated (core keeps them in Dataset.undated); the
workbook export keeps them. A month typed as "2026-05", "May 2026", "5/2026" or "Q2 2026" is
read by the importer's own date reader, so the app and files agree on what a date is.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from core.ingest.dates import parse_column
from core.model import Dataset, Story
from ui import state
from ui.safe import md

SHOWN = 50  # a story bank of hundreds: the first ones here, all of them in the workbook export


def headline(story: Story) -> str:
    text = story.title or story.challenge or story.action or story.result or story.description
    first = " ".join(text.split())
    return first[:90] + ("…" if len(first) > 90 else "")


def place(dataset: Dataset, months: dict[str, str]) -> tuple[Dataset, list[str]]:
    """Move the stories given a month into the dated stories; (new dataset, what could not be read)."""
    moved, problems = {}, []
    for story_id, text in months.items():
        if not text.strip():
            continue
        read = parse_column([text], "month")
        if read.dates[0] is None:
            problems.append(f"{story_id}: '{text.strip()}' is not a month we can read (try 2026-05).")
            continue
        precision = read.precision.get(0, "day")
        moved[story_id] = (read.dates[0], precision)
    if not moved:
        return dataset, problems
    placed = [
        dataclasses.replace(s, date=moved[s.id][0], date_precision=moved[s.id][1])
        for s in dataset.undated
        if s.id in moved
    ]
    left = [s for s in dataset.undated if s.id not in moved]
    return dataclasses.replace(dataset, stories=[*dataset.stories, *placed], undated=left), problems


def render_undated(where: str) -> None:
    """The undated stories of the working set, each with a month to type; `where` keys the widgets."""
    dataset: Dataset | None = st.session_state.get(state.DATASET)
    if dataset is None or not dataset.undated:
        return
    count = len(dataset.undated)
    noun = "story has" if count == 1 else "stories have"
    st.warning(
        f"{count} {noun} no date: give each a month to place it on the Timeline. Until then they "
        "count in no period figure, and exports keep them.",
        icon=":material/event_busy:",
    )
    with st.form(f"undated_{where}"), st.expander(f"Stories without a date ({count})", expanded=count <= 5):
        months = {}
        for story in dataset.undated[:SHOWN]:
            left, right = st.columns([3, 1])
            left.markdown(f"**{md(story.id)}** · {md(headline(story))}")
            months[story.id] = right.text_input(
                md(f"Month for {story.id}"), key=f"undated_{where}_{story.id}", placeholder="2026-05",
                label_visibility="collapsed",
            )  # fmt: skip
        if count > SHOWN:
            st.caption(f"The first {SHOWN} are shown; the workbook export lists all {count}.")
        submitted = st.form_submit_button("Place on the Timeline", type="primary")
    if submitted:
        updated, problems = place(dataset, months)
        for problem in problems:
            st.error(md(problem))
        if updated is not dataset:
            st.session_state[state.DATASET] = updated
            st.rerun()
