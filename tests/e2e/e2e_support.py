"""Helpers for the browser tests: a page per session, waiting for Streamlit, finding errors.

The server itself is started by e2e_server (re-exported here for the journeys)."""

from __future__ import annotations

import contextlib
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from e2e_server import ROOT, STARTUP_TIMEOUT, Server, free_port, start_server, stop_server  # noqa: F401
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

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
    _RUNS[page] = ScriptRuns(page)
    if recorder is not None:
        recorder.attach(page)
    return context, page


# ---- helpers the journeys share -------------------------------------------------------------

def settle(page, timeout: float = 60_000, quiet_ms: int = 600) -> None:
    """Wait until the Streamlit script has finished and stayed finished for `quiet_ms`.

    `stApp[data-test-script-state]` goes running -> notRunning on every rerun; a short quiet
    window covers the gap between a click and the rerun it triggers. The idle mark is cleared on
    every call, so each call waits a full quiet window of its own. This is not proof that the UI
    shows what the caller expects: callers then wait for that with Playwright `expect(...)`.
    """
    page.evaluate("() => { window.__advocateIdleSince = null; }")
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


class ScriptRuns:
    """Counts the script runs the server reports finished, from the page's own websocket frames.

    Every run ends with a `script_finished` ForwardMsg. Counting those frames sees every run, even
    one so fast that the browser never renders its "running" state (a DOM observer misses those).
    """

    def __init__(self, page) -> None:
        self.finished = 0
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        socket.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if isinstance(payload, bytes | bytearray):
            with contextlib.suppress(Exception):  # not a ForwardMsg: not a run
                if ForwardMsg.FromString(bytes(payload)).WhichOneof("type") == "script_finished":
                    self.finished += 1


_RUNS: weakref.WeakKeyDictionary[object, ScriptRuns] = weakref.WeakKeyDictionary()


