"""The Draft page through app.py: options, preview, self-rating, and every download's bytes.

AppTest does not hand out a download button's bytes, but it serves them from a
MemoryMediaFileStorage whose file id is the last part of the button's URL. The fixture below
records what the page hands to that storage, so each test reads exactly the bytes a user's
click would download.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import docx
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from core.ingest.importer import load_uploads
from core.model import Dataset, Praise, Story
from ui import state

PAGE = "pages/draft.py"
LABELS = [
    "Download for Word (.docx)",
    "Download as Markdown (.md)",
    "Download as plain text (.txt)",
    "Download resume bullets (.txt)",
    "Download everything as a spreadsheet (.xlsx)",
    "Download the clean copy to send (.docx)",
    "Download the clean copy to send (.txt)",
]


@pytest.fixture
def downloads(monkeypatch):
    """{file id: (bytes or the deferred callable, file name)} of every file the app registers."""
    stored: dict[str, tuple] = {}
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def record(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        stored[file_id] = (path_or_data, filename)
        return file_id

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        file_id = original_deferred(self, data_callable, mimetype, coordinates, file_name, **kw)
        stored[file_id] = (data_callable, file_name)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return stored


def download(at, downloads, label) -> tuple[bytes, str]:
    """Click the button and return what the browser would receive: the static bytes, or what the
    server's deferred callable returns when the click asks for it."""
    button = next(b for b in at.download_button if b.label == label)
    button.click()
    at.run()
    button = next(b for b in at.download_button if b.label == label)
    if button.proto.HasField("deferred_file_id"):
        data, name = downloads[button.proto.deferred_file_id]
        return data(), name
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    return downloads[file_id]


def test_options_preview_and_every_download(app, downloads):
    first = app.session_state[state.DATASET].stories[0].id
    app.session_state[state.OVERRIDES] = {first: ["Communication"]}
    at = app.switch_page(PAGE).run()
    assert not at.exception
    assert [b.label for b in at.download_button] == LABELS
    at.radio(key="dr_tone").set_value("story")
    at.radio(key="dr_length").set_value("brief")
    at.number_input(key="dr_words").set_value(150)
    at.run()
    assert not at.exception
    dataset = at.session_state[state.DATASET]
    ids = {item.id for item in dataset.items}

    data, name = download(at, downloads, "Download as Markdown (.md)")
    md = data.decode("utf-8")
    assert name == "self-evaluation.md" and md.startswith("# Self")
    # Story first and brief: stories open with what I did, and the challenge is left out.
    story_paragraphs = [line for line in md.splitlines() if line.startswith("**")]
    assert story_paragraphs
    assert not any(re.match(r"\*\*.*?\*\* The result:", line) for line in story_paragraphs)
    assert "The challenge:" not in md and "Note:" not in md
    cited = set(re.findall(r"\[([SP]\d+), \w+ \d{4}\]", md))
    assert cited and cited <= ids

    data, name = download(at, downloads, "Download for Word (.docx)")
    document = docx.Document(io.BytesIO(data))
    assert name == "self-evaluation.docx"
    assert any(p.style.name == "Heading 1" and p.text == "Next year" for p in document.paragraphs)
    assert any(p.style.name == "Quote" for p in document.paragraphs)

    data, name = download(at, downloads, "Download as plain text (.txt)")
    txt = data.decode("utf-8")
    assert name == "self-evaluation.txt" and "**" not in txt and "\n## " not in txt
    assert "Appendix: evidence cited" in txt.split("\n\n")

    data, name = download(at, downloads, "Download resume bullets (.txt)")
    bullets = data.decode("utf-8").splitlines()
    assert name == "resume-bullets.txt" and bullets and all(b.startswith("• ") for b in bullets)

    data, name = download(at, downloads, "Download everything as a spreadsheet (.xlsx)")
    assert name == "advocate-workbook.xlsx" and zipfile.is_zipfile(io.BytesIO(data))
    back = load_uploads([(name, data)])
    assert [s.id for s in back.stories] == [s.id for s in dataset.stories]
    assert [p.text for p in back.praise] == [p.text for p in dataset.praise]
    assert back.overrides == {first: ["Communication"]}


def test_the_period_reads_as_people_say_it(app):
    at = app.switch_page(PAGE).run()
    assert "Period: 2026 · Framework: General professional" in [c.value for c in at.caption]


def test_word_limit_is_shown_and_kept(app):
    at = app.switch_page(PAGE).run()
    at.number_input(key="dr_words").set_value(50).run()
    captions = [c.value for c in at.caption]
    counted = [c for c in captions if "words" in c and "limit 50 words" in c]
    assert counted, captions
    for caption in counted:
        words = int(caption.split("Trimmed to fit: ")[-1].split(" words")[0])
        assert words <= 50


