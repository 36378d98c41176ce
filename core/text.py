"""Text helpers shared by every stage: user text made inert for display and export; one way to
split, fold, stem and filter words (word lists in data/words/).

User text is data, never markup. These are the only escapers in the project: pages show user
text through `ui.safe`, which calls them, and every export uses them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

# Explicit direction embeddings/overrides (U+202A-202E) and isolates (U+2066-2069).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Not allowed in XML 1.0 (so Word refuses the file), plus C1 controls and the byte-order mark.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
# Characters that start Markdown/HTML constructs anywhere in a line (links, images, HTML, code,
# emphasis, tables, strikethrough, maths in renderers that support it, entities, headings).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~$&#])")
# Characters that start a block construct at the beginning of a line (lists, quotes, headings...).
_MD_LINE_START = re.compile(r"^(\s*)([-+=>])", re.MULTILINE)
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
# Bare URLs and e-mail addresses that GFM renderers (Streamlit's among them) turn into links.
_AUTOLINK = re.compile(r"(?i)(\b(?:https?|ftp|mailto)|\bwww)([:.])|(@)")


def inert(text: str) -> str:
    """User text with direction overrides and control characters removed (newlines and tabs kept)."""
    return _CONTROL.sub("", _BIDI.sub("", text or ""))


def md_escape(text: str) -> str:
    """User text safe to put in Markdown: shown literally, never a link, HTML tag or format."""
    text = _MD_INLINE.sub(r"\\\1", inert(text))
    text = _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = _AUTOLINK.sub(lambda m: "\\@" if m.group(3) else m.group(1) + "\\" + m.group(2), text)
    return _MD_ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def plot_text(text: str) -> str:
    """User text for a Plotly figure (names, axis labels, hover): Plotly renders a small HTML
    subset (`<a href>`, `<span style>`, `<br>`) and decodes entities, so escape `&`, `<` and `>`;
    `%{` would start a hover-template field."""
    escaped = inert(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("%{", "% {")


# ---------------------------------------------------------------- accents and month names


def fold_accents(text: str) -> str:
    """Lower case without accents ('Février' -> 'fevrier', 'März' -> 'marz', 'ß' -> 'ss')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# The one month-name table of the project: accent-folded names and abbreviations people write in
# English, French, German, Spanish, Italian, Portuguese and Dutch -> month number.
MONTH_NUMBERS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "jan january janv janvier januar jaenner janner ene enero gen gennaio janeiro januari",
            "feb febr february fev fevr fevrier februar febrero febbraio fevereiro februari",
            "mar march mars marz maerz mrz marzo marco maart",
            "apr april avr avril abr abril aprile",
            "may mai mayo maggio maio mei",
            "jun june juin juni junio giugno junho",
            "jul july juil juillet juli julio luglio julho",
            "aug august aout ago agosto augustus",
            "sep sept september septembre septiembre setiembre settembre setembro",
            "oct october octobre okt oktober octubre ott ottobre outubro",
            "nov november novembre noviembre novembro",
            "dec december decembre dez dezember dic diciembre dicembre dezembro",
        ),
        start=1,
    )
    for name in names.split()
}


# CommonMark constructs user text could start by accident; everything else (citations like
# "[S5, Feb 2026]", "$1.1k", "snake_case", "a | b") renders as written and is left alone.
_CM_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_CM_CODE = re.compile(r"`")
_CM_STAR = re.compile(r"\*")
_CM_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_CM_HTML = re.compile(r"<(?=[A-Za-z/!?])")
_CM_LINK = re.compile(r"\](?=[(\[:])")
_CM_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_CM_BLOCK = re.compile(r"^(\s*)([#>+=\-*]|\d+[.)])", re.MULTILINE)


def commonmark_escape(text: str) -> str:
    """User text for a Markdown file that stays readable as plain text: only what would change
    how CommonMark renders it is escaped (emphasis, code, HTML, links, entities, block starts)."""
    text = inert(text)
    text = _CM_BACKSLASH.sub(r"\\\\", text)
    text = _CM_CODE.sub(r"\\`", text)
    text = _CM_STAR.sub(r"\\*", text)
    text = _CM_UNDERSCORE.sub(r"\\_", text)
    text = _CM_HTML.sub(r"\\<", text)
    text = _CM_LINK.sub(r"\\]", text)
    text = _CM_ENTITY.sub(r"\\&", text)
    return _CM_BLOCK.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2)[0].isdigit()
                                                 else m.group(2)[:-1] + "\\" + m.group(2)[-1]), text)


