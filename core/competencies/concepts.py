"""What a text's words mean for matching: workplace word families, generic words, phrase units and
the mentoring signal of a person named as the beneficiary.

The word lists are data (data/words/): the thesaurus of word families (`thesaurus.txt`), the
generic verbs and incidental context that weigh little (`generic.txt`) and the compounds read as
one unit (`phrases.txt`, read by the tokeniser through `read_units`).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from core.text import STOPWORDS, WORDS_DIR, phrase_sequences, stem, tokens, word_list

# How much a generic or incidental word counts next to a word that says what the person did.
GENERIC_WEIGHT = 0.25

# Added to a text that names a person as the beneficiary of the work: the thesaurus counts it as
# mentoring ("paired with her on her first on-call shift", "Priya now runs on-call on her own",
# "nominated Priya for a spot bonus").
BENEFICIARY_MARK = "mentee"
_FOR_SOMEONE = frozenset(
    {
        "paired",
        "pairing",
        "coached",
        "coaching",
        "mentored",
        "taught",
        "nominated",
        "sponsored",
        "onboarded",
        "shadowed",
        "unblocked",
        "helped",
        "supported",
        "trained",
    }
)
_PRONOUNS = frozenset(["her", "him", "them"])
_OWN = (("on", "her", "own"), ("on", "his", "own"))  # "on their own" is often a team
_SELF = (("by", "herself"), ("by", "himself"), ("by", "themselves"))
_NOW_DOES = frozenset(["runs", "leads", "owns", "handles", "reviews", "presents", "mentors"])


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, tuple[str, ...]]:
    """family -> its words, as written in data/words/thesaurus.txt."""
    out: dict[str, tuple[str, ...]] = {}
    for line in (WORDS_DIR / "thesaurus.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            family, _, members = line.partition(":")
            out[family.strip()] = tuple(members.split())
    return out


@lru_cache(maxsize=1)
def generic_stems() -> frozenset[str]:
    """Stems of the generic and incidental words (data/words/generic.txt)."""
    return frozenset(stem(w) for w in word_list("generic"))


def is_generic(word: str) -> bool:
    return stem(word) in generic_stems()


@lru_cache(maxsize=1)
def concept_index() -> tuple[dict[str, list[int]], list[str]]:
    """(stem -> the families it belongs to, family names). Generic words fire no family."""
    names = list(thesaurus())
    index: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        for raw in thesaurus()[name]:
            for word in tokens(raw):
                if word in STOPWORDS or len(word) < 2 or is_generic(word):
                    continue
                bucket = index.setdefault(stem(word), [])
                if i not in bucket:
                    bucket.append(i)
    return index, names


def read_units(occ: np.ndarray, doc: np.ndarray, types: list[str], capital: np.ndarray):
    """Word occurrences (type ids, in text order; their documents; capitalised or not) with every
    phrase of data/words/phrases.txt read as one word and the beneficiary mark added to the
    documents that name a person the work was for. Array operations only: 20,000 items cost a
    few comparisons per phrase. Returns (occurrences, documents, types)."""
    types = list(types)
    ids = {t: i for i, t in enumerate(types)}

    def type_id(word: str) -> int:
        if word not in ids:
            ids[word] = len(types)
            types.append(word)
        return ids[word]

    keep = np.ones(len(occ), dtype=bool)
    occ = occ.copy()
    same = np.append(doc[1:] == doc[:-1], False)  # occurrence i and i + 1 in one document
    for words, unit in phrase_sequences():
        if any(w not in ids for w in words):
            continue
        hit = _sequence(occ, same, keep, [ids[w] for w in words])
        if len(hit):
            occ[hit] = type_id(unit)
            for k in range(1, len(words)):
                keep[hit + k] = False
    occ, doc, capital = occ[keep], doc[keep], capital[keep]
    same = np.append(doc[1:] == doc[:-1], False)
    every = np.ones(len(occ), dtype=bool)

    def of(words) -> list[int]:
        return [ids[w] for w in words if w in ids]

    person = capital | np.isin(occ, of(_PRONOUNS))
    verb = np.isin(occ, of(_FOR_SOMEONE))
    hits = [np.flatnonzero(verb[:-1] & same[:-1] & person[1:])]
    if "with" in ids:
        hits.append(
            np.flatnonzero(verb[:-2] & (occ[1:-1] == ids["with"]) & same[:-2] & same[1:-1] & person[2:])
        )
    for words in (*_OWN, *_SELF):
        if all(w in ids for w in words):
            hits.append(_sequence(occ, same, every, [ids[w] for w in words]))
    if "now" in ids:
        now = occ[1:-1] == ids["now"]
        hits.append(
            np.flatnonzero(capital[:-2] & now & same[:-2] & same[1:-1] & np.isin(occ[2:], of(_NOW_DOES)))
        )
    marked = doc[np.concatenate(hits)]
    if len(marked):  # twice per sign: a person helped is the point of the story, not a detail
        occ = np.concatenate([occ, np.full(2 * len(marked), type_id(BENEFICIARY_MARK))])
        doc = np.concatenate([doc, np.repeat(marked, 2)])
    return occ, doc, types


def _sequence(occ: np.ndarray, same: np.ndarray, keep: np.ndarray, word_ids: list[int]) -> np.ndarray:
    """Positions where the word ids follow each other inside one document."""
    m = len(word_ids)
    span = len(occ) - m + 1
    if span <= 0:
        return np.zeros(0, dtype=np.int64)
    hit = keep[:span] & (occ[:span] == word_ids[0])
    for k in range(1, m):
        hit &= (occ[k : k + span] == word_ids[k]) & same[k - 1 : k - 1 + span] & keep[k : k + span]
    return np.flatnonzero(hit)
