"""The pipeline's stages in one process, and the pandas yardstick (children of bench/run.py)."""

from __future__ import annotations

import time

from bench import synthetic
from bench.harness import SPLIT_ABOVE, STAGES, Config, checkpoint, median, rss_mb, timed


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
    ws = synthetic.workspace_paths(size, Config.data_dir, Config.seed)
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
            seconds, value = timed(fn)
        except Exception as exc:
            notes[stage] = f"{type(exc).__name__}: {exc}"[:300]
            return None
        times[stage].append(seconds)
        checkpoint(report())  # a later stage may be slow enough to hit the timeout
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
            "medians": {stage: median(values) for stage, values in times.items()},
            "runs": times,
            "notes": notes,
            "counts": counts,
            "module_import_s": import_time,
            "peak_rss_mb": rss_mb(),
        }

    for _ in range(repeat):
        counts = one_pass() or counts
    return report()


def child_pandas(size: int, repeat: int) -> dict:
    """The yardstick: pandas.read_excel with openpyxl, literally (first sheet) and all sheets."""
    import pandas as pd

    path = synthetic.workspace_paths(size, Config.data_dir, Config.seed).xlsx
    first, every = [], []
    for _ in range(repeat):
        first.append(timed(lambda: pd.read_excel(path, engine="openpyxl"))[0])
        every.append(timed(lambda: pd.read_excel(path, engine="openpyxl", sheet_name=None))[0])
    return {"first_sheet_s": median(first), "all_sheets_s": median(every), "runs_first": first,
            "runs_all": every, "peak_rss_mb": rss_mb()}
