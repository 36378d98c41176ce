"""Prose from CAR: a story told as one natural first-person paragraph, in the user's own words.

The only words this module adds are the ones in JOINING_WORDS ("When ..., I ...", "so ...",
"Faced with ..."); everything else is the user's text, every number kept. Nothing is invented:
a part the user left empty is left out, never filled in. Handled on purpose, because this is how
people really log work: fragments ("Added an index" -> "I added an index"), a result that is a
bare figure ("-$9k/month"), missing parts, trailing punctuation, parentheses, `;`/bullet lists
and abbreviations ("e.g.", "approx.", "vs.") that must not end a sentence.
"""

from __future__ import annotations

import re

from core.analysis.strength import IRREGULAR_PAST, quantity
from core.model import Praise, Story

# Every word the draft may add to the user's own (case-insensitive). A test checks that each word
# of a draft is either from the evidence, the framework, the questions, the period, or this list.
_JOINING_WORDS_TEXT = """
    i my me we when so faced with the result was then later and also in on of at for a an to it
    that this these see under as year next want grow more work shows showed clearly through
    strongest where in brief others noticed jan feb mar apr may jun jul aug sep oct nov dec
    part earlier what colleagues said about build keep doing learned lesson most helped other
    january february march april june july august september october november december came told
    """
JOINING_WORDS = frozenset(_JOINING_WORDS_TEXT.split())

_SPACE = re.compile(r"\s+")
# Words before a full stop that do not end a sentence.
_ABBREVIATIONS_TEXT = "e.g i.e etc vs approx incl excl esp dept mr mrs ms dr st no fig est avg appr w.r.t"
ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split())
_SENTENCE_END = re.compile(r"([.!?…])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Za-z0-9$€£])")
_LIST_SPLIT = re.compile(r"\s*(?:;|\n\s*[-•*·]\s*|\n+|^\s*[-•*·]\s*)\s*")
_FIRST_PERSON_START = {"i", "i'm", "i've", "i'd", "i'll", "we", "we've", "we'd", "my", "our", "me", "us"}
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
_TIME_WORDS = frozenset(
    (
        "after",
        "before",
        "during",
        "since",
        "in",
        "on",
        "at",
        "while",
        "when",
        "once",
        "following",
        "with",
        "by",
        "for",
        "from",
        "over",
        "until",
        "as",
        "if",
        "because",
    )
)
_UNIT = r"(?: (?:ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|people))?"
_CHANGE = re.compile(
    r"\bfrom (?:about |around |roughly )?[^\s,;]*\d[^\s,;]*(?: \w+)? to [^\s,;]*\d[\w%]*" + _UNIT
)
_SIGNOFF = re.compile(
    r"(?:\s+[-–—]+\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)?\s*$)"  # "— Marcus", "-M"
    r"|(?:(?<=[.!?,\n])[\s,]*(?i:thanks|thank you|cheers|best|regards|best regards|kind regards|"
    r"many thanks|thx|ta)[\s,!.]*(?:[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)?)?[\s.!]*$)"
)


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


def _is_gerund(word: str) -> bool:
    low = word.lower()
    return len(low) > 4 and low.endswith("ing") and low.isalpha()


def first_person(text: str, context: str = "") -> str:
    """'Added an index' -> 'I added an index'; a list of fragments -> one sentence; text already
    in first person is kept. Not a verb phrase: 'My part was ...'."""
    parts = [strip_end(p) for p in _LIST_SPLIT.split(text or "") if strip_end(p)]
    if len(parts) > 1 and all(is_past_verb(p.split()[0]) for p in parts):
        verbs = [lower_first(p, context) for p in parts]
        return sentence("I " + (", ".join(verbs[:-1]) + " and " + verbs[-1]))
    if len(parts) > 1 and is_past_verb(parts[0].split()[0]):  # "Taught X; 4 sessions, 22 nurses"
        return sentence("I " + "; ".join([lower_first(parts[0], context), *parts[1:]]))
    sentences = split_sentences("; ".join(parts) if len(parts) > 1 else clean(text))
    out = []
    for index, piece in enumerate(sentences):
        first = piece.split()[0] if piece.split() else ""
        low = first.lower().strip(",")
        if low in _FIRST_PERSON_START or re.search(r"\bI\b", piece):
            out.append(sentence(piece))
        elif is_past_verb(first):
            out.append(sentence("I " + lower_first(piece, context)))
        elif index == 0 and len(piece.split()) <= 12:
            out.append(sentence("My part was " + lower_first(piece, context)))
        else:
            out.append(sentence(piece))
    return " ".join(out)


