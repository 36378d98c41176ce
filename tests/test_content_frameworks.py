"""The three built-in frameworks (our own writing): shape, completeness and originality."""

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
]


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
