"""The load report as plain data: saved with the workspace, so it is still there after a reload.

Only the report travels (files, problems, rows to fix), never the evidence, which the workspace
saves row by row anyway.
"""

from __future__ import annotations

import dataclasses

from core.model import ColumnReading, Dataset, FileStatus, Problem, RejectedRow

_LISTS = ("columns", "hidden_sheets")


def report_to_dict(report: Dataset) -> dict:
    return {
        "files": [dataclasses.asdict(f) for f in report.files],
        "problems": [p.as_dict() for p in report.problems],
        "rejected": [dataclasses.asdict(r) for r in report.rejected],
        "rows_read": report.rows_read,
        "rows_skipped": report.rows_skipped,
    }


def report_from_dict(data: dict) -> Dataset | None:
    """A Dataset holding the report only (no evidence): what the Import page shows of it; None
    when the saved report no longer fits (saved by another version): it is simply not shown."""
    try:
        return _report_from_dict(data)
    except (TypeError, KeyError, AttributeError):
        return None


def _report_from_dict(data: dict) -> Dataset:
    files = []
    for f in data.get("files") or []:
        f = dict(f)
        readings = [ColumnReading(**{**r, "headers": tuple(r["headers"]), "fields": tuple(r["fields"])})
                    for r in f.pop("readings", None) or []]  # fmt: skip
        files.append(FileStatus(**{**f, "readings": readings}))
    rejected = [RejectedRow(**{**r, "needs": tuple(r["needs"])}) for r in data.get("rejected") or []]
    return Dataset(
        problems=[Problem(**p) for p in data.get("problems") or []],
        files=files,
        rows_read=data.get("rows_read", 0),
        rows_skipped=data.get("rows_skipped", 0),
        rejected=rejected,
    )


def without_rejected(report: Dataset, row: RejectedRow) -> Dataset:
    """The report once `row` was fixed in the app: its error gone, one row fewer skipped, one more loaded."""
    files = []
    for status in report.files:
        if status.file == row.file:
            kind = "stories" if row.kind == "story" else "praise"
            status = dataclasses.replace(status, rows_skipped=status.rows_skipped - 1)
            setattr(status, kind, getattr(status, kind) + 1)
        files.append(status)
    problems = [
        p for p in report.problems
        if not (p.severity == "error" and (p.file, p.sheet, p.row) == (row.file, row.sheet, row.row))
    ]  # fmt: skip
    return dataclasses.replace(
        report, files=files, problems=problems, rejected=[r for r in report.rejected if r != row],
        rows_skipped=report.rows_skipped - 1,
    )  # fmt: skip
