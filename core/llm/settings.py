"""Whether the user's model may be used here, and with which endpoint.

Off by default. On a shared server (core.store.location.resolve_shared) it stays off unless the
server's operator sets ADVOCATE_LLM_IN_SHARED=1: the evidence of every visitor would otherwise
go to whatever model the operator's machine answers on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from core.llm.client import DEFAULT_MODEL, DEFAULT_TIMEOUT, DEFAULT_URL, Endpoint, is_loopback_url

ENV_IN_SHARED = "ADVOCATE_LLM_IN_SHARED"
SHARED_OFF = (
    "Your own language model is off on this shared server. The person who runs the server can "
    f"allow it by starting Advocate with {ENV_IN_SHARED}=1."
)


@dataclass(frozen=True)
class ModelSettings:
    enabled: bool = False
    base_url: str = DEFAULT_URL
    model: str = DEFAULT_MODEL
    timeout: float = DEFAULT_TIMEOUT
    allow_remote: bool = False  # the user said their evidence may go to a host off this machine

    @property
    def endpoint(self) -> Endpoint:
        return Endpoint(self.base_url, self.model, float(self.timeout), self.allow_remote)

    @property
    def remote(self) -> bool:
        return not is_loopback_url(self.base_url)

    def with_(self, **changes) -> ModelSettings:
        return replace(self, **changes)

    def as_dict(self) -> dict:
        return {
            "enabled": self.enabled, "base_url": self.base_url, "model": self.model,
            "timeout": self.timeout, "allow_remote": self.allow_remote,
        }  # fmt: skip


def allowed_here(shared: bool, env: dict | None = None) -> bool:
    """The model may be used: always on a personal install, on a shared server only if allowed."""
    env = os.environ if env is None else env
    if not shared:
        return True
    return str(env.get(ENV_IN_SHARED, "")).strip().lower() in {"1", "true", "yes", "on"}


def where_it_goes(settings: ModelSettings) -> str:
    """One sentence for the page: where the evidence goes when the model is used."""
    host = settings.endpoint.host or "?"
    if settings.remote and not settings.allow_remote:
        return (
            f"{host} is not this machine: nothing is sent there unless you tick "
            "“Allow a model on another machine”."
        )
    if settings.remote:
        return (
            f"Your evidence (the paragraphs and the stories and quotes they cite) will be sent to "
            f"{host}, which is not this machine."
        )
    return f"Your evidence stays on this machine: it is sent only to {host}."
