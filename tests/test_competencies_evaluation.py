"""The evaluation script behind the README's accuracy table runs and scores what it is given."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED_DATA

SCRIPT = ROOT / "scripts" / "evaluate_mapping.py"
FRAMEWORK = """competency,description,level,expectation,keywords
Communication,Explains ideas clearly,1,Writes clear design documents,writing;presented;explained
Communication,Explains ideas clearly,2,Presents plans to leadership,slides;audience
Reliability,Keeps systems up,1,Fixes incidents quickly,outage;incident;pager
Reliability,Keeps systems up,2,Adds alerting and runbooks,alerting;monitoring;runbook
Mentoring,Helps others grow,1,Pairs with new hires,onboarding;pairing
Mentoring,Helps others grow,2,Coaches engineers through promotions,coaching;feedback
"""
LABELLED = """text,competency
Presented the migration plan to the leadership audience with clear slides,Communication
Wrote and explained the design document for the billing service,Communication
Led the outage response and fixed the incident before the pager went off again,Reliability
Added monitoring and alerting plus a runbook for the queue,Reliability
Paired with two new hires during onboarding,Mentoring
Coached an engineer with weekly feedback,Mentoring
"""


def run(*args: str) -> str:
    done = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def scores(output: str) -> dict[str, tuple[float, float]]:
    rows = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[-1].isdigit():
            rows[" ".join(parts[:-3])] = (float(parts[-3]), float(parts[-2]))
    return rows


def test_every_method_is_scored_and_the_shipped_one_gets_easy_texts_right(tmp_path):
    (tmp_path / "framework.csv").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "labelled.csv").write_text(LABELLED, encoding="utf-8")
    output = run(str(tmp_path / "labelled.csv"), "--framework", str(tmp_path / "framework.csv"))
    rows = scores(output)
    assert any("keyword overlap" in name for name in rows), output
    assert any("TF-IDF" in name for name in rows), output
    shipped = [value for name, value in rows.items() if "advocate" in name.lower()]
    assert shipped, output
    top1, top3 = shipped[0]
    assert top1 >= 5 / 6 and top3 == 1.0, output  # texts written with the framework's own words


@pytest.mark.skipif(not (SHARED_DATA / "dropbox-software-engineer.csv").exists(), reason="shared data absent")
def test_leave_one_level_out_runs_on_the_shared_ladder():
    output = run(str(SHARED_DATA / "dropbox-software-engineer.csv"), "--leave-one-level-out")
    assert scores(output), output
