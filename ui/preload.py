"""The browser loads the code of the app's heavier elements while the user is still reading.

Why: Streamlit's frontend fetches and compiles an element's JavaScript the first time a page shows
one. Plotly's is 4.7 MB: at 10,000 stories the Timeline's first visit spent 0.8-1.1 s in the
browser on it, more than its whole script. A second after the first page is drawn (or when the
next run starts, or has already started when this script arrives: the browser waits for the
server then), a small script imports that module (the URL the frontend's own lazy import
resolves to), so the first chart draws from code already loaded, and fetches the smaller
elements of the later pages. Only Streamlit's own files, from this server, are fetched: nothing
from the user's data goes into the script.

The cost moves, it does not vanish: running Plotly's module is one 0.76-0.84 s task of the
browser's main thread (a long-task observer on an idle page; fetching and compiling it first
takes 0.13 s). Fetching it at once, before the first page was drawn, cost the start-up 0.1 s.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import streamlit as st

# Plotly's code is the one that costs most (0.9 s to fetch and run): it is imported. The other
# elements the later pages show are only fetched and compiled (modulepreload), and run when
# the frontend asks for them: running them ahead of React changed which of a page's text
# inputs came first in the page (an end-to-end test caught it).
CHUNKS = ("PlotlyChart", "StreamlitSyntaxHighlighter")  # the second: st.code (Competencies' About
# paragraph), 1.6 MB, 0.2 s of the first visit's drawing (a Chromium trace of the step)
FETCHED = ("Metric", "Radio", "Selectbox", "Multiselect", "DownloadButton", "TextArea", "TextInput",
           "ButtonGroup", "Checkbox")
IDLE_AFTER_MS = 1000  # or sooner, when the next run starts: the browser waits for the server then

_SCRIPT = """<script>
(() => {
  if (window.__advocatePreloaded) return;
  window.__advocatePreloaded = true;
  const main = document.querySelector('script[type="module"][src*="/static/js/index."]');
  if (!main) return;
  const files = %s;
  const fetched = %s;
  const app = document.querySelector('[data-testid="stApp"]');
  const url = (file) => new URL("./" + file, main.src).href;
  function fetchOnly(file) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = url(file);
    document.head.appendChild(link);
  }
  let timer = null;
  const observer = new MutationObserver(() => {
    if (app.getAttribute("data-test-script-state") === "running") go();
  });
  function go() {
    observer.disconnect();
    clearTimeout(timer);
    for (const file of files) import(url(file)).catch(() => {});
    for (const file of fetched) fetchOnly(file);
  }
  if (app) observer.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  // a run may have started before this script ran (a file dropped as the first page appeared)
  if (app && app.getAttribute("data-test-script-state") === "running") go();
  const idle = window.requestIdleCallback || ((then) => setTimeout(then, 1));
  timer = setTimeout(() => idle(go, {timeout: 3000}), %d);
})();
</script>"""


@functools.cache
def chunk_files(names: tuple[str, ...] = CHUNKS) -> tuple[str, ...]:
    """The installed frontend's file for each of `names` (names carry a build hash); those this
    Streamlit does not have are left out."""
    folder = Path(st.__file__).parent / "static" / "static" / "js"
    found = []
    for name in names:
        files = sorted(folder.glob(f"{name}.*.js"))
        if len(files) == 1:
            found.append(files[0].name)
    return tuple(found)


def preload_elements() -> None:
    """Once per browser tab (the script guards itself): load the element modules when idle."""
    files, fetched = chunk_files(), chunk_files(FETCHED)
    if files or fetched:
        script = _SCRIPT % (json.dumps(list(files)), json.dumps(list(fetched)), IDLE_AFTER_MS)
        st.sidebar.html(script, unsafe_allow_javascript=True)
