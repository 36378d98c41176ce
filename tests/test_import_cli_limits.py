"""`python -m core check` checks a path before reading it: special files, huge files, closed pipes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from tests.conftest import ROOT

# Runs the command line in a child that reports its own peak memory (KB on Linux) on stderr.
_MEASURED = textwrap.dedent(
    """
    import runpy, sys
    sys.argv = ["core", *sys.argv[1:]]
    try:
        runpy.run_module("core", run_name="__main__")
    except SystemExit as exit:
        code = exit.code
    else:
        code = 0
    # VmHWM: this process's own peak (ru_maxrss can carry the parent's peak across exec).
    peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM"))
    print("maxrss", peak.split()[1], file=sys.stderr)
    sys.exit(code)
    """
)


def _special(kind: str, tmp_path) -> str:
    if kind == "fifo":
        path = tmp_path / "wins.csv"
        os.mkfifo(path)  # nobody ever writes: opening it would block forever
        return str(path)
    if kind == "sparse":
        path = tmp_path / "huge.csv"
        with path.open("wb") as handle:
            handle.truncate(3 * 1024**3)  # 3 GB that take no disk space
        return str(path)
    if kind == "folder":
        return str(tmp_path)
    return "/dev/zero"


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("/dev/zero", "zero: /dev/zero is a device, not a spreadsheet or CSV file."),
        ("fifo", "wins.csv: {path} is a named pipe, not a spreadsheet or CSV file."),
        ("sparse", "huge.csv: The file is 3.0 GB, over the 20.0 MB limit: split it or remove what is not "
         "evidence."),
        ("folder", "{name}: {path} is a folder, not a spreadsheet or CSV file."),
    ],
)
def test_special_and_huge_files_are_refused_in_one_line_without_reading(kind, message, tmp_path):
    path = _special(kind, tmp_path)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, "check", path], cwd=ROOT, capture_output=True, text=True, timeout=20
    )
    elapsed = time.monotonic() - started
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and result.stdout == ""
    expected = message.format(path=path, name=os.path.basename(path))
    assert lines[0] == f"error: no file could be loaded ({expected})"
    peak_kb = int(lines[1].split()[1])
    assert peak_kb < 100 * 1024, f"{peak_kb} KB peak"
    assert elapsed < 20  # the guard against a hang; the figure itself is in the README (measured)


def test_a_closed_pipe_ends_quietly(tmp_path):
    rows = "".join(f"2026-01-{1 + n % 28:02d},Win {n},Did a thing {n},Result {n}\n" for n in range(3000))
    path = tmp_path / "many.csv"
    path.write_text("Date,Title,Action,Result\n" + rows)
    shell = f"{sys.executable} -m core check {path} --json | head -c 100"
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stderr == "" and result.returncode == 0
    assert result.stdout.startswith("{")
