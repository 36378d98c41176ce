"""`streamlit run` with two timers the live benchmark reads back (bench/live.py).

    python bench/probe.py RECORDS.jsonl run app.py --server.port 8501 ...

Why: the browser only sees when frames arrive and when the page is drawn; how long the script
itself ran, and how long the server spent turning elements into websocket bytes, are known only
inside the server. This starts Streamlit's own `streamlit run` command after wrapping

- each script run (ScriptRunner's SCRIPT_STARTED -> SCRIPT_STOPPED_* events): one "run" line with
  its start, end and duration (time.time(), the clock the benchmark reads too);
- every ForwardMsg's protobuf serialisation for the websocket: its time and size are added up and
  written as one "sent" line when a run's `script_finished` message goes out (always its last);
- every full garbage collection (one "gc" line each: Streamlit collects after every run, holding
  the interpreter while the run's end waits to be sent).

With PROBE_PROFILE=FOLDER, each script run is also profiled (cProfile, its own thread) and dumped
there as run-<end time>.prof (read with `python -m pstats`): where a slow step's script time goes.

Nothing in the app changes; the records file is the only output. For benchmarks only.
"""

from __future__ import annotations

import cProfile
import gc
import json
import os
import sys
import threading
import time

_LOCK = threading.Lock()
_SENT = {"serialise_s": 0.0, "bytes": 0, "messages": 0}
_STARTED: dict[int, float] = {}
_PROFILES: dict = {}  # ScriptRunner -> its run's cProfile.Profile (with PROBE_PROFILE)
PROFILE_DIR = os.environ.get("PROBE_PROFILE")  # a folder: one cProfile dump per script run


def _write(path: str, record: dict) -> None:
    with _LOCK, open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")


def install(path: str) -> None:
    """Wrap the script runner's events and the websocket's serialiser; records go to `path`."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: F401  (loaded before the first run)
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web.server.starlette import starlette_websocket

    events = script_runner.ScriptRunnerEvent

    def on_event(sender, event=None, **_kwargs) -> None:
        now = time.time()
        if event == events.SCRIPT_STARTED:
            _STARTED[id(sender)] = now
            if PROFILE_DIR:  # the event comes from the run's own thread: profile that thread
                _PROFILES[id(sender)] = prof = cProfile.Profile()
                prof.enable()
        elif event in (events.SCRIPT_STOPPED_WITH_SUCCESS, events.SCRIPT_STOPPED_WITH_COMPILE_ERROR,
                       events.SCRIPT_STOPPED_FOR_RERUN, events.FRAGMENT_STOPPED_WITH_SUCCESS):
            start = _STARTED.pop(id(sender), None)
            prof = _PROFILES.pop(id(sender), None)
            if prof is not None:
                prof.disable()
                prof.dump_stats(f"{PROFILE_DIR}/run-{now:.3f}.prof")
            if start is not None:
                _write(path, {"kind": "run", "start": start, "end": now, "script_s": now - start,
                              "event": str(event.name)})

    init = script_runner.ScriptRunner.__init__

    def wrapped_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.on_event.connect(on_event, weak=False)

    script_runner.ScriptRunner.__init__ = wrapped_init
    serialise = starlette_websocket.serialize_forward_msg

    def timed_serialise(msg):
        start = time.perf_counter()
        payload = serialise(msg)
        with _LOCK:
            _SENT["serialise_s"] += time.perf_counter() - start
            _SENT["bytes"] += len(payload)
            _SENT["messages"] += 1
            finished = msg.WhichOneof("type") == "script_finished"
            record = dict(_SENT) if finished else None
            if finished:
                _SENT.update(serialise_s=0.0, bytes=0, messages=0)
        if record is not None:
            _write(path, {"kind": "sent", "at": time.time(), **record})
        return payload

    starlette_websocket.serialize_forward_msg = timed_serialise
    gc_started: list[float] = []

    def on_gc(phase: str, info: dict) -> None:
        """Full collections (Streamlit runs one after every script run: runner.postScriptGC)."""
        if info.get("generation") != 2:
            return
        if phase == "start":
            gc_started[:] = [time.perf_counter()]
        elif gc_started:
            _write(path, {"kind": "gc", "at": time.time(), "gc_s": time.perf_counter() - gc_started.pop()})

    gc.callbacks.append(on_gc)


def main() -> None:
    path, *rest = sys.argv[1:]
    install(path)
    from streamlit.web import cli

    sys.argv = ["streamlit", *rest]
    cli.main()


if __name__ == "__main__":
    main()
