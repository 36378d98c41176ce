"""Quotes from others as the draft shows them: without the e-mail sign-off ("Huge help. Marcus"),
a long one cut at a sentence boundary, and who said it.
"""

from __future__ import annotations

import re

from core.model import Praise
from core.writing.sentences import clean, split_sentences

_SIGNOFF = re.compile(
    r"(?:\s+[-–—]+\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)?\s*$)"  # "— Marcus", "-M"
    r"|(?:(?<=[.!?,\n])[\s,]*(?i:thanks|thank you|cheers|best|regards|best regards|kind regards|"
    r"many thanks|thx|ta)[\s,!.]*(?:[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)?)?[\s.!]*$)"
)

QUOTE_MAX_WORDS = 80


def strip_signoff(text: str, author: str = "") -> str:
    """A quote without its e-mail sign-off: 'Huge help. Marcus' -> 'Huge help.'"""
    text = clean(text)
    first_name = clean(author).split(" ")[0] if clean(author) else ""
    for _ in range(2):
        stripped = _SIGNOFF.sub("", text).strip()
        if first_name and stripped.endswith(first_name) and len(stripped) > len(first_name):
            before = stripped[: -len(first_name)].rstrip()
            if before.endswith((".", "!", ",", "-", "—", "–")):
                stripped = before.rstrip(",-—– ")
        if stripped == text or not stripped:
            break
        text = stripped
    return text


def quote_text(praise: Praise) -> str:
    """The quote as shown: sign-off removed; a long one cut at a sentence boundary with '…'."""
    text = strip_signoff(praise.text, praise.author)
    if len(text.split()) <= QUOTE_MAX_WORDS:
        return text
    kept: list[str] = []
    pieces = split_sentences(text)
    for piece in pieces:
        if kept and len(" ".join([*kept, piece]).split()) > QUOTE_MAX_WORDS:
            break
        kept.append(piece)
    return " ".join(kept) + (" …" if len(kept) < len(pieces) else "")


def attribution(praise: Praise) -> str:
    who = clean(praise.author)
    role = clean(praise.role)
    return ", ".join(p for p in (who, role) if p) or "a colleague"
