"""Accepting a polished section, per section: what the preview and the downloads then say, and
what they keep (citations, quotes, the built-in text of every other section)."""

from __future__ import annotations

import json

import pytest

from core.llm.polish import apply_polish, check_rewrite, polishable, section_key
from core.llm.settings import SHARED_OFF
from core.llm.verify import Evidence
from core.model import Dataset
from core.writing.exports import render
from tests.llm.llm_support import STORIES, serve

SUMMARY = ("In March I rewrote the batch to run in parallel (8 workers). In September I fixed the 6 worst "
           "tests (red builds from 20% to 3%).")
REWRITE = ("I rewrote the batch to run in parallel (8 workers) in March, and in September I fixed the "
           "6 worst tests (red builds from 20% to 3%).")


def _draft(**options):
    from core.analysis.period import parse_period
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
    from core.competencies.mapping import assigned, map_items
    from core.writing.draft import build_draft

    dataset = Dataset(stories=STORIES, praise=[])
    framework = load_builtin(DEFAULT_FRAMEWORK)
    period = parse_period("2026", [s.date for s in STORIES])
    from core.writing.document import DraftOptions

    assigned_to = assigned(map_items(STORIES, framework), {})
    return build_draft(dataset, framework, assigned_to, period, DraftOptions(**options))


def test_an_accepted_section_reaches_the_downloads_with_its_citations():
    from core.llm.polish import SectionPolish

    draft = _draft()
    summary = draft.sections[0]
    assert summary.paragraphs[0].body == SUMMARY
    result = SectionPolish(section_key(summary), summary.heading,
                           [check_rewrite(SUMMARY, REWRITE, Evidence([SUMMARY], ["S1", "S2"]))])
    assert result.changed
    text = render(apply_polish(draft, {result.key: result}), "txt").decode()
    assert REWRITE + " [S1, Mar 2026] [S2, Sep 2026]" in text
    assert SUMMARY not in text
    assert SUMMARY in render(draft, "txt").decode()  # the built-in draft itself is unchanged
    stale = SectionPolish("another draft's section", summary.heading, result.paragraphs)
    assert SUMMARY in render(apply_polish(draft, {stale.key: stale}), "txt").decode()
    assert all(polishable(s) or s.role != "summary" for s in draft.sections)


def test_an_accepted_section_is_cut_to_the_forms_word_limit_like_the_built_in_one():
    from core.llm.polish import ParagraphPolish, SectionPolish

    words = _draft().sections[0].words
    draft = _draft(word_limit=words + 2)  # the built-in summary fits
    summary = draft.sections[0]
    assert summary.trimmed_from is None and summary.paragraphs[0].body == SUMMARY
    longer = REWRITE + " Settlement finishes by 3am, and red builds went from 20% to 3%."
    result = SectionPolish(section_key(summary), summary.heading, [ParagraphPolish(SUMMARY, longer)])
    after = apply_polish(draft, {result.key: result}).sections[0]
    assert after.trimmed_from is not None and after.words <= words + 2
    assert after.paragraphs[0].body == REWRITE  # cut at the sentence boundary


def test_draft_page_accept_per_section_and_back(app):
    from ui import state

    reply = {"choices": [{"message": {"role": "assistant", "content": REWRITE}}]}
    server, _, url = serve(reply=(200, {}, json.dumps(reply).encode()))
    try:
        app.session_state[state.DATASET] = Dataset(stories=STORIES, praise=[])
        at = app.switch_page("pages/draft.py").run()
        at.toggle(key="llm_on").set_value(True)
        at = at.text_input(key="llm_url").set_value(url + "/v1").run()
        at = at.button(key="llm_polish_go").click().run()
        assert any("~~" in m.value or "**" in m.value for m in at.markdown)  # the diff
        at = at.button(key="llm_accept").click().run()
        assert any(m.value.startswith(REWRITE) for m in at.markdown)  # the preview now says it
        assert any("The polished text is in your draft" in s.value for s in at.success)
        assert any(c.value.startswith("Polished by your language model, accepted by you: “")
                   and "in brief”" in c.value for c in at.caption)
        at = at.button(key="llm_reject").click().run()
        assert not any(m.value.startswith(REWRITE) for m in at.markdown)
        assert any(m.value.startswith(SUMMARY) for m in at.markdown)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("env", "offered"),
    [
        ({}, True),
        ({"ADVOCATE_SHARED": "1"}, False),
        ({"ADVOCATE_SHARED": "1", "ADVOCATE_LLM_IN_SHARED": "1"}, True),
    ],
)
def test_shared_mode_keeps_the_model_off_unless_the_operator_allows_it(app, monkeypatch, env, offered):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    at = app.switch_page("pages/draft.py").run()
    assert ("llm_on" in [t.key for t in at.toggle]) is offered
    said = [i.value for i in at.info if i.value == SHARED_OFF]
    assert bool(said) is not offered


