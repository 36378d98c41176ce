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
  upload, visit every page, and the server's peak RSS.

Medians over `--repeat` runs; peak memory is the child's ru_maxrss. It prints a table and the
budgets of issue 8, and writes everything as JSON (bench/results/latest.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DATA_DIR = RESULTS / "data"
STAGES = ("read", "normalise", "import", "import_csv", "map", "quarters", "draft", "docx")
SEED = synthetic.DEFAULT_SEED
SPLIT_ABOVE = 50_000  # rows per file the importer takes by default (core.ingest.readers.Limits.max_rows)
PARTIAL: Path | None = None  # where a child checkpoints its results


# --------------------------------------------------------------------------- child processes


def _rss_mb() -> float:
    """This process's peak resident set size (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _docx_exporter():
    """The exporter in core.writing.exports that writes .docx (its name is the draft owner's choice)."""
    import core.writing.exports as exports

    for name in ("to_docx", "docx_bytes", "export_docx", "draft_to_docx", "write_docx", "render_docx"):
        if callable(getattr(exports, name, None)):
            return getattr(exports, name)
    candidates = [n for n in dir(exports) if "docx" in n.lower() and not n.startswith("_")
                  and callable(getattr(exports, n))]
    if not candidates:
        raise ImportError("core.writing.exports has no docx exporter")
    return getattr(exports, candidates[0])


def _default_framework():
    from core.competencies import frameworks

    default = getattr(frameworks, "DEFAULT_FRAMEWORK", None)
    if default:
        return frameworks.load_builtin(default)
    names = frameworks.builtin_names()
    preferred = [n for n in names if n.lower().startswith("general")]
    return frameworks.load_builtin((preferred or names)[0])


def child_stages(size: int, repeat: int) -> dict:
    """Time each pipeline stage in this (fresh) process; a missing module is reported, not fatal."""
    ws = synthetic.workspace_paths(size, DATA_DIR, SEED)
    csvs = [(p.name, p.read_bytes()) for p in (ws.stories_csv, ws.praise_csv)]
    if 2 * size > SPLIT_ABOVE:
        # One workbook of this size is over the importer's default row limit per file (the
        # command-line measure shows the refusal): bring the evidence as two workbooks.
        workbooks = [(p.name, p.read_bytes()) for p in (ws.stories_xlsx, ws.praise_xlsx)]
    else:
        workbooks = [(ws.xlsx.name, ws.xlsx.read_bytes())]
    times: dict[str, list[float]] = {stage: [] for stage in STAGES}
    notes: dict[str, str] = {}
    counts: dict[str, int] = {}
    start = time.perf_counter()
    import_errors = {}
    for module in ("core.ingest.readers", "core.ingest.importer", "core.competencies.frameworks",
                   "core.competencies.mapping", "core.analysis.period", "core.analysis.recency",
                   "core.writing.draft", "core.writing.exports"):
        try:
            __import__(module)
        except Exception as exc:  # a helper's module not landed yet, or broken
            import_errors[module] = f"{type(exc).__name__}: {exc}"
    import_time = time.perf_counter() - start

    def attempt(stage: str, fn):
        if stage in notes:
            return None
        try:
            seconds, value = _timed(fn)
        except Exception as exc:
            notes[stage] = f"{type(exc).__name__}: {exc}"[:300]
            return None
        times[stage].append(seconds)
        _checkpoint(report())  # a later stage may be slow enough to hit the timeout
        return value

    def one_pass() -> dict | None:
        """Run the whole pipeline once; each stage feeds the next, as the app chains them."""
        if "core.ingest.readers" not in import_errors:
            from core.ingest.readers import read_tables

            attempt("read", lambda: [read_tables(*book) for book in workbooks])
        else:
            notes.setdefault("read", import_errors["core.ingest.readers"])
        if "core.ingest.importer" in import_errors:
            for stage in ("import", "import_csv", "normalise"):
                notes.setdefault(stage, import_errors["core.ingest.importer"])
            return None
        from core.ingest.importer import load_uploads

        dataset = attempt("import", lambda: load_uploads(workbooks))
        from_csv = attempt("import_csv", lambda: load_uploads(csvs))
        if from_csv is not None and len(from_csv.items) < 2 * size:
            refused = "; ".join(f"{f.file}: {f.error}" for f in from_csv.files if f.error)
            notes.setdefault("import_csv_refused", refused[:300])
        if dataset is None:
            return None
        if times["read"] and len(times["import"]) == len(times["read"]):
            times["normalise"].append(max(0.0, times["import"][-1] - times["read"][-1]))
        framework = assignments = draft = None
        if "core.competencies.mapping" in import_errors or "core.competencies.frameworks" in import_errors:
            notes.setdefault("map", import_errors.get("core.competencies.mapping")
                             or import_errors["core.competencies.frameworks"])
        else:
            from core.competencies import mapping

            framework = _default_framework()
            mappings = attempt("map", lambda: mapping.map_items(dataset.items, framework))
            if mappings is not None:
                assignments = mapping.assigned(mappings, dict(dataset.overrides))
        from core.analysis.period import default_period

        period = default_period([item.date for item in dataset.items])
        if "core.analysis.recency" in import_errors:
            notes.setdefault("quarters", import_errors["core.analysis.recency"])
        else:
            from core.analysis.recency import summary_json

            attempt("quarters", lambda: summary_json(dataset, period))
        if "core.writing.draft" in import_errors:
            notes.setdefault("draft", import_errors["core.writing.draft"])
        elif framework is None or assignments is None:
            notes.setdefault("draft", "needs the mapping stage")
        else:
            from core.writing.draft import build_draft

            draft = attempt("draft", lambda: build_draft(dataset, framework, assignments, period))
        if "core.writing.exports" in import_errors:
            notes.setdefault("docx", import_errors["core.writing.exports"])
        elif draft is None:
            notes.setdefault("docx", "needs the draft stage")
        else:
            try:
                exporter = _docx_exporter()
            except ImportError as exc:
                notes.setdefault("docx", str(exc))
            else:
                attempt("docx", lambda: exporter(draft))
        return {"stories": len(dataset.stories), "praise": len(dataset.praise),
                "problems": len(dataset.problems)}

    def report() -> dict:
        return {
            "input": [name for name, _ in workbooks],
            "medians": {stage: _median(values) for stage, values in times.items()},
            "runs": times,
            "notes": notes,
            "counts": counts,
            "module_import_s": import_time,
            "peak_rss_mb": _rss_mb(),
        }

    for _ in range(repeat):
        counts = one_pass() or counts
    return report()


def child_pandas(size: int, repeat: int) -> dict:
    """The yardstick: pandas.read_excel with openpyxl, literally (first sheet) and all sheets."""
    import pandas as pd

    path = synthetic.workspace_paths(size, DATA_DIR, SEED).xlsx
    first, every = [], []
    for _ in range(repeat):
        first.append(_timed(lambda: pd.read_excel(path, engine="openpyxl"))[0])
        every.append(_timed(lambda: pd.read_excel(path, engine="openpyxl", sheet_name=None))[0])
    return {"first_sheet_s": _median(first), "all_sheets_s": _median(every), "runs_first": first,
            "runs_all": every, "peak_rss_mb": _rss_mb()}


def _pages() -> list[str]:
    """The pages app.py routes to, in its order (read from the source, so new pages count)."""
    return re.findall(r"st\.Page\(\s*[\"'](pages/[\w/]+\.py)[\"']", (ROOT / "app.py").read_text())


_WIDGET_KINDS = ("radio", "segmented_control", "checkbox", "toggle", "selectbox", "number_input")
_CHOICE_KINDS = ("radio", "segmented_control", "selectbox")
_DESTRUCTIVE = re.compile(r"delete|remove|clear|reset|discard|forget", re.IGNORECASE)


def _change_a_widget(at, back: dict | None = None) -> dict | None:
    """Change one widget in the page's main area (display options first) and say which.

    With `back`, restore the widget changed before. Returns {kind, label, old} or None.
    """
    if back is not None:
        for widget in getattr(at.main, back["kind"]):
            if _label(widget) == back["label"]:
                _set(back["kind"], widget, back["old"])
                return back
        return None
    for kind in _WIDGET_KINDS:
        try:
            widgets = list(getattr(at.main, kind))
        except Exception:
            continue
        for widget in widgets:
            if getattr(widget, "disabled", False) or getattr(widget.proto, "disabled", False):
                continue
            if _DESTRUCTIVE.search(_label(widget)):
                continue  # e.g. "Yes, delete S12": not the display change a user makes while reading
            try:
                old = _current(kind, widget)
                new = _another_value(kind, widget, old)
                if new is None:
                    continue
                _set(kind, widget, new)
            except Exception:
                continue
            return {"kind": kind, "label": _label(widget), "old": old}
    return None


def _label(widget) -> str:
    return getattr(widget, "label", None) or getattr(widget.proto, "label", "") or widget.id


def _current(kind: str, widget):
    """For choices, the index of the shown option (values may be objects behind a format_func)."""
    if kind == "segmented_control":
        indices = widget.indices
        return indices[0] if indices else None
    if kind in _CHOICE_KINDS:
        return widget.index
    return widget.value


def _another_value(kind: str, widget, old):
    if kind in ("checkbox", "toggle"):
        return not old
    if kind in _CHOICE_KINDS:
        if old is None or len(widget.options) < 2:
            return None
        return (old + 1) % len(widget.options)
    if kind == "number_input":
        if not isinstance(old, int | float) or isinstance(old, bool):
            return None
        step = getattr(widget, "step", None) or 1
        maximum = getattr(widget, "max", None)
        return old - step if maximum is not None and old + step > maximum else old + step
    return None


def _set(kind: str, widget, value) -> None:
    """Set a widget as the browser would: choices by the index of the shown option."""
    if kind not in _CHOICE_KINDS:
        widget.set_value(value)
        return
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    def state(self):
        ws = WidgetState()
        ws.id = self.id
        if kind == "segmented_control":
            ws.string_array_value.data[:] = [self.options[value]]
        else:
            ws.string_value = self.options[value]
        return ws

    # AppTest sets choices by value, which it cannot map back through a format_func; the
    # frontend only ever sends the chosen option's text, so send exactly that.
    widget.__class__ = type(f"Chosen{type(widget).__name__}", (type(widget),),
                            {"_widget_state": property(state)})


def child_apptest(size: int, repeat: int) -> dict:
    """Each page's script time through AppTest, with this size's workbook uploaded on Import."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.chdir(ROOT)
    ws = synthetic.workspace_paths(size, DATA_DIR, SEED)
    data = ws.xlsx.read_bytes()
    pages = _pages()
    runs: dict[str, dict[str, list[float]]] = {"_app": {"start": [], "upload": []}}
    widgets: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    loaded = None

    def report() -> dict:
        return {
            "medians": {page: {k: _median(v) for k, v in r.items()} for page, r in runs.items()},
            "runs": runs,
            "widgets": widgets,
            "errors": errors,
            "loaded": loaded,
            "peak_rss_mb": _rss_mb(),
        }

    for attempt in range(repeat):
        st.cache_data.clear()
        st.cache_resource.clear()
        # A new user every time: an empty saved workspace, so the upload replaces the sample
        # instead of merging into what the previous repeat saved.
        home = Path(os.environ.get("HOME", tempfile.gettempdir())) / f"advocate-{size}-{attempt}"
        os.environ["ADVOCATE_HOME"] = str(home)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        seconds, _ = _timed(at.run)
        runs["_app"]["start"].append(seconds)
        if at.exception:
            errors["start"] = str(at.exception[0].value)[:300]
        if at.file_uploader:
            at.file_uploader[0].upload(ws.xlsx.name, data,
                                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            seconds, _ = _timed(at.run)
            dataset = at.session_state["dataset"] if "dataset" in at.session_state else None  # noqa: SIM401
            if dataset is None or len(dataset.stories) != size:
                # Refused (over the per-file row limit): upload stories and praise as two workbooks.
                errors["upload_xlsx"] = "one workbook not loaded in full; uploaded as two workbooks"
                at.file_uploader[0].set_value([(p.name, p.read_bytes(), "application/octet-stream")
                                               for p in (ws.stories_xlsx, ws.praise_xlsx)])
                seconds, _ = _timed(at.run)
            runs["_app"]["upload"].append(seconds)
            if at.exception:
                errors["upload"] = str(at.exception[0].value)[:300]
        else:
            # No uploader yet (the Import page is still a placeholder): hand the pages the data
            # directly, so their own cost is still measured, and say so in the report.
            errors["upload"] = "no file uploader on the first page: dataset injected into session state"
            try:
                from core.ingest.importer import load_uploads

                at.session_state["dataset"] = load_uploads([(ws.xlsx.name, data)])
            except Exception as exc:
                errors["upload"] += f" (failed: {type(exc).__name__}: {exc})"[:300]
        dataset = at.session_state["dataset"] if "dataset" in at.session_state else None  # noqa: SIM401
        loaded = {"stories": len(dataset.stories), "praise": len(dataset.praise)} if dataset else None
        for page in pages:
            page_runs = runs.setdefault(page, {"first": [], "rerun": [], "rerun_back": []})
            try:
                at.switch_page(page)
                seconds, _ = _timed(at.run)
                page_runs["first"].append(seconds)
                if at.exception:
                    errors[page] = str(at.exception[0].value)[:300]
                    continue
                changed = _change_a_widget(at)
                widgets[page] = f"{changed['kind']} '{changed['label']}'" if changed else "none (plain rerun)"
                seconds, _ = _timed(at.run)
                page_runs["rerun"].append(seconds)
                if changed:
                    _change_a_widget(at, back=changed)
                    seconds, _ = _timed(at.run)
                    page_runs["rerun_back"].append(seconds)
                if at.exception:
                    errors[page] = str(at.exception[0].value)[:300]
            except Exception as exc:
                errors[page] = f"{type(exc).__name__}: {exc}"[:300]
            _checkpoint(report())
    return report()


CHILDREN = {"stages": child_stages, "pandas": child_pandas, "apptest": child_apptest}


# --------------------------------------------------------------------------- the parent


def _checkpoint(report: dict) -> None:
    """Save what a child has measured so far, so a child killed on timeout still reports it."""
    if PARTIAL is not None:
        PARTIAL.write_text(json.dumps(report))


def _run_child(kind: str, size: int, repeat: int, env: dict, timeout: float) -> dict:
    """Run one measurement kind in a fresh interpreter; its last stdout line is JSON."""
    partial = Path(env["HOME"]) / f"partial-{kind}-{size}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--size", str(size),
           "--repeat", str(repeat), "--data-dir", str(DATA_DIR), "--seed", str(SEED),
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
    result = {"wall_s": _median(walls), "peak_rss_mb": max(rss) if rss else None, "runs": walls,
              "command": " ".join(["python", *cmd[1:]]).replace(str(ROOT) + "/", "")}
    if error:
        result["error"] = error
    elif out.exists():
        result["docx_bytes"] = out.stat().st_size
    return result


def _slope(points: list[tuple[int, float]]) -> dict | None:
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


def _fmt_mb(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _budgets(results: dict) -> list[dict]:
    """Issue 8's budgets, each with the figure that decides it (None when not measured)."""
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
    server = ten.get("server", {}).get("server_peak_rss_mb")
    apptest_rss = ten.get("apptest", {}).get("peak_rss_mb")
    memory = server if server is not None else apptest_rss
    add("peak memory < 400 MB, whole server process (10k)", memory, None if memory is None else memory < 400,
        "streamlit run server, measured" if server is not None else
        "AppTest process stands in for the server (run with --server for the real one)")
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
    add("50k+50k still works", fifty.get("cli", {}).get("wall_s") if fifty else None, ok, detail)
    startup = results.get("startup", {}).get("first_render_s")
    add("streamlit run -> first page rendered < 3 s", startup, None if startup is None else startup < 3.0,
        "" if startup is not None else "run with --server (or bench/startup.py)")
    return budgets


def _configure(data_dir: Path, seed: int, partial: Path | None) -> None:
    """Children find the same generated files as the parent: same directory, same seed."""
    global DATA_DIR, SEED, PARTIAL
    DATA_DIR, SEED, PARTIAL = data_dir.resolve(), seed, partial


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
                        "Chromium at the largest size (startup time, server peak RSS)")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="where generated workbooks are kept")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--partial", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=float, default=300, help="seconds before one measurement "
                        "process is stopped (what it finished is kept)")
    args = parser.parse_args(argv)
    _configure(args.data_dir, args.seed, args.partial)
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
            seconds, ws = _timed(lambda size=size: synthetic.ensure_workspace(
                size, DATA_DIR, args.seed, split=2 * size > SPLIT_ABOVE))
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

            # The memory budget is stated at 10,000 + 10,000; other sizes only when asked.
            at = 10_000 if 10_000 in sizes else max(sizes)
            upload = synthetic.workspace_paths(at, DATA_DIR, SEED).xlsx
            print(f"[{time.perf_counter() - began:6.0f} s] streamlit run + Chromium, upload {at:,}",
                  file=sys.stderr)
            report = startup.measure(repeat=args.repeat, upload=upload, env=env)
            results["startup"] = report
            results["sizes"][str(at)]["server"] = report.get("upload") or {}
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
        results["slopes"][key] = _slope(points)
    results["budgets"] = _budgets(results)
    results["elapsed_s"] = time.perf_counter() - began
    results["load_average_at_end"] = os.getloadavg()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, default=str))

    print(_table(results))
    startup = results.get("startup")
    if startup:
        print(f"\n`streamlit run app.py` -> server healthy {_fmt(startup.get('server_ready_s'))} s, "
              f"browser connected {_fmt(startup.get('browser_connected_s'))} s, "
              f"first page fully rendered in headless Chromium {_fmt(startup.get('first_render_s'))} s "
              f"(median of {len(startup.get('runs', []))}); server RSS after start "
              f"{_fmt_mb(startup.get('server_rss_after_start_mb'))} MB")
        visit = startup.get("upload") or {}
        if visit:
            pages = ", ".join(f"{k} {v:.2f} s" for k, v in visit.get("pages_s", {}).items())
            print(f"Live server with {visit.get('file')}: upload {_fmt(visit.get('upload_s'))} s; "
                  f"page switches (click to rendered): {pages}; "
                  f"server peak RSS {_fmt_mb(visit.get('server_peak_rss_mb'))} MB")
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
    print("Budgets (issue 8):")
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
    print(f"Wrote {args.json} in {results['elapsed_s']:.0f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
