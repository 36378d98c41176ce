"""Shared test helpers: paths to the fixture corpus and a factory for AppTest sessions."""

from __future__ import annotations

import atexit
import gc
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"

# Nothing a test runs may write to the real user data folder: a whole-run default here (it also
# reaches servers the e2e tests start as subprocesses), and a fresh folder per test below.
os.environ["ADVOCATE_HOME"] = tempfile.mkdtemp(prefix="advocate-test-home-")
atexit.register(shutil.rmtree, os.environ["ADVOCATE_HOME"], ignore_errors=True)
os.environ.pop("ADVOCATE_SHARED", None)


def pytest_sessionfinish(session, exitstatus):
    """Collect once, then freeze the heap, before pytest's closing garbage collections.

    An xdist worker must finish within 5 s of the controller's shutdown or execnet sends it SIGINT.
    pytest's unraisable-exception cleanup then runs five full collections over a heap of AppTest
    sessions and 10k-item datasets; on a loaded 2-core machine that took longer, and the
    interrupt (raised inside hypothesis' gc callback) cost the run its summary line. This hook
    runs before the worker reports it is done, so the one collection has no deadline; frozen
    objects are skipped by the later ones.
    """
    gc.collect()  # measured at the end of a full run: 1.1-1.5 s per collection in each worker
    gc.freeze()


@pytest.fixture(autouse=True)
def advocate_home(tmp_path, monkeypatch):
    """A per-test ADVOCATE_HOME (the saved workspace lives there), empty at the start."""
    home = tmp_path / "advocate-home"
    monkeypatch.setenv("ADVOCATE_HOME", str(home))
    monkeypatch.delenv("ADVOCATE_SHARED", raising=False)
    return home


@pytest.fixture(autouse=True)
def router_runs_on_every_page(monkeypatch):
    """Make AppTest run app.py (the router, its sidebar and autosave) on every run, as a server does.

    AppTest resets `PagesManager.uses_pages_directory` before each run and the `pages/` folder
    sets it again, so after `switch_page` Streamlit's legacy folder mode runs the page script
    alone: session.start()/finish() never ran and the sidebar and saving went untested. In a real
    server app.py's st.navigation turns that mode off for good on the first run.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def fixture_bytes():
    """Read a file of tests/fixtures/ as (name, bytes), the shape uploads arrive in."""

    def read(name: str) -> tuple[str, bytes]:
        return name, (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
def app():
    """A fresh AppTest session of the whole app (app.py routes to the pages), already run once."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    return at


@pytest.fixture
def bound_to_localhost():
    """As .streamlit/config.toml says, whatever folder pytest runs from (else: shared mode, no saves)."""
    from streamlit import config

    before = config.get_option("server.address")
    config.set_option("server.address", "localhost")
    yield
    config.set_option("server.address", before)
