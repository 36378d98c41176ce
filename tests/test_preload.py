"""The browser loads the elements' code before a page asks for it (ui/preload.py): the first
page's during the first run, Plotly's while that page is read. The files are the ones
Streamlit's frontend lazy-loads, and nothing of the user's data goes into the script."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import streamlit as st
from test_app_router import PAGES

from tests.conftest import ROOT
from ui.preload import (
    CHUNKS,
    FETCHED,
    FIRST_PAGE,
    UPLOAD,
    chunk_closure,
    chunk_files,
    frontend_entry,
    loaded_with_frontend,
)

STATIC_JS = Path(st.__file__).parent / "static" / "static" / "js"


def test_each_preloaded_file_is_one_the_frontend_lazy_loads():
    """A Streamlit upgrade that renames or drops the chunk would make the preload do nothing."""
    files = chunk_files() + chunk_files(FETCHED) + chunk_files(FIRST_PAGE) + chunk_files(UPLOAD)
    assert len(files) == len(CHUNKS) + len(FETCHED) + len(FIRST_PAGE) + len(UPLOAD)
    bundles = "".join(p.read_text(encoding="utf-8", errors="replace") for p in STATIC_JS.glob("index.*.js"))
    for name in files:
        assert (STATIC_JS / name).is_file()
        assert f"import(`./{name}`)" in bundles, f"the frontend no longer imports {name} itself"


def vites_own_list(bundle: str, name: str) -> set[str]:
    """What the frontend's build says `name` needs when it lazy-loads it: the files Vite's helper
    fetches beside it (`import(`./name`),__vite__mapDeps([indices])` into the `m.f=[...]` table)."""
    table = json.loads(re.search(r"m\.f=(\[[^\]]*\])", bundle).group(1))
    found = re.search(rf"import\(`\./{re.escape(name)}`\),__vite__mapDeps\(\[([\d,]*)\]\)", bundle)
    assert found, f"the frontend no longer lists what {name} needs"
    return {table[int(i)].removeprefix("./") for i in found.group(1).split(",")} - {name}


def test_the_later_chunks_come_with_every_file_the_frontend_would_fetch_beside_them():
    """A modulepreload fetches only the file it names: a widget's imports were fetched in the
    middle of an upload (19 files for the select box and the number input)."""
    bundle = (STATIC_JS / frontend_entry()).read_text(encoding="utf-8")
    preloaded = {*chunk_closure(FETCHED), *chunk_closure(UPLOAD + CHUNKS), *chunk_closure(FIRST_PAGE)}
    preloaded |= loaded_with_frontend()
    for name in chunk_files(FETCHED) + chunk_files(UPLOAD) + chunk_files():
        needed = {f for f in vites_own_list(bundle, name) if f.endswith(".js")}
        assert needed, name
        assert needed <= preloaded, f"{name} needs {sorted(needed - preloaded)}"
    assert len(chunk_closure(FETCHED)) > len(FETCHED)  # the widgets' imports are not in the frontend
    assert len(chunk_closure(UPLOAD)) > len(UPLOAD)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_asks_the_browser_to_load_the_charts_code_and_nothing_else(app, page):
    app.switch_page(page).run()
    assert not app.exception, app.exception
    bodies = [e.proto.body for e in app.sidebar if e.type == "html"]
    assert len(bodies) == 1, bodies
    later = set(chunk_closure(FETCHED) + chunk_closure(UPLOAD)) - set(chunk_closure(FIRST_PAGE))  # the first
    # page's chunks import the rest
    assert all(name in bodies[0] for name in {*chunk_files(), *later, *chunk_files(FIRST_PAGE)})
    assert "http" not in bodies[0] and "sample" not in bodies[0].lower()  # the server's own files only


def test_the_first_run_skips_streamlits_repl_check(monkeypatch):
    """Streamlit's check, at a process's first element, whether it runs in a Python REPL walks the
    file of every loaded module (0.08-0.12 s of the first run): the app skips it through a module
    flag, which a Streamlit upgrade could rename (this test then fails)."""
    from streamlit import delta_generator, env_util
    from streamlit.testing.v1 import AppTest

    assert hasattr(delta_generator, "_use_warning_has_been_displayed")
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    calls = []
    monkeypatch.setattr(env_util, "is_repl", lambda: calls.append(1) or False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert calls == []
