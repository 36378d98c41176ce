"""Import page: reading uploads into the working set, and the steps that ask the user something
a file does not say (which column is which, which year "July" is)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterator

import streamlit as st

from core.digest import content_hash
from core.ingest.importer import mapping_fields
from core.ingest.report import report_to_dict
from ui import state
from ui.cache import gc_paused, load_files
from ui.merging import merge_dataset
from ui.safe import md

NONE = "(none)"
PROGRESS_FROM_BYTES = 500_000  # uploads this big take about a second or more to read: a progress bar
INCLUDE_HIDDEN = "import_include_hidden"  # session key: read hidden sheets too (the user ticked it)
HIDDEN_READ = "import_hidden_read"  # session key: whether the last reading included hidden sheets
FIELD_LABELS = {
    "date": "Date (required)",
    "text": "Quote / feedback text (required)",
    "from": "From (who said it)",
    "description": "Description (or challenge / action / result)",
    "noticed_by": "Who noticed",
    "lesson": "Lesson learned",
    "theme": "Theme or skill (a hint)",
    "organisation": "Organisation",
}


def signature(files: tuple[tuple[str, bytes], ...]) -> str:
    """The uploads' content hash: parse once per upload, whatever the widgets do."""
    return content_hash(*(part for name, data in files for part in (name, data)))


def apply_import(files: tuple[tuple[str, bytes], ...], mapping: dict) -> None:
    """Parse (cached) and put the result in session state; a new upload replaces the sample."""
    period = st.session_state.get(state.PERIOD)
    span = (period.start, period.end) if period is not None else None
    years = dict(st.session_state.get(state.IMPORT_YEARS) or {}) or None
    hidden = bool(st.session_state.get(INCLUDE_HIDDEN))
    st.session_state[HIDDEN_READ] = hidden
    read_as = dict(st.session_state.get(state.READ_AS) or {}) or None
    big = sum(len(data) for _, data in files) >= PROGRESS_FROM_BYTES
    bar = st.progress(0.1, text=f"Reading {len(files)} file{'s' if len(files) > 1 else ''}…") if big else None
    report = load_files(files, mapping or None, years, span, hidden, read_as)
    if bar is not None:
        bar.progress(0.7, text=f"Adding {len(report.items):,} items to your working set…")
    names = {name for name, _ in files}
    if st.session_state.get(state.IMPORT_REPORT) is not None and names <= {
        f.file for f in st.session_state[state.IMPORT_REPORT].files
    }:  # the same upload read again with new answers: its rows are replaced, not merged as changes
        _drop_rows_from(names)
    st.session_state[state.LOAD_REPORT] = report_to_dict(report)  # saved with the merge: kept after a reload
    with gc_paused(kept=True):  # the merge and its save allocate as much again as the reading
        # replaces the sample, or merges into the user's own (the file's Mapping too), naming the
        # files as the source before it saves: a second save at the run's end only to write the
        # new source cost the upload 0.05-0.1 s at 10,000 + 10,000
        merge_dataset(report, ", ".join(name for name, _ in files))
    st.session_state[state.IMPORT_REPORT] = report
    if bar is not None:
        bar.empty()


def _drop_rows_from(names: set[str]) -> None:
    dataset = st.session_state.get(state.DATASET)
    if dataset is None:
        return

    def keep(items):
        return [i for i in items if not (i.origin and i.origin.file in names)]

    st.session_state[state.DATASET] = dataclasses.replace(
        dataset, stories=keep(dataset.stories), praise=keep(dataset.praise), undated=keep(dataset.undated)
    )


def _answer(files, setting: str, file: str, value) -> None:
    """Keep the user's answer for `file` in the `setting` dict, then read the files again with it."""
    answers = dict(st.session_state.get(setting) or {})
    answers[file] = value
    st.session_state[setting] = answers
    apply_import(files, st.session_state.get(state.COLUMN_MAPPING) or {})
    st.rerun()


@contextlib.contextmanager
def _asking(step: str, status, files, question: str) -> Iterator[str]:
    """A box asking the user about one file (its name in bold, then `question`); yields the key
    prefix of the box's widgets, unique to this upload and file."""
    with st.container(border=True):
        st.warning(f"**{md(status.file)}**{md(question)}")  # our words: md() leaves them as they are
        yield f"{step}_{signature(files)[:8]}_{status.file}"


def mapping_step(status, files) -> None:
    """Let the user say which column is which for a file whose headers were not recognised."""
    question = ": Advocate couldn't tell which column holds what. Pick the columns below to load it."
    with _asking("map", status, files, question) as key:
        kinds = ["story", "praise"]
        kind = st.radio(
            "These rows are",
            kinds,
            index=kinds.index(status.needs_mapping or "story"),
            format_func={"story": "Stories (things I did)", "praise": "Praise (what others said)"}.get,
            horizontal=True,
            key=f"{key}_kind",
        )
        options = [NONE, *status.columns]
        chosen = {}
        columns = st.columns(3)
        for index, field in enumerate(mapping_fields(kind)):
            label = FIELD_LABELS.get(field, field.capitalize())
            value = columns[index % 3].selectbox(md(label), options, key=f"{key}_{kind}_{field}")
            if value != NONE:
                chosen[field] = value
        if st.button("Load with these columns", key=f"{key}_go", type="primary"):
            needed = ("text",) if kind == "praise" else ("challenge", "action", "result", "description")
            if "date" not in chosen or not any(f in chosen for f in needed):
                need = "the quote" if kind == "praise" else "a challenge, action, result or description"
                st.error(f"Pick at least the date column and {need}.")
                return
            _answer(files, state.COLUMN_MAPPING, status.file, chosen)


def year_step(status, files) -> None:
    """Ask once which year a file's "July" and "Q3" are, when nothing in it fixes the year."""
    question = (
        " has dates without a year (such as 'July' or 'Q3') and nothing in the file says which year "
        "they are. Which year are these?"
    )
    with _asking("year", status, files, question) as key:
        year = st.number_input(
            "Year", min_value=1990, max_value=2100, value=dt.date.today().year, step=1, key=f"{key}_year"
        )
        if st.button("Use this year", key=f"{key}_go", type="primary"):
            _answer(files, state.IMPORT_YEARS, status.file, int(year))


def rerun_import() -> None:
    """Read the current uploads again with every answer given so far."""
    files = st.session_state.get(state.UPLOADS)
    if files:
        apply_import(files, st.session_state.get(state.COLUMN_MAPPING) or {})


def hidden_sheets_step(report) -> None:
    """Hidden sheets were skipped: one tick reads them too."""
    hidden = [(s.file, name) for s in report.files for name in s.hidden_sheets]
    if not hidden or not st.session_state.get(state.UPLOADS):
        return
    names = ", ".join(f"'{name}' ({file})" for file, name in hidden)
    wanted = st.checkbox(md(f"Include hidden sheets: {names}"), key=INCLUDE_HIDDEN)
    if wanted != bool(st.session_state.get(HIDDEN_READ)):
        rerun_import()
        st.rerun()
