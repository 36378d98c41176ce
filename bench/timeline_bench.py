"""Timeline benchmark: the pure computations and a Timeline page rerun for 10,000 stories.

    python bench/timeline_bench.py                    # 10,000 stories, 2,500 quotes, 5 repeats
    python bench/timeline_bench.py --stories 50000 --one-year

The evidence comes from bench/synthetic.py (dates over several years, denser lately); with
--one-year every date is folded into the last 12 months, so the whole load lands in the
default period (the worst case for the per-period work). Prints medians in milliseconds:
strength + links for every story, the period analysis, the two figures, `summary_json`, and
through AppTest: the page's first load, a plain rerun, a period change (first time: computed)
and the change back (cached: the content-keyed cache must make this well under a second).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import praise_rows, story_rows  # noqa: E402

from core.model import Dataset, Praise, Story  # noqa: E402


def build_dataset(stories: int, praise: int, one_year: bool) -> Dataset:
    """Story and Praise objects straight from the synthetic rows (the importer is benched elsewhere)."""
    srows, prows = story_rows(stories), praise_rows(praise)
    end = max(r[0] for r in srows)

    def day(d: dt.date) -> dt.date:
        return end - dt.timedelta(days=(end - d).days % 365) if one_year else d

    out = Dataset()
    for i, row in enumerate(srows, 1):
        date, title, challenge, action, result, comps, impact, kind, project, tags = row
        out.stories.append(
            Story(f"S{i}", day(date), title=title, challenge=challenge, action=action, result=result,
                  competencies=tuple(c for c in comps.split(";") if c), impact=impact, story_kind=kind,
                  project=project, tags=tuple(t for t in tags.split(";") if t))
        )  # fmt: skip
    for i, (date, text, author, role, channel) in enumerate(prows, 1):
        out.praise.append(Praise(f"P{i}", day(date), text, author=author, role=role, channel=channel))
    return out


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def bench_core(dataset: Dataset, repeat: int) -> dict[str, float]:
    from core.analysis.charts import month_strip, quarter_bars
    from core.analysis.period import default_period
    from core.analysis.recency import analyse, score_all, summary_json

    period = default_period([i.date for i in dataset.items])
    out = {}
    out["strength + links, every story"], strengths = timed(lambda: score_all(dataset), repeat)
    out["analyse (counts, skew, wins, gap)"], timeline = timed(
        lambda: analyse(dataset, period, strengths, {}), repeat
    )
    out["figures (bars + month strip)"], _ = timed(
        lambda: (quarter_bars(timeline.quarters), month_strip(timeline.months)), repeat
    )
    out["summary_json, from scratch"], _ = timed(lambda: summary_json(dataset, period), repeat)
    out["_in_period"] = sum(q.stories for q in timeline.quarters)
    return out


def bench_page(dataset: Dataset, repeat: int) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    from ui.state import DATASET, SOURCE

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    at.session_state[DATASET] = dataset
    at.session_state[SOURCE] = "bench"
    out = {}
    start = time.perf_counter()
    at.switch_page("pages/timeline.py").run()
    out["page first load (maps competencies)"] = (time.perf_counter() - start) * 1000
    assert not at.exception, at.exception
    out["page rerun, nothing changed"], _ = timed(lambda: at.run(), repeat)
    kind = at.radio(key="tl_kind")
    start = time.perf_counter()
    kind.set_value("calendar").run()
    out["period change, first time"] = (time.perf_counter() - start) * 1000

    def flip():
        at.radio(key="tl_kind").set_value("default").run()
        at.radio(key="tl_kind").set_value("calendar").run()

    out["period change, cached (per rerun)"] = timed(flip, repeat)[0] / 2
    assert not at.exception, at.exception
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--praise", type=int, default=2_500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--one-year", action="store_true", help="fold every date into the last 12 months")
    parser.add_argument("--no-page", action="store_true", help="skip the AppTest part")
    args = parser.parse_args(argv)
    os.environ["ADVOCATE_HOME"] = tempfile.mkdtemp(prefix="advocate-bench-home-")  # never the user's

    dataset = build_dataset(args.stories, args.praise, args.one_year)
    results = bench_core(dataset, args.repeat)
    in_period = results.pop("_in_period")
    print(f"{len(dataset.stories)} stories, {len(dataset.praise)} quotes, {in_period} in the default period")
    if not args.no_page:
        results.update(bench_page(dataset, args.repeat))
    width = max(map(len, results))
    for name, ms in results.items():
        print(f"  {name:<{width}}  {ms:9.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
