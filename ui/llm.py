"""The user's own language model: its settings section and the progress-and-cancel runner the
uses share (ui/llm_polish.py on the Draft page, ui/llm_opinion.py on Competencies).

Off by default. Settings live in the plain session key SETTINGS (widget values vanish on page
switches) and are never written to disk. On a shared server the section only says the model is
off unless the operator allowed it (core.llm.settings.allowed_here).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import streamlit as st

from core.llm.client import ChatClient, ModelError
from core.llm.settings import SHARED_OFF, ModelSettings, allowed_here, where_it_goes
from ui.safe import md
from ui.saving import is_shared

SETTINGS = "llm_settings"  # session key: ModelSettings.as_dict()
K_ON, K_URL, K_MODEL, K_TIMEOUT, K_REMOTE = "llm_on", "llm_url", "llm_model", "llm_timeout", "llm_remote"
K_CANCEL = "llm_cancel"
TITLE = "Your own language model (optional)"


def current() -> ModelSettings:
    return ModelSettings(**(st.session_state.get(SETTINGS) or {}))


def settings_section() -> ModelSettings | None:
    """The settings expander; the settings when the model is on and may be used, else None."""
    with st.expander(TITLE, expanded=bool(current().enabled)):
        if not allowed_here(is_shared()):
            st.info(SHARED_OFF)
            return None
        stored = current()
        for key, value in ((K_ON, stored.enabled), (K_URL, stored.base_url), (K_MODEL, stored.model),
                           (K_TIMEOUT, int(stored.timeout)), (K_REMOTE, stored.allow_remote)):
            st.session_state.setdefault(key, value)
        st.caption(
            "Polish your draft's wording with a model you run yourself (Ollama, LM Studio, llama.cpp). "
            "Every sentence it writes is checked against your evidence: a figure, date, name or "
            "citation that is not in it is dropped, and you accept each section yourself."
        )
        st.toggle("Use my own language model", key=K_ON)
        left, right = st.columns(2)
        left.text_input("Address (OpenAI-compatible, ending in /v1)", key=K_URL)
        right.text_input("Model name", key=K_MODEL, help="As your server names it, e.g. llama3.2 in Ollama")
        left.number_input("Seconds to wait for an answer", min_value=5, max_value=600, step=5, key=K_TIMEOUT)
        right.checkbox("Allow a model on another machine", key=K_REMOTE)
        settings = ModelSettings(
            enabled=bool(st.session_state[K_ON]),
            base_url=str(st.session_state[K_URL]).strip(),
            model=str(st.session_state[K_MODEL]).strip(),
            timeout=float(st.session_state[K_TIMEOUT]),
            allow_remote=bool(st.session_state[K_REMOTE]),
        )
        st.session_state[SETTINGS] = settings.as_dict()
        if settings.remote and settings.allow_remote:
            st.warning(md(where_it_goes(settings)), icon=":material/public:")
        else:
            st.caption(md(where_it_goes(settings)))
        if st.button("Test connection", key="llm_test"):
            _test_connection(settings)
    return settings if settings.enabled else None


def _test_connection(settings: ModelSettings) -> None:
    try:
        models = ChatClient(settings.endpoint).models()
    except ModelError as exc:
        st.error(md(exc.message))
        return
    listed = ", ".join(models[:8]) + (" ..." if len(models) > 8 else "") or "none listed"
    st.success(md(f"Connected to {settings.endpoint.host}: {len(models)} model(s): {listed}."))
    named = settings.model in models or any(m.startswith(settings.model + ":") for m in models)
    if models and not named:
        st.warning(md(f"“{settings.model}” is not one of them: check the model name."))


def run_steps(label: str, steps: list[Callable[[ChatClient], object]], settings: ModelSettings) -> list:
    """Run each step with one client, showing progress and a Cancel button.

    The calls run in a worker thread while this script thread updates the progress bar: a click
    on Cancel starts a new run, which stops this one at its next update, and the `finally` sets
    the client's cancel flag so the worker stops waiting for the model. Results are the steps'
    return values, or the ModelError that stopped them (the remaining steps are not run).
    """
    cancel = threading.Event()
    client = ChatClient(settings.endpoint, cancel)
    results: list = []

    def work() -> None:
        for step in steps:
            try:
                results.append(step(client))
            except ModelError as exc:
                results.append(exc)
                return

    stop = st.empty()  # the Cancel button, gone once the calls are done
    stop.button("Cancel", key=K_CANCEL, help="Stop waiting for the model: the built-in text stays")
    bar = st.progress(0.0, text=md(label))
    worker = threading.Thread(target=work, daemon=True, name="advocate-model-steps")
    started = time.monotonic()
    try:
        worker.start()
        while worker.is_alive():
            worker.join(0.25)
            done = len(results)
            bar.progress(min(done / max(len(steps), 1), 1.0),
                         text=md(f"{label}: {done} of {len(steps)} done, {time.monotonic() - started:.0f} s"))
    finally:
        cancel.set()  # a Cancel click (a new run) lands here too: the worker stops waiting
    bar.empty()
    stop.empty()
    return results
