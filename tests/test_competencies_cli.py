"""`python -m core map` and `python -m core frameworks`, run as a user would (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

STORIES = """date,title,action,result,competencies
2025-02-03,Hiring loop,Interviewed twelve candidates and wrote feedback,Two hires accepted,
2025-05-12,Outage,Ran the incident call and wrote the postmortem,No repeat,Reliablity
2025-09-01,Board deck,Presented the plan to leadership,Approved,comms;Astrophysics
"""
PRAISE = """date,text,from
2025-10-20,"Your status updates are the clearest writing on the team",Sam
"""
FRAMEWORK_YAML = """name: Tiny ladder
competencies:
  - name: Recruiting
    description: Hires great people
    keywords: [interviewing, hiring]
  - name: Reliability
    description: Keeps systems up
    keywords: [incident, on-call, postmortem]
  - name: Communication
    description: Explains clearly
    keywords: [writing, presenting, updates]
  - name: Strategy
    description: Sets direction
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def files(tmp_path):
    (tmp_path / "stories.csv").write_text(STORIES, encoding="utf-8")
    (tmp_path / "praise.csv").write_text(PRAISE, encoding="utf-8")
    (tmp_path / "tiny.yaml").write_text(FRAMEWORK_YAML, encoding="utf-8")
    return tmp_path


def test_map_json_shape_and_content(files):
    result = run(
        "map",
        str(files / "stories.csv"),
        str(files / "praise.csv"),
        "--framework",
        str(files / "tiny.yaml"),
        "--period",
        "2025",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert set(payload) == {"framework", "evidence", "coverage", "gaps", "not_in_framework"}
    assert payload["framework"] == {
        "name": "Tiny ladder",
        "competencies": ["Recruiting", "Reliability", "Communication", "Strategy"],
    }
    evidence = {e["id"]: e for e in payload["evidence"]}
    assert set(evidence) == {"S1", "S2", "S3", "P1"}
    for e in evidence.values():
        assert set(e) == {"id", "kind", "date", "quarter", "confirmed", "suggestions"}
        for s in e["suggestions"]:
            assert set(s) == {"competency", "score", "why"} and 0 <= s["score"] <= 1
    assert evidence["S1"] | {"suggestions": None} == {
        "id": "S1",
        "kind": "story",
        "date": "2025-02-03",
        "quarter": "Q1 2025",
        "confirmed": [],
        "suggestions": None,
    }
    assert evidence["S1"]["suggestions"][0]["competency"] == "Recruiting"
    assert evidence["S2"]["confirmed"] == ["Reliability"]  # typo in the file, matched
    assert evidence["S3"]["confirmed"] == ["Communication"]  # "comms"
    assert evidence["P1"]["kind"] == "praise"
    assert {"competency": "Reliability", "quarter": "Q2 2025", "count": 1} in payload["coverage"]
    assert len(payload["coverage"]) == 4 * 4
    gaps = [g["message"] for g in payload["gaps"]]
    assert "No evidence for Strategy in the review period." in gaps
    assert all(g["prompt"] for g in payload["gaps"])


def test_map_with_builtin_default_and_text_output(files):
    result = run("map", str(files / "stories.csv"))
    assert result.returncode == 0, result.stderr
    assert "Framework: General professional" in result.stdout
    assert "Coverage" in result.stdout
    assert "- Astrophysics: S3" in result.stdout  # a name no framework has is reported, not dropped


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--framework", "No such ladder"], "no built-in framework or file called 'No such ladder'"),
        (["--period", "sometime"], "period 'sometime'"),
    ],
)
def test_map_user_errors_are_one_line_exit_2(files, args, words):
    result = run("map", str(files / "stories.csv"), *args)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr


def test_map_with_a_broken_framework_file_names_the_row(files):
    bad = files / "bad.csv"
    bad.write_text("name_of_thing\nx\n", encoding="utf-8")
    result = run("map", str(files / "stories.csv"), "--framework", str(bad))
    assert result.returncode == 2
    assert "bad.csv row 1 (competency)" in result.stderr


def test_frameworks_lists_builtins():
    text = run("frameworks")
    assert text.returncode == 0
    assert "General professional (default)" in text.stdout
    payload = json.loads(run("frameworks", "--json").stdout)
    assert next(f["name"] for f in payload) == "General professional"
    assert {"Software engineer (IC)", "People manager"} <= {f["name"] for f in payload}
    assert all(f["competencies"] for f in payload)


def test_map_text_output_gives_the_themes_reason_and_lists_the_unmatched_one():
    result = run("map", str(ROOT / "tests" / "fixtures" / "theme_hints.csv"))
    assert result.returncode == 0, result.stderr
    reason = "S2 2026-02-03 suggested: Communication (0.50, your sheet's Theme column says \"comms\")"
    assert reason in result.stdout
    assert result.stdout.endswith(
        "Your Theme column says, but no competency of this framework fits:\n- Synergy: S7\n"
    )
