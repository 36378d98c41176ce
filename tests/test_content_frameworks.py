"""The built-in frameworks (our own writing): shape, completeness, originality, and General and the
values starter in words any profession uses."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "data" / "frameworks"
SHARED_DATA = ROOT.parent / "shared" / "data"
BUILTINS = [
    ("general.yaml", "General professional"),
    ("software_engineer.yaml", "Software engineer (IC)"),
    ("people_manager.yaml", "People manager"),
    ("company_values.yaml", "Company values (starter)"),
]
# Engineering vocabulary: it belongs to the Software engineer framework, never to the frameworks a
# marketer, recruiter or accountant is reviewed against (issue 19).
ENGINEERING_TERMS = [
    "on-call", "oncall", "runbook", "postmortem", "post-mortem", "flaky", "tech debt",
    "technical debt", "design doc", "PR", "pull request", "merge request", "deploy", "deployed",
    "deployment", "code", "codebase", "code review", "debug", "debugged", "bug", "bugs", "outage",
    "alerting", "monitoring", "load test", "rolled back", "rollback", "latency", "API", "CI",
    "sprint", "backlog", "refactor", "refactored", "engineer", "engineering", "spike", "repo",
    "profiled", "shipped", "systems", "incident", "ticket", "tickets",
]  # fmt: skip
FOR_EVERYONE = ["general.yaml", "company_values.yaml"]


def _load(filename):
    return yaml.safe_load((FRAMEWORKS / filename).read_text("utf-8"))


def test_exactly_the_contracted_files_exist():
    assert sorted(p.name for p in FRAMEWORKS.glob("*.yaml")) == sorted(f for f, _ in BUILTINS)


@pytest.mark.parametrize("filename,name", BUILTINS)
def test_framework_shape(filename, name):
    data = _load(filename)
    assert data["name"] == name
    levels = data["levels"]
    assert len(levels) >= 3 and all(isinstance(lv, str) for lv in levels)
    comps = data["competencies"]
    assert 6 <= len(comps) <= 9
    names = [c["name"] for c in comps]
    assert len(set(names)) == len(names)
    for comp in comps:
        label = f"{filename}: {comp['name']}"
        assert 30 <= len(comp["description"]) <= 250, label
        keywords = comp["keywords"]
        # YAML turns unquoted 1:1 into the integer 61: every keyword must stay a string
        assert all(isinstance(k, str) and k.strip() for k in keywords), label
        assert 10 <= len(keywords) <= 20, label
        assert len({k.lower() for k in keywords}) == len(keywords), label
        assert list(comp["expectations"]) == levels, label
        for level, behaviours in comp["expectations"].items():
            assert 2 <= len(behaviours) <= 4, f"{label} {level}"
            assert all(isinstance(b, str) and len(b) > 20 for b in behaviours), f"{label} {level}"


def test_general_keywords_are_distinctive():
    """A keyword listed under many competencies can't tell them apart, so it would only add noise."""
    seen: dict[str, list[str]] = {}
    for comp in _load("general.yaml")["competencies"]:
        for k in comp["keywords"]:
            seen.setdefault(k.lower(), []).append(comp["name"])
    assert {k: v for k, v in seen.items() if len(v) > 2} == {}


def _all_text(filename):
    data = _load(filename)
    parts = [data["description"]]
    for comp in data["competencies"]:
        parts += [comp["name"], comp["description"], *comp["keywords"]]
        parts += [b for behaviours in comp["expectations"].values() for b in behaviours]
    return parts


@pytest.mark.parametrize("filename", FOR_EVERYONE)
@pytest.mark.parametrize("term", ENGINEERING_TERMS)
def test_no_engineering_term_in_the_frameworks_for_everyone(filename, term):
    # "PR", "API" and "CI" are only jargon in capitals; the rest in any case
    flags = 0 if term.isupper() else re.IGNORECASE
    pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", flags)
    hits = [text for text in _all_text(filename) if pattern.search(text)]
    assert hits == [], f"{term!r} in {filename}: {hits}"


def test_the_engineering_terms_do_live_in_the_software_engineer_framework():
    """The banned list is real vocabulary, not words nobody would write: engineers keep them."""
    text = " ".join(_all_text("software_engineer.yaml"))
    found = [t for t in ENGINEERING_TERMS if re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", text, re.I)]
    assert len(found) >= 12, found


def _shingles(text, n=7):
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data not present")
def test_no_text_copied_from_the_third_party_frameworks():
    ours = set()
    for filename, _ in BUILTINS:
        for comp in _load(filename)["competencies"]:
            ours |= _shingles(comp["description"])
            for behaviours in comp["expectations"].values():
                for b in behaviours:
                    ours |= _shingles(b)
    theirs = set()
    for path in SHARED_DATA.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    theirs |= _shingles(cell)
    assert ours and theirs
    assert ours & theirs == set()
