"""The benchmark's report: the table, the slopes, the budgets and what the live server showed."""

from __future__ import annotations

import json
import os
import statistics
from pathlib import Path

from bench.harness import STAGES


def slope(points: list[tuple[int, float]]) -> dict | None:
    """Seconds per 1,000 items (least squares over the sizes) and whether growth is linear.

    Linearity compares the marginal cost per item above the smallest size (which stands for the
    fixed costs: imports, start-up) at the two largest sizes: a linear cost gives a ratio near 1,
    a quadratic one about the ratio of the sizes (10 from 1,000 to 10,000). Ratios up to 2 count
    as linear (noise and the garbage collector's larger heaps); a rise under 0.1 s is too small
    to judge and counts as linear.
    """
    points = sorted((n, t) for n, t in points if t is not None)
    if len(points) < 2:
        return None
    xs = [n / 1000 for n, _ in points]
    ys = [t for _, t in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    denominator = sum((x - mean_x) ** 2 for x in xs)
    fit = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / denominator
    segments = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(len(xs) - 1)]
    linear = ratio = None
    if len(points) >= 3:
        (x0, y0), (x1, y1), (x2, y2) = (xs[0], ys[0]), (xs[-2], ys[-2]), (xs[-1], ys[-1])
        marginal_mid, marginal_top = (y1 - y0) / (x1 - x0), (y2 - y0) / (x2 - x0)
        if y2 - y0 < 0.1:
            linear = True
        elif marginal_mid > 0:
            ratio = marginal_top / marginal_mid
            linear = ratio <= 2.0
        else:
            linear = False  # the cost only appears at the largest size
    return {"s_per_1000": fit, "segments_s_per_1000": segments, "marginal_ratio": ratio, "linear": linear}


def _fmt(seconds: float | None, ms: bool = False) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f}" if ms else f"{seconds:.2f}"


def _table(results: dict) -> str:
    sizes = sorted(results["sizes"], key=int)
    head = "| measure | " + " | ".join(f"{int(s):,}+{int(s):,}" for s in sizes) + " |"
    lines = [head, "|---|" + "---:|" * len(sizes)]

    def row(label: str, values: list[str]):
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    def get(size, *keys):
        value = results["sizes"][size]
        for key in keys:
            if not isinstance(value, dict) or key not in value:
                return None
            value = value[key]
        return value

    row("runs per measurement (median reported)", [str(results["sizes"][s].get("repeat", "")) for s in sizes])
    for stage in STAGES:
        label = {"import": "import xlsx (read + normalise)", "import_csv": "import 2 CSVs",
                 "quarters": "quarter statistics", "docx": ".docx export"}.get(stage, stage)
        row(f"{label} (s)", [_fmt(get(s, "stages", "medians", stage)) for s in sizes])
    row("**`python -m core draft --format docx` whole process (s)**", [_fmt(get(s, "cli", "wall_s"))
                                                                         for s in sizes])
    row("`pandas.read_excel(openpyxl)` first sheet (s)",
        [_fmt(get(s, "pandas", "first_sheet_s")) for s in sizes])
    row("`pandas.read_excel(openpyxl)` both sheets (s)",
        [_fmt(get(s, "pandas", "all_sheets_s")) for s in sizes])
    row("AppTest: app start, sample data (ms)", [_fmt(get(s, "apptest", "medians", "_app", "start"), True)
                                                  for s in sizes])
    row("AppTest: upload the workbook (ms)", [_fmt(get(s, "apptest", "medians", "_app", "upload"), True)
                                              for s in sizes])
    pages = []
    for size in sizes:
        for page in get(size, "apptest", "medians") or {}:
            if page != "_app" and page not in pages:
                pages.append(page)
    for page in pages:
        name = Path(page).stem
        for key, label in (("first", "first visit"), ("rerun", "rerun after a widget change"),
                           ("rerun_back", "widget changed back")):
            row(f"AppTest {name}: {label} (ms)", [_fmt(get(s, "apptest", "medians", page, key), True)
                                                  for s in sizes])
    row("peak RSS: stages process (MB)", [_fmt_mb(get(s, "stages", "peak_rss_mb")) for s in sizes])
    row("peak RSS: `python -m core draft` (MB)", [_fmt_mb(get(s, "cli", "peak_rss_mb")) for s in sizes])
    row("peak RSS: AppTest process (MB)", [_fmt_mb(get(s, "apptest", "peak_rss_mb")) for s in sizes])
    if any(get(s, "server") for s in sizes):
        row("peak RSS: `streamlit run` server (MB)", [_fmt_mb(get(s, "server", "server_peak_rss_mb"))
                                                      for s in sizes])
    return "\n".join(lines)


