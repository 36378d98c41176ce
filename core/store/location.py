"""Where the user's data lives, and whether to write anything at all (shared mode).

Read on every call, never cached at import, so tests and users can point it elsewhere.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

ENV_HOME = "ADVOCATE_HOME"
ENV_SHARED = "ADVOCATE_SHARED"
LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}


def default_data_dir(platform: str | None = None, env: dict | None = None) -> Path:
    """The platform's per-user data folder, where users (and backup tools) expect app data."""
    platform = platform or sys.platform
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())
    if platform.startswith("win"):
        base = env.get("APPDATA")
        return Path(base) / "Advocate" if base else home / "AppData" / "Roaming" / "Advocate"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Advocate"
    xdg = env.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else home / ".local" / "share") / "advocate"


def _parse_flags(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--shared", action="store_true")
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def resolve_data_dir(argv: Sequence[str] | None = None, env: dict | None = None) -> Path:
    """`--data-dir DIR` (after `--` on `streamlit run`), else $ADVOCATE_HOME, else the default.

    Read on every call, never cached at import, so tests and users can point it elsewhere.
    """
    env = os.environ if env is None else env
    argv = sys.argv[1:] if argv is None else argv
    flag = _parse_flags(argv).data_dir
    if flag:
        return Path(flag).expanduser()
    if env.get(ENV_HOME):
        return Path(env[ENV_HOME]).expanduser()
    return default_data_dir(env=env)


def is_loopback(address: str | None) -> bool:
    """True when a server bound to `address` is reachable from this machine only.

    Unset means Streamlit listens on every interface, so it counts as not loopback.
    """
    if not address:
        return False
    address = address.strip().lower()
    return address in LOOPBACK or address.startswith("127.")


def resolve_shared(
    server_address: str | None, argv: Sequence[str] | None = None, env: dict | None = None
) -> bool:
    """Shared mode: `--shared`, ADVOCATE_SHARED=1, or a server not bound to localhost."""
    env = os.environ if env is None else env
    argv = sys.argv[1:] if argv is None else argv
    if _parse_flags(argv).shared:
        return True
    if str(env.get(ENV_SHARED, "")).strip().lower() in {"1", "true", "yes", "on"}:
        return True
    return not is_loopback(server_address)
