"""Plain words on every page (issue 19): a product marketer who has never seen a review rubric
should not meet raw scores or internal terms. Every page is visited through app.py on both sample
years, with the places where scores used to show opened (an item's suggestions, the Journal's
live coach, a merge that needs a choice), and the visible text (bodies, labels, options, help
tooltips, table cells) is checked against a word list."""

from __future__ import annotations

import dataclasses
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ["pages/import_data.py", "pages/timeline.py", "pages/competencies.py", "pages/draft.py",
         "pages/journal.py"]  # fmt: skip
SAMPLES = {"engineering": "sample_wins.xlsx", "marketing": "sample_marketing.xlsx"}

# (what is wrong, pattern); a string that matches is shown to the user.
BANNED = [
    ("internal term", re.compile(r"strength[- ]weighted", re.I)),
    ("merge jargon", re.compile(r"\btheirs\b", re.I)),
    ("internal term", re.compile(r"\bsupports none\b", re.I)),
    ("a raw score", re.compile(r"(?<![\w.,$€£¥/])0\.\d{2,}(?![\d%\w])")),
    ("a raw score", re.compile(r"\b(?:strong|solid|thin)\s*\(\d{1,3}%\)", re.I)),
    ("a raw score", re.compile(r"\(\d{1,3}%\):")),
    ("a bare label", re.compile(r"^(?:Kind|Measure)$")),
]
PLAIN_ALTERNATIVE = re.compile(r"spreadsheet|paste", re.I)  # YAML is fine beside one of these
ATTRIBUTES = ("value", "label", "body", "help", "options", "placeholder")


def visible_text(at: AppTest) -> list[str]:
    """Every string the page shows or shows on hover: element bodies, labels, options, help, cells."""
    found: list[str] = []

    def walk(node) -> None:
        children = getattr(node, "children", None)
        for child in (children.values() if isinstance(children, dict) else children or []):
            walk(child)
        for attr in ATTRIBUTES:
            try:
                value = getattr(node, attr)
            except Exception:  # some elements raise for attributes they don't have
                continue
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, list | tuple):
                found.extend(v for v in value if isinstance(v, str))
            elif type(value).__name__ == "DataFrame":
                found.extend(str(c) for c in value.columns)
                for column in value.columns:
                    found.extend(str(v) for v in value[column].dropna().tolist())

        text = getattr(getattr(node, "proto", None), "text", None)  # a progress bar's words
        if isinstance(text, str) and type(node).__name__ == "Progress":
            found.append(text)

    walk(at._tree)
    return found


def offences(at: AppTest) -> list[tuple[str, str]]:
    bad = []
    for text in visible_text(at):
        bad += [(why, text[:160]) for why, pattern in BANNED if pattern.search(text)]
        if re.search(r"\bYAML\b", text) and not PLAIN_ALTERNATIVE.search(text):
            bad.append(("YAML without a plain alternative", text[:160]))
    return bad


def choose_example(at: AppTest, which: str) -> AppTest:
    at.switch_page("pages/import_data.py").run()
    at.segmented_control(key="import_example").set_value(which).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(params=list(SAMPLES))
def example(request):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    return request.param, choose_example(at, request.param)


def test_every_page_renders_the_example_in_plain_words(example):
    which, at = example
    from core.ingest.importer import load_paths

    sample = load_paths([ROOT / "data" / SAMPLES[which]])
    assert len(at.session_state["dataset"].stories) == len(sample.stories)
    assert {s.title for s in at.session_state["dataset"].stories} == {s.title for s in sample.stories}
    problems = {}
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        assert at.title, page
        problems[page] = offences(at)
    found = [f"{page}: {why}: {text!r}" for page, bad in problems.items() for why, text in bad]
    assert found == [], "\n".join(dict.fromkeys(found))


def test_the_journal_coach_speaks_in_words(example):
    _, at = example
    at.switch_page("pages/journal.py").run()
    at.text_input(key="journal_story_title").input("Pulled the launch forward")
    at.text_area(key="journal_story_action").input("I re-cut the plan the same day and briefed sales.")
    at.text_area(key="journal_story_result").input("We launched 10 days early; sign-ups rose 23%.")
    at.run()
    assert not at.exception, at.exception
    shown = " ".join(visible_text(at))
    assert re.search(r"clear match|likely match|possible match", shown)
    assert re.search(r"strong evidence|good evidence|needs more detail", shown, re.I)
    assert offences(at) == [], "\n".join(f"{why}: {text!r}" for why, text in offences(at))


@pytest.mark.usefixtures("bound_to_localhost")
def test_a_merge_choice_speaks_in_words():
    from core.ingest.importer import load_uploads
    from core.writing.workbook import write_workbook

    path = ROOT / "data" / SAMPLES["marketing"]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.get("file_uploader")[0].upload(path.name, path.read_bytes())
    at.run()
    mine = load_uploads([(path.name, path.read_bytes())])
    first = mine.stories[0]
    edited = dataclasses.replace(mine, stories=[dataclasses.replace(first, result="Edited elsewhere")])
    at.get("file_uploader")[0].upload("edited.xlsx", write_workbook(edited, {}))
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["merge_conflicts"]
    assert "Keep mine" in " ".join(visible_text(at))
    assert offences(at) == [], "\n".join(f"{why}: {text!r}" for why, text in offences(at))
