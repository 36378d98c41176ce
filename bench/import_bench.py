"""How long importing a 10,000-row workbook takes (target: under a second).

Writes a workbook with 7,000 stories and 3,000 praise (real date cells, lists, impact scores)
to a temp dir, then imports it several times and prints the median; also times the raw read
through pandas' calamine engine, to show why core.ingest.readers calls python-calamine directly.

    python bench/import_bench.py [--rows 10000] [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl
import pandas as pd

from core.ingest.importer import load_paths
from core.ingest.readers import read_tables


def make_workbook(path: Path, rows: int) -> None:
    stories, praise = rows * 7 // 10, rows - rows * 7 // 10
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Stories")
    ws.append(["Date", "Title", "Challenge", "Action", "Result", "Competencies", "Impact", "Kind", "Tags"])
    start = dt.date(2024, 1, 1)
    for i in range(stories):
        ws.append([
            start + dt.timedelta(days=i % 700), f"Story {i}", f"The build for service {i % 37} was slow",
            f"Profiled and cached step {i % 11}", f"Cut build time by {i % 60 + 5}%",
            "Technical excellence; Ownership", i % 5 + 1, ("win", "struggle", "lesson")[i % 3], "ci; perf",
        ])  # fmt: skip
    ws = wb.create_sheet("Praise")
    ws.append(["Date", "Quote", "From", "Role", "Channel"])
    for i in range(praise):
        ws.append([start + dt.timedelta(days=i % 700), f"Thanks for the help with release {i}!",
                   f"Colleague {i % 50}", "Peer", "Slack"])  # fmt: skip
    wb.save(path)


def median_seconds(action, runs: int, clock=time.perf_counter) -> float:
    times = []
    for _ in range(runs):
        began = clock()
        action()
        times.append(clock() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlsx"
        make_workbook(path, args.rows)
        data = path.read_bytes()
        dataset = load_paths([path])
        assert len(dataset.items) == args.rows and not dataset.rows_skipped, "benchmark workbook did not load"
        full = median_seconds(lambda: load_paths([path]), args.runs)
        # CPU time too: on a busy machine (tests running beside it) wall time swings, CPU time less.
        cpu = median_seconds(lambda: load_paths([path]), args.runs, time.process_time)
        raw = median_seconds(lambda: read_tables(path.name, data), args.runs)

        def pandas_read():
            frames = pd.read_excel(io.BytesIO(data), sheet_name=None, engine="calamine", header=None)
            return {name: frame.astype(object).values.tolist() for name, frame in frames.items()}

        via_pandas = median_seconds(pandas_read, args.runs)
    print(f"workbook: {args.rows:,} rows ({len(dataset.stories):,} stories, {len(dataset.praise):,} praise), "
          f"{len(data) / 1024:.0f} KB")  # fmt: skip
    print(f"import (load_paths), median of {args.runs}: {full * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU")
    print(f"  raw read via python-calamine directly: {raw * 1000:.0f} ms")
    print(f"  raw read via pandas engine='calamine': {via_pandas * 1000:.0f} ms")


if __name__ == "__main__":
    main()
