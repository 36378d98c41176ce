"""The bundled sample years: what a new user sees on every page before uploading anything.

These pin the properties the other pages rely on (a recency skew, forgotten early wins, weak late
stories, praise that names story projects, explicit competencies from the default framework),
read straight from the files with openpyxl so they don't depend on the importer. Both samples
(an engineer's year and a product marketer's) must have them.
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
SAMPLES = {
    # file: (story sheet, praise sheet, how the file names the columns, stories, praise)
    "sample_wins.xlsx": ("Stories", "Praise", {}, (36, 44), (22, 28)),
    "sample_marketing.xlsx": ("Wins", "Kudos", {
        "Situation": "challenge", "What I did": "action", "Outcome": "result",
        "Competencies": "competencies", "Skills": "competencies", "Impact (1-5)": "impact",
        "Type": "kind", "Key metric": "metric",
        "Date received": "date", "What they said": "text", "Who": "from", "Relationship": "role",
        "Where": "channel",
    }, (30, 40), (17, 24)),
}  # fmt: skip
STORY_HEADERS = ["date", "title", "challenge", "action", "result", "competencies", "impact", "kind",
                 "project", "tags", "link", "metric"]  # fmt: skip
PRAISE_HEADERS = ["date", "text", "from", "role", "channel", "link", "competencies"]
NUMBER = re.compile(r"\d")


def _rows(ws, header_row, labels=None):
    headers = [(labels or {}).get(c.value, str(c.value).lower()) for c in ws[header_row]]
    return headers, [
        dict(zip(headers, (_date(c.value) for c in row), strict=True))
        for row in ws.iter_rows(min_row=header_row + 1)
        if any(c.value not in (None, "") for c in row)
    ]


def _date(value):
    """A date typed as text in the marketer's file ("09-Oct-2026"), or a real date cell."""
    if isinstance(value, str):
        for fmt in ("%Y-%m-%d", "%d-%b-%Y", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(value, fmt)
            except ValueError:
                pass
    return value


@pytest.fixture(scope="module", params=list(SAMPLES))
def sample(request):
    return request.param


@pytest.fixture(scope="module")
def book(sample):
    return load_workbook(ROOT / "data" / sample)


@pytest.fixture(scope="module")
def stories(book, sample):
    return _rows(book[SAMPLES[sample][0]], 2, SAMPLES[sample][2])[1]


@pytest.fixture(scope="module")
def praise(book, sample):
    return _rows(book[SAMPLES[sample][1]], 1, SAMPLES[sample][2])[1]


def _split(cell):
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def test_sheets_title_row_and_headers(book, sample):
    story_sheet, praise_sheet, labels, *_ = SAMPLES[sample]
    assert book.sheetnames == ["About", story_sheet, praise_sheet]
    assert "brag document" in book[story_sheet]["A1"].value  # a title row above the header
    assert _rows(book[story_sheet], 2, labels)[0] == STORY_HEADERS
    assert _rows(book[praise_sheet], 1, labels)[0] == PRAISE_HEADERS


def test_counts(stories, praise, sample):
    low, high = SAMPLES[sample][3]
    assert low <= len(stories) <= high
    low, high = SAMPLES[sample][4]
    assert low <= len(praise) <= high


@pytest.mark.parametrize("which,header_row", [(0, 2), (1, 1)])
def test_dates_are_in_the_review_year(book, sample, which, header_row):
    ws = book[SAMPLES[sample][which]]
    cells = [row[0] for row in ws.iter_rows(min_row=header_row + 1) if row[0].value is not None]
    typed = [c.coordinate for c in cells if not c.is_date]
    # the engineer's dates are all date cells; the marketer typed a few, as people do
    assert len(typed) == (3 if (sample, which) == ("sample_marketing.xlsx", 0) else 0), typed
    assert all(dt.datetime(2026, 1, 1) <= _date(c.value) <= dt.datetime(2026, 11, 26) for c in cells)


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


def test_samples_are_what_the_build_script_writes(tmp_path):
    """A stale sample (script edited, workbook not rebuilt) would silently diverge from the code."""
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    build_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_data)
    builds = [(s.FILE, lambda s=s: build_data.build_sample(s)) for s in build_data.SAMPLES.values()]
    assert sorted(name for name, _ in builds) == sorted(SAMPLES)
    for name, build in [*builds, ("template.xlsx", build_data.build_template)]:
        out = tmp_path / name
        build_data.save_reproducibly(build(), out)
        assert out.read_bytes() == (ROOT / "data" / name).read_bytes(), f"rebuild data/{name}"
