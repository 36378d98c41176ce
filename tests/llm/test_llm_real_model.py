"""Against a real model (Gemma 3 270M behind llama_cpp.server, tests/llm/conftest.py): it writes
poorly, which is the point. What it invents is rejected with reasons, the draft keeps its
built-in text, a timeout gives a message, and nothing goes to any other host."""

from __future__ import annotations

import pytest

from core.commands.draft import load_evidence, load_framework
from core.competencies.mapping import assigned, map_items
from core.llm.choose import choose_evidence
from core.llm.client import ChatClient, Endpoint, ModelError
from core.llm.polish import apply_polish, evidence_texts, polish_section, polishable, section_key
from core.llm.verify import Evidence, figures_of, verify
from core.writing.draft import DraftOptions, build_draft
from tests.conftest import FIXTURES
from tests.llm.llm_support import STORIES, free_port, serve

STORY = (
    "Rewrote the settlement batch to run per merchant in parallel (8 workers). "
    "Settlement now finishes by 3am."
)
INVENT = (
    "Write one sentence for a performance review about this work. Say by what percentage it "
    "improved things and name the manager who praised it."
)


@pytest.fixture(scope="module")
def draft():
    from core.analysis.period import parse_period

    dataset = load_evidence([str(FIXTURES / "draft_corpus" / "engineer_2026.csv")])
    framework = load_framework(None)
    period = parse_period("2026", [i.date for i in dataset.items])
    items = [i for i in dataset.items if period.contains(i.date)]
    return build_draft(dataset, framework, assigned(map_items(items, framework), {}), period,
                       DraftOptions(length="brief"))


def test_test_connection_lists_the_model(model_server):
    assert ChatClient(Endpoint(model_server, "gemma")).models()


def test_the_verifier_rejects_what_the_model_invents(model_server):
    answer = ChatClient(Endpoint(model_server, "gemma")).chat(INVENT, STORY, max_tokens=40, temperature=0)
    verdict = verify(answer, Evidence([STORY]))
    assert verdict.rejected, f"the model invented nothing this time: {answer!r}"
    invented = figures_of(answer) - figures_of(STORY)
    assert all(figures_of(s) <= figures_of(STORY) for s in verdict.kept)
    if invented:  # every invented figure is named in a reason the page shows
        reasons = " ".join(r for rejection in verdict.rejected for r in rejection.reasons)
        assert all(num in reasons for _, num, _ in invented)


def _shortest_section(draft):
    candidates = [s for s in draft.sections if polishable(s)]
    return min(candidates, key=lambda s: sum(len(p.body) for p in polishable(s)))


def test_the_draft_keeps_only_verified_text_and_nothing_goes_elsewhere(model_server, draft, monkeypatch):
    proxy, handler, proxy_url = serve()
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy"):
        monkeypatch.setenv(name, proxy_url)
    section = _shortest_section(draft)
    try:
        result = polish_section(ChatClient(Endpoint(model_server, "gemma")), draft, section, ceiling=32)
    finally:
        proxy.shutdown()
        proxy.server_close()
    assert handler.seen == []  # the proxy (another host, as far as the client knows) saw nothing
    assert result.error is None
    assert len(result.paragraphs) == len(polishable(section))
    for paragraph, done in zip(polishable(section), result.paragraphs, strict=True):
        texts, ids = evidence_texts(draft, section, paragraph)
        if done.polished is None:
            assert done.note and done.text == paragraph.body  # fell back to the built-in paragraph
        else:
            assert verify(done.polished, Evidence(texts, ids)).ok
            assert figures_of(paragraph.body) <= figures_of(done.polished)
    polished = apply_polish(draft, {section_key(section): result})
    after = next(s for s in polished.sections if s.heading == section.heading)
    assert [p.cites for p in after.paragraphs] == [p.cites for p in section.paragraphs]
    assert draft.sections[draft.sections.index(section)] is section  # the cached draft is untouched


def test_a_timeout_gives_a_message(model_server):
    with pytest.raises(ModelError) as error:
        ChatClient(Endpoint(model_server, "gemma", timeout=0.01)).chat("Say hi.", "Hi", max_tokens=4)
    assert error.value.kind == "timeout"
    assert error.value.message.startswith(f"No answer from {model_server} within 0.01 seconds")


def test_question_evidence_keeps_to_the_ids_it_was_given(model_server, draft):
    client = ChatClient(Endpoint(model_server, "gemma"))
    candidates = [draft.items[i] for i in draft.top_stories[:5]]
    choice = choose_evidence(client, "What were your key contributions?", candidates, max_tokens=16)
    assert set(choice.ids) <= {c.id for c in candidates}
    assert choice.ids or choice.note


def test_draft_page_settings_then_polish_against_the_real_model(app, model_server):
    from core.model import Dataset
    from ui import state

    app.session_state[state.DATASET] = Dataset(stories=STORIES, praise=[])
    at = app.switch_page("pages/draft.py").run()
    assert "llm_polish_go" not in [b.key for b in at.button]  # off by default: nothing to polish with
    at.toggle(key="llm_on").set_value(True)
    at.text_input(key="llm_url").set_value(model_server)
    at.text_input(key="llm_model").set_value("gemma")
    at = at.button(key="llm_test").click().run()
    assert any(m.value.startswith("Connected to 127.0.0.1: 1 model(s)") for m in at.success)
    assert any("stays on this machine" in c.value for c in at.caption)

    at = at.button(key="llm_polish_go").click().run(timeout=180)
    assert not at.exception
    shown = [c.value for c in at.caption] + [m.value for m in at.markdown]
    kept = any(v.startswith("Built-in paragraph kept.") for v in shown)
    changed = any("~~" in v or "**" in v for v in (m.value for m in at.markdown))
    assert kept or changed  # each paragraph: the built-in one with why, or the verified rewrite as a diff
    if kept:  # what the model wrote that was not kept is listed with its reasons
        assert any(e.label.startswith("What the model wrote that was not kept") for e in at.expander)

    at.text_input(key="llm_url").set_value(f"http://127.0.0.1:{free_port()}/v1")
    at = at.button(key="llm_polish_go").click().run()
    errors = [e.value for e in at.error]
    assert any(e.startswith("Nothing is listening at") and e.endswith("built-in text stays.") for e in errors)
    preview = " ".join(m.value for m in at.markdown)
    assert "settlement finishes by 3am" in preview.lower()  # the draft itself is the built-in one


def test_competencies_second_opinion_is_only_a_suggestion(app, model_server):
    import datetime as dt

    from core.model import Dataset, Story
    from ui import state

    vague = Story("S1", dt.date(2026, 5, 4), "Stuff for the team", action="did some things for the team")
    app.session_state[state.DATASET] = Dataset(stories=[vague], praise=[])
    at = app.switch_page("pages/competencies.py").run()
    at.toggle(key="llm_on").set_value(True)
    at = at.text_input(key="llm_url").set_value(model_server).run()
    at = at.button(key="llm_opinion_go").click().run(timeout=120)
    assert not at.exception and not at.error
    assert at.session_state[state.OVERRIDES] == {}  # nothing applied without a click
    said = [m.value for m in at.markdown if m.value.startswith("Your model: ")]
    notes = [c.value for c in at.caption if c.value.startswith("The model ")]
    assert said or notes  # a competency of the framework with a verified reason, or why not
    from ui.llm_opinion import OPINIONS

    (opinion,) = at.session_state[OPINIONS].values()
    assert opinion.competency in (*load_framework(None).names, None)
    if said:
        at = at.button(key="llm_use_S1").click().run()
        assert at.session_state[state.OVERRIDES] == {"S1": [opinion.competency]}
