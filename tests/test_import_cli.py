"""`python -m core check`: the command-line twin of the Import page, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "core", "check", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_check_json_reports_counts_problems_and_evidence():
    result = check(str(FIXTURES / "libreoffice_wins.xlsx"), str(FIXTURES / "empty.csv"), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["files"] == [
        {"file": "libreoffice_wins.xlsx", "error": None},
        {"file": "empty.csv", "error": "The file is empty."},
    ]
    assert (data["stories"], data["praise"], data["rows_read"], data["rows_skipped"]) == (5, 3, 10, 2)
    assert data["rows_read"] == data["stories"] + data["praise"] + data["rows_skipped"]
    bad = [p for p in data["problems"] if p["severity"] == "error" and p["row"] is not None]
    where = {(p["sheet"], p["row"], p["column"]) for p in bad}
    assert where == {("My wins", 8, "Date"), ("Kudos", 4, "Kudos")}
    assert set(bad[0]) == {"file", "sheet", "row", "column", "severity", "message"}
    first = data["evidence"][0]
    assert (first["id"], first["kind"], first["date"]) == ("S1", "story", "2025-01-14")
    assert first["title"] == "Cut CI time" and first["competencies"] == ["Technical excellence", "Efficiency"]
    assert [e["id"] for e in data["evidence"] if e["kind"] == "praise"] == ["P1", "P2", "P3"]
    assert data["evidence"][-1]["from"] == "Sam O'Neil"


def test_check_json_linkedin_praise_fields():
    data = json.loads(check(str(FIXTURES / "Recommendations_Received.csv"), "--json").stdout)
    hidden = data["evidence"][2]
    assert (hidden["from"], hidden["role"], hidden["channel"], hidden["hidden"]) == (
        "Old Colleague", "Intern at Initech", "LinkedIn", True,
    )  # fmt: skip


def test_check_human_summary():
    result = check(str(FIXTURES / "libreoffice_wins.ods"))
    assert result.returncode == 0
    assert result.stdout.startswith("Loaded 5 stories and 3 praise (10 rows read, 2 skipped).")
    assert "error: libreoffice_wins.ods, sheet My wins, row 8, column Date:" in result.stdout


@pytest.mark.parametrize(
    "names",
    [["empty.csv"], ["corrupt.xlsx", "encrypted.xlsx", "binary_renamed.csv"], ["does_not_exist.csv"]],
)
def test_check_exits_2_with_one_line_when_nothing_loads(names):
    result = check(*(str(FIXTURES / n) for n in names))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: no file could be loaded")
    assert "Traceback" not in result.stderr
    assert all(n in lines[0] for n in names)


def test_check_accepts_a_period():
    result = check(str(FIXTURES / "us_dates.tsv"), "--period", "2025", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["praise"], data["rows_read"]) == (3, 3)
