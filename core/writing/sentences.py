"""Sentences of the user's own text: cleaning, splitting ("e.g." does not end one), first words
lower-cased when they are ordinary words, and telling a clause from a noun phrase or a bare figure.

The grammar toolkit the draft's prose (core/writing/prose.py) and its naming of stories
(core/writing/naming.py) are built on; it adds no word of its own.
"""

from __future__ import annotations

import re

from core.analysis.strength import IRREGULAR_PAST, quantity

_SPACE = re.compile(r"\s+")
# Words before a full stop that do not end a sentence.
_ABBREVIATIONS_TEXT = "e.g i.e etc vs approx incl excl esp dept mr mrs ms dr st no fig est avg appr w.r.t"
ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())
_SENTENCE_END = re.compile(r"([.!?…])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Za-z0-9$€£])")
LIST_SPLIT = re.compile(r"\s*(?:;|\n\s*[-•*·]\s*|\n+|^\s*[-•*·]\s*)\s*")
# Common words that start a sentence and may be lower-cased mid-sentence.
_LOWERABLE_WORDS = """
    the this that these those it its a an our my we they there every each all no none nobody zero
    only now since after before both most some many several two three four five six seven eight
    nine ten half one first new old average monthly weekly daily annual total overall when faced
    other others things everything everyone nothing something even adding people customers users
    she he they you his her their them
    """
_LOWERABLE = frozenset(_LOWERABLE_WORDS.split())
# Verbs that make a challenge a clause ("when X kept failing") rather than a noun ("slow search").
_CLAUSE_VERBS_WORDS = """
    is was were are had has have kept took needed wanted couldn't could didn't did wasn't weren't
    failed broke missing missed ran lost would needs wants can can't cannot takes fails breaks
    keeps loses misses made went came got runs finishes works uses goes comes gets now longer
    became become becomes
    """
_CLAUSE_VERBS = frozenset(_CLAUSE_VERBS_WORDS.split())
FIRST_PERSON_START = {"i", "i'm", "i've", "i'd", "i'll", "we", "we've", "we'd", "my", "our", "me", "us"}


def clean(text: str) -> str:
    """User text on one line: newlines and runs of spaces become single spaces."""
    return _SPACE.sub(" ", text or "").strip()


def strip_end(text: str) -> str:
    """Without trailing sentence punctuation (kept: a closing bracket or quote)."""
    return clean(text).rstrip(" .;,:!?")


def sentence(text: str) -> str:
    """The text as a sentence: a full stop added when it does not end with one."""
    text = clean(text)
    if text.endswith((":", ";", ",")):
        text = text.rstrip(":;, ")
    if text and text[-1] not in ".!?…":
        text += "."
    return upper_first(text)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text; "e.g." and friends do not end one, nor does a decimal point."""
    text = clean(text)
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start() + 1].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if match.group(1) == "." and (last in ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    return [s for s in [*out, tail] if s]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lower_first(text: str, context: str = "") -> str:
    """The first word lower-cased when it is an ordinary word ("The" -> "the", "Settlement" ->
    "settlement" when the user writes it in lower case elsewhere); names and acronyms kept."""
    first, _, rest = text.partition(" ")
    low = first.lower()
    plain = first[:1].isupper() and (first[1:].islower() or len(first) == 1) and first != "I"
    if plain and (
        low.strip("\"'“(") in _LOWERABLE
        or re.search(rf"\b{re.escape(low)}\b", context)
        or is_past_verb(first)
    ):
        return low + (" " + rest if rest else "")
    return text


def lower_ordinary(text: str, context: str = "") -> str:
    """A phrase's first word lower-cased when it is an ordinary word: `lower_first`, or a word
    capitalised only because it starts the phrase, written once in the story ("Good feedback",
    "Lots of likes"). For fragments, which rarely start with a name."""
    text = lower_first(text, context)
    lead = text.split(" ")[0]
    if lead[:1].isupper() and lead[1:].islower() and len(re.findall(rf"\b{re.escape(lead)}\b", context)) <= 1:
        return lead.lower() + text[len(lead) :]
    return text


def fits_mid_sentence(text: str, context: str = "") -> bool:
    """Can the text follow a comma? Its first word is lower case, an acronym, lower-cased by
    `lower_first`, or a name (written capitalised more than once in the story)."""
    first = clean(text).split(" ")[0] if clean(text) else ""
    if not first[:1].isupper() or first == "I" or not first[1:].islower():
        return True
    if lower_first(text, context) != text:
        return True
    return len(re.findall(rf"\b{re.escape(first)}\b", context)) > 1


def is_past_verb(word: str) -> bool:
    low = word.lower().strip(",.;:").rsplit("-", 1)[-1]
    return low in IRREGULAR_PAST or (
        len(low) >= 4
        and low.endswith("ed")
        and low.isalpha()
        and low not in {"need", "speed", "feed", "seed", "hundred", "indeed"}
    )


# Words that follow a verb rather than a noun ("Missed a handover", "Flag it", "Ask for help").
_AFTER_VERB_TEXT = """
    a an the my our their his her your its this that these those it them him me us myself up out off
    back down in on at to for with about before after by over into from through earlier sooner
    early more less fewer every each all any some no one two three how what when who whether
    """
AFTER_VERB = frozenset(_AFTER_VERB_TEXT.split())


def verb_led(text: str) -> bool:
    """Does the text start with what the user did ("Missed a handover item", "Precepted 2 new
    grads", "Fixed it"), not with an adjective that looks like a past verb ("Paid search
    overspend", "Advanced analytics")?"""
    words = clean(text).split()
    if not words or not is_past_verb(words[0]):
        return False
    second = words[1].strip(",.;:()\"'“”") if len(words) > 1 else ""
    return not second or second.lower() in AFTER_VERB or second[:1].isupper() or second[:1].isdigit()


def is_clause(text: str) -> bool:
    """Does the text read as a clause (it has a verb), not a bare noun phrase or figure?"""
    words = [w.lower().strip(",.;:()") for w in clean(text).split()]
    return any(w in _CLAUSE_VERBS or is_past_verb(w) or w.endswith("n't") for w in words)


def is_bare_figure(text: str) -> bool:
    """'-$9k/month (22% of spend)', '3x faster': a figure with at most two words around it."""
    outside = re.sub(r"\([^)]*\)", " ", clean(text))
    words = re.findall(r"(?<![\w.])[A-Za-z]{2,}", outside)
    return bool(quantity(text)) and len(words) <= 2 and not is_clause(outside)
