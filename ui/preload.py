"""The browser loads the code of the app's elements before a page needs it.

Why: Streamlit's frontend fetches and runs an element's JavaScript the first time a page shows
one, only when the element arrives. This small script is the first thing the app sends (nothing
from the user's data goes into it; only Streamlit's own files, from this server, are fetched):

- at once, the first page's elements (Import: its tables, uploader, metrics): their code loads
  while the server is still running the first script, instead of after it (skeletons were drawn
  for 0.2-0.5 s after that run had ended);
- when the first run has ended and its page is drawn, Plotly's code (4.7 MB) is fetched and
  compiled, and the code of what an upload's run shows (`UPLOAD`) is fetched and run, while the
  server is idle: the same server runs the scripts, so a fetch during the next run waited for it
  (fetched as the run ended, it slowed the drawing of the first page's last elements by about
  0.07 s, on two cores);
- a second after that (or when the next run starts, since the browser then waits for the server
  anyway), Plotly's module is run, so the Timeline's first chart draws from code already there
  (it had cost that visit 0.8-1.1 s at 10,000 stories), and the later pages' smaller elements are
  fetched, while no run is in progress (when the next run came first, once it has ended and its
  page is drawn).

The later chunks come with every file they import (`chunk_closure`): a modulepreload fetches only
the file it names, so the widgets' imports (19 files for the select box and the number input) were
fetched in the middle of an upload, once its table had arrived. The later pages' 13 files
(1.8 MB) are fetched only while no run is in progress: an upload dropped at once, with them
fetched beside its run and pandas imported (ui.warmup), lost 0.1-0.15 s; about 0.1 s came back
when they waited. The first page's chunks are only imported: their imports fetched at once,
beside the first run, made start-up no faster.

The cost moves, it does not vanish: running Plotly's module is one 0.76-0.84 s task of the
browser's main thread (a long-task observer on an idle page), up to 1 s while the server runs an
upload beside it.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import streamlit as st

# Plotly's code is the one that costs most: it is run ahead. The other elements the later pages
# show are only fetched and compiled (modulepreload), and run when the frontend asks for them.
CHUNKS = ("PlotlyChart",)
# StreamlitSyntaxHighlighter is st.code (Competencies' About paragraph, in a closed section): 1.6 MB
# whose module runs for 0.4 s in the browser (a Chromium trace of an upload dropped at once, when
# it was imported here too): only fetched, it runs when the user opens that section.
FETCHED = ("Multiselect", "TextArea", "TextInput", "Checkbox", "StreamlitSyntaxHighlighter", "DateInput",
           "TimeInput")
# What an upload's run shows on the Import page: its spinner, the progress bar of a large file, the
# page picker of a long table and, in "Change how the columns of ... are read", a radio, select
# boxes and a button per sheet (24 files, 0.17 MB). Fetched and run as the first page is drawn:
# fetched when the page showed them, a 10,000 + 10,000 workbook dropped as the page appeared waited
# 0.35 s for them at the end of its run (median upload 1.79 s against 1.87 s, 12 alternated pairs).
# Their skeletons still show for about 0.3 s the first time each kind is drawn in a tab: React
# waits that long before it replaces a skeleton (drawing hidden copies on the first run to avoid it
# made start-up 0.15 s slower).
UPLOAD = ("NumberInput", "Progress", "Spinner", "Radio", "Selectbox", "Button")
# The first page's (Import's) elements, imported (fetched with what they import, and run) as soon as
# this script runs, at the start of the first run: the tables come last in that run.
# (axios sends an uploaded file: the uploader fetched it when a file was dropped, before sending it)
FIRST_PAGE = ("DataFrame", "FileUploader", "Metric", "ButtonGroup", "DownloadButton", "axios")
BOX = "advocate_preload"
IDLE_AFTER_MS = 1000  # or sooner, when the next run starts: the browser waits for the server then
# (500 ms was tried: an upload after 2 s of reading gained 0.2 s, but a file dropped as the page
# appeared lost 0.5 s, the module running between the drop and the run it asks the server for)

_SCRIPT = """<script>
(() => {
  if (window.__advocatePreloaded) return;
  window.__advocatePreloaded = true;
  const main = document.querySelector('script[type="module"][src*="/static/js/index."]');
  const app = document.querySelector('[data-testid="stApp"]');
  if (!main || !app) return;
  // filesAll (Plotly's and the upload's) and fetched: the chunks with every file they import
  const [files, filesAll, fetched, first, upload] = [%s, %s, %s, %s, %s];
  const url = (file) => new URL("./" + file, main.src).href;
  const state = () => app.getAttribute("data-test-script-state");
  function fetchOnly(file) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = url(file);
    document.head.appendChild(link);
  }
  for (const file of first) import(url(file)).catch(() => {});
  let timer = null;
  let drawn = state() === "notRunning";  // this script came with a run: wait for its end
  let ran = false;
  function go() {
    if (ran) return;
    ran = true;
    clearTimeout(timer);
    for (const file of files) import(url(file)).catch(() => {});
    fetchLater();
  }
  // the later pages' code, only while the server is idle: the same server runs the scripts, and
  // these fetches slowed an upload's run (figures in ui/preload.py)
  function fetchLater() {
    if (state() !== "notRunning") return;  // again at the run's end
    observer.disconnect();
    whenDrawn(() => { for (const file of fetched) fetchOnly(file); });
  }
  // the page drawn: no element still waiting for its code, nothing left from before
  const waiting = () => document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]');
  function whenDrawn(then, frames = 0) {
    if (!waiting() || frames > 120) then();
    else requestAnimationFrame(() => whenDrawn(then, frames + 1));
  }
  function afterFirstRun() {
    drawn = true;
    // fetched and compiled once this page is drawn, while the server is idle: the server that
    // sends the file also runs the scripts, so during the next run (a file dropped at once) the
    // fetch would wait
    const idle = window.requestIdleCallback || ((then) => setTimeout(then, 1));
    whenDrawn(() => {
      for (const file of filesAll) fetchOnly(file);
      // run too (small): ready when the upload's page shows them
      for (const file of upload) import(url(file)).catch(() => {});
    });
    timer = setTimeout(() => idle(go, {timeout: 3000}), %d);
  }
  const observer = new MutationObserver(() => {
    if (!drawn && state() === "notRunning") afterFirstRun();
    else if (drawn && state() === "running") go();  // the next run: the browser waits for the server
    else if (ran && state() === "notRunning") fetchLater();
  });
  observer.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  if (drawn) afterFirstRun();
})();
</script>"""


STATIC = Path(st.__file__).parent / "static"  # the installed frontend
# The `import ... from "./x.js"` statements a chunk opens with (after Vite's table of the files its
# lazy imports need): what the browser must fetch before the chunk can run.
_STATIC_IMPORT = re.compile(
    r'\s*import\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+|[\w$]+(?:\s*,\s*\{[^}]*\})?)?\s*(?:from\s*)?"\./([^"]+\.js)"\s*;?'
)
_ENTRY = re.compile(r'<script type="module"[^>]*\ssrc="\./static/js/([^"]+\.js)"')


@functools.cache
def chunk_files(names: tuple[str, ...] = CHUNKS) -> tuple[str, ...]:
    """The installed frontend's file for each of `names` (names carry a build hash); those this
    Streamlit does not have are left out."""
    found = []
    for name in names:
        files = sorted((STATIC / "static" / "js").glob(f"{name}.*.js"))
        if len(files) == 1:
            found.append(files[0].name)
    return tuple(found)


@functools.cache
def imports_of(file: str) -> tuple[str, ...]:
    """The files `file` (in the frontend's js folder) imports as it loads."""
    try:
        text = (STATIC / "static" / "js" / file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    position = text.index("\n") + 1 if text.startswith("const __vite__mapDeps") else 0
    found = []
    while match := _STATIC_IMPORT.match(text, position):
        found.append(match.group(1))
        position = match.end()
    return tuple(found)


def _with_imports(files) -> list[str]:
    seen, todo = {}, list(files)
    while todo:
        file = todo.pop(0)
        if file not in seen:
            seen[file] = None
            todo.extend(imports_of(file))
    return list(seen)


def frontend_entry() -> str | None:
    """The file of the frontend's own code that its page loads (index.<hash>.js)."""
    try:
        entry = _ENTRY.search((STATIC / "index.html").read_text(encoding="utf-8"))
    except OSError:
        return None
    return entry.group(1) if entry else None


@functools.cache
def loaded_with_frontend() -> frozenset[str]:
    """The frontend's entry and all it imports: the browser has them before any script runs."""
    entry = frontend_entry()
    return frozenset(_with_imports([entry])) if entry else frozenset()


@functools.cache
def chunk_closure(names: tuple[str, ...] = CHUNKS) -> tuple[str, ...]:
    """The chunks of `names` and every file they import, in turn, that the frontend has not
    loaded already: what the browser needs to run them, to be fetched in one go."""
    loaded = loaded_with_frontend()
    return tuple(f for f in _with_imports(chunk_files(names)) if f not in loaded)


def _skip_the_repl_check() -> None:
    """Streamlit checks, at the first element a process sends, whether it runs in a Python REPL (to
    say how to use `streamlit run`): inspect.stack(), which looks up the file of every loaded
    module, 0.08-0.12 s of the first run. The app is always run by `streamlit run` (or AppTest)."""
    from streamlit import delta_generator

    delta_generator._use_warning_has_been_displayed = True


@functools.cache
def _script() -> str:
    """The preload script, the same for every run of this server ("" when this Streamlit has none
    of the chunks): built once, not on every rerun."""
    files, first = chunk_files(), chunk_files(FIRST_PAGE)
    if not (files or first or chunk_files(FETCHED)):
        return ""
    loaded_first = chunk_closure(FIRST_PAGE)  # the first page's chunks import them
    at_draw = [f for f in chunk_closure(UPLOAD + CHUNKS) if f not in loaded_first]
    later = [f for f in chunk_closure(FETCHED) if f not in loaded_first and f not in at_draw]
    lists = (files, at_draw, later, first, chunk_files(UPLOAD))
    script = _SCRIPT % (*(json.dumps(list(names)) for names in lists), IDLE_AFTER_MS)
    # Its own box, hidden, so it takes no room at the top of the sidebar.
    hidden = f"<style>.st-key-{BOX}, :has(> .st-key-{BOX}) {{display: none}}</style>"  # and its wrapper
    return hidden + script


def preload_elements() -> None:
    """Once per browser tab (the script guards itself); called first in every run, so that the
    first run sends it before anything else."""
    _skip_the_repl_check()  # this is the run's first element
    if script := _script():
        st.sidebar.container(key=BOX).html(script, unsafe_allow_javascript=True)
