"""One content hash for every cache key: files, overrides, options, parsed evidence.

Caches must follow what the user changed and ignore widget noise, so they are keyed by content.
Each part is length-prefixed before hashing, so ("ab", "c") and ("a", "bc") never collide.
"""

from __future__ import annotations

import hashlib
import json


def _as_bytes(part: object) -> bytes:
    if isinstance(part, bytes | bytearray | memoryview):
        return bytes(part)
    if isinstance(part, str):
        return part.encode("utf-8")
    return json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")


def content_hash(*parts: object) -> str:
    """A 32-hex-digit blake2b of the parts: bytes as they are, text as UTF-8, anything else as
    sorted JSON (dicts of lists, dates by their ISO text)."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = _as_bytes(part)
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()
