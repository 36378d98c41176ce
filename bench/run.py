"""Advocate's benchmark: every stage, the command line and every page, at growing sizes.

    python bench/run.py --sizes 100,1000,10000 --repeat 3     # about 10 minutes on 2 cores
    python bench/run.py --sizes 100,1000,10000,50000           # adds the decade-and-more case

For each size it generates (once, cached under bench/results/data/) a synthetic workspace of N
stories and N praise quotes (bench/synthetic.py), then measures, each kind in its own fresh
Python process so sizes and kinds do not warm each other's caches or share a heap:

- stages, in-process: read (core.ingest.readers), import (core.ingest.importer.load_uploads, so
  normalise = import - read), the same import from the two CSVs, map (core.competencies.mapping), quarter
  statistics (core.analysis.recency.summary_json), draft (core.writing.draft.build_draft), .docx export;
- `python -m core draft FILE --format docx --out X`, the whole process, wall time and peak RSS;
- `pandas.read_excel(path, engine="openpyxl")` on the same workbook (the budget's yardstick);
- every page through AppTest: upload the workbook on Import, then for each page the first visit
  and a rerun after a widget change (and back), with caches cleared between repeats;
- optionally (`--server`) a real `streamlit run` driven by headless Chromium (bench/startup.py):
  upload, visit every page, each step split into server script time, serialising and sending,
  and browser rendering (bench/live.py), the server's peak RSS, and `streamlit run` to the first
  rendered page, each with the load average beside it.

Medians over `--repeat` runs; peak memory is the child's ru_maxrss. It prints a table and the
budgets (bench/report.py), and writes everything as JSON (bench/results/latest.json).
The parts: bench/harness.py (shared), bench/stages.py, bench/pages_apptest.py (the children),
bench/report.py (table, slopes, budgets).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import pages_apptest, report, stages, synthetic  # noqa: E402
from bench.harness import RESULTS, SPLIT_ABOVE, STAGES, Config, configure, median, timed  # noqa: E402

CHILDREN = {"stages": stages.child_stages, "pandas": stages.child_pandas,
            "apptest": pages_apptest.child_apptest}


def _run_child(kind: str, size: int, repeat: int, env: dict, timeout: float) -> dict:
    """Run one measurement kind in a fresh interpreter; its last stdout line is JSON."""
    partial = Path(env["HOME"]) / f"partial-{kind}-{size}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--size", str(size),
           "--repeat", str(repeat), "--data-dir", str(Config.data_dir), "--seed", str(Config.seed),
           "--partial", str(partial)]
    try:
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        result = json.loads(partial.read_text()) if partial.exists() else {}
        result["error"] = f"timed out after {timeout:.0f} s" + (" (partial results)" if result else "")
        return result
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-600:]}"}
    return json.loads(lines[-1])


def _measure_cli(ws: synthetic.Workspace, repeat: int, env: dict, out_dir: Path, timeout: float) -> dict:
    """`python -m core draft FILE --format docx --out X`: wall time and peak RSS of the process."""
    result = _run_cli([ws.xlsx], ws.size, repeat, env, out_dir, timeout)
    if "error" in result:
        # The workbook was refused (50,000 + 50,000 is over the default row limit per file):
        # measure the same evidence as two workbooks, and keep the refusal in the report.
        result = {**_run_cli([ws.stories_xlsx, ws.praise_xlsx], ws.size, repeat, env, out_dir, timeout),
                  "xlsx_error": result["error"]}
    return result


def _run_cli(files: list[Path], size: int, repeat: int, env: dict, out_dir: Path, timeout: float) -> dict:
    walls, rss = [], []
    out = out_dir / f"draft-{size}.docx"
    cmd = [sys.executable, "-m", "core", "draft", *map(str, files), "--format", "docx", "--out", str(out)]
    error = None
    for _ in range(repeat):
        out.unlink(missing_ok=True)
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        timer = threading.Timer(timeout, proc.kill)  # wait4 has no timeout of its own
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0 or not out.exists():
            error = f"exit {proc.returncode}: {stderr.strip()[-400:]}"
            break
        walls.append(wall)
        rss.append(usage.ru_maxrss / 1024)
    result = {"wall_s": median(walls), "peak_rss_mb": max(rss) if rss else None, "runs": walls,
              "command": " ".join(["python", *cmd[1:]]).replace(str(ROOT) + "/", "")}
    if error:
        result["error"] = error
    elif out.exists():
        result["docx_bytes"] = out.stat().st_size
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated story counts (each with "
                        "as many praise); add 50000 for the decade case")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; medians are reported")
    parser.add_argument("--large-repeat", type=int, default=1, help="runs per measurement above 10,000 "
                        "(50,000 takes minutes per run)")
    parser.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    parser.add_argument("--skip", default="", help="comma-separated kinds to skip: stages,cli,pandas,apptest")
    parser.add_argument("--server", action="store_true", help="also drive a real `streamlit run` in headless "
                        "Chromium at each size from 10,000 (each step split, start-up, server peak RSS)")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--data-dir", type=Path, default=Config.data_dir,
                        help="where generated workbooks are kept")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--partial", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=300, help="seconds before one measurement "
                        "process is stopped (what it finished is kept)")
    args = parser.parse_args(argv)
    configure(args.data_dir, args.seed, args.partial)
    if args.child:
        print(json.dumps(CHILDREN[args.child](args.size, args.repeat)))
        return 0

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    results: dict = {
        "command": "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average_at_start": os.getloadavg(),
        "repeat": args.repeat,
        "sizes": {},
    }
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="advocate-bench-") as tmp:
        # A private HOME, so pages that keep a journal or workspace never touch the user's own.
        env = {**os.environ, "HOME": tmp, "PYTHONDONTWRITEBYTECODE": "1", "MPLBACKEND": "Agg"}
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        env["ADVOCATE_HOME"] = str(Path(tmp) / "advocate")
        for size in sizes:
            seconds, ws = timed(lambda size=size: synthetic.ensure_workspace(
                size, Config.data_dir, args.seed, split=2 * size > SPLIT_ABOVE))
            repeat = args.repeat if size <= 10_000 else min(args.repeat, args.large_repeat)
            entry: dict = {"generate_s": seconds, "xlsx_mb": ws.xlsx.stat().st_size / 1e6, "repeat": repeat}
            results["sizes"][str(size)] = entry
            print(f"[{time.perf_counter() - began:6.0f} s] size {size:,}: workbook ready", file=sys.stderr)
            for kind in ("stages", "cli", "pandas", "apptest"):
                if kind in skip:
                    continue
                if kind == "cli":
                    entry["cli"] = _measure_cli(ws, repeat, env, Path(tmp), args.timeout)
                else:
                    entry[kind] = _run_child(kind, size, repeat, env, args.timeout)
                print(f"[{time.perf_counter() - began:6.0f} s] size {size:,}: {kind} done", file=sys.stderr)
        if args.server:
            from bench import startup

            # The live budgets are stated at 10,000 + 10,000 and for a decade (50,000 + 50,000);
            # start-up is measured `--repeat` times with the first, once with the others.
            live_sizes = [s for s in sizes if s >= 10_000] or [max(sizes)]
            for n, at in enumerate(live_sizes):
                upload = synthetic.workspace_paths(at, Config.data_dir, Config.seed).xlsx
                print(f"[{time.perf_counter() - began:6.0f} s] streamlit run + Chromium, upload {at:,}",
                      file=sys.stderr)
                measured = startup.measure(repeat=args.repeat if n == 0 else 1, upload=upload,
                                           env=startup.user_env(env))
                if n == 0:
                    results["startup"] = measured
                server = results["sizes"][str(at)]["server"] = measured.get("upload") or {}
                if measured.get("errors"):
                    server["errors"] = measured["errors"]
    results["slopes"] = {}
    for key, path in (("cli_wall_s", ("cli", "wall_s")), *(
            (f"{stage}_s", ("stages", "medians", stage)) for stage in STAGES),
            ("apptest_upload_s", ("apptest", "medians", "_app", "upload"))):
        points = []
        for size, entry in results["sizes"].items():
            value = entry
            for part in path:
                value = value.get(part) if isinstance(value, dict) else None
            points.append((int(size), value))
        results["slopes"][key] = report.slope(points)
    results["budgets"] = report.budgets(results)
    results["elapsed_s"] = time.perf_counter() - began
    results["load_average_at_end"] = os.getloadavg()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, default=str))

    report.print_results(results, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
