"""How long mapping takes: 1,000 and 20,000 synthetic items against the default framework.

    python bench/mapping_bench.py [--sizes 1000,20000] [--repeat 3]

Prints, per size: the first map_items call (fits the framework model too) and the median of
later calls (model cached), plus the import cost of core.competencies.mapping (with numpy). Budget: well
under a second for 1,000 items; `python -m core draft` on 20,000 items under 2 s whole-process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def items(size: int):
    from bench import synthetic
    from core.model import Praise, Story

    half = size // 2
    out = []
    for i, row in enumerate(synthetic.story_rows(half), start=1):
        day, title, challenge, action, result, comps, _impact, _kind, project, tags = row
        out.append(
            Story(
                f"S{i}",
                day,
                title,
                challenge,
                action,
                result,
                competencies=tuple(c for c in comps.split(";") if c),
                project=project,
                tags=tuple(t for t in tags.split(";") if t),
            )
        )
    for i, row in enumerate(synthetic.praise_rows(size - half), start=1):
        out.append(Praise(f"P{i}", row[0] if isinstance(row[0], dt.date) else dt.date(2026, 1, 1), row[1]))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    code = ("import time; t=time.perf_counter(); import core.competencies.mapping; "
            "print(time.perf_counter()-t)")
    imp = float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True).stdout)
    print(f"import core.competencies.mapping (+numpy): {imp * 1000:.0f} ms")
    from core.competencies import engine, mapping
    from core.competencies.frameworks import load_builtin

    framework = load_builtin("General professional")
    for size in (int(s) for s in args.sizes.split(",")):
        data = items(size)
        engine.MODELS.clear()
        t = time.perf_counter()
        mapping.map_items(data, framework)
        first = time.perf_counter() - t
        later = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = mapping.map_items(data, framework)
            later.append(time.perf_counter() - t)
        t = time.perf_counter()
        mapping.assigned(result, {})
        assign = time.perf_counter() - t
        print(
            f"{size:>6} items: first map_items {first * 1000:6.0f} ms, "
            f"then median {statistics.median(later) * 1000:6.0f} ms"
            f" ({statistics.median(later) / size * 1e6:.1f} µs/item); assigned() {assign * 1000:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