_APP_STATE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return {url: location.href,
            script: app && app.getAttribute('data-test-script-state'),
            connection: app && app.getAttribute('data-test-connection-state'),
            title: (document.querySelector('[data-testid="stMain"] h1') || {}).innerText};
}"""


def rerun_after(page, action, timeout: float = 20_000) -> None:
    """Do `action` (a click, an upload...) and wait for the script run it triggers to finish.

    The server's `script_finished` messages after the action are the proof: the run the action
    started or, when a run was still going (a script's own st.rerun on a busy machine), that run
    ending with the action folded in; settle() then waits for the app to be idle. No run within
    `timeout` fails the test: the click missed its widget (or the widget did not change), and
    going on would test a stale page.
    """
    runs = _RUNS[page]
    before = runs.finished
    action()
    deadline = time.monotonic() + timeout / 1000
    while runs.finished <= before:
        if time.monotonic() > deadline:
            state = page.evaluate(_APP_STATE)
            raise AssertionError(f"no script run followed the action within {timeout / 1000:.0f} s: {state}")
        page.wait_for_timeout(20)  # hands control to Playwright, which delivers the frames
    settle(page)


def open_app(page, server: Server, path: str = "") -> None:
    """Load a page by URL (a new Streamlit session) and wait for its first run to finish."""
    page.goto(f"{server.url}/{path}")
    page.wait_for_selector('[data-testid="stApp"]')
    settle(page)


def go_to(page, title: str) -> None:
    """Switch page through the sidebar, as a user does: the Streamlit session (and its data) stays."""
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=title).first
    heading = page.locator('[data-testid="stMain"] h1', has_text=title).first
    link.click()
    # The new page's heading is what the user waits for; a fast run's state changes can be batched
    # into one render that never touches the observed attribute, so the run count alone can miss it.
    heading.wait_for(timeout=30_000)
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
    target = page.locator('[data-testid="stFileUploaderDropzoneInput"]').nth(index)
    rerun_after(page, lambda: target.set_input_files(payload), timeout=20_000)


def type_into(page, field, text: str) -> None:
    """Fill a text widget and leave it (Tab), as a user does; wait for the run that commits it."""

    def type_and_leave():
        field.fill(text)
        field.press("Tab")

    rerun_after(page, type_and_leave)


def click_button(page, name: str, exact: bool = False) -> None:
    """Click a Streamlit button by its label and wait for the rerun."""
    button = page.get_by_role("button", name=name, exact=exact).first
    rerun_after(page, button.click)


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


LOCAL_SCHEMES = ("data:", "blob:", "about:")


def foreign_requests(recorder: Recorder, server: Server) -> list[str]:
    """Every URL the page asked for that is not the local Advocate server (or an in-page URL)."""
    local = (f"{server.url}/", f"ws://{server.host_port}/")
    urls = [*recorder.requests, *recorder.websockets]
    return [u for u in urls if not u.startswith(local + LOCAL_SCHEMES)]


def files_written_outside_workspace(server: Server) -> list[str]:
    """Files under the server's HOME, TMPDIR and XDG folders (everything but the log and the workspace)."""
    written = []
    for path in server.root.rglob("*"):
        if path.is_file() and path != server.log_path and server.home not in path.parents:
            written.append(str(path.relative_to(server.root)))
    return sorted(written)


def metric_value(page, label: str, expect: str | None = None, timeout: float = 10.0) -> str:
    """The value shown by the st.metric labelled `label`.

    With `expect`, poll until it shows that value (a rerun may still be on its way) or `timeout`
    passes, and return what it shows then, so the caller's assert reports the real value.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = _metric_now(page, label)
        if expect is None or value == expect or time.monotonic() > deadline:
            return value
        page.wait_for_timeout(200)


def _metric_now(page, label: str) -> str:
    values = page.eval_on_selector_all(
        '[data-testid="stMetric"]',
        """(els, label) => els
            .filter(e => (e.querySelector('[data-testid="stMetricLabel"]')?.innerText || '').trim() === label)
            .map(e => e.querySelector('[data-testid="stMetricValue"]').innerText.trim())""",
        label,
    )
    assert values, f"no metric labelled {label!r} on the page"
    return values[0]


def choose_radio(page, label: str, option: str) -> None:
    """Pick `option` in the st.radio labelled `label`."""
    group = page.locator('[data-testid="stRadio"]').filter(has=page.get_by_text(label, exact=True)).first
    rerun_after(page, group.get_by_text(option, exact=True).click)


def choose_select(page, label: str, option: str, within=None, exact: bool = True) -> None:
    """Pick `option` in the st.selectbox labelled `label` (optionally inside `within`)."""
    scope = within if within is not None else page
    box = scope.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_text(label, exact=True)).first
    if box.locator('[role="combobox"], input').first.input_value() == option:
        return  # already chosen: picking it again would not rerun the script
    pick_option(box, page.get_by_role("option", name=option, exact=exact).first)


def pick_option(box, option) -> None:
    """Open `box`'s list and click `option` (callers have settled the page: no rerun redraws it)."""
    open_dropdown(box)
    rerun_after(box.page, option.click)


def open_dropdown(box) -> None:
    """Open a selectbox's list: 1.67's react-aria combobox opens on a click, or else on ArrowDown."""
    field = box.locator('[role="combobox"], input').first
    field.click()
    options = box.page.get_by_role("option").first
    try:
        options.wait_for(timeout=1_500)
    except Exception:
        field.press("ArrowDown")
        options.wait_for(timeout=10_000)


def multiselect(page, label: str, within=None):
    scope = within if within is not None else page
    label_text = page.get_by_text(label, exact=True)
    return scope.locator('[data-testid="stMultiSelect"]').filter(has=label_text).first


def multi_values(page, label: str, within=None) -> list[str]:
    """The chips currently chosen in the st.multiselect labelled `label`."""
    chips = multiselect(page, label, within).locator("[data-tag] span[title]")
    return chips.evaluate_all("els => els.map(e => e.getAttribute('title'))")


def set_multi(page, label: str, options: list[str], within=None) -> None:
    """Make the st.multiselect labelled `label` hold exactly `options` (each change is a rerun)."""
    box = multiselect(page, label, within)
    clear = box.get_by_role("button", name="Clear all")
    if multi_values(page, label, within) and clear.count():
        rerun_after(page, clear.first.click)
    for option in options:
        # By keyboard, as a user who types: the typed text narrows the list to the option and
        # Enter picks it. (A mouse click on an option while the list is still opening or
        # redrawing can land on no option: no change, no rerun.)
        field = box.locator("input").first
        field.click()
        field.fill(option)
        page.get_by_role("option", name=option, exact=True).first.wait_for()
        rerun_after(page, lambda field=field: field.press("Enter"))
        expect(box.locator(f'[data-tag] span[title="{option}"]')).to_have_count(1)
    page.keyboard.press("Escape")
    settle(page)


def download(page, button_label: str, dest: Path) -> Path:
    """Click a download button and save the file the browser receives."""
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=button_label, exact=True).first.click()
    info.value.save_as(dest)
    return dest
