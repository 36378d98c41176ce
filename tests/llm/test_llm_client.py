"""The chat client's promises without a model: loopback only unless allowed, no proxy, no
redirect, and a message a person can act on when the endpoint is down, slow or cancelled."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest

from core.llm.client import ChatClient, Endpoint, ModelError, is_loopback_url
from core.llm.settings import ModelSettings, allowed_here, where_it_goes
from tests.llm.llm_support import free_port
from tests.llm.llm_support import serve as serve_http


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://localhost:11434/v1", True),
        ("http://127.0.0.1:1234/v1", True),
        ("http://127.9.9.9/v1", True),
        ("http://[::1]:8080/v1", True),
        ("https://LOCALHOST/v1", True),
        ("http://localhost.example.com/v1", False),
        ("http://127.0.0.1.nip.io/v1", False),
        ("http://192.168.1.20:11434/v1", False),
        ("https://api.openai.com/v1", False),
        ("ftp://localhost/v1", False),
        ("localhost:11434", False),
    ],
)
def test_only_this_machine_counts_as_loopback(url, loopback):
    assert is_loopback_url(url) is loopback


@pytest.fixture
def serve():
    started = []

    def start(**attrs):
        server, handler, url = serve_http(**attrs)
        started.append(server)
        return handler, url

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


def test_another_host_is_refused_before_anything_is_sent(monkeypatch):
    opened = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: opened.append(a) or 1 / 0)
    with pytest.raises(ModelError) as error:
        ChatClient(Endpoint("http://192.168.1.20:11434/v1", "m")).chat("s", "my evidence")
    assert error.value.kind == "refused"
    assert "only sends your evidence to a model on localhost" in error.value.message
    assert opened == []


def test_proxy_settings_are_ignored(serve, monkeypatch):
    proxy, proxy_url = serve()
    model, model_url = serve()
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, proxy_url)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    assert ChatClient(Endpoint(model_url + "/v1", "m")).models() == ["m"]
    assert model.seen == ["GET /v1/models"]
    assert proxy.seen == []


def test_a_redirect_is_not_followed(serve):
    elsewhere, elsewhere_url = serve()
    _, redirecting = serve(reply=(307, {"Location": elsewhere_url + "/v1/chat/completions"}, b""))
    with pytest.raises(ModelError) as error:
        ChatClient(Endpoint(redirecting + "/v1", "m")).chat("s", "my evidence")
    assert "redirect" in error.value.message
    assert elsewhere.seen == []


def test_nothing_listening_says_so():
    port = free_port()
    with pytest.raises(ModelError) as error:
        ChatClient(Endpoint(f"http://127.0.0.1:{port}/v1", "m")).models()
    assert error.value.kind == "down"
    assert error.value.message.startswith(f"Nothing is listening at http://127.0.0.1:{port}/v1")


def test_a_slow_answer_times_out_with_a_message(serve):
    _, url = serve(delay=10.0)
    started = time.monotonic()
    with pytest.raises(ModelError) as error:
        ChatClient(Endpoint(url + "/v1", "m", timeout=0.5)).chat("s", "u")
    assert error.value.kind == "timeout"
    assert "within 0.5 seconds" in error.value.message
    assert time.monotonic() - started < 8


def test_cancel_stops_waiting(serve):
    _, url = serve(delay=10.0)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(ModelError) as error:
        ChatClient(Endpoint(url + "/v1", "m", timeout=30), cancel).chat("s", "u")
    assert error.value.kind == "cancelled"
    assert time.monotonic() - started < 8


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>not json</html>", "did not answer in JSON"),
        (json.dumps({"choices": []}).encode(), "answered without a message"),
    ],
)
def test_a_server_that_is_not_a_chat_api_says_so(serve, body, message):
    _, url = serve(reply=(200, {}, body))
    with pytest.raises(ModelError) as error:
        ChatClient(Endpoint(url + "/v1", "m")).chat("s", "u")
    assert message in error.value.message


@pytest.mark.parametrize(
    ("shared", "env", "allowed"),
    [(False, {}, True), (True, {}, False), (True, {"ADVOCATE_LLM_IN_SHARED": "1"}, True)],
)
def test_shared_servers_keep_the_model_off_unless_the_operator_allows_it(shared, env, allowed):
    assert allowed_here(shared, env) is allowed


def test_the_page_says_where_the_evidence_goes():
    assert "stays on this machine" in where_it_goes(ModelSettings())
    refused = where_it_goes(ModelSettings(base_url="http://gpu-box.lan:11434/v1"))
    assert refused.startswith("gpu-box.lan is not this machine: nothing is sent there unless you tick")
    remote = where_it_goes(ModelSettings(base_url="http://gpu-box.lan:11434/v1", allow_remote=True))
    assert remote.startswith("Your evidence")
    assert "will be sent to gpu-box.lan, which is not this machine" in remote
