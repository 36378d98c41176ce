"""The draft corpus: messy years as people really log them, and the golden drafts made from them.

Each entry is (name, command-line arguments after `python -m core draft`). The golden file
tests/golden/NAME.txt is `python -m core draft ARGS --format txt`, checked in so a reviewer can
read the prose in a diff. Regenerate all of them after a deliberate change to the prose:

    python scripts/regenerate_goldens.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "draft_corpus"
GOLDEN = ROOT / "tests" / "golden"

# name: (evidence files, extra arguments)
YEARS = {
    # An engineer, columns "When, What happened, What I did, Impact, Link, Lesson"; wordy and terse
    # rows, figures and impact without digits, a failure logged as an ordinary row.
    "engineer_2026": (
        ["engineer_2026.csv", "engineer_2026_praise.csv"],
        ["--framework", "software_engineer"],
    ),
    # A marketing manager's fiscal year (April-March), day-first dates, Situation/Action/Outcome/Type.
    "marketing_fy26": (["marketing_fy26.csv", "marketing_fy26_praise.csv"], ["--period", "FY2026:4"]),
    # The same year answering a review form's three questions.
    "marketing_fy26_questions": (
        ["marketing_fy26.csv", "marketing_fy26_praise.csv"],
        ["--period", "FY2026:4", "--questions", str(CORPUS / "questions.txt")],
    ),
    # A nurse who writes in fragments ("Precepted 2 new grads"), month-only dates, few figures.
    "nurse_2025": (["nurse_2025.csv"], ["--period", "2025"]),
}


def draft_args(name: str, fmt: str = "txt") -> list[str]:
    files, extra = YEARS[name]
    return ["draft", *(str(CORPUS / f) for f in files), *extra, "--format", fmt]


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.txt"
