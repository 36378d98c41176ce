"""Local servers for the benchmarks and the tests: a free port, waiting until one answers, stopping it.

One copy of the loop every harness needs (`streamlit run` for bench/startup.py and the browser
tests, llama_cpp.server for the model tests), so a fix to it reaches all of them.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable


class ServerDidNotStart(RuntimeError):
    """The process exited, or did not answer in time; the caller adds its log to the message."""


def free_port() -> int:
    """A localhost port nothing listens on (bound, then closed again)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_ready(
    process: subprocess.Popen,
    url: str,
    timeout: float,
    *,
    name: str = "the server",
    ready: Callable[[bytes], bool] = lambda body: True,
    poll: float = 0.05,
) -> None:
    """Return once `url` answers 200 with a body `ready` accepts; raise if `process` exits first."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise ServerDidNotStart(f"{name} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200 and ready(response.read()):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise ServerDidNotStart(f"{name} did not answer {url} in {timeout:g} s")
        time.sleep(poll)


def stop(process: subprocess.Popen, timeout: float = 10) -> None:
    """Terminate, and kill if it has not gone within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)