def test_options_and_ratings_survive_a_page_switch_and_reach_the_draft(app, downloads):
    at = app.switch_page(PAGE).run()
    at.radio(key="dr_tone").set_value("story").run()
    rating = at.selectbox[0]
    chosen = rating.options[1]
    rating.set_value(chosen).run()
    competency = next(iter(at.session_state[state.RATINGS]))
    assert at.session_state[state.RATINGS] == {competency: chosen}
    at.switch_page("pages/timeline.py").run()
    at.switch_page(PAGE).run()
    assert at.radio(key="dr_tone").value == "story"
    assert at.selectbox[0].value == chosen
    md = download(at, downloads, "Download as Markdown (.md)")[0].decode("utf-8")
    assert f"## {competency}\n\n*My rating: {chosen}*" in md


def test_questions_replace_competencies(app):
    at = app.switch_page(PAGE).run()
    questions = ["What were your biggest accomplishments this year?", "How did you help others grow?"]
    at.text_area(key="dr_questions").input("\n".join(questions)).run()
    assert not at.exception
    headings = [m.value for m in at.markdown if m.value.startswith("##### ")]
    assert headings[:2] == [f"##### {q}" for q in questions]
    assert at.session_state[state.DRAFT_OPTIONS]["questions"] == questions


def test_hostile_text_is_shown_inert(app):
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) \u202eevil"
    at = app
    at.session_state[state.DATASET] = Dataset(
        stories=[
            Story(
                "S1",
                dt.date(2025, 3, 1),
                title=hostile,
                action=f"Led {hostile}",
                result=f"Saved 5 hours {hostile}",
                competencies=("Communication",),
            )
        ],
        praise=[
            Praise(
                "P1", dt.date(2025, 4, 1), f"Great {hostile}", author=hostile, competencies=("Communication",)
            )
        ],
    )
    at.switch_page(PAGE).run()
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "S1" in shown
    assert "<script>" not in shown and "\u202e" not in shown
    assert not re.search(r"(?<!\\)\]\(javascript:", shown)
    assert "\\<script\\>" in shown
    assert all(not getattr(m.proto, "allow_html", False) for m in at.markdown)


def test_pin_and_leave_out_a_story_and_see_the_left_out_list(app, downloads):
    at = app.switch_page(PAGE).run()
    left_table = at.dataframe[0].value  # the "Left out" tab: strongest first, with why
    assert list(left_table.columns) == ["Story", "Title", "How big", "Why"]  # words, not a score
    rank = {"one of the year's big ones": 2, "medium": 1, "smaller": 0}
    sizes = [rank[size] for size in left_table["How big"]]
    assert sizes == sorted(sizes, reverse=True)
    weakest = left_table["Story"].iloc[-1]
    told = at.session_state[state.DRAFT_OPTIONS]
    at.multiselect(key="dr_pinned").set_value([weakest]).run()
    md = download(at, downloads, "Download as Markdown (.md)")[0].decode("utf-8")
    assert f"[{weakest}, " in md
    assert told is not None and at.session_state[state.DRAFT_OPTIONS]["pinned"] == [weakest]
    strongest_told = re.findall(r"\[(S\d+), \w+ \d{4}\]", md)[0]
    at.multiselect(key="dr_left_out").set_value([strongest_told]).run()
    md = download(at, downloads, "Download as Markdown (.md)")[0].decode("utf-8")
    assert f"[{strongest_told}, " not in md
    table = at.dataframe[0].value
    assert table.loc[table["Story"] == strongest_told, "Why"].iloc[0] == "You left it out."
    at.switch_page("pages/timeline.py").run()
    at.switch_page(PAGE).run()
    assert at.multiselect(key="dr_left_out").value == [strongest_told]


def test_question_mode_answers_three_typical_questions_by_meaning(app, downloads):
    at = app.switch_page(PAGE).run()
    questions = [
        "What were your key contributions this year?",
        "How have you helped others on your team grow?",
        "What would you like to improve next year?",
    ]
    at.text_area(key="dr_questions").input("\n".join(questions)).run()
    assert not at.exception
    txt = download(at, downloads, "Download the clean copy to send (.txt)")[0].decode("utf-8")
    blocks = {q: txt.split(q + "\n\n", 1)[1] for q in questions}
    contributions = blocks[questions[0]].split(questions[1])[0]
    grew = blocks[questions[1]].split(questions[2])[0]
    improve = blocks[questions[2]]
    assert re.search(r"mentor|onboard|paired|Aisha|Sam", grew)
    assert "“" not in improve  # never answered with a praise quote
    assert improve.startswith("Next year I ")  # written as goals
    assert "[S" not in txt and "Appendix" not in txt  # the clean copy
    paragraphs = [p for p in txt.split("\n\n") if len(p) > 80]
    assert len(paragraphs) == len(set(paragraphs))  # no paragraph twice
    assert contributions.strip()
