"""Competencies: choose the framework in use, or bring one (a file or a pasted list).

The user's mapping choices are kept per framework while they switch between frameworks.
"""

from __future__ import annotations

import dataclasses
import functools
import re

import pandas as pd
import streamlit as st

from core.competencies.framework_sheet import framework_xlsx
from core.competencies.frameworks import (
    DEFAULT_FRAMEWORK,
    builtin_names,
    load_builtin,
    parse_framework,
    parse_pasted,
)
from core.digest import content_hash
from core.wording import COMPETENCY_EXPLAINED
from ui import state
from ui.safe import md

K_CHOICE = "comp_framework_choice"
K_PENDING = "comp_pending_choice"  # a framework just added: selected on the next run
K_UPLOAD = "comp_upload"
K_UPLOAD_SIG = "comp_upload_sig"
K_PROBLEMS = "comp_framework_problems"
K_PASTE, K_PASTE_NAME = "comp_paste", "comp_paste_name"
K_STORE = "comp_overrides_by_framework"  # {framework name: overrides}, kept while switching
K_SHOWN = "comp_framework_shown"  # the framework the current OVERRIDES belong to


def _options() -> dict[str, object]:
    """Display name -> Framework (built-ins loaded lazily as None)."""
    options: dict[str, object] = dict.fromkeys(builtin_names())
    options.update(st.session_state[state.CUSTOM_FRAMEWORKS])
    return options


def _current_name() -> str:
    framework = st.session_state.get(state.FRAMEWORK)
    return framework.name if framework is not None else DEFAULT_FRAMEWORK


def _use_framework(name: str) -> None:
    """Make `name` the framework in use; the user's overrides for each framework are kept apart."""
    previous = _current_name()
    if name == previous and st.session_state.get(state.FRAMEWORK) is not None:
        return
    custom = st.session_state[state.CUSTOM_FRAMEWORKS]
    framework = custom[name] if name in custom else load_builtin(name)
    store = st.session_state.setdefault(K_STORE, {})
    store[previous] = dict(st.session_state[state.OVERRIDES])
    if name in store:
        overrides = store[name]
    else:  # first visit: keep the choices that still name this framework's competencies
        names = set(framework.names)
        overrides = {k: v for k, v in st.session_state[state.OVERRIDES].items() if v and set(v) <= names}
    st.session_state[state.OVERRIDES] = dict(overrides)
    st.session_state[state.FRAMEWORK] = framework
    st.session_state[K_SHOWN] = name


def _add_custom(framework, source: str, name: str | None = None) -> None:
    """Offer the user's framework under its own name (a built-in's name gets " (yours)")."""
    custom = st.session_state[state.CUSTOM_FRAMEWORKS]
    name = (name if name is not None else framework.name).strip() or "My framework"
    if name in builtin_names():
        name = f"{name} (yours)"
    custom[name] = dataclasses.replace(framework, name=name)
    st.session_state[K_PENDING] = name
    st.session_state[K_PROBLEMS] = (source, st.session_state.get(K_PROBLEMS, (None, []))[1])


def _upload_tab() -> None:
    st.caption(
        "Upload your list of skills or values as a spreadsheet (Excel, LibreOffice or CSV) with a "
        "`competency` column and, if you have them, `description`, `level`, `expectation` and "
        "`keywords` (separated by `;`). Easiest: download one of ours below the list, edit it, "
        "upload it here. A YAML file works too, or paste the list in the next tab."
    )
    upload = st.file_uploader(
        "Your list of skills or values",
        type=["xlsx", "xlsm", "xls", "ods", "csv", "tsv", "yaml", "yml", "txt"],
        key=K_UPLOAD,
    )
    if upload is None:
        return
    data = upload.getvalue()
    sig = content_hash(upload.name, data)
    if st.session_state.get(K_UPLOAD_SIG) != sig:
        st.session_state[K_UPLOAD_SIG] = sig
        framework, problems = parse_framework(upload.name, data)
        st.session_state[K_PROBLEMS] = (upload.name, problems)
        if framework is not None:
            _add_custom(framework, upload.name)
            st.rerun()


def _paste_tab() -> None:
    st.text_input("Name", value="My framework", key=K_PASTE_NAME)
    st.text_area(
        "One skill or value per line, `Name: description`",
        key=K_PASTE,
        placeholder="Communication: explains clearly, in writing and in person\nOwnership: ...",
    )
    if st.button("Use this list", key="comp_paste_use"):
        framework, problems = parse_pasted(st.session_state.get(K_PASTE, ""))
        st.session_state[K_PROBLEMS] = ("pasted text", problems)
        if framework is not None:
            _add_custom(framework, "pasted text", st.session_state.get(K_PASTE_NAME) or "My framework")
            st.rerun()


def _problems() -> None:
    source, problems = st.session_state.get(K_PROBLEMS, (None, []))
    if not problems:
        return
    errors = sum(p.severity == "error" for p in problems)
    (st.error if errors else st.warning)(
        f"{md(source)}: {errors} error(s), {len(problems) - errors} warning(s). "
        "Rows with errors were not used."
    )
    columns = ("file", "row", "column", "severity", "message")
    st.dataframe(
        pd.DataFrame([{c: getattr(p, c) for c in columns} for p in problems]), hide_index=True
    )


def framework_picker() -> None:
    if st.session_state.get(K_PENDING):
        st.session_state[K_CHOICE] = st.session_state.pop(K_PENDING)
    options = list(_options())
    current = _current_name()
    if current not in options:
        current = DEFAULT_FRAMEWORK
    if st.session_state.get(K_CHOICE) not in options:
        st.session_state[K_CHOICE] = current
    choice = st.selectbox(
        "Framework: the skills and values you are reviewed on", options, key=K_CHOICE,
        help=COMPETENCY_EXPLAINED + " Pick the one closest to yours, or bring your own below.",
    )  # fmt: skip
    _use_framework(choice)
    framework = st.session_state[state.FRAMEWORK]
    st.download_button(  # built on click: most reruns download nothing
        "Download it as a spreadsheet to edit",
        functools.partial(framework_xlsx, framework),
        file_name=re.sub(r"[^\w-]+", "_", framework.name).strip("_") + ".xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="comp_framework_download",
        on_click="ignore",
        icon=":material/download:",
        help="Rename, rewrite or add rows in Excel or Sheets, then upload it under "
        "'Use your own list' to make it yours (the company values starter is made for this).",
    )

    with st.expander("Use your own list of skills or values"):
        upload_tab, paste_tab = st.tabs(["Upload a spreadsheet", "Paste a list"])
        with upload_tab:
            _upload_tab()
        with paste_tab:
            _paste_tab()
        _problems()