# ---------------------------------------------------------------- words (one tokeniser)

WORDS_DIR = Path(__file__).resolve().parent.parent / "data" / "words"

# A word is a run of letters or digits of the accent-folded, lower-cased text; a possessive "'s"
# is dropped ("Atlas's" -> "atlas") and an inner apostrophe kept ("don't"). The mapper's
# vectorised splitter (core.competencies.engine) applies the same rule to whole arrays of text.
_TOKEN = re.compile(r"[^\W_]+(?=['’]s\b)|[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def strip_accents(text: str) -> str:
    """Text without accents, case kept ("Éva" -> "Eva"): for splitters that need capitals."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """`fold_accents`, with a fast path for plain ASCII (most work writing)."""
    return text.lower() if text.isascii() else fold_accents(text)


@lru_cache(maxsize=4096)  # a column repeats the same few lists
def split_list(text: str) -> tuple[str, ...]:
    """A cell listing several things ('a; b', 'a, b' or one per line) as a tuple, order kept,
    duplicates dropped."""
    if not text:
        return ()
    separator = ";" if ";" in text else ","
    parts = [p.strip() for chunk in text.split("\n") for p in chunk.split(separator)]
    return tuple(dict.fromkeys(p for p in parts if p))


def tokens(text: str) -> list[str]:
    """The words of a text, folded and lower-cased, in order."""
    return _TOKEN.findall(fold(text or ""))


@cache
def word_list(name: str) -> frozenset[str]:
    """The words of data/words/<name>.txt (one a line, `#` comments), accent-folded."""
    return frozenset(
        fold(line.strip()) for line in _data_lines(name) if line.strip() and not line.startswith("#")
    )


def _data_lines(name: str) -> list[str]:
    return (WORDS_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()


STOPWORDS = word_list("stopwords")

# British -ise spellings meet American -ize before stemming ("optimised" ~ "optimized"); the
# Porter2 stemmer itself keeps them apart.
_BRITISH = re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations)$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter2) English stem: "communicated", "communicating", "communication" ->
    "communic"; digits and short words stay as they are."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word in stem_exceptions():
        return stem_exceptions()[word]
    return _stemmer().stemWord(_BRITISH.sub(r"iz\1", word))


@cache
def stem_exceptions() -> dict[str, str]:
    """word -> stem for the words Snowball would merge wrongly (data/words/stem_exceptions.txt)."""
    pairs = (line.split() for line in _data_lines("stem_exceptions") if not line.startswith("#"))
    return {p[0]: p[1] for p in pairs if len(p) == 2}


@cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def meaningful(text: str) -> list[str]:
    """Stems of a text's words that are not stopwords (one letter words dropped), in order."""
    return [stem(w) for w in tokens(text) if w not in STOPWORDS and len(w) > 1]


# ---------------------------------------------------------------- phrases read as one unit


@cache
def phrase_sequences() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(words of a variant, its unit) for every line of data/words/phrases.txt, longest first:
    the tokeniser reads these word sequences as one word (core.competencies.concepts)."""
    out = []
    for line in _data_lines("phrases"):
        if line.strip() and not line.startswith("#"):
            unit, _, variants = line.partition(":")
            for variant in variants.split("|"):
                words = tuple(re.findall(r"[a-z0-9]+", fold(variant)))
                if words and words != (unit.strip(),):
                    out.append((words, unit.strip()))
    return tuple(sorted(out, key=lambda pair: -len(pair[0])))


@cache
def phrase_display() -> dict[str, str]:
    """unit -> its first variant as people write it ("oncall" -> "on call")."""
    out = {}
    for line in _data_lines("phrases"):
        if line.strip() and not line.startswith("#"):
            unit, _, variants = line.partition(":")
            out[unit.strip()] = variants.split("|")[0].strip()
    return out
