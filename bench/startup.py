"""`streamlit run app.py` to the first page fully rendered in headless Chromium, and the live server's memory.

    python bench/startup.py --repeat 3                 # startup only
    python bench/startup.py --repeat 3 --size 10000    # also upload the 10k workbook, visit every page

Startup is timed from launching the server process to the first page being fully rendered: the
app reports its script as finished (`data-test-script-state="notRunning"`), it is connected, the
main area has content and nothing is stale or a loading skeleton. Chromium is launched before the
server, so the browser's own start-up is not charged to the app. With an upload, the server runs
under bench/probe.py (its script and serialisation timers), the workbook is put into the Import
page's file input (as a user's drop would), every page is visited through the sidebar, each step
split by bench/live.py, and the server's peak RSS (VmHWM from /proc) is read.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import live, serving  # noqa: E402 - after the path, so `python bench/startup.py` finds it

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1400, "height": 1000}
RENDERED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (main.querySelector('[data-stale="true"]')) return false;
  return true;
}"""
CONNECTED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED';
}"""


def _start_server(port: int, env: dict | None, records: Path | None = None) -> subprocess.Popen:
    """`streamlit run app.py`; with `records`, through bench/probe.py (the server-side timers)."""
    launcher = ["-m", "streamlit"] if records is None else [str(ROOT / "bench" / "probe.py"), str(records)]
    cmd = [sys.executable, *launcher, "run", "app.py", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    try:
        serving.wait_until_ready(proc, f"http://localhost:{port}/_stcore/health", timeout,
                                 name="streamlit", poll=0.02)
    except serving.ServerDidNotStart as exc:
        log = proc.stderr.read().decode(errors="replace")[-500:] if proc.poll() is not None else ""
        raise RuntimeError(f"{exc}: {log}") from None


def user_env(env: dict | None = None) -> dict:
    """The server's environment as on a user's machine: Python keeps the app's compiled modules
    (this machine sets PYTHONDONTWRITEBYTECODE=1, which compiles the app's 145 modules again on
    every start and every first import, 0.1-0.15 s a user pays only once)."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


FRONTEND_CACHED_JS = """() => performance.getEntriesByType('resource')
  .filter(e => /\\/static\\/js\\/index\\.[^/]*\\.js$/.test(e.name))
  .every(e => e.transferSize === 0)"""  # Streamlit's main script came from the browser's cache


