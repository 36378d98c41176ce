"""A real Advocate server and a real (Debian) Chromium, for tests that drive the app as a user does.

The server is `streamlit run app.py` on a free localhost port with ADVOCATE_HOME pointing at a
temporary folder, so the journal's workspace never touches the developer's own data. Streamlit
renders asynchronously over a websocket, so helpers here wait on the app's own script-state
attribute and on concrete text, never on fixed sleeps.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from e2e_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Recorder,
    Server,
    foreign_requests,
    new_page,
    start_server,
    stop_server,
)


def pytest_collection_modifyitems(items):
    """Everything under tests/e2e is a browser test: mark it so `-m "not e2e"` skips the lot.

    No retries: a journey waits for what the user would see (`expect(...)`), so a failure is real.
    """
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """One Advocate server for the whole session (per xdist worker); stopped at the end."""
    srv = start_server(tmp_path_factory.mktemp("e2e_server"))
    yield srv
    stop_server(srv)


@pytest.fixture(autouse=True)
def fresh_workspace(request):
    """Each test starts as a new user: the session server's saved workspace is emptied first."""
    if "server" in request.fixturenames:
        home = request.getfixturevalue("server").home
        home.mkdir(parents=True, exist_ok=True)  # "Delete all my data" may have removed the folder
        for child in home.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()


@pytest.fixture(scope="session")
def data_dir_server(tmp_path_factory):
    """Advocate started with `-- --data-dir DIR` (the folder flag wins over ADVOCATE_HOME)."""
    tmp = tmp_path_factory.mktemp("e2e_data_dir")
    data_dir = tmp / "flag-data-dir"
    srv = start_server(tmp, extra_args=("--", "--data-dir", str(data_dir)))
    srv.data_dir = data_dir
    yield srv
    stop_server(srv)


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory):
    """Advocate served in shared mode (ADVOCATE_SHARED=1): several people, nothing saved on the server."""
    srv = start_server(tmp_path_factory.mktemp("e2e_shared"), env={"ADVOCATE_SHARED": "1"})
    yield srv
    stop_server(srv)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture
def page(browser, recorder, request):
    """A page in its own context, recording requests and script errors into `recorder`.

    Every journey that uses it fails if the page asked anything of a host other than the Advocate
    server it visited (README, Privacy). When the test fails, a screenshot of the page goes to
    $ADVOCATE_E2E_ARTIFACTS (default: the system temp folder) to show what the browser saw.
    """
    context, pg = new_page(browser, recorder)
    yield pg
    if getattr(request.node, "e2e_failed", False):
        folder = Path(os.environ.get("ADVOCATE_E2E_ARTIFACTS", tempfile.gettempdir())) / "advocate-e2e"
        folder.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):
            pg.screenshot(path=str(folder / f"{request.node.name}.png"), full_page=True)
    context.close()
    servers = [v for v in request.node.funcargs.values() if isinstance(v, Server)]
    foreign = [set(foreign_requests(recorder, srv)) for srv in servers]
    leaked = sorted(set.intersection(*foreign)) if foreign else []
    if leaked:
        pytest.fail(f"the page asked a host other than the local Advocate server: {leaked[:5]}")