def is_clause(text: str) -> bool:
    """Does the text read as a clause (it has a verb), not a bare noun phrase or figure?"""
    words = [w.lower().strip(",.;:()") for w in clean(text).split()]
    return any(w in _CLAUSE_VERBS or is_past_verb(w) or w.endswith("n't") for w in words)


def is_bare_figure(text: str) -> bool:
    """'-$9k/month (22% of spend)', '3x faster': a figure with at most two words around it."""
    outside = re.sub(r"\([^)]*\)", " ", clean(text))
    words = re.findall(r"[A-Za-z]{2,}", outside)
    return bool(quantity(text)) and len(words) <= 2 and not is_clause(outside)


def _context_sentences(context: str, action: str, ctx: str) -> list[str]:
    """The challenge and the action as one or two sentences: 'When X, I did Y.' When the context
    cannot follow "When" or "Faced with" cleanly (a name-like first word, a time phrase, several
    sentences), it stays its own sentence."""
    pieces = split_sentences(context)
    act = first_person(action, ctx) if action else ""
    if not act:
        return [sentence(p) for p in pieces]
    head = strip_end(pieces[0]) if pieces else ""
    first = head.split()[0] if head else ""
    simple = (
        len(pieces) == 1
        and len(head.split()) <= 24
        and not re.search(r"[;:]|, so |, but ", head)
        and first.lower() not in _FIRST_PERSON_START
        and first.lower() not in _TIME_WORDS
        and act.startswith("I ")
    )
    if not simple:
        return [*(sentence(p) for p in pieces), act]
    if is_past_verb(first):
        return [sentence(f"When I {lower_first(head, ctx)}, {act}")]
    if is_clause(head):
        if not fits_mid_sentence(head, ctx):
            return [sentence(head), act]
        return [sentence(f"When {lower_first(head, ctx)}, {act}")]
    if first[1:].islower() and len(re.findall(rf"\b{re.escape(first)}\b", ctx)) == 1:
        head = first.lower() + head[len(first) :]  # "Slow admin search": a noun, not a name
    return [sentence(f"Faced with {lower_first(head, ctx)}, {act}")]


def _attach_result(sentences: list[str], result: str, ctx: str) -> list[str]:
    """The result after the action: 'so X' when it is one short clause, else its own sentences."""
    pieces = split_sentences(result)
    if not pieces:
        return sentences
    if is_bare_figure(result):
        return [*sentences, sentence(f"The result was {strip_end(result)}")]
    first = strip_end(pieces[0])
    if (
        sentences
        and len(pieces) == 1
        and not is_past_verb(first.split()[0])
        and is_clause(first)
        and len(first.split()) <= 25
        and len(sentences[-1].split()) <= 30
        and fits_mid_sentence(first, ctx)
    ):
        joined = strip_end(sentences[-1]) + ", so " + lower_first(first, ctx)
        return [*sentences[:-1], sentence(joined)]
    return [*sentences, *(sentence(p) for p in pieces)]


def short_context(story: Story) -> str:
    """A context of at most three words that is a label, not a clause ("Hackathon", "Mentoring")."""
    context = strip_end(
        clean(story.challenge) or (clean(story.description) if story.action or story.result else "")
    )
    if context and len(context.split()) <= 3 and not is_clause(context) and (story.action or story.result):
        return context
    return ""


def name_clause(story: Story) -> str:
    """How a claim names a story: 'in the orders migration' or 'when I led the cutover'."""
    name = title_phrase(story)
    first = name.split(" ")[0] if name else ""
    if is_past_verb(first) or first.lower() in ("was", "were"):
        return f"when I {lower_first(name, story.text) if first[:1].isupper() else name}"
    if first in ("I", "We", "we"):
        return f"when {name}"
    return f"in {name}" if name else ""


