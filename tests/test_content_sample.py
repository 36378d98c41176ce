"""The bundled sample workbook: what a new user sees on every page before uploading anything.

These pin the properties the other pages rely on (a recency skew, forgotten early wins, weak late
stories, praise that names story projects, explicit competencies from the default framework),
read straight from the file with openpyxl so they don't depend on the importer.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from core.model import STORY_KINDS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample_wins.xlsx"
STORY_HEADERS = ["date", "title", "challenge", "action", "result", "competencies", "impact", "kind",
                 "project", "tags", "link", "metric"]  # fmt: skip
PRAISE_HEADERS = ["date", "text", "from", "role", "channel", "link", "competencies"]
NUMBER = re.compile(r"\d")


def _rows(ws, header_row):
    headers = [c.value for c in ws[header_row]]
    return headers, [
        dict(zip(headers, (c.value for c in row), strict=True))
        for row in ws.iter_rows(min_row=header_row + 1)
        if any(c.value not in (None, "") for c in row)
    ]


@pytest.fixture(scope="module")
def book():
    return load_workbook(SAMPLE)


@pytest.fixture(scope="module")
def stories(book):
    return _rows(book["Stories"], 2)[1]


@pytest.fixture(scope="module")
def praise(book):
    return _rows(book["Praise"], 1)[1]


def _split(cell):
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def test_sheets_title_row_and_headers(book):
    assert book.sheetnames == ["About", "Stories", "Praise"]
    assert "brag document" in book["Stories"]["A1"].value  # a title row above the header
    assert _rows(book["Stories"], 2)[0] == STORY_HEADERS
    assert _rows(book["Praise"], 1)[0] == PRAISE_HEADERS


def test_counts(stories, praise):
    assert 36 <= len(stories) <= 44
    assert 22 <= len(praise) <= 28


@pytest.mark.parametrize("sheet,header_row", [("Stories", 2), ("Praise", 1)])
def test_dates_are_real_date_cells_in_the_review_year(book, sheet, header_row):
    ws = book[sheet]
    cells = [row[0] for row in ws.iter_rows(min_row=header_row + 1) if row[0].value is not None]
    assert cells and all(c.is_date for c in cells), [c.coordinate for c in cells if not c.is_date]
    assert all(dt.datetime(2026, 1, 1) <= c.value <= dt.datetime(2026, 11, 26) for c in cells)


def test_stories_have_car_text_valid_kind_and_impact(stories):
    for s in stories:
        assert s["title"] and (s["challenge"] or s["action"] or s["result"]), s["title"]
        assert s["kind"] in STORY_KINDS
        assert s["impact"] is None or s["impact"] in range(1, 6)
    non_wins = [s for s in stories if s["kind"] != "win"]
    assert 3 <= len(non_wins) <= 5
    assert sum(s["impact"] is not None for s in stories) >= len(stories) * 0.7


def test_explicit_competencies_use_general_framework_names(stories, praise):
    general = yaml.safe_load((ROOT / "data" / "frameworks" / "general.yaml").read_text("utf-8"))
    names = {c["name"] for c in general["competencies"]}
    used = [name for item in [*stories, *praise] for name in _split(item["competencies"])]
    assert set(used) <= names, set(used) - names
    # Roughly half the stories leave competencies empty, so the mapper has work to do.
    with_explicit = sum(bool(_split(s["competencies"])) for s in stories)
    assert 0.3 * len(stories) <= with_explicit <= 0.7 * len(stories)


def test_recency_skew_last_quarter_holds_at_least_40_percent(stories):
    per_quarter = {q: 0 for q in (1, 2, 3, 4)}
    for s in stories:
        per_quarter[(s["date"].month - 1) // 3 + 1] += 1
    assert per_quarter[4] >= 0.4 * len(stories)
    assert all(per_quarter[q] >= 3 for q in (1, 2, 3))  # thin, but not empty
    assert per_quarter[4] > 2 * max(per_quarter[q] for q in (1, 2, 3))


def test_strong_early_wins_to_be_forgotten(stories):
    early_strong = [
        s for s in stories
        if s["date"].month <= 6 and s["kind"] == "win" and (s["impact"] or 0) >= 4
        and s["challenge"] and s["action"] and NUMBER.search(s["result"] or "")
    ]  # fmt: skip
    assert len(early_strong) >= 4, [s["title"] for s in early_strong]


def test_some_late_stories_are_weak_for_the_strength_coach(stories):
    late_vague = [s for s in stories if s["date"].month >= 10 and not NUMBER.search(s["result"] or "")]
    assert len(late_vague) >= 4
    assert sum(len(s["result"] or "") < 30 for s in late_vague) >= 3
    # logged in a hurry at review time: a title and a line, no challenge
    assert sum(not s["challenge"] for s in late_vague) >= 3


def test_praise_channels_and_links_to_story_projects(stories, praise):
    assert {"email", "Slack", "review", "LinkedIn", "1:1"} <= {p["channel"] for p in praise}
    assert all(p["text"] and p["from"] for p in praise)
    projects = {s["project"].lower() for s in stories if s["project"]}
    naming = [p for p in praise if any(proj in p["text"].lower() for proj in projects)]
    assert len(naming) >= 6
    # the same projects recur across the year rather than once each
    recurring = {proj for proj in projects if sum((s["project"] or "").lower() == proj for s in stories) >= 4}
    assert len(recurring) >= 3


def test_sample_is_what_the_build_script_writes(tmp_path):
    """A stale sample (script edited, workbook not rebuilt) would silently diverge from the code."""
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    build_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_data)
    for name, build in (("sample_wins.xlsx", build_data.build_sample),
                        ("template.xlsx", build_data.build_template)):  # fmt: skip
        out = tmp_path / name
        build_data.save_reproducibly(build(), out)
        assert out.read_bytes() == (ROOT / "data" / name).read_bytes(), f"rebuild data/{name}"
