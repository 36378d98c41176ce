"""Shared test helpers: paths to the fixture corpus and a factory for AppTest sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"


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