def measure(repeat: int = 3, upload: Path | None = None, env: dict | None = None, think: float = 0.0,
            returning: bool = False) -> dict:
    """Median startup over `repeat` fresh servers; with `upload`, one full visit on the first
    (`think`: seconds of reading before the upload and each click, bench/live.py). `returning`:
    one browser profile and one address for every run, after a first visit that is not counted,
    as for a user who has opened the app before (Streamlit's files come from the browser's cache)."""
    from playwright.sync_api import sync_playwright

    runs: list[dict] = []
    result: dict = {"returning": returning}
    with sync_playwright() as playwright:
        profile = tempfile.mkdtemp(prefix="advocate-browser-") if returning else None
        if returning:
            browser = playwright.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, viewport=VIEWPORT)
            fixed_port = serving.free_port()
        else:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for attempt in range(-1 if returning else 0, repeat):  # -1: fills the browser's cache
                port = fixed_port if returning else serving.free_port()
                context = browser if returning else browser.new_context(viewport=VIEWPORT)  # a new user
                page = context.new_page()
                # A new user each time: an empty saved workspace (the app saves to ADVOCATE_HOME).
                server_env = {**(env or os.environ), "ADVOCATE_HOME": tempfile.mkdtemp(prefix="advocate-")}
                visiting = upload is not None and attempt == 0
                records = Path(server_env["ADVOCATE_HOME"]) / "probe.jsonl" if visiting else None
                frames = live.Frames(page)
                load = os.getloadavg()[0]
                start = time.perf_counter()
                proc = _start_server(port, server_env, records)
                try:
                    _wait_healthy(port, proc)
                    ready = time.perf_counter() - start
                    page.goto(f"http://localhost:{port}/", wait_until="commit")
                    page.wait_for_function(CONNECTED_JS, timeout=60_000, polling=10)
                    connected = time.perf_counter() - start
                    page.wait_for_function(RENDERED_JS, timeout=60_000, polling=20)
                    rendered = time.perf_counter() - start
                    run = {"server_ready_s": ready, "browser_connected_s": connected,
                           "first_render_s": rendered, "load_average": load, "probed": visiting,
                           "server_rss_after_start_mb": live.vm(proc.pid, "VmRSS"),
                           "frontend_from_cache": page.evaluate(FRONTEND_CACHED_JS)}
                    if visiting:
                        kept = live.Records(records)
                        first = [r for r in kept.new() if r["kind"] == "run"]
                        run["first_script_s"] = sum(r["script_s"] for r in first) if first else None
                        visit = live.visit(page, upload, frames, kept, RENDERED_JS, proc.pid, think)
                        visit["server_peak_rss_mb"] = live.vm(proc.pid, "VmHWM")
                        visit["server_rss_now_mb"] = live.vm(proc.pid, "VmRSS")
                        visit["file"] = upload.name
                        visit["think_s"] = think
                        result["upload"] = visit
                    if attempt >= 0:
                        runs.append(run)
                    else:
                        result["cache_filling_visit"] = run
                except Exception as exc:
                    result.setdefault("errors", []).append(f"{type(exc).__name__}: {exc}"[:400])
                finally:
                    (page if returning else context).close()  # the profile and its cache stay
                    serving.stop(proc)
                    shutil.rmtree(server_env["ADVOCATE_HOME"], ignore_errors=True)
        finally:
            browser.close()
            if profile:
                shutil.rmtree(profile, ignore_errors=True)
    for key in ("server_ready_s", "browser_connected_s", "first_render_s", "server_rss_after_start_mb",
                "load_average"):
        values = [r[key] for r in runs if r.get(key) is not None]
        result[key] = statistics.median(values) if values else None
    result["runs"] = runs
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--upload", type=Path, help="a workbook to upload on Import, then visit every page")
    parser.add_argument("--size", type=int, help="upload the synthetic workbook of this size")
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds the user reads each page before the next click (default: at once)")
    parser.add_argument("--returning", action="store_true",
                        help="as a user who opened the app before: one browser profile and address, "
                             "Streamlit's files from its cache (a first visit fills it, not counted)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "startup.json")
    args = parser.parse_args(argv)
    upload = args.upload
    if args.size:
        from bench import synthetic

        upload = synthetic.ensure_workspace(args.size, ROOT / "bench" / "results" / "data").xlsx
    env = {**user_env(), "PYTHONPATH": str(ROOT)}
    report = measure(args.repeat, upload, env, args.think, args.returning)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2))

    def fmt(value, unit):
        return "—" if value is None else f"{value:.2f} {unit}"

    print(f"streamlit run -> server healthy (median of {args.repeat}): {fmt(report['server_ready_s'], 's')}")
    print(f"streamlit run -> page loaded and connected: {fmt(report['browser_connected_s'], 's')}")
    who = "a returning user, the frontend from the browser's cache" if args.returning else "a first visit"
    print(f"streamlit run -> first page fully rendered in Chromium ({who}): "
          f"{fmt(report['first_render_s'], 's')} "
          f"(budget 2.5 s: {'MET' if (report['first_render_s'] or 99) < 2.5 else 'NOT MET'}; "
          f"load average {fmt(report['load_average'], '')})")
    print(f"server RSS after start: {fmt(report['server_rss_after_start_mb'], 'MB')}")
    first = [r["first_script_s"] for r in report["runs"] if r.get("first_script_s") is not None]
    if first:
        print(f"the first run's script (server timer, bench/probe.py): {fmt(first[0], 's')}")
    if "upload" in report:
        from bench.live import split_table

        visit = report["upload"]
        when = "at once" if not visit["think_s"] else f"after {visit['think_s']:g} s of reading"
        print(f"\nLive steps with {visit['file']}, each click {when} (each split: bench/live.py):")
        print(split_table(visit["steps"]))
        print(f"server peak RSS: {fmt(visit['server_peak_rss_mb'], 'MB')} (budget 300 MB: "
              f"{'MET' if (visit['server_peak_rss_mb'] or 1e9) < 300 else 'NOT MET'}); "
              f"exceptions shown: {visit['page_errors']}")
    for error in report.get("errors", []):
        print("!", error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