def test_cancel_during_a_slow_call_stops_the_wait(monkeypatch):
    """A click on Cancel starts a new run, which Streamlit stops at this run's next page update
    (it raises there); the runner's `finally` then tells the worker to stop waiting."""
    import threading
    import time

    import streamlit as st

    from core.llm.settings import ModelSettings
    from ui import llm

    class NewRun(Exception):
        pass

    class Bar:
        updates = 0

        def progress(self, *args, **kwargs):
            Bar.updates += 1
            if Bar.updates == 3:  # the user clicked Cancel
                raise NewRun

        def empty(self):
            pass

    monkeypatch.setattr(st, "progress", lambda *a, **k: Bar())
    server, handler, url = serve(delay=30.0)
    calls: list[str] = []
    try:
        settings = ModelSettings(enabled=True, base_url=url + "/v1")
        started = time.monotonic()
        with pytest.raises(NewRun):
            llm.run_steps("Polishing", [lambda client: calls.append(client.chat("s", "u"))], settings)
        def waiting() -> bool:
            return any(t.name == "advocate-model-steps" for t in threading.enumerate())

        deadline = time.monotonic() + 5
        while waiting() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not waiting()
        assert time.monotonic() - started < 10  # not the server's 30 s
        assert calls == [] and handler.seen == ["POST /v1/chat/completions"]
    finally:
        server.shutdown()
        server.server_close()


def test_question_evidence_is_offered_as_stories_to_pin(app):
    from ui import state
    from ui.draft.options import K_QUESTIONS
    from ui.draft.panels import K_PINNED

    reply = {"choices": [{"message": {"role": "assistant", "content": "S2, S9"}}]}
    server, handler, url = serve(reply=(200, {}, json.dumps(reply).encode()))
    try:
        app.session_state[state.DATASET] = Dataset(stories=STORIES, praise=[])
        at = app.switch_page("pages/draft.py").run()
        at.text_area(key=K_QUESTIONS).set_value("What were your key contributions?")
        at.toggle(key="llm_on").set_value(True)
        at = at.text_input(key="llm_url").set_value(url + "/v1").run()
        at = at.button(key="llm_choose").click().run()
        assert handler.seen == ["POST /v1/chat/completions"]
        answer = "**What were your key contributions?**: S2 (Flaky CI)"
        assert any(m.value.startswith(answer) for m in at.markdown)
        assert any(c.value == "Not given to it, so ignored: S9" for c in at.caption)
        assert "S2" not in (at.session_state[K_PINNED] or [])
        at = at.button(key="llm_pin_0").click().run()
        assert at.session_state[K_PINNED] == ["S2"]
        assert at.session_state[state.DRAFT_OPTIONS]["pinned"] == ["S2"]
    finally:
        server.shutdown()
        server.server_close()


def test_another_machine_is_refused_until_allowed_and_then_the_page_says_so(app):
    at = app.switch_page("pages/draft.py").run()
    at.toggle(key="llm_on").set_value(True)
    at = at.text_input(key="llm_url").set_value("http://gpu-box.lan:11434/v1").run()
    not_here = "gpu-box.lan is not this machine: "
    assert any(c.value.startswith(not_here + "nothing is sent there") for c in at.caption)
    at = at.button(key="llm_polish_go").click().run()
    assert any(e.value.startswith(not_here + "Advocate only sends your evidence") for e in at.error)
    at = at.checkbox(key="llm_remote").check().run()
    assert [w.value for w in at.warning if "which is not this machine" in w.value] == [
        "Your evidence (the paragraphs and the stories and quotes they cite) will be sent to gpu-box.lan, "
        "which is not this machine."
    ]
