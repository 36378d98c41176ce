"""Level readiness on hand-labelled cases: a small ladder (tests/fixtures/readiness/ladder.yaml)
and stories written to show chosen expectations (labels.csv); everything else must say
"no evidence yet"."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from core.competencies.frameworks import load_builtin, parse_framework
from core.competencies.readiness import NO_EVIDENCE, Expectation, decide, next_level, readiness
from core.ingest.importer import load_paths
from tests.conftest import FIXTURES, ROOT

HERE = FIXTURES / "readiness"
LABELS = list(csv.DictReader((HERE / "labels.csv").open(encoding="utf-8")))


@pytest.fixture(scope="module")
def ladder():
    framework, problems = parse_framework("ladder.yaml", (HERE / "ladder.yaml").read_bytes())
    assert framework is not None and not problems
    return framework


@pytest.fixture(scope="module")
def evidence():
    return load_paths([HERE / "wins.csv", HERE / "praise.csv"])


def _rows(result):
    return {
        (c.competency, lv, r.expectation.text): r
        for c in result.competencies
        for lv, rows in c.levels.items()
        for r in rows
    }


@pytest.mark.parametrize("label", LABELS, ids=[row["id"] for row in LABELS])
def test_a_story_written_for_an_expectation_is_found_for_it(ladder, evidence, label):
    rows = _rows(readiness(evidence.items, ladder, "Senior"))
    row = rows[(label["competency"], label["level"], label["expectation"])]
    assert label["id"] in [m.item_id for m in row.matches]
    match = next(m for m in row.matches if m.item_id == label["id"])
    assert match.why.startswith("matched ")  # the reason quotes the shared words


def test_no_evidence_yet_exactly_where_nothing_was_written(ladder, evidence):
    result = readiness(evidence.items, ladder, "Senior")
    labelled = {(r["competency"], r["level"], r["expectation"]) for r in LABELS}
    for key, row in _rows(result).items():
        assert row.shown == (key in labelled), key
        if not row.shown:
            assert row.as_dict()["evidence"] == NO_EVIDENCE
    # the picnic story shows nothing on this ladder
    assert all("S8" not in [m.item_id for m in r.matches] for r in _rows(result).values())


def test_summary_counts_each_level_in_plain_words(ladder, evidence):
    result = readiness(evidence.items, ladder, "Senior")
    assert [c.summary for c in result.competencies] == [
        "Execution: 2 of 3 expectations at Senior shown, 1 of 2 at Staff",
        "Mentoring: 2 of 2 expectations at Senior shown, 1 of 2 at Staff",
        "Reliability: 1 of 2 expectations at Senior shown, 1 of 2 at Staff",
    ]
    assert [e.text for e in result.gaps()] == [
        "Rescues projects heading off track and gets them back on schedule.",
        "Shapes hiring standards across the department.",
        "Plans capacity and failover for critical systems.",
    ]


def test_the_top_level_has_no_next_level_and_an_unknown_level_is_refused(ladder, evidence):
    assert next_level(ladder, "Staff") is None
    result = readiness(evidence.items, ladder, "Staff")
    assert result.levels == ["Staff"]
    assert result.competencies[0].summary == "Execution: 1 of 2 expectations at Staff shown"
    with pytest.raises(ValueError, match="not a level"):
        readiness(evidence.items, ladder, "Principal")


def test_confirmed_and_rejected_matches_are_respected(ladder, evidence):
    lead = Expectation("Execution", "Senior", "Leads projects of several people from plan to launch.")
    status = Expectation(
        "Execution", "Senior", "Keeps stakeholders informed with a written status every week."
    )
    decisions = decide({}, lead.key, "S1", False)
    decisions = decide(decisions, status.key, "S3", True)
    rows = _rows(readiness(evidence.items, ladder, "Senior", decisions=decisions))
    rejected = rows[("Execution", "Senior", lead.text)]
    assert not rejected.shown and rejected.rejected == ["S1"]
    confirmed = rows[("Execution", "Senior", status.text)]
    assert [(m.item_id, m.status) for m in confirmed.matches] == [("S3", "confirmed")]
    # forgetting a verdict brings the suggestion back
    decisions = decide(decisions, lead.key, "S1", None)
    assert lead.key not in decisions
    assert (
        rows is not None
        and _rows(readiness(evidence.items, ladder, "Senior", decisions=decisions))[
            ("Execution", "Senior", lead.text)
        ].shown
    )


def test_a_competency_override_takes_the_item_off_its_expectations(ladder, evidence):
    rows = _rows(readiness(evidence.items, ladder, "Senior", overrides={"S6": []}))
    assert not rows[
        ("Reliability", "Senior", "Leads incident response and writes postmortems with follow-up actions.")
    ].shown


def test_builtin_frameworks_all_have_levels_to_pick():
    for name in (
        "General professional",
        "Software engineer (IC)",
        "People manager",
        "Company values (starter)",
    ):
        framework = load_builtin(name)
        assert framework.levels and next_level(framework, framework.levels[0]) == framework.levels[1]


def readiness_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m core readiness ... --framework ladder.yaml`, run as a user would."""
    command = [sys.executable, "-m", "core", "readiness", *args, "--framework", str(HERE / "ladder.yaml")]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_command_line_twin_prints_the_same_readiness_as_json():
    out = readiness_cli(str(HERE / "wins.csv"), str(HERE / "praise.csv"), "--level", "Senior", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["level"] == "Senior" and data["next_level"] == "Staff"
    assert (
        data["competencies"][1]["summary"]
        == "Mentoring: 2 of 2 expectations at Senior shown, 1 of 2 at Staff"
    )
    gap = {
        "competency": "Mentoring",
        "level": "Staff",
        "expectation": "Shapes hiring standards across the department.",
    }
    assert gap in data["gaps"]


def test_command_line_refuses_an_unknown_level_in_one_line():
    out = readiness_cli(str(HERE / "wins.csv"), "--level", "Wizard")
    assert out.returncode == 2 and "Wizard" in out.stderr and "Traceback" not in out.stderr
