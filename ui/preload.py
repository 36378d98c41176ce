"""The browser loads the code of the app's heavier elements while the user is still reading.

Why: Streamlit's frontend fetches and compiles an element's JavaScript the first time a page shows
one. Plotly's is 4.7 MB: at 10,000 stories the Timeline's first visit spent 0.8-1.1 s in the
browser on it, more than its whole script. Once the first page is drawn and the browser is idle,
a small script imports those same modules (the URLs the frontend's own lazy imports resolve to),
so the first chart draws from code already loaded. Only Streamlit's own files, from this server,
are fetched: nothing from the user's data goes into the script.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st

# Plotly's code is the one that costs: the other elements' chunks load in 0.2 s together.
CHUNKS = ("PlotlyChart",)
IDLE_AFTER_MS = 2000  # or sooner, when the next run starts: the browser waits for the server then

_SCRIPT = """<script>
(() => {
  if (window.__advocatePreloaded) return;
  window.__advocatePreloaded = true;
  const main = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!main) return;
  const files = %s;
  const app = document.querySelector('[data-testid="stApp"]');
  let timer = null;
  const observer = new MutationObserver(() => {
    if (app.getAttribute("data-test-script-state") === "running") go();
  });
  function go() {
    observer.disconnect();
    clearTimeout(timer);
    for (const file of files) import(new URL("./" + file, main.src).href).catch(() => {});
  }
  if (app) observer.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  const idle = window.requestIdleCallback || ((then) => setTimeout(then, 1));
  timer = setTimeout(() => idle(go, {timeout: 3000}), %d);
})();
</script>"""


@functools.cache
def chunk_files() -> tuple[str, ...]:
    """The installed frontend's file for each of CHUNKS (names carry a build hash); those this
    Streamlit does not have are left out."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    found = []
    for name in CHUNKS:
        files = sorted(folder.glob(f"{name}.*.js"))
        if len(files) == 1:
            found.append(files[0].name)
    return tuple(found)


def preload_elements() -> None:
    """Once per browser tab (the script guards itself): import the element modules when idle."""
    files = chunk_files()
    if files:
        st.sidebar.html(_SCRIPT % (json.dumps(list(files)), IDLE_AFTER_MS), unsafe_allow_javascript=True)
