"""What every benchmark process shares: where results go, which data, how to time and keep results.

bench/run.py starts one fresh Python process per measurement kind (bench/stages.py,
bench/pages_apptest.py); `configure` tells each child the parent's data folder and seed, and
`checkpoint` saves what a child measured so far, so a child stopped on timeout still reports it.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402

RESULTS = ROOT / "bench" / "results"
STAGES = ("read", "normalise", "import", "import_csv", "map", "quarters", "draft", "docx")
SPLIT_ABOVE = 100_000  # rows per file above which the evidence is brought as two workbooks


class Config:
    """Set once per process by `configure` (children find the parent's files: same folder, same seed)."""

    data_dir: Path = RESULTS / "data"
    seed: int = synthetic.DEFAULT_SEED
    partial: Path | None = None  # where a child checkpoints its results


def configure(data_dir: Path, seed: int, partial: Path | None) -> None:
    Config.data_dir, Config.seed, Config.partial = data_dir.resolve(), seed, partial


def rss_mb() -> float:
    """This process's peak resident set size (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def checkpoint(report: dict) -> None:
    """Save what a child has measured so far, so a child killed on timeout still reports it."""
    if Config.partial is not None:
        Config.partial.write_text(json.dumps(report))
