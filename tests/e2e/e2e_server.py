"""The server the browser tests visit: a real `streamlit run app.py` on a free localhost port,
with its own data folder, home, temp and XDG folders, so nothing it writes escapes the test."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench import serving
from bench.serving import free_port

ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 60.0


@dataclass
class Server:
    """A running `streamlit run app.py`: where it listens, its data folder and its log."""

    url: str
    port: int
    home: Path  # ADVOCATE_HOME: the only place the app may write
    log_path: Path
    root: Path  # the temporary folder holding home, HOME, TMPDIR, the XDG folders and the log
    process: subprocess.Popen = field(repr=False)

    @property
    def host_port(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_server(
    tmp: Path, extra_args: tuple[str, ...] = (), address: str | None = "127.0.0.1", env: dict | None = None
) -> Server:
    """Start streamlit on a free port and wait for its health endpoint; fail with the log if it dies."""
    home = tmp / "advocate_home"
    home.mkdir(parents=True, exist_ok=True)
    log_path = tmp / "server.log"
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",  # other people edit the tree while tests run
        *(("--server.address", address) if address is not None else ()),
        *extra_args,  # may end with "--" and the app's own flags
    ]
    # HOME, TMPDIR and the XDG folders point into `tmp`, so a test can list every file the server
    # wrote: only ADVOCATE_HOME (the user's workspace) may hold any.
    dirs = {name: tmp / name.lower() for name in ("HOME", "TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                                  "XDG_DATA_HOME", "XDG_STATE_HOME")}
    for folder in dirs.values():
        folder.mkdir(exist_ok=True)
    env = {**os.environ, **{k: str(v) for k, v in dirs.items()}, "ADVOCATE_HOME": str(home),
           "PYTHONUNBUFFERED": "1", **(env or {})}
    log_file = log_path.open("wb")
    process = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    log_file.close()
    server = Server(f"http://127.0.0.1:{port}", port, home, log_path, tmp, process)
    try:
        serving.wait_until_ready(process, f"{server.url}/_stcore/health", STARTUP_TIMEOUT,
                                 name="streamlit", poll=0.2)
    except serving.ServerDidNotStart as exc:
        stop_server(server)
        raise RuntimeError(f"{exc}:\n{server.log()}") from None
    return server


def stop_server(server: Server) -> None:
    serving.stop(server.process)
