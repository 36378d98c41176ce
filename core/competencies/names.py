"""A user's competency label ("Comms", "Tech excel.", "TE", "Créativité") matched to a framework name."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from core.text import fold, stem

ABBREVIATIONS = {
    "comms": "communication", "comm": "communication", "communications": "communication",
    "tech": "technical", "eng": "engineering", "mgmt": "management", "mgr": "manager",
    "dev": "development", "devel": "development", "exec": "execution", "collab": "collaboration",
    "cust": "customer", "org": "organizational", "ops": "operations", "arch": "architecture",
    "biz": "business", "strat": "strategy", "perf": "performance", "qual": "quality",
    "mentor": "mentorship", "mentoring": "mentorship", "ldr": "leadership", "lead": "leadership",
    "pm": "project management", "proj": "project", "prod": "product", "infra": "infrastructure",
    "sec": "security", "xfn": "cross functional", "cx": "customer experience", "ux": "user experience",
    "&": "and", "+": "and",
}  # fmt: skip
_FILLER = {"and", "of", "the", "for", "to", "in", "a"}


def _tokens(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+|&|\+", fold(name))


def _key(name: str) -> str:
    return "".join(t for t in _tokens(name) if t not in ("&", "+", "and"))


class NameMatcher:
    """Match a user's competency label to a framework name, tolerating how people write them.

    Tries, in order: exact (ignoring case, accents, spacing and punctuation); abbreviations
    expanded ("Comms", "Tech excellence"); word prefixes ("Comm", "Tech excel."); initials
    ("TE"); the same words in another form ("Customer-focused", "Collaborating", "Mentored":
    Snowball stems); small typos (difflib ratio >= 0.8). A label matching several names equally
    is not guessed.
    """

    def __init__(self, names: list[str]):
        self.names = list(names)
        self._keys = {_key(n): n for n in self.names}
        self._words = {
            n: [t for t in _tokens(n) if t not in _FILLER and t not in ("&", "+")] for n in self.names
        }
        self._stems = {n: {stem(w) for w in ws} for n, ws in self._words.items()}

    @lru_cache(maxsize=4096)  # noqa: B019 - one matcher per mapping run, labels repeat a lot
    def match(self, label: str) -> str | None:
        if not label or not label.strip():
            return None
        key = _key(label)
        if key in self._keys:
            return self._keys[key]
        expanded = " ".join(ABBREVIATIONS.get(t, t) for t in _tokens(label))
        if _key(expanded) in self._keys:
            return self._keys[_key(expanded)]
        for candidate in (self._prefix(expanded), self._prefix(label), self._initials(label)):
            if candidate:
                return candidate
        for given in (label, expanded):
            hits = self._subset(given)
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:  # a word several names share ("leadership"): do not guess
                return None
        for given in (label, expanded):
            hits = self._same_stems(given)
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:
                return None
        close = difflib.get_close_matches(key, list(self._keys), n=2, cutoff=0.8)
        if len(close) == 1 or (len(close) == 2 and _ratio(key, close[0]) > _ratio(key, close[1])):
            return self._keys[close[0]]
        close = difflib.get_close_matches(_key(expanded), list(self._keys), n=1, cutoff=0.8)
        return self._keys[close[0]] if close else None

    def _prefix(self, label: str) -> str | None:
        given = [t for t in _tokens(label) if t not in _FILLER and t not in ("&", "+")]
        if not given or (min(len(t) for t in given) < 3 and len(given) == 1):
            return None
        hits = [
            n
            for n, ws in self._words.items()
            if len(given) <= len(ws)
            and all(w.startswith(g) for g, w in zip(given, ws, strict=False))
            and (len(given) == len(ws) or len(given[0]) >= 4)
        ]
        return hits[0] if len(hits) == 1 else None

    def _subset(self, label: str) -> list[str]:
        """Names in which every word given (4+ letters) starts, or nearly is, one of the words:
        "mentoring" -> "Leadership & mentoring", "Delivery" -> "Delivering results"."""
        given = [t for t in _tokens(label) if t not in _FILLER and t not in ("&", "+")]
        if not given or any(len(g) < 4 for g in given):
            return []
        return [n for n, ws in self._words.items() if all(any(_word_like(g, w) for w in ws) for g in given)]

    def _same_stems(self, label: str) -> list[str]:
        """Names holding every word given in some form ("Customer-focused" -> "Customer focus"):
        the names with exactly those words if any, else those containing them."""
        given = {stem(t) for t in _tokens(label) if t not in _FILLER and t not in ("&", "+")}
        if not given or any(len(g) < 4 for g in given):
            return []
        exact = [n for n, stems in self._stems.items() if stems == given]
        return exact or [n for n, stems in self._stems.items() if given <= stems]

    def _initials(self, label: str) -> str | None:
        raw = label.strip().replace(".", "").replace("&", "")
        if not (2 <= len(raw) <= 5) or not raw.isalpha() or " " in raw:
            return None
        hits = [
            n for n, ws in self._words.items() if len(ws) >= 2 and "".join(w[0] for w in ws) == raw.lower()
        ]
        return hits[0] if len(hits) == 1 else None


def _word_like(given: str, word: str) -> bool:
    if word.startswith(given):
        return True
    common = next(
        (i for i, (a, b) in enumerate(zip(given, word, strict=False)) if a != b), min(len(given), len(word))
    )
    return common >= 5 and common >= 0.8 * min(len(given), len(word))


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def match_competency(label: str, names: list[str]) -> str | None:
    """The framework name a user's label means, or None (see NameMatcher for the rules)."""
    return NameMatcher(names).match(label)