def story_sentences(story: Story, tone: str = "story") -> list[str]:
    """One story as first-person sentences in CAR order ("story") or result first ("numbers")."""
    challenge, action, result = clean(story.challenge), story.action.strip(), clean(story.result)
    description = clean(story.description)
    ctx = " ".join(t for t in (story.title, challenge, action, result, description) if t)
    context = challenge or (description if (action or result) else "")
    if context and not action and is_past_verb(context.split()[0]):
        context, action = "", context  # "Fixed the slow admin search" in the context column: what I did
    title = clean(story.title)
    if not action and title and is_past_verb(title.split()[0]) and (context or result):
        action = title  # "Precepted 2 new grads" as the title, then the result: the title is what I did
    if short_context(story):
        context = ""  # a one- or two-word label ("Hackathon"): the paragraph's lead, not a sentence
    if not (context or action or result):
        text = description or clean(story.title)
        return (
            [first_person(text, ctx) if text and is_past_verb(text.split()[0]) else sentence(text)]
            if text
            else []
        )
    if tone == "numbers" and result:
        head = [sentence(p) for p in split_sentences(result)]
        if is_bare_figure(result):
            head = [sentence(f"The result was {strip_end(result)}")]
        return head + _context_sentences(context, action, ctx)
    if not action and not context:
        return [sentence(p) for p in split_sentences(result)]
    return _attach_result(_context_sentences(context, action, ctx), result, ctx)


def story_impact(story: Story) -> str:
    """The impact a headline shows: a bare-figure result as written, else an impact said in words
    ("zero downtime"), else the result's first figure."""
    from core.analysis.strength import impact_phrase

    result = clean(story.result)
    figure = quantity(" ".join((story.result, story.metric))) or None
    said = impact_phrase(" ".join((story.result, story.metric)))
    if result and is_bare_figure(result):
        return strip_end(re.sub(r"\s*\([^)]*\)", "", result))
    if figure and len(result.split()) <= 6 and len(split_sentences(result)) == 1:
        return lower_first(strip_end(result), story.text)  # "open rate from 18% to 27%"
    if said:  # "zero downtime" says more than "14 minutes"
        return lower_first(said, story.text)
    if change := _CHANGE.search(result):  # "from 2.1% to 2.9%", not the first figure alone
        return change.group(0)
    if figure and figure[0] != "a number":
        return figure[1]
    return lower_first(impact_phrase(" ".join((story.action, story.description))), story.text)


def headline(story: Story) -> str:
    """A short clause for a summary: 'I migrated the orders DB (zero downtime)'."""
    ctx = story.text
    verb_led = [t for t in (story.description, story.title) if t.split()[:1] and is_past_verb(t.split()[0])]
    action = story.action.strip() or (verb_led[0] if verb_led else "")
    told = first_person(action, ctx) if action else ""
    first = short_clause(told, 16) or short_clause(told, 24)
    if not first or first.startswith("My part was"):
        title = strip_end(clean(story.title) or clean(story.description))
        first = (
            title
            or first
            or short_clause(told, 40)
            or strip_end(split_sentences(told)[:1][0] if told else "")
        )
    impact = story_impact(story)
    if impact and impact.lower() not in first.lower():
        first += f" ({impact})"
    return first


def short_clause(text: str, words: int = 12) -> str:
    """The first clause of a text: cut at ';' or ':', or at a comma that starts a new clause
    ("..., posted it"), never inside a list ("copy, design and paid media"). '' when even that
    is longer than `words`."""
    text = strip_end(split_sentences(clean(text))[:1][0]) if clean(text) else ""
    if len(text.split()) <= words:
        return text
    first = re.split(r"\s*;\s*|:\s+|\s+[–—-]\s+", text)[0]
    for match in re.finditer(r"(?:,\s+(?:and\s+|then\s+)?|\s+and\s+)(\S+)", first):
        if is_past_verb(match.group(1)) and len(first[: match.start()].split()) >= 3:
            first = first[: match.start()]
            break
    first = strip_end(first)
    return first if len(first.split()) <= words else ""


def title_phrase(story: Story) -> str:
    """The story's name in a sentence: its title as written (a first ordinary word lower-cased),
    else the first clause of what the user did or what happened."""
    title = strip_end(clean(story.title))
    if not title:
        source = story.action or story.description or story.challenge or story.result
        first = split_sentences(clean(source))[0]
        title = short_clause(source) or short_clause(source, 30) or strip_end(first)
    return lower_first(title, story.text)


# --- quotes ---------------------------------------------------------------------------------------

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
