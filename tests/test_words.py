"""The word lists in data/words/: every entry does what its file says (one table test per file)."""

from __future__ import annotations

import pytest

from core.analysis import links
from core.competencies import concepts, engine
from core.text import (
    STOPWORDS,
    WORDS_DIR,
    meaningful,
    phrase_display,
    stem,
    stem_exceptions,
    tokens,
    word_list,
)


def _lines(name: str) -> list[str]:
    text = (WORDS_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


THESAURUS = [(family, word) for family, words in concepts.thesaurus().items() for word in words]
PHRASES = [
    (line.partition(":")[0].strip(), variant.strip())
    for line in _lines("phrases")
    for variant in line.partition(":")[2].split("|")
]


@pytest.mark.parametrize(("family", "word"), THESAURUS)
def test_each_thesaurus_word_reaches_its_family(family, word):
    index, names = concepts.concept_index()
    parts = [w for w in tokens(word) if w not in STOPWORDS and len(w) > 1 and not concepts.is_generic(w)]
    if not parts:
        pytest.skip(f"{word!r} is a stopword or generic word: it fires no family")
    assert any(names.index(family) in index.get(stem(p), []) for p in parts)


@pytest.mark.parametrize(("unit", "variant"), PHRASES)
def test_each_phrase_variant_becomes_its_unit(unit, variant):
    corpus = engine.tokenise([f"Before {variant.upper()} after"])
    read = [corpus.types[t] for t in corpus.typ]
    assert unit in read and "before" in read and "after" in read
    assert not set(tokens(variant)) & set(read) - {unit}  # its parts do not match alone
    assert unit in phrase_display()


@pytest.mark.parametrize("word", sorted(word_list("stopwords")))
def test_each_stopword_is_dropped(word):
    assert meaningful(f"{word} mentoring") == ["mentor"]


@pytest.mark.parametrize("word", sorted(word_list("generic")))
def test_each_generic_word_weighs_little_and_fires_no_family(word):
    assert concepts.is_generic(word)
    assert stem(word) not in concepts.concept_index()[0]


@pytest.mark.parametrize("word", sorted(word_list("praise_filler")))
def test_each_praise_filler_word_cannot_link_a_quote(word):
    assert word in links.STOPWORDS
    assert links.distinctive_words(f"{word} checkout") == ["checkout"]


@pytest.mark.parametrize(("word", "expected"), sorted(stem_exceptions().items()))
def test_each_stem_exception_is_used(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("words", "same"),
    [
        ("communicated communicating communicates communication", True),
        ("collaborated collaborating collaboration", True),
        ("prioritized prioritised prioritizing", True),
        ("optimised optimized optimizing", True),
        ("process processes processing", True),
        ("mentored mentoring mentors", True),
        ("responsible response", False),
    ],
)
def test_word_families_share_one_stem(words, same):
    stems = {stem(w) for w in words.split()}
    assert (len(stems) == 1) is same, stems


def test_the_communicated_family_reaches_communication():
    index, names = concepts.concept_index()
    assert names.index("communication") in index[stem("communicated")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Atlas's launch", ["atlas", "s", "launch"]),
        ("Naïve CAFÉ don't", ["naive", "cafe", "don't"]),
        ("on-call/1:1", ["on", "call", "1", "1"]),
    ],
)
def test_one_tokeniser(text, expected):
    assert tokens(text) == expected
    assert links.words(text) == expected