def _load(measured: dict) -> str:
    value = measured.get("load_average")
    return "" if value is None else f"load average {value:.1f}"


def _fmt_mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def budgets(results: dict) -> list[dict]:
    """Issue 8's budgets and issue 16's live ones, each with the figure that decides it (None when
    not measured) and the load average it was measured at."""
    sizes = results["sizes"]
    ten = sizes.get("10000", {})
    budgets = []

    def add(name, figure, met, detail=""):
        budgets.append({"budget": name, "figure": figure, "met": met, "detail": detail})

    cli = ten.get("cli", {}).get("wall_s")
    pandas_first = ten.get("pandas", {}).get("first_sheet_s")
    add("10k+10k xlsx -> docx, whole process < 2 s", cli, None if cli is None else cli < 2.0,
        ten.get("cli", {}).get("error", ""))
    add("... and faster than pandas.read_excel(openpyxl) on the same workbook", cli,
        None if cli is None or pandas_first is None else cli < pandas_first,
        f"read_excel first sheet {_fmt(pandas_first)} s, both sheets "
        f"{_fmt(ten.get('pandas', {}).get('all_sheets_s'))} s")
    reruns = {Path(p).stem: m.get("rerun") for p, m in ten.get("apptest", {}).get("medians", {}).items()
              if p != "_app"}
    worst = max((v for v in reruns.values() if v is not None), default=None)
    add("page rerun after a widget change < 200 ms (10k)", worst, None if worst is None else worst < 0.2,
        ", ".join(f"{k} {_fmt(v, True)} ms" for k, v in reruns.items()))
    live = ten.get("server") or {}
    steps = live.get("steps") or {}
    server = live.get("server_peak_rss_mb")
    memory = server if server is not None else ten.get("apptest", {}).get("peak_rss_mb")
    add("peak memory < 300 MB, whole server process (10k)", memory, None if memory is None else memory < 300,
        "streamlit run server, measured" if server is not None else
        "AppTest process stands in for the server (run with --server for the real one)")
    upload = steps.get("upload", {})
    add("live: upload of the 10k .xlsx to the Import page fully rendered < 2 s", upload.get("total_s"),
        None if not upload else upload["total_s"] < 2.0, _load(upload))
    switches = {k: v for k, v in steps.items() if k != "upload"}
    worst = max(switches.items(), key=lambda kv: kv[1]["total_s"], default=(None, {}))
    add("live: every page switch, first visit included, < 1 s (10k)", worst[1].get("total_s"),
        None if not switches else worst[1]["total_s"] < 1.0,
        f"slowest {worst[0]}, {_load(worst[1])}" if switches else "run with --server")
    decade = (sizes.get("50000", {}).get("server") or {}).get("steps") or {}
    switches = {k: v for k, v in decade.items() if k != "upload"}
    worst = max(switches.items(), key=lambda kv: kv[1]["total_s"], default=(None, {}))
    add("live: 50k+50k in one workbook, every page switch < 3 s", worst[1].get("total_s"),
        None if not switches else worst[1]["total_s"] < 3.0,
        f"slowest {worst[0]}, {_load(worst[1])}" if switches else "run with --sizes 10000,50000 --server")
    slope = results.get("slopes", {}).get("cli_wall_s")
    slopes = {k: v for k, v in results.get("slopes", {}).items() if v and v["linear"] is not None}
    bent = sorted(k for k, v in slopes.items() if not v["linear"])
    add("cost grows linearly (every stage and the whole command)", slope and slope["s_per_1000"],
        (not bent) if slopes else None,
        (f"python -m core draft {slope['s_per_1000']:.3f} s per 1,000; " if slope else "")
        + ("super-linear: " + ", ".join(bent) if bent else "all linear"))
    fifty = sizes.get("50000", {})
    ok, detail = None, "run with --sizes ...,50000"
    if fifty:
        cli50, app50 = fifty.get("cli", {}), fifty.get("apptest", {})
        page_errors = {k: v for k, v in (app50.get("errors") or {}).items() if k.startswith("pages/")}
        loaded = app50.get("loaded") or {}
        ok = ("error" not in cli50 and "error" not in app50 and not page_errors
              and loaded.get("stories") == 50_000 and loaded.get("praise") == 50_000)
        detail = "; ".join(filter(None, [
            f"python -m core draft {_fmt(cli50.get('wall_s'))} s" if cli50.get("wall_s") else "",
            f"the single workbook was refused ({cli50['xlsx_error'][-120:]}), measured as two workbooks"
            if cli50.get("xlsx_error") else "",
            f"app loaded {loaded}" if loaded else "",
            f"page errors: {page_errors}" if page_errors else "",
            cli50.get("error", ""), app50.get("error", ""),
        ]))
    live50 = fifty.get("server") or {}
    if live50.get("steps") and ok is not True:  # the live server's visit shows it too
        ok = not live50.get("errors") and not live50.get("page_errors")
        detail = f"live server: upload and every page rendered, no error shown; {detail}"
    add("50k+50k still works", fifty.get("cli", {}).get("wall_s") if fifty else None, ok, detail)
    start = results.get("startup") or {}
    startup = start.get("first_render_s")
    add("streamlit run -> first page rendered < 2.5 s", startup, None if startup is None else startup < 2.5,
        _load(start) if startup is not None else "run with --server (or bench/startup.py)")
    return budgets


