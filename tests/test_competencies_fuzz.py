"""Whatever a user uploads or writes, parsing and mapping report problems instead of crashing."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.competencies.frameworks import load_builtin, parse_framework, parse_pasted
from core.competencies.mapping import NameMatcher, map_items
from core.model import Praise, Story

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GENERAL = load_builtin("General professional")


@FAST
@given(st.sampled_from(["f.csv", "f.yaml", "f.txt", "f.tsv"]), st.binary(max_size=400))
def test_any_bytes_parse_to_a_framework_or_problems(name, data):
    framework, problems = parse_framework(name, data)
    assert framework is not None or any(p.severity == "error" for p in problems)
    for p in problems:
        assert p.file == name and p.message


@FAST
@given(st.text(max_size=300))
def test_any_pasted_text_parses_or_says_why(text):
    framework, problems = parse_pasted(text)
    assert framework is not None or problems
    if framework is not None:
        assert all(c.name.strip() for c in framework.competencies)


@FAST
@given(st.lists(st.text(max_size=200), min_size=1, max_size=8), st.lists(st.text(max_size=30), max_size=3))
def test_any_text_maps_with_scores_in_range(texts, labels):
    items = [
        Story(f"S{i}", dt.date(2025, 1, 1), description=t, competencies=tuple(labels))
        for i, t in enumerate(texts)
    ]
    items.append(Praise("P1", dt.date(2025, 1, 1), texts[0]))
    result = map_items(items, GENERAL)
    assert set(result) == {item.id for item in items}
    for mapping in result.values():
        assert all(0 < s.score <= 1 and s.competency in GENERAL.names for s in mapping.suggestions)
        assert all(isinstance(s.why, str) for s in mapping.suggestions)
        assert set(mapping.confirmed) <= set(GENERAL.names)
        assert len(mapping.confirmed) + len(mapping.unmatched) <= len(labels)


@FAST
@given(st.text(max_size=40))
def test_name_matching_never_invents_a_name(label):
    assert NameMatcher(GENERAL.names).match(label) in [None, *GENERAL.names]
