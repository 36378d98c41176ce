"""Hostile text in every export: HTML, `<script>`, `javascript:` links, direction overrides and
formulas come out as inert text in the .md, .txt, bullets, JSON, .docx and the round-trip .xlsx.

"Inert" is checked the way a reader would meet each file: the Markdown is rendered by a real
CommonMark renderer (markdown-it-py) and must produce no HTML, link or image; the workbook's
sheet XML must hold no formula; the Word file must open and hold no hyperlink to a script.
`export_problems` is also used by the browser test on the files the Draft page downloads.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from core.analysis.period import default_period
from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
from core.competencies.mapping import assigned, map_items
from core.model import Dataset, Praise, Story
from core.writing.draft import DraftOptions, build_draft
from core.writing.exports import render
from core.writing.workbook import write_workbook

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    "<img src=x onerror=alert(1)>",
    "[Open the report](javascript:alert(1))",
    "![tracker](https://tracker.invalid/pixel.png)",
    "<a href=\"javascript:alert(2)\">click me</a>",
    "<https://autolink.invalid/x>",
    "Invoice \u202egnp.exe\u202c reviewed \u2066x\u2069",
    "plain words \ufeffbom \x07bell \x9bcsi \u202dforced\u202c",
    "=HYPERLINK(\"https://evil.invalid\",\"Click\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "# Not a heading\n**not bold** `not code`",
    "> not a quote\n- not a list\n1. not ordered",
    "<!-- comment --><div onclick=x>div</div>",
    "&lt;script&gt; &amp; entities",
    "[ref]: javascript:alert(3)\n[ref]",
]
INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MD_FORBIDDEN = {"html_block", "html_inline", "link_open", "image"}
FORMATS = ("md", "txt", "bullets", "json", "docx")


def _md_tokens(tokens):
    for token in tokens:
        yield token
        if token.children:
            yield from _md_tokens(token.children)


def export_problems(files: dict[str, bytes]) -> list[str]:
    """Why any of the exports is not inert (empty when all are). Keys: md, txt, bullets, json, docx, xlsx.

    The draft's own headings are Markdown headings; a heading made of a user's "# Not a heading"
    is a problem.
    """
    problems = []
    for fmt, data in files.items():
        if fmt in ("md", "txt", "bullets", "json"):
            text = data.decode("utf-8")
            if INVISIBLE.search(text):
                problems.append(f"{fmt}: a Unicode direction override or invisible control survived")
        if fmt == "md":
            previous = None
            for token in _md_tokens(MarkdownIt("commonmark").parse(text)):
                if token.type in MD_FORBIDDEN:
                    problems.append(f"md: user text became {token.type}: {token.content[:80]!r}")
                if previous == "heading_open" and "Not a heading" in token.content:
                    problems.append("md: a user's '#' line became a heading")
                previous = token.type
            rendered = MarkdownIt("commonmark").render(text)
            for tag in ("<script", "<img", "<a ", "<iframe", "<div"):
                if tag in rendered:
                    problems.append(f"md: rendered HTML contains {tag!r}")
        elif fmt == "json":
            try:
                json.loads(text)
            except ValueError as exc:
                problems.append(f"json: not valid JSON ({exc})")
            if "<" in text or ">" in text:
                problems.append("json: raw < or > (unsafe if pasted into a web page)")
        elif fmt == "docx":
            try:
                document = docx.Document(io.BytesIO(data))
            except Exception as exc:  # Word would refuse it too
                problems.append(f"docx: does not open ({exc})")
                continue
            body = "\n".join(p.text for p in document.paragraphs)
            if INVISIBLE.search(body):
                problems.append("docx: a Unicode direction override or invisible control survived")
            for rel in document.part.rels.values():
                safe = rel.target_ref.lower().startswith(("http://", "https://", "mailto:"))
                if rel.is_external and not safe:
                    problems.append(f"docx: hyperlink to {rel.target_ref!r}")
        elif fmt == "xlsx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    if name.startswith("xl/worksheets/") and re.search(rb"<(\w+:)?f[ >]", archive.read(name)):
                        problems.append(f"xlsx: {name} holds a formula")
            workbook = openpyxl.load_workbook(io.BytesIO(data))
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        if cell.data_type == "f":
                            problems.append(f"xlsx: {sheet.title}!{cell.coordinate} is a formula")
                        if cell.hyperlink is not None:
                            problems.append(f"xlsx: {sheet.title}!{cell.coordinate} is a hyperlink")
                        if isinstance(cell.value, str) and INVISIBLE.search(cell.value):
                            problems.append(f"xlsx: {sheet.title}!{cell.coordinate} keeps a hidden control")
    return problems


def all_exports(dataset: Dataset, ratings: dict | None = None) -> tuple[dict[str, bytes], object]:
    framework = load_builtin(DEFAULT_FRAMEWORK)
    assignments = assigned(map_items(dataset.items, framework), {})
    period = default_period([item.date for item in dataset.items])
    draft = build_draft(dataset, framework, assignments, period, DraftOptions(length="detailed"), ratings)
    files = {fmt: render(draft, fmt) for fmt in FORMATS}
    overrides = {dataset.stories[0].id: [framework.names[0]]} if dataset.stories else {}
    files["xlsx"] = write_workbook(dataset, overrides)
    return files, draft


def story(i: int, text: str, day: dt.date) -> Story:
    return Story(
        id=f"S{i}", date=day, title=f"Story {i} {text}", challenge=f"Challenge {text}",
        action=f"I handled {text} and shipped it", result=f"Cut time by 40% {text}", project=text,
        tags=(text[:20] or "t",), link=text, metric=text, competencies=("Communication",),
    )  # fmt: skip


def praise(i: int, text: str, day: dt.date) -> Praise:
    return Praise(id=f"P{i}", date=day, text=f"Great work on it {text}", author=text or "Someone", role=text)


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_text_in_every_field_stays_inert_in_every_export(text):
    days = [dt.date(2025, m, 12) for m in (2, 5, 8, 11)]
    dataset = Dataset(
        stories=[story(i + 1, text, d) for i, d in enumerate(days)],
        praise=[praise(i + 1, text, d) for i, d in enumerate(days[:2])],
    )
    files, draft = all_exports(dataset, ratings={"Communication": text})
    assert draft.citations, "the draft cited nothing: the hostile text never reached the exports"
    assert not export_problems(files), export_problems(files)
    # Inert is not the same as dropped: the words themselves are still in the plain-text export.
    visible = re.sub(r"[<>\[\]()`*#!&;=+@\-\u202a-\u202e\u2066-\u2069\"|'/\\:]", " ", text).split()
    plain = files["txt"].decode()
    assert all(word in plain for word in visible[:2]), (visible[:2], plain[:400])


hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=40))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(hostile_text, min_size=1, max_size=5),
    quotes=st.lists(hostile_text, max_size=3),
    months=st.lists(st.integers(1, 12), min_size=5, max_size=5),
)
def test_generated_hostile_datasets_export_inert(texts, quotes, months):
    stories = [story(i + 1, t, dt.date(2025, months[i % 5], 10)) for i, t in enumerate(texts)]
    quotes_ = [praise(i + 1, t, dt.date(2025, months[(i + 2) % 5], 20)) for i, t in enumerate(quotes)]
    files, _draft = all_exports(Dataset(stories=stories, praise=quotes_))
    assert not export_problems(files), export_problems(files)
