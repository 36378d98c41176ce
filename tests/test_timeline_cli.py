"""`python -m core check FILE --json --period SPEC`: the timeline keys and period errors."""

from __future__ import annotations

import json

import pytest

from core.analysis.period import parse_period
from core.cli import main
from ui.state import SAMPLE_PATH


@pytest.mark.parametrize(
    ("spec", "first_label"),
    [("FY2027:4", "FY27 Q1"), ("2026", "Q1 2026"), ("2026-03-01:2027-02-28", "Mar–May 2026"), (None, None)],
)
def test_check_json_has_period_quarters_and_recency(capsys, spec, first_label):
    argv = ["check", str(SAMPLE_PATH), "--json"] + (["--period", spec] if spec else [])
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["period"]) == {"start", "end", "label"}
    labels = [q["label"] for q in out["quarters"]]
    if first_label:
        assert labels[0] == first_label
        assert out["period"]["label"] == parse_period(spec, []).label
    dates = [
        e["date"] for e in out["evidence"] if out["period"]["start"] <= e["date"] <= out["period"]["end"]
    ]
    assert sum(q["stories"] + q["praise"] for q in out["quarters"]) == len(dates)
    assert set(out["recency"]) == {"last_quarter_share", "even_share", "thin_quarters", "forgotten_wins"}
    story_ids = {e["id"] for e in out["evidence"] if e["kind"] == "story"}
    assert set(out["recency"]["forgotten_wins"]) <= story_ids


def test_bad_period_is_one_line_and_exit_2(capsys):
    assert main(["check", str(SAMPLE_PATH), "--json", "--period", "FY2027"]) == 2
    err = capsys.readouterr().err
    assert (
        err.strip()
        == "error: Period 'FY2027': say which month the fiscal year starts, e.g. FY2026:4 for April"
    )
