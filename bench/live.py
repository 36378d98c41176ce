"""Where a live step's time goes: the server's script, the bytes, the browser.

One step is a user's action (an upload, a click on a page in the sidebar) up to the page being
fully rendered in headless Chromium. It is split with three clocks on one machine:

- the server's own timers (bench/probe.py): how long each script run took and how long the
  server spent serialising ForwardMsgs for the websocket, and how many bytes;
- the page's websocket frames as Playwright sees them (the `script_finished` ForwardMsg, as
  tests/e2e/e2e_support.py counts them): when the last run's end reached the browser;
- the browser: when the page is fully rendered (bench/startup.py's RENDERED_JS).

So total = before the script (the request reaching the server, queueing) + script (server timer;
serialisation runs beside it on the server's event loop, reported apart) + the run's end message
leaving the server after the script ended + that message reaching the page (sending, the
browser's socket, Playwright) + browser rendering (last frame -> fully rendered). The load
average is read beside each step, and the CPU time the server spent on it: on 2 shared cores the
wall times grow with the load, the CPU time much less.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


class Frames:
    """Websocket frames the page receives: arrival time, size, and the runs' ends."""

    def __init__(self, page) -> None:
        self.frames: list[tuple[float, int, bool]] = []  # (time.time(), bytes, is script_finished)
        page.on("websocket", lambda socket: socket.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        now = time.time()
        if not isinstance(payload, bytes | bytearray):
            return
        finished = False
        with contextlib.suppress(Exception):  # not a ForwardMsg: not a run's end
            finished = ForwardMsg.FromString(bytes(payload)).WhichOneof("type") == "script_finished"
        self.frames.append((now, len(payload), finished))

    def since(self, start: float) -> list[tuple[float, int, bool]]:
        return [f for f in self.frames if f[0] >= start]


def vm(pid: int, key: str) -> float | None:
    """A /proc/<pid>/status figure in MB (VmHWM = peak RSS, VmRSS = now)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_s(pid: int | None) -> float | None:
    """CPU seconds a process has used (user + system, /proc): on a shared machine this moves far
    less with the load average than wall time does."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Records:
    """The probe's records file, read from where the last step stopped."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset = path, 0

    def new(self) -> list[dict]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as handle:
            handle.seek(self.offset)
            text = handle.read()
            self.offset = handle.tell()
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def _wait_for_run_end(page, frames: Frames, since: float, timeout_s: float) -> None:
    """Until the run the action started has ended: its `script_finished` message reached the page.

    Waiting for the page's "running" state instead missed fast runs (React can draw running ->
    notRunning as one change), and the two-second timeout of that wait was then counted as the
    browser's drawing: the 2 s "redraws" of a second Timeline visit in earlier rounds.
    """
    deadline = time.time() + timeout_s
    while not any(finished for _, _, finished in frames.since(since)):
        if time.time() > deadline:
            raise TimeoutError(f"no script run ended within {timeout_s:.0f} s of the action")
        page.wait_for_timeout(5)  # hands control to Playwright, which delivers the frames


def step(page, frames: Frames, records: Records, action, rendered_js: str, pid: int | None = None,
         timeout_ms: int = 300_000) -> dict:
    """Do `action`, wait until the page is fully rendered, and split the time it took (`pid`:
    the server's, for the CPU time it spent)."""
    records.new()  # forget what earlier steps left
    load = os.getloadavg()[0]
    cpu = cpu_s(pid)
    start = time.time()
    action()
    _wait_for_run_end(page, frames, start, timeout_ms / 1000)
    page.wait_for_function(rendered_js, timeout=timeout_ms, polling=20)
    done = time.time()
    cpu_after = cpu_s(pid)
    seen = records.new()
    runs = [r for r in seen if r["kind"] == "run"]
    sent = [r for r in seen if r["kind"] == "sent"]
    collected = [r for r in seen if r["kind"] == "gc"]
    arrived = frames.since(start)
    last_end = max((f[0] for f in arrived if f[2]), default=None)
    script_end = max((r["end"] for r in runs), default=None)
    script = sum(r["script_s"] for r in runs)
    sent_at = max((r["at"] for r in sent), default=None)
    before = (min(r["start"] for r in runs) - start) if runs else None
    return {
        "total_s": done - start,
        "before_script_s": before,
        "script_s": script,
        "runs": len(runs),
        "serialise_s": sum(r["serialise_s"] for r in sent),
        "sent_mb": sum(r["bytes"] for r in sent) / 1e6,
        "messages": sum(r["messages"] for r in sent),
        "full_gc_s": sum(r["gc_s"] for r in collected),
        "frames_mb": sum(f[1] for f in arrived) / 1e6,
        "end_sent_after_script_s": (sent_at - script_end) if sent_at and script_end else None,
        "end_arrived_after_sent_s": (last_end - sent_at) if last_end and sent_at else None,
        "browser_render_s": (done - last_end) if last_end else None,
        "server_cpu_s": cpu_after - cpu if cpu is not None and cpu_after is not None else None,
        "server_rss_mb": vm(pid, "VmRSS") if pid else None,
        "server_peak_rss_mb": vm(pid, "VmHWM") if pid else None,
        "load_average": load,
    }


def visit(
    page, upload: Path, frames: Frames, records: Records, rendered_js: str, pid: int | None = None,
    think: float = 0.0,
) -> dict:
    """Upload the workbook on Import, then visit every page from the sidebar, each step split.

    `think`: seconds the user spends reading a page before the next upload or click (0: at once,
    the worst case: whatever the server or the browser does after a page is drawn still runs)."""
    steps: dict[str, dict] = {}
    page.wait_for_timeout(think * 1000)  # reading the first page, finding the file
    steps["upload"] = step(page, frames, records, lambda: page.set_input_files(
        '[data-testid="stFileUploaderDropzoneInput"]', str(upload)), rendered_js, pid)
    links = page.locator('[data-testid="stSidebarNav"] a')
    # A link's text is its icon's ligature name, then the title: keep the title.
    names = [links.nth(i).inner_text().strip().splitlines()[-1].strip() for i in range(links.count())]
    for index, name in enumerate(names[1:] + names[:1], start=1):
        link = links.nth(index % len(names))
        page.wait_for_timeout(think * 1000)  # the user reading: the step's clock starts after it
        steps[name] = step(page, frames, records, link.click, rendered_js, pid)
    # Back to a visited page: what a user meets most of the time (caches warm).
    if len(names) > 1:
        page.wait_for_timeout(think * 1000)
        steps[f"{names[1]} again"] = step(page, frames, records, links.nth(1).click, rendered_js, pid)
    return {"steps": steps, "upload_s": steps["upload"]["total_s"],
            "pages_s": {k: v["total_s"] for k, v in steps.items() if k != "upload"},
            "page_errors": page.locator('[data-testid="stException"]').count()}


def split_table(steps: dict[str, dict]) -> str:
    """The per-step split as a Markdown table (seconds; MB sent)."""

    def fmt(value, digits=2):
        return "—" if value is None else f"{value:.{digits}f}"

    lines = ["| step | total (s) | before script | script (runs) | serialise | sent (MB) | end sent "
             "after script (full GC) | end arrived after sent | browser render | server CPU | server RSS "
             "(peak so far, MB) | load avg |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, s in steps.items():
        lines.append(f"| {name} | {fmt(s['total_s'])} | {fmt(s['before_script_s'])} | {fmt(s['script_s'])} "
                     f"({s['runs']}) | {fmt(s['serialise_s'])} | {fmt(s['sent_mb'], 1)} | "
                     f"{fmt(s['end_sent_after_script_s'])} ({fmt(s.get('full_gc_s'))}) | "
                     f"{fmt(s['end_arrived_after_sent_s'])} | "
                     f"{fmt(s['browser_render_s'])} | {fmt(s.get('server_cpu_s'))} | "
                     f"{fmt(s.get('server_rss_mb'), 0)} ({fmt(s.get('server_peak_rss_mb'), 0)}) | "
                     f"{fmt(s['load_average'], 1)} |")
    return "\n".join(lines)
