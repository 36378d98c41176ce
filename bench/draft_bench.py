"""Draft benchmark: build_draft on N stories, each export's time, and the whole CLI process.

    python bench/draft_bench.py                      # 1,000 and 10,000 stories (+ as many quotes)
    python bench/draft_bench.py --sizes 1000 --repeat 5

Uses the synthetic workspaces of bench/synthetic.py (generated once, cached). Prints medians.
The budgets it checks: drafting 1,000 stories "well under a second"; 10,000 stories + 10,000
quotes from .xlsx to .docx through `python -m core draft` in under 2 s, whole process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import synthetic  # noqa: E402

DATA = ROOT / "bench" / "results" / "data"


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def median_cpu(fn, repeat: int) -> float:
    """CPU seconds of this process: steadier than wall time on a machine shared with other work."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def in_process(size: int, repeat: int) -> None:
    from core.analysis.period import custom_period, default_period
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
    from core.competencies.mapping import assigned, map_items
    from core.ingest.importer import load_paths
    from core.writing.draft import build_draft
    from core.writing.exports import render
    from core.writing.workbook import write_workbook

    ws = synthetic.ensure_workspace(size, DATA)
    seconds, dataset = median_time(lambda: load_paths([str(ws.xlsx)]), 1)
    print(f"{size:>6} stories + {len(dataset.praise)} quotes")
    print(f"  import .xlsx            {seconds * 1000:8.0f} ms (context; the import owner's figure)")
    framework = load_builtin(DEFAULT_FRAMEWORK)
    period = default_period([i.date for i in dataset.items])
    seconds, mappings = median_time(lambda: map_items(dataset.items, framework), 1)
    print(f"  map (core.competencies.mapping) {seconds * 1000:8.0f} ms (context)")
    assignments = assigned(mappings, {})
    in_period = sum(1 for s in dataset.stories if period.contains(s.date))
    seconds, draft = median_time(lambda: build_draft(dataset, framework, assignments, period), repeat)
    print(f"  build_draft             {seconds * 1000:8.1f} ms ({in_period} stories in the default period)")
    dates = [i.date for i in dataset.items]
    everything = custom_period(min(dates), max(dates))
    seconds, _ = median_time(lambda: build_draft(dataset, framework, assignments, everything), repeat)
    cpu = median_cpu(lambda: build_draft(dataset, framework, assignments, everything), repeat)
    print(f"  build_draft, all        {seconds * 1000:8.1f} ms ({len(dataset.stories)} stories, one period; "
          f"CPU {cpu * 1000:.0f} ms)")
    for fmt in ("docx", "md", "txt", "json", "bullets"):
        seconds, data = median_time(lambda fmt=fmt: render(draft, fmt), repeat)
        print(f"  export .{fmt:<15} {seconds * 1000:8.1f} ms ({len(data) / 1024:.0f} KB)")
    seconds, data = median_time(lambda: write_workbook(dataset, {}), 1 if size > 1000 else repeat)
    print(f"  workbook .xlsx          {seconds * 1000:8.0f} ms ({len(data) / 1e6:.1f} MB)")


def whole_process(size: int, repeat: int) -> None:
    ws = synthetic.ensure_workspace(size, DATA)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "draft.docx"
        argv = [sys.executable, "-m", "core", "draft", str(ws.xlsx), "--format", "docx", "--out", str(out)]
        seconds, _ = median_time(lambda: subprocess.run(argv, cwd=ROOT, check=True), repeat)
    print(f"  python -m core draft --format docx, whole process: {seconds:.2f} s (budget 2 s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        in_process(size, args.repeat)
        whole_process(size, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
