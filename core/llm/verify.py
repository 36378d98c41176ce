"""The verifier: every fact in a model's text must come from the evidence it was given.

A sentence passes when each of its figures (numbers, money, percentages, years, times, spelled
numbers and "doubled"-like words), months and weekdays, names (a capitalised word that is not
the sentence's first: a person, team, product or project) and citations appears in the evidence
or in the ids it was given, and it claims no rating. A sentence that fails is dropped and kept
with its reasons, so the page can show the user exactly what the model tried to invent.

Deliberately literal: "$1.1k" and "$1,100" are different figures here, and a name must be
spelled as in the evidence (case aside). A false rejection costs the user a polished sentence;
a false pass would put an invented fact in their review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.text import MONTH_NUMBERS, fold_accents
from core.writing.prose import JOINING_WORDS
from core.writing.sentences import split_sentences

# A figure: optional currency, a number (thousands separators allowed), an optional unit that
# changes its meaning ("40%" is not "40x").
_FIGURE = re.compile(
    r"(?<![\w.])(?P<cur>[$€£])?\s?(?P<num>\d+(?:[.,]\d+)*)"
    r"(?:\s?(?P<unit>%|percent\b|per cent\b|pct\b|[kKmM]\b|bn\b|[xX]\b|am\b|pm\b|ms\b|"
    r"(?:second|sec|minute|min|hour|hr|day|week|month|quarter|year)s?\b))?"
)
_UNIT_NAMES = {"percent": "%", "per cent": "%", "pct": "%", "sec": "second", "min": "minute", "hr": "hour"}
_SCALED = ("%", "k", "m", "bn", "x")  # a number with one of these is another quantity
_SPELLED = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000, "dozen": 12,
}  # fmt: skip  ("one" is left out: "one of the" is not a figure)
_MAGNITUDE = re.compile(r"\b(doubl|tripl|quadrupl|halv)\w*", re.IGNORECASE)
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_WORD = re.compile(r"[A-Za-z][\w'’&-]*")
_CITATION = re.compile(r"\[\s*([A-Za-z]{1,3}\d+)\s*(?:,[^\]]*)?\]")
_BARE_ID = re.compile(r"\b([SP]\d+)\b")
_RATING = re.compile(
    r"\b(?:(?:i |to )?rate (?:myself|me|my\b[^.]{0,40}\bat)|my (?:self-)?rating|rated (?:as |at )?(?:a )?"
    r"(?:strong|top|high|exceptional)|(?:exceed|meet)(?:s|ed|ing)? (?:all )?expectations|"
    r"top performer|deserv\w* (?:a |the |my )?(?:promotion|raise|rating|bonus)|"
    r"should be promoted|ready for (?:a )?promotion|outstanding performance)\b",
    re.IGNORECASE,
)
REPEATED = "it repeats an earlier sentence"
# Words that may be capitalised mid-sentence without being names: the pronoun and its forms, and
# the draft's own joining words ("When", "Later": core.writing.prose.JOINING_WORDS).
ALWAYS_ALLOWED = frozenset({"i", "i'm", "i've", "i'd", "i'll", "ok"}) | JOINING_WORDS


@dataclass(frozen=True)
class Rejection:
    """A sentence the verifier dropped, and each reason in words a user understands."""

    sentence: str
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"sentence": self.sentence, "reasons": list(self.reasons)}


@dataclass
class Verdict:
    kept: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.kept)

    @property
    def ok(self) -> bool:
        return bool(self.kept) and not self.rejected


class Evidence:
    """What the model was given, indexed for the checks: figures, words, months and ids."""

    def __init__(self, texts: Iterable[str], ids: Iterable[str] = ()):
        self.text = "\n".join(t for t in texts if t)
        self.ids = {str(i).upper() for i in ids}
        folded = fold_accents(self.text)
        self.figures = {_figure(m) for m in _FIGURE.finditer(self.text)}
        self.numbers = {f[1] for f in self.figures}  # a number in any form ("$9k" holds 9)
        self.bare = {num for cur, num, unit in self.figures if not cur and unit not in _SCALED}
        self.words = {_bare(w) for w in _WORD.findall(folded)}
        self.words |= {part for w in list(self.words) for part in re.split(r"[-&]", w) if part}
        spelled = {str(n) for w, n in _SPELLED.items() if w in self.words}
        self.numbers |= spelled
        self.bare |= spelled
        self.months = {MONTH_NUMBERS[w] for w in self.words if w in MONTH_NUMBERS and len(w) >= 3}
        iso = re.findall(r"\b\d{4}-(\d{2})-\d{2}\b", self.text)
        self.months |= {int(m) for m in iso if 1 <= int(m) <= 12}
        self.lower = folded.lower()
        self.letters = {c for c in folded if c.isalpha()}


def _bare(word: str) -> str:
    """A word without a possessive or trailing apostrophe: "priya's" -> "priya"."""
    return word.rstrip("'’-").removesuffix("'s").removesuffix("’s")


def _number(raw: str) -> str:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    raw = raw.replace(",", ".")
    if "." in raw:
        raw = raw.rstrip("0").rstrip(".") or "0"
    return raw.lstrip("0") or "0"


def _figure(match: re.Match) -> tuple[str, str, str]:
    unit = (match.group("unit") or "").lower().strip()
    if len(unit) > 2 and unit.endswith("s"):  # "days" is "day", "hrs" is "hr"
        unit = unit[:-1]
    unit = _UNIT_NAMES.get(unit, unit)
    return (match.group("cur") or "", _number(match.group("num")), unit)


def check_sentence(sentence: str, evidence: Evidence) -> list[str]:
    """Every reason this sentence may not stand (none: it keeps to the evidence)."""
    reasons: list[str] = []
    for match in _FIGURE.finditer(_CITATION.sub(" ", sentence)):
        cur, num, unit = fig = _figure(match)
        shown = match.group(0).strip()
        if num not in evidence.numbers or (not (cur or unit) and num not in evidence.bare):
            reasons.append(f"the figure “{shown}” is not in your evidence")
        elif (cur or unit) and fig not in evidence.figures:
            reasons.append(f"“{shown}” is not how your evidence gives {num}")
    words = _WORD.findall(fold_accents(_CITATION.sub(" ", sentence)))
    for word in words:
        low = word.lower()
        if low in _SPELLED and str(_SPELLED[low]) not in evidence.numbers:
            reasons.append(f"the figure “{word}” is not in your evidence")
    for match in _MAGNITUDE.finditer(sentence):
        if match.group(1).lower() not in evidence.lower:
            reasons.append(f"“{match.group(0)}” is not in your evidence")
    for name in _names(sentence):
        low = fold_accents(name)
        if low in MONTH_NUMBERS and len(low) >= 3 and name[0].isupper():
            if MONTH_NUMBERS[low] not in evidence.months:
                reasons.append(f"the month “{name}” is not in your evidence")
        elif low in _WEEKDAYS:
            if low not in evidence.words:
                reasons.append(f"the day “{name}” is not in your evidence")
        elif low not in evidence.words and low not in ALWAYS_ALLOWED:
            reasons.append(f"the name “{name}” is not in your evidence")
    folded = fold_accents(sentence)  # another script: small models drift into other languages
    letters = (c for c in folded if c.isalpha() and not c.isascii() and c not in evidence.letters)
    foreign = "".join(dict.fromkeys(letters))
    if foreign:
        reasons.append(f"it has letters your evidence does not use ({foreign[:12]})")
    bare = [i for i in _BARE_ID.findall(sentence) if i.lower() not in evidence.words]  # "a P1 incident"
    cited = [c.upper() for c in _CITATION.findall(sentence)] + bare
    for item_id in dict.fromkeys(cited):
        if item_id not in evidence.ids:
            reasons.append(f"it cites {item_id}, which it was not given")
    for match in _RATING.finditer(sentence):
        if match.group(0).lower() not in evidence.lower:
            reasons.append(f"it claims a rating (“{match.group(0)}”): your rating is yours to choose")
    return list(dict.fromkeys(reasons))


def _names(sentence: str) -> list[str]:
    """Capitalised words that are not the sentence's first (nor a citation's id)."""
    text = _CITATION.sub(" ", sentence)
    text = _BARE_ID.sub(" ", text)
    found = []
    for n, match in enumerate(_WORD.finditer(text)):
        word = _bare(match.group(0))
        for k, part in enumerate(p for p in re.split(r"[-&]", word) if p):
            if n == 0 and k == 0 and not any(c.isdigit() for c in part):
                continue  # the sentence's first word is capitalised whatever it is (not "Q3")
            if part[:1].isupper() or any(c.isdigit() for c in part):
                found.append(part)
    return found


def verify(text: str, evidence: Evidence) -> Verdict:
    """Split the model's text into sentences and keep those that pass `check_sentence`."""
    verdict = Verdict()
    seen: set[str] = set()
    for sentence in split_sentences(text or ""):
        if sentence.lower() in seen:
            verdict.rejected.append(Rejection(sentence, (REPEATED,)))
            continue
        seen.add(sentence.lower())
        reasons = check_sentence(sentence, evidence)
        if reasons:
            verdict.rejected.append(Rejection(sentence, tuple(reasons)))
        else:
            verdict.kept.append(sentence)
    return verdict


def figures_of(text: str) -> set[tuple[str, str, str]]:
    """The figures of a text as the verifier compares them (for "did the rewrite keep them?")."""
    return {_figure(m) for m in _FIGURE.finditer(_CITATION.sub(" ", text))}


def strip_citations(text: str) -> str:
    """The text without `[S3, Mar 2026]`-like citations (the draft adds its own)."""
    return re.sub(r"\s+([.,;:!?])", r"\1", _CITATION.sub("", text)).strip()
