"""Helpers shared by the model tests: a free port, a local recording HTTP server standing in for
another host or a canned model, and a two-story year small enough for a 270M model to answer fast."""

from __future__ import annotations

import contextlib
import datetime as dt
import http.server
import threading
import time

from bench.serving import free_port  # noqa: F401 - the tests' import
from core.model import Story

STORIES = [
    Story("S1", dt.date(2026, 3, 10), "Faster settlement", "settlement missed its 6am deadline",
          "rewrote the batch to run in parallel (8 workers)", "settlement finishes by 3am"),
    Story("S2", dt.date(2026, 9, 2), "Flaky CI", "1 in 5 builds failed", "fixed the 6 worst tests",
          "red builds from 20% to 3%"),
]


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A local stand-in for another host: records every request it gets."""

    seen: list[str]
    reply: tuple[int, dict, bytes] = (200, {}, b'{"data": [{"id": "m"}]}')
    delay = 0.0

    def _answer(self):
        type(self).seen.append(f"{self.command} {self.path}")
        time.sleep(self.delay)
        code, headers, body = self.reply
        self.send_response(code)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (timeout, cancel): the test's point
            self.wfile.write(body)

    do_GET = do_POST = do_CONNECT = _answer

    def log_message(self, *args):
        pass


def serve(**attrs):
    handler = type("Handler", (_Recorder,), {"seen": [], **attrs})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, handler, f"http://127.0.0.1:{server.server_address[1]}"
