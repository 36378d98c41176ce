"""Text helpers shared by every stage: user text made inert for display and export.

User text is data, never markup. These are the only escapers in the project: pages show user
text through `ui.safe`, which calls them, and every export uses them.
"""

from __future__ import annotations

import re
import unicodedata

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
