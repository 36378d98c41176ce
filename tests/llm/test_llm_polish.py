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


def _draft():
    from core.analysis.period import parse_period
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
    from core.competencies.mapping import assigned, map_items
    from core.writing.draft import build_draft

    dataset = Dataset(stories=STORIES, praise=[])
    framework = load_builtin(DEFAULT_FRAMEWORK)
    period = parse_period("2026", [s.date for s in STORIES])
    return build_draft(dataset, framework, assigned(map_items(STORIES, framework), {}), period)


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
