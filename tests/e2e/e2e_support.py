"""Helpers for the browser tests: start/stop the server, wait for Streamlit, find errors."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
E2E_FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 900}
# Pages as app.py routes them: (title in the sidebar, url path derived from the file name).
PAGES = [
    ("Import", ""),
    ("Timeline", "timeline"),
    ("Competencies", "competencies"),
    ("Draft", "draft"),
    ("Journal", "journal"),
]
ERROR_SELECTOR = '[data-testid="stException"], [data-testid="stAlertContentError"]'
CHART_SELECTOR = '[data-testid="stPlotlyChart"] .js-plotly-plot'
STARTUP_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running `streamlit run app.py`: where it listens, its data folder and its log."""

    url: str
    port: int
    home: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_server(tmp: Path, extra_args: tuple[str, ...] = (), address: str | None = "127.0.0.1") -> Server:
    """Start streamlit on a free port and wait for its health endpoint; fail with the log if it dies."""
    home = tmp / "advocate_home"
    home.mkdir(parents=True, exist_ok=True)
    log_path = tmp / "server.log"
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",  # other people edit the tree while tests run
        *extra_args,
    ]
    if address is not None:
        cmd += ["--server.address", address]
    env = {**os.environ, "ADVOCATE_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    log_file = log_path.open("wb")
    process = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    log_file.close()
    server = Server(f"http://127.0.0.1:{port}", port, home, log_path, process)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"streamlit did not answer /_stcore/health in {STARTUP_TIMEOUT}s:\n{server.log()}")


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@dataclass
class Recorder:
    """Everything a page asked the network for, and every script error it raised."""

    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", lambda req: self.requests.append(req.url))
        page.on("websocket", lambda ws: self.websockets.append(ws.url))
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))


def new_page(browser, recorder: Recorder | None = None):
    """A fresh browser context (its own cookies: a separate Streamlit session) and a page in it."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(30_000)
    page = context.new_page()
    if recorder is not None:
        recorder.attach(page)
    return context, page


# ---- helpers the journeys share -------------------------------------------------------------

def settle(page, timeout: float = 30_000, quiet_ms: int = 400) -> None:
    """Wait until the Streamlit script has finished and stayed finished for `quiet_ms`.

    `stApp[data-test-script-state]` goes running -> notRunning on every rerun; a short quiet
    window covers the gap between a click and the rerun it triggers.
    """
    page.wait_for_function(
        """(quiet) => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app) return false;
            const state = app.getAttribute('data-test-script-state');
            const connected = app.getAttribute('data-test-connection-state');
            const now = performance.now();
            if (state !== 'notRunning' || (connected && connected !== 'CONNECTED')) {
                window.__advocateIdleSince = null;
                return false;
            }
            if (!window.__advocateIdleSince) window.__advocateIdleSince = now;
            return now - window.__advocateIdleSince >= quiet;
        }""",
        arg=quiet_ms,
        timeout=timeout,
        polling=100,
    )


def open_app(page, server: Server, path: str = "") -> None:
    """Load a page by URL (a new Streamlit session) and wait for its first run to finish."""
    page.goto(f"{server.url}/{path}")
    page.wait_for_selector('[data-testid="stApp"]')
    settle(page)


def go_to(page, title: str) -> None:
    """Switch page through the sidebar, as a user does: the Streamlit session (and its data) stays."""
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    page.wait_for_url(lambda url: True)
    settle(page)


def errors_on_page(page) -> list[str]:
    """Text of every exception box and error alert currently shown."""
    return page.eval_on_selector_all(ERROR_SELECTOR, "els => els.map(e => e.innerText)")


def assert_no_errors(page, where: str = "") -> None:
    errors = errors_on_page(page)
    assert not errors, f"error element on {where or page.url}: {errors}"


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def upload(page, files: list[tuple[str, bytes]], index: int = 0) -> None:
    """Put files into the `index`-th file uploader of the page and wait for the rerun."""
    payload = [{"name": name, "mimeType": _mime(name), "buffer": data} for name, data in files]
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').nth(index).set_input_files(payload)
    settle(page)


def _mime(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return {
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".csv": "text/csv",
        ".txt": "text/plain",
        ".yaml": "application/x-yaml",
        ".yml": "application/x-yaml",
    }.get(suffix, "application/octet-stream")


def wait_for_charts(page, want: int, timeout: float = 15_000) -> int:
    """Wait until `want` plotly figures have drawn their SVG; return how many are drawn."""
    drawn = f"{CHART_SELECTOR} .main-svg"
    if want:
        with contextlib.suppress(Exception):  # the caller reports the count it got
            page.wait_for_function(
                "([sel, n]) => document.querySelectorAll(sel).length >= n",
                arg=[drawn, want],
                timeout=timeout,
                polling=200,
            )
    return page.locator(CHART_SELECTOR).filter(has=page.locator(".main-svg")).count()
