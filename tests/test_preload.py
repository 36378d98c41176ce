"""The browser loads Plotly's code (and fetches the later pages' element code) while the user
reads the first page (ui/preload.py): the files are the ones Streamlit's frontend lazy-loads, so
the Timeline's first chart draws from code already there, and nothing of the user's data goes
into the script."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from test_app_router import PAGES

from ui.preload import CHUNKS, FETCHED, FIRST_PAGE, chunk_files

STATIC_JS = Path(st.__file__).parent / "static" / "static" / "js"


def test_each_preloaded_file_is_one_the_frontend_lazy_loads():
    """A Streamlit upgrade that renames or drops the chunk would make the preload do nothing."""
    files = chunk_files() + chunk_files(FETCHED) + chunk_files(FIRST_PAGE)
    assert len(files) == len(CHUNKS) + len(FETCHED) + len(FIRST_PAGE)
    bundles = "".join(p.read_text(encoding="utf-8", errors="replace") for p in STATIC_JS.glob("index.*.js"))
    for name in files:
        assert (STATIC_JS / name).is_file()
        assert f"import(`./{name}`)" in bundles, f"the frontend no longer imports {name} itself"


@pytest.mark.parametrize("page", PAGES)
def test_every_page_asks_the_browser_to_load_the_charts_code_and_nothing_else(app, page):
    app.switch_page(page).run()
    assert not app.exception, app.exception
    bodies = [e.proto.body for e in app.sidebar if e.type == "html"]
    assert len(bodies) == 1, bodies
    assert all(name in bodies[0] for name in chunk_files() + chunk_files(FETCHED) + chunk_files(FIRST_PAGE))
    assert "http" not in bodies[0] and "sample" not in bodies[0].lower()  # the server's own files only
