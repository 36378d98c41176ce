"""The bundled content through the app's own loaders: what a new user gets on first open."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.competencies.frameworks import builtin_names, load_builtin
from core.ingest.importer import load_paths

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def sample():
    return load_paths([DATA / "sample_wins.xlsx"])


def _data_rows(sheet, header_row):
    ws = load_workbook(DATA / "sample_wins.xlsx")[sheet]
    return sum(any(c.value is not None for c in row) for row in ws.iter_rows(min_row=header_row + 1))


def test_sample_loads_every_row_without_errors(sample):
    assert [p for p in sample.problems if p.severity == "error"] == []
    assert sample.rows_skipped == 0
    assert len(sample.stories) == _data_rows("Stories", 2) >= 36
    assert len(sample.praise) == _data_rows("Praise", 1) >= 22
    assert sample.rows_read == len(sample.stories) + len(sample.praise)
    # the only thing worth telling the user is that the notes sheet was skipped
    assert {p.sheet for p in sample.problems} <= {"About"}


def test_sample_fields_survive_import(sample):
    first = sample.stories[0]
    assert first.origin.sheet == "Stories" and first.origin.row == 3  # title row + header above it
    assert first.competencies == ("Ownership", "Customer focus")
    assert first.impact == 4 and first.project == "On-call" and first.tags == ("incident", "postmortem")
    kinds = {s.story_kind for s in sample.stories}
    assert kinds == {"win", "struggle", "lesson"}
    assert {p.channel for p in sample.praise} >= {"email", "Slack", "review", "LinkedIn", "1:1"}
    assert all(p.author for p in sample.praise)


def test_sample_explicit_competencies_are_names_of_the_default_framework(sample):
    general = load_builtin("General professional")
    used = {c for item in sample.items for c in item.competencies}
    assert used and used <= set(general.names)


def test_marketing_sample_loads_every_row_despite_its_own_column_names_and_typed_dates():
    marketing = load_paths([DATA / "sample_marketing.xlsx"])
    assert [p for p in marketing.problems if p.severity == "error"] == []
    assert {p.sheet for p in marketing.problems} <= {"About"}
    assert marketing.rows_skipped == 0
    assert (len(marketing.stories), len(marketing.praise)) == (35, 21)
    by_title = {s.title: s for s in marketing.stories}
    assert by_title["Win/loss interviews"].date.isoformat() == "2026-10-09"  # typed "09-Oct-2026"
    assert by_title["Returns 2.0 teaser post"].date.isoformat() == "2026-11-20"  # typed "20/11/2026"
    assert by_title["Returns launch positioning"].competencies == ("Communication", "Customer focus")
    general = load_builtin("General professional")
    assert {c for item in marketing.items for c in item.competencies} <= set(general.names)
    assert {s.story_kind for s in marketing.stories} == {"win", "struggle", "lesson"}


def test_template_imports_as_empty_not_as_evidence():
    loaded = load_paths([DATA / "template.xlsx"])
    assert (len(loaded.stories), len(loaded.praise), loaded.rows_read) == (0, 0, 0)
    assert [p for p in loaded.problems if p.severity == "error"] == []


@pytest.mark.parametrize(
    "name,levels",
    [
        ("General professional", ["Developing", "Proficient", "Advanced", "Leading"]),
        ("Software engineer (IC)", ["IC1", "IC2", "IC3", "IC4", "IC5"]),
        ("People manager", ["M1", "M2", "M3", "M4"]),
        ("Company values (starter)", ["Shows it", "Models it", "Champions it"]),
    ],
)
def test_builtin_frameworks_load(name, levels):
    assert name in builtin_names()
    framework = load_builtin(name)
    assert framework.name == name and framework.levels == levels
    assert len(framework.competencies) >= 6
    for comp in framework.competencies:
        assert comp.description and len(comp.keywords) >= 10
        assert list(comp.expectations) == levels