def print_results(results: dict, json_path: Path) -> None:
    """Print what bench/run.py measured (the JSON holds everything)."""
    print(_table(results))
    startup = results.get("startup")
    if startup:
        print(f"\n`streamlit run app.py` -> server healthy {_fmt(startup.get('server_ready_s'))} s, "
              f"browser connected {_fmt(startup.get('browser_connected_s'))} s, "
              f"first page fully rendered in headless Chromium {_fmt(startup.get('first_render_s'))} s "
              f"(median of {len(startup.get('runs', []))}, {_load(startup)}); "
              f"server RSS after start {_fmt_mb(startup.get('server_rss_after_start_mb'))} MB")
    from bench.live import split_table

    for size, entry in results["sizes"].items():
        visit = entry.get("server") or {}
        if visit.get("steps"):
            print(f"\nLive server, {int(size):,}+{int(size):,} in {visit.get('file')} "
                  f"(click to fully rendered; seconds): server peak RSS "
                  f"{_fmt_mb(visit.get('server_peak_rss_mb'))} MB")
            print(split_table(visit["steps"]))
        for error in visit.get("errors", []):
            print(f"! size {size} live server: {error}")
    print()
    print("Slopes (seconds per 1,000 stories + 1,000 praise; least squares over the sizes):")
    for key, slope in results["slopes"].items():
        if slope:
            segments = ", ".join(f"{s:.3f}" for s in slope["segments_s_per_1000"])
            ratio = slope["marginal_ratio"]
            verdict = {True: "linear", False: "SUPER-LINEAR", None: "not judged"}[slope["linear"]]
            print(f"- {key}: {slope['s_per_1000']:.3f} s/1k (segments {segments}; "
                  f"marginal cost ratio {'—' if ratio is None else f'{ratio:.1f}'}: {verdict})")
    print()
    print("Budgets (issues 8 and 16):")
    for budget in results["budgets"]:
        verdict = {True: "MET", False: "NOT MET", None: "not measured"}[budget["met"]]
        figure = budget["figure"]
        figure = f"{figure:.3f}" if isinstance(figure, float) else "—" if figure is None else str(figure)
        print(f"- {budget['budget']}: {verdict} ({figure}) {budget['detail']}")
    notes = {s: e.get("stages", {}).get("notes") for s, e in results["sizes"].items()}
    notes = {s: n for s, n in notes.items() if n}
    for size, entry in results["sizes"].items():
        for kind in ("stages", "cli", "pandas", "apptest"):
            if isinstance(entry.get(kind), dict) and entry[kind].get("error"):
                print(f"! size {size} {kind}: {entry[kind]['error']}")
        for page, error in (entry.get("apptest", {}).get("errors") or {}).items():
            print(f"! size {size} AppTest {page}: {error}")
    if notes:
        print("Stage notes:", json.dumps(notes, indent=1))
    load = results["load_average_at_start"][0], results["load_average_at_end"][0]
    print(f"\nLoad average (1 min) at start {load[0]:.1f}, at end {load[1]:.1f}, on {os.cpu_count()} CPUs"
          + (": other work was running, figures are inflated" if max(load) > (os.cpu_count() or 1) else ""))
    print(f"Wrote {json_path} in {results['elapsed_s']:.0f} s.")
