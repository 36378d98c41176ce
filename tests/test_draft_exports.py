"""Exports: Word with real styles, Markdown and text that keep hostile text inert, bullets, JSON."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import docx
import pytest

from core.analysis.period import calendar_year
from core.model import Competency, Dataset, Framework, Praise, Story
from core.writing.draft import build_draft
from core.writing.exports import (
    md_escape,
    render,
    to_bullets,
    to_docx,
    to_json,
    to_markdown,
    to_text,
)

PERIOD = calendar_year(2025)
FRAMEWORK = Framework("Test", [Competency("Delivery"), Competency("Communication")])
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")

HOSTILE = [
    "<script>alert('x')</script>",
    "[click me](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "![pic](javascript:alert(1))",
    "<javascript:alert(1)>",
    "\u202egnp.exe\u202c and \u2066isolate\u2069",
    "# Heading\n- list\n> quote\n1. ordered",
    "**bold** _it_ `code` | table | ~~strike~~ $x^2$ &lt;b&gt;",
]


def dataset(text: str = "") -> Dataset:
    stories = [
        Story(
            "S1",
            dt.date(2025, 2, 3),
            title=f"Checkout rebuild {text}",
            challenge=f"Checkout failed {text}",
            action=f"Rebuilt the checkout flow {text}",
            result=f"Failures fell from 7% to 1% {text}",
            impact=5,
            link="javascript:alert(1)",
        ),
        Story(
            "S2",
            dt.date(2025, 8, 9),
            title="Design doc",
            action="I wrote the billing design doc",
            result="Approved in 9 days by 3 teams",
        ),
        Story(
            "S3",
            dt.date(2025, 10, 1),
            title="Late launch",
            challenge="We slipped two weeks",
            result="I now plan in smaller slices",
            story_kind="lesson",
        ),
    ]
    praise = [
        Praise(
            "P1",
            dt.date(2025, 3, 1),
            f"The checkout rebuild was superb {text}",
            author=f"Ann {text}",
            role="VP",
        )
    ]
    return Dataset(stories=stories, praise=praise)


def draft_of(data: Dataset, **kw):
    assignments = {"S1": ["Delivery"], "S2": ["Communication", "Delivery"], "P1": ["Delivery"]}
    return build_draft(data, FRAMEWORK, assignments, PERIOD, **kw)


def test_docx_has_heading_styles_quotes_citations_and_appendix():
    draft = draft_of(dataset(), ratings={"Delivery": "Senior"})
    document = docx.Document(io.BytesIO(to_docx(draft)))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    headings = [text for style, text in styled if style == "Heading 1"]
    assert headings == ["2025 in brief", "Delivery", "Communication", "Next year", "Appendix: evidence cited"]
    assert styled[0] == ("Title", draft.title)
    quotes = [text for style, text in styled if style == "Quote"]
    assert len(quotes) == 1 and "The checkout rebuild was superb" in quotes[0] and "Ann" in quotes[0]
    body = "\n".join(text for _, text in styled)
    for citation in draft.citations.values():
        assert citation.label in body
    appendix = [text for style, text in styled if style == "List Bullet"]
    assert [a.split("]")[0] + "]" for a in appendix] == [c.label for c in draft.citations.values()]
    assert "My rating: Senior" in body
    assert document.core_properties.author != "python-docx"


def test_the_clean_copy_has_no_citations_appendix_or_audit_in_any_format():
    draft = draft_of(dataset())
    document = docx.Document(io.BytesIO(render(draft, "docx", clean_copy=True)))
    texts = ["\n".join(p.text for p in document.paragraphs)]
    texts += [render(draft, fmt, clean_copy=True).decode() for fmt in ("md", "txt")]
    assert document.core_properties.author == ""
    for text in texts:
        assert "Rebuilt the checkout flow" in text or "rebuilt the checkout flow" in text
        assert (
            not re.search(r"\[S\d+|\[P\d+", text) and "Appendix" not in text and "Recency audit" not in text
        )


def test_docx_strips_characters_word_rejects():
    draft = draft_of(dataset("bell\x07 null\x00 esc\x1b vt\x0b \ufffe end"))
    document = docx.Document(io.BytesIO(to_docx(draft)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "bell null esc vt  end" in text
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe]", text)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markdown_keeps_hostile_text_inert(hostile):
    from markdown_it import MarkdownIt

    md = to_markdown(draft_of(dataset(hostile)))
    assert not BIDI.search(md)
    tokens = MarkdownIt("commonmark").parse(md)
    inline = [c for t in tokens for c in (t.children or [])]
    kinds = {t.type for t in [*tokens, *inline]}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "code_inline", "code_block"}
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Self-evaluation: 2025",
        "2025 in brief",
        "Delivery",
        "Communication",
        "Next year",
        "Appendix: evidence cited",
    ]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Cost fell to $1.1k a month", "$1.1k"),
        ("see snake_case and a | b", "snake_case and a | b"),
    ],
)
def test_markdown_escapes_only_what_changes_rendering(text, kept):
    md = to_markdown(draft_of(dataset(text)))
    assert kept in md and "\\$" not in md
    assert re.search(r"(?<!\\)\[S1, Feb 2025\]", md)  # citations are never escaped


@pytest.mark.parametrize("hostile", HOSTILE)
def test_text_export_is_plain_and_inert(hostile):
    draft = draft_of(dataset(hostile))
    txt = to_text(draft)
    assert not BIDI.search(txt)
    for line in txt.splitlines():  # none of the exporter's own lines uses Markdown syntax
        assert not line.startswith(("#", "> ", "**", "- ", "* ")), line
    # The user's words arrive as they were typed (on one line), only direction overrides removed.
    assert " ".join(BIDI.sub("", hostile).split()) in txt
    assert draft.title in txt and "\nDelivery\n" in txt
    bullets = to_bullets(draft)
    assert not BIDI.search(bullets)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_json_export_is_inert_and_faithful(hostile):
    draft = draft_of(dataset(hostile))
    text = to_json(draft)
    assert "<" not in text and ">" not in text and not BIDI.search(text)
    data = json.loads(text)
    assert [s["heading"] for s in data["sections"] if s["role"] == "competency"] == [
        "Delivery",
        "Communication",
    ]
    assert BIDI.sub("", hostile.split("\n")[0]) in json.dumps(data, ensure_ascii=False)


def test_json_structure_lists_cited_items_with_dates_quarters_and_the_audit():
    draft = draft_of(dataset())
    data = json.loads(render(draft, "json"))
    assert [c["id"] for c in data["cited"]] == list(draft.citations)
    for cited in data["cited"]:
        assert cited["quarter"] == PERIOD.quarter_of(dt.date.fromisoformat(cited["date"])).label
    assert data["audit"]["total"] == len(draft.citations)
    assert sum(q["citations"] for q in data["audit"]["quarters"]) == len(draft.citations)
    assert data["sections"][-1]["heading"] == "Next year" and data["sections"][-1]["role"] == "next"
    assert data["sections"][1]["paragraphs"][0]["kind"] == "claim"


def test_bullets_list_the_top_stories_one_line_each():
    draft = draft_of(dataset())
    lines = to_bullets(draft).splitlines()
    assert len(lines) == len(draft.top_stories) == 2  # the two wins; the lesson is not a resume line
    assert all(line.startswith("• ") and "\n" not in line for line in lines)
    assert "• Rebuilt the checkout flow. Failures fell from 7% to 1%." in lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>x</b>", r"\<b\>x\</b\>"),
        ("[a](javascript:x)", r"\[a\](javascript:x)"),
        ("- item", r"\- item"),
        ("2. item", r"2\. item"),
        ("a_b*c", r"a\_b\*c"),
        ("\u202eabc", "abc"),
        # bare URLs and addresses would become links in a GFM renderer (Streamlit's)
        ("see http://127.0.0.1:9/x.png", r"see http\://127.0.0.1:9/x.png"),
        ("www.example.test and HTTPS://a.test", r"www\.example.test and HTTPS\://a.test"),
        ("me@example.test", r"me\@example.test"),
    ],
)
def test_md_escape(text, expected):
    assert md_escape(text) == expected
