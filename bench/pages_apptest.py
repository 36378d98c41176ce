"""Every page through AppTest: upload on Import, then each page's first visit and a rerun after a
widget change (a child of bench/run.py)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from bench import synthetic
from bench.harness import ROOT, Config, checkpoint, median, rss_mb, timed


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
    ws = synthetic.workspace_paths(size, Config.data_dir, Config.seed)
    data = ws.xlsx.read_bytes()
    pages = _pages()
    runs: dict[str, dict[str, list[float]]] = {"_app": {"start": [], "upload": []}}
    widgets: dict[str, str | None] = {}
    errors: dict[str, str] = {}
    loaded = None

    def report() -> dict:
        return {
            "medians": {page: {k: median(v) for k, v in r.items()} for page, r in runs.items()},
            "runs": runs,
            "widgets": widgets,
            "errors": errors,
            "loaded": loaded,
            "peak_rss_mb": rss_mb(),
        }

    for attempt in range(repeat):
        st.cache_data.clear()
        st.cache_resource.clear()
        # A new user every time: an empty saved workspace, so the upload replaces the sample
        # instead of merging into what the previous repeat saved.
        home = Path(os.environ.get("HOME", tempfile.gettempdir())) / f"advocate-{size}-{attempt}"
        os.environ["ADVOCATE_HOME"] = str(home)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        seconds, _ = timed(at.run)
        runs["_app"]["start"].append(seconds)
        if at.exception:
            errors["start"] = str(at.exception[0].value)[:300]
        if at.file_uploader:
            at.file_uploader[0].upload(ws.xlsx.name, data,
                                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            seconds, _ = timed(at.run)
            dataset = at.session_state["dataset"] if "dataset" in at.session_state else None  # noqa: SIM401
            if (dataset is None or len(dataset.stories) != size) and ws.stories_xlsx.exists():
                # Refused (over the row limit): upload stories and praise as two workbooks.
                errors["upload_xlsx"] = "one workbook not loaded in full; uploaded as two workbooks"
                at.file_uploader[0].set_value([(p.name, p.read_bytes(), "application/octet-stream")
                                               for p in (ws.stories_xlsx, ws.praise_xlsx)])
                seconds, _ = timed(at.run)
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
                seconds, _ = timed(at.run)
                page_runs["first"].append(seconds)
                if at.exception:
                    errors[page] = str(at.exception[0].value)[:300]
                    continue
                changed = _change_a_widget(at)
                widgets[page] = f"{changed['kind']} '{changed['label']}'" if changed else "none (plain rerun)"
                seconds, _ = timed(at.run)
                page_runs["rerun"].append(seconds)
                if changed:
                    _change_a_widget(at, back=changed)
                    seconds, _ = timed(at.run)
                    page_runs["rerun_back"].append(seconds)
                if at.exception:
                    errors[page] = str(at.exception[0].value)[:300]
            except Exception as exc:
                errors[page] = f"{type(exc).__name__}: {exc}"[:300]
            checkpoint(report())
    return report()
