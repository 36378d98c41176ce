"""An OpenAI-compatible chat client in plain urllib: Ollama, LM Studio and llama.cpp's server all
speak `/v1/chat/completions` and `/v1/models`.

It talks to loopback addresses only unless the caller allows another host, ignores proxy
settings (an `http_proxy` variable would otherwise send the evidence through another machine)
and never follows a redirect (which could point anywhere). Every failure is one `ModelError`
whose message a person can act on; a slow call can be cancelled from another thread.
"""

from __future__ import annotations

import ipaddress
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

DEFAULT_URL = "http://localhost:11434/v1"  # Ollama's OpenAI-compatible endpoint
DEFAULT_MODEL = "llama3.2"
DEFAULT_TIMEOUT = 60.0  # seconds for one call: small local models on a laptop CPU are slow
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


class ModelError(Exception):
    """A call that did not give an answer; `kind` is one of down, timeout, refused, bad, cancelled."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def host_of(url: str) -> str:
    return (urllib.parse.urlsplit(url.strip()).hostname or "").lower()


def is_loopback_url(url: str) -> bool:
    """True for http(s) URLs on this machine: `localhost`, 127.0.0.0/8 or ::1, by the literal
    name only (a name is never looked up: `localhost.example.com` is another host)."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return False
    host = (parts.hostname or "").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # never follow a redirect
        return None


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


@dataclass(frozen=True)
class Endpoint:
    """Where the model is: the API's base URL (ending in /v1), the model's name, seconds per call,
    and whether a host other than this machine is allowed."""

    base_url: str = DEFAULT_URL
    model: str = DEFAULT_MODEL
    timeout: float = DEFAULT_TIMEOUT
    allow_remote: bool = False

    @property
    def host(self) -> str:
        return host_of(self.base_url)

    def check(self) -> None:
        """Raise ModelError("refused") for a URL this endpoint may not call."""
        parts = urllib.parse.urlsplit(self.base_url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ModelError("refused", f"“{self.base_url}” is not an http:// address.")
        if not self.allow_remote and not is_loopback_url(self.base_url):
            raise ModelError(
                "refused",
                f"{parts.hostname} is not this machine: Advocate only sends your evidence to a "
                "model on localhost unless you allow another host.",
            )

    def url(self, path: str) -> str:
        return self.base_url.strip().rstrip("/") + "/" + path.lstrip("/")


class ChatClient:
    """One endpoint's calls. `cancel` (a threading.Event) stops waiting for a slow answer."""

    def __init__(self, endpoint: Endpoint, cancel: threading.Event | None = None):
        self.endpoint = endpoint
        self.cancel = cancel or threading.Event()

    def models(self) -> list[str]:
        """The model names the server offers (`GET /models`): the "test connection" call."""
        data = self._call("GET", "models", None, min(self.endpoint.timeout, 10.0))
        return [str(m.get("id", "")) for m in data.get("data", []) if isinstance(m, dict)]

    def chat(self, system: str, user: str, *, max_tokens: int = 400, temperature: float = 0.2) -> str:
        """The assistant's text for one system + user message."""
        body = {
            "model": self.endpoint.model,
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "max_tokens": max_tokens,
            "temperature": temperature,
            "seed": 7,
            "stream": False,
        }
        data = self._call("POST", "chat/completions", body, self.endpoint.timeout)
        try:
            text = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise ModelError("bad", "The model's server answered without a message.") from None
        return str(text or "").strip()

    def _call(self, method: str, path: str, body: dict | None, timeout: float) -> dict:
        self.endpoint.check()
        if self.cancel.is_set():
            raise ModelError("cancelled", "Cancelled.")
        request = urllib.request.Request(
            self.endpoint.url(path),
            data=None if body is None else json.dumps(body).encode("utf-8"),
            method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        box: dict = {}

        def run() -> None:
            try:
                with _OPENER.open(request, timeout=timeout) as response:
                    box["data"] = response.read()
            except BaseException as exc:  # handed to the waiting thread
                box["error"] = exc

        worker = threading.Thread(target=run, daemon=True, name="advocate-model-call")
        worker.start()
        while worker.is_alive():  # wait in slices so a cancel is seen within a tenth of a second
            worker.join(0.1)
            if self.cancel.is_set():
                raise ModelError("cancelled", "Cancelled: the model's answer will be ignored.")
        if "error" in box:
            raise _explain(box["error"], self.endpoint, timeout) from None
        try:
            data = json.loads(box["data"].decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise ModelError("bad", "The model's server did not answer in JSON: is this an "
                             "OpenAI-compatible address (ending in /v1)?") from None
        if not isinstance(data, dict):
            raise ModelError("bad", "The model's server gave an answer Advocate cannot read.")
        return data


def _explain(exc: BaseException, endpoint: Endpoint, timeout: float) -> ModelError:
    where = endpoint.base_url.strip()
    if isinstance(exc, urllib.error.HTTPError):
        exc.close()  # it holds the response's connection
        if 300 <= exc.code < 400:
            return ModelError("refused", f"{where} answered with a redirect, which Advocate does not follow.")
        if exc.code == 404:
            return ModelError("bad", f"{where} has no such page (HTTP 404): check the address ends "
                              "in /v1 and the model name is one the server offers.")
        return ModelError("bad", f"The model's server answered HTTP {exc.code}.")
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, TimeoutError) or isinstance(exc, TimeoutError):  # socket.timeout too
        return ModelError("timeout", f"No answer from {where} within {timeout:g} seconds: the model may be "
                          "too slow for this machine, or still loading. Try again or raise the time limit.")
    if isinstance(reason, ConnectionRefusedError) or isinstance(exc, ConnectionRefusedError):
        return ModelError("down", f"Nothing is listening at {where}: start your model server "
                          "(for example `ollama serve`) or check the address.")
    return ModelError("down", f"Could not reach {where}: {reason}.")
