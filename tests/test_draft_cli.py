"""`python -m core draft` and `python -m core export`: every format, questions, and user errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import docx
import pytest

from core.cli import main
from core.ingest.importer import load_paths
from tests.conftest import ROOT

SAMPLE = str(ROOT / "data" / "sample_wins.xlsx")


def run_cli(capsysbinary, *argv) -> tuple[int, bytes, str]:
    code = main(list(argv))
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode()


def test_json_lists_sections_cited_items_and_the_audit(capsysbinary):
    code, out, _ = run_cli(capsysbinary, "draft", SAMPLE, "--format", "json")
    assert code == 0
    data = json.loads(out)
    dataset = load_paths([SAMPLE])
    by_id = dataset.by_id()
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin

    headings = [s["heading"] for s in data["sections"] if s["role"] == "competency"]
    assert headings == load_builtin(DEFAULT_FRAMEWORK).names  # the sample has evidence for each
    assert (
        data["sections"][0]["heading"] == "2026 in brief" and data["sections"][-1]["heading"] == "Next year"
    )
    assert data["cited"]
    for cited in data["cited"]:
        item = by_id[cited["id"]]
        assert cited["date"] == item.date.isoformat()
        assert data["period"]["start"] <= cited["date"] <= data["period"]["end"]
        assert cited["quarter"] in data["period"]["quarters"]
    assert sum(q["citations"] for q in data["audit"]["quarters"]) == len(data["cited"])


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("md", lambda b: b.decode().startswith("# Self-evaluation")),
        ("txt", lambda b: "Appendix: evidence cited" in b.decode() and "**" not in b.decode()),
        ("bullets", lambda b: all(line.startswith("• ") for line in b.decode().splitlines())),
        ("docx", lambda b: any(p.style.name == "Heading 1" for p in docx.Document(io.BytesIO(b)).paragraphs)),
        ("xlsx", lambda b: b[:2] == b"PK"),
    ],
)
def test_every_format_writes_to_out(tmp_path, capsysbinary, fmt, check):
    out = tmp_path / f"draft.{fmt}"
    code, stdout, _ = run_cli(capsysbinary, "draft", SAMPLE, "--format", fmt, "--out", str(out))
    assert code == 0 and stdout == b""
    assert check(out.read_bytes())


def test_questions_file_and_period(tmp_path, capsysbinary):
    questions = tmp_path / "questions.txt"
    questions.write_text(
        "What are you most proud of?\n\nHow did you work with other teams?\n", encoding="utf-8"
    )
    code, out, _ = run_cli(
        capsysbinary,
        "draft",
        SAMPLE,
        "--questions",
        str(questions),
        "--period",
        "2026-01-01:2026-06-30",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert [s["heading"] for s in data["sections"]] == [
        "What are you most proud of?",
        "How did you work with other teams?",
    ]
    assert data["period"]["end"] == "2026-06-30"
    assert all(c["date"] <= "2026-06-30" for c in data["cited"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["draft", "missing.xlsx"], "missing.xlsx: no such file"),
        (["draft", SAMPLE, "--framework", "No such framework"], "unknown framework"),
        (["draft", SAMPLE, "--period", "next tuesday"], "next tuesday"),
        (["draft", SAMPLE, "--questions", "nope.txt"], "nope.txt"),
        (["export", SAMPLE, "--out", "book.csv"], "must be an .xlsx"),
    ],
)
def test_user_errors_exit_2_with_one_line(capsysbinary, argv, message):
    code, out, err = run_cli(capsysbinary, *argv)
    assert code == 2 and out == b""
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_export_round_trips_and_drafts_the_same(tmp_path):
    book = tmp_path / "workbook.xlsx"
    subprocess.run([sys.executable, "-m", "core", "export", SAMPLE, "--out", str(book)], cwd=ROOT, check=True)
    original, again = load_paths([SAMPLE]), load_paths([str(book)])

    def canonical(items):
        return [{k: v for k, v in i.as_dict().items() if k != "origin"} for i in items]

    assert canonical(again.items) == canonical(original.items)
    drafts = [
        json.loads(
            subprocess.run(
                [sys.executable, "-m", "core", "draft", path, "--format", "json"],
                cwd=ROOT,
                check=True,
                capture_output=True,
            ).stdout
        )
        for path in (SAMPLE, str(book))
    ]
    assert drafts[0] == drafts[1]
