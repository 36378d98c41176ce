"""How much the saved workspace costs: the end-of-run change check (paid on every rerun), a save
after one edit, a full save and a restore, at growing sizes (N stories + N praise).

    python bench/workspace_bench.py --sizes 1000,10000 --repeat 5

Prints medians in milliseconds. The change check is what every page rerun pays; a save is paid
only when something changed; a restore once per browser session.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core.model import Dataset, Origin, Praise, Story  # noqa: E402
from core.store.workspace import WorkingSet, WorkspaceStore  # noqa: E402
from ui import state  # noqa: E402
from ui.saving import mark, pending_changes  # noqa: E402


def dataset(n: int) -> Dataset:
    start = dt.date(2016, 1, 1)
    stories = [
        Story(
            f"S{i}",
            start + dt.timedelta(days=i % 3650),
            title=f"Shipped the release pipeline step {i}",
            challenge="Releases took two days and blocked three teams. " * 3,
            action="I automated the pipeline, wrote the runbook and trained the on-call rotation. " * 3,
            result=f"Release time fell from 2 days to 2 hours, saving {i % 90} hours a month.",
            competencies=("Delivery",),
            impact=i % 5 + 1,
            origin=Origin("wins.xlsx", "Stories", i + 1),
        )
        for i in range(1, n + 1)
    ]
    praise = [
        Praise(
            f"P{i}",
            start + dt.timedelta(days=i % 3650),
            "Thanks for unblocking the launch, the whole team noticed. " * 2,
            author="Jane Doe",
            role="Manager",
            channel="email",
            origin=Origin("wins.xlsx", "Praise", i + 1),
        )
        for i in range(1, n + 1)
    ]
    return Dataset(stories=stories, praise=praise)


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs)


def bench(n: int, repeat: int) -> dict[str, float]:
    data = dataset(n)
    overrides = {s.id: ["Delivery", "Impact"] for s in data.stories[: n // 2]}
    session = {state.DATASET: data, state.SOURCE: "wins.xlsx", state.OVERRIDES: overrides}
    session[state.WORKSPACE_SAVED] = mark(session)
    results = {"change check, nothing changed": timed(lambda: pending_changes(session), repeat)}

    with tempfile.TemporaryDirectory() as tmp:
        store = WorkspaceStore(tmp)
        working = WorkingSet(dataset=data, overrides=overrides, source="wins.xlsx")
        first = []
        for _ in range(repeat):
            store.delete_all()
            t0 = time.perf_counter()
            store.save(working)
            first.append((time.perf_counter() - t0) * 1000)
        results["first save (every row)"] = statistics.median(first)

        def edit_one():
            stories = list(working.dataset.stories)
            stories[n // 2] = dataclasses.replace(stories[n // 2], title=f"edited {time.perf_counter()}")
            working.dataset = dataclasses.replace(working.dataset, stories=stories)
            session[state.DATASET] = working.dataset
            dirty, _changed = pending_changes(session)
            store.save(working, dirty=dirty)
            session[state.WORKSPACE_SAVED] = mark(session)

        results["save after one edit (app path)"] = timed(edit_one, repeat)
        results["save, compare every row"] = timed(lambda: store.save(working), repeat)
        results["restore (load)"] = timed(lambda: store.load(), repeat)
        results["database size (MB)"] = store.path.stat().st_size / 1e6
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    load = os.getloadavg()[0]
    table = {n: bench(n, args.repeat) for n in sizes}
    rows = list(next(iter(table.values())))
    print(f"{'N stories + N praise':32}" + "".join(f"{n:>12,}" for n in sizes))
    for row in rows:
        print(f"{row:32}" + "".join(f"{table[n][row]:>12.1f}" for n in sizes))
    print(f"(milliseconds, medians; the last row in MB; load average {load:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
