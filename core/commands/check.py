"""`python -m core check FILE... [--json] [--period SPEC]`: what loaded, what did not, and why."""

from __future__ import annotations

import json

from core.cli import CommandError
from core.ingest.importer import load_paths
from core.model import Dataset


def build_payload(dataset: Dataset, period_spec: str | None = None) -> dict:
    """The `--json` document: files, counts, problems, evidence, and the period's recency summary."""
    payload = {
        "files": [{"file": f.file, "error": f.error} for f in dataset.files],
        "stories": len(dataset.stories),
        "undated": len(dataset.undated),  # stories without a date: not in any period figure
        "praise": len(dataset.praise),
        "rows_read": dataset.rows_read,
        "rows_skipped": dataset.rows_skipped,
        "problems": [p.as_dict() for p in dataset.problems],
        "evidence": [item.as_dict() for item in dataset.all_items],
    }
    payload.update(_period_summary(dataset, period_spec))
    return payload


def _period_summary(dataset: Dataset, period_spec: str | None) -> dict:
    from core.analysis.period import parse_period
    from core.analysis.recency import summary_json

    dates = [item.date for item in dataset.items]
    try:
        period = parse_period(period_spec, dates)
    except ValueError as exc:  # a bad --period: one line, exit 2
        raise CommandError(str(exc)) from None
    return summary_json(dataset, period)


def run(args) -> int:
    dataset = load_paths(args.files)
    if not any(f.error is None for f in dataset.files):
        reasons = "; ".join(f"{f.file}: {f.error}" for f in dataset.files)
        raise CommandError(f"no file could be loaded ({reasons})".replace("\n", " "))
    payload = build_payload(dataset, getattr(args, "period", None))
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(summary_text(dataset))
    return 0


def summary_text(dataset: Dataset) -> str:
    """The human-readable report: counts per file, then every problem with where it is."""
    undated = f" ({len(dataset.undated)} without a date)" if dataset.undated else ""
    stories = len(dataset.stories) + len(dataset.undated)
    lines = [
        f"Loaded {stories} stories{undated} and {len(dataset.praise)} praise "
        f"({dataset.rows_read} rows read, {dataset.rows_skipped} skipped)."
    ]
    for status in dataset.files:
        if status.error:
            lines.append(f"  {status.file}: not loaded: {status.error}")
        else:
            lines.append(
                f"  {status.file}: {status.stories} stories, {status.praise} praise, "
                f"{status.rows_skipped} rows skipped"
            )
    file_errors = {(f.file, f.error) for f in dataset.files if f.error}
    problems = [p for p in dataset.problems if (p.file, p.message) not in file_errors]
    if problems:
        lines.append("Problems:")
        for p in problems:
            where = ", ".join(
                part
                for part in (
                    p.file,
                    f"sheet {p.sheet}" if p.sheet else "",
                    f"row {p.row}" if p.row else "",
                    f"column {p.column}" if p.column else "",
                )
                if part
            )
            lines.append(f"  {p.severity}: {where}: {p.message}")
    return "\n".join(lines)
