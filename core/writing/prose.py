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

from core.analysis.strength import quantity
from core.model import Story
from core.writing.sentences import (
    FIRST_PERSON_START,
    LIST_SPLIT,
    clean,
    fits_mid_sentence,
    is_bare_figure,
    is_clause,
    is_past_verb,
    lower_first,
    lower_ordinary,
    sentence,
    split_sentences,
    strip_end,
    verb_led,
)

# Every word the draft may add to the user's own (case-insensitive). A test checks that each word
# of a draft is either from the evidence, the framework, the questions, the period, or this list.
_JOINING_WORDS_TEXT = """
    i my me we when so faced with the result was then later and also in on of at for a an to it
    that this these see under as year next want grow more work shows showed clearly through
    strongest where in brief others noticed jan feb mar apr may jun jul aug sep oct nov dec
    part earlier what colleagues said about build keep doing learned lesson most helped other
    january february march april june july august september october november december came told
    will not
    """
JOINING_WORDS = frozenset(_JOINING_WORDS_TEXT.split())

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


def first_person(text: str, context: str = "") -> str:
    """'Added an index' -> 'I added an index'; a list of fragments -> one sentence; text already
    in first person is kept. Not a verb phrase: 'My part was ...'."""
    parts = [strip_end(p) for p in LIST_SPLIT.split(text or "") if strip_end(p)]
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
        if low in FIRST_PERSON_START or re.search(r"\bI\b", piece):
            out.append(sentence(piece))
        elif is_past_verb(first):
            out.append(sentence("I " + lower_first(piece, context)))
        elif index == 0 and len(piece.split()) <= 12:
            out.append(sentence("My part was " + lower_first(piece, context)))
        else:
            out.append(sentence(piece))
    return " ".join(out)


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
        and first.lower() not in FIRST_PERSON_START
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


# After a bare past verb, words that make it passive ("Adopted by 4 teams": it was adopted) or
# active with an object ("Hired Jonas", "Shipped it on time": I did it).
_PASSIVE_WORDS = "by in within on at after before ahead for across without as"
_PASSIVE_NEXT = frozenset(_PASSIVE_WORDS.split())
_OBJECT_WORDS = "a an the my our their his her its this that these those every all both each it them him us"
_OBJECT_NEXT = frozenset([*_OBJECT_WORDS.split(), "what"])
_SUBJECTS = frozenset([*FIRST_PERSON_START, "they", "she", "he", "it", "you"])
_HOW_IT_WENT = frozenset(["well", "fine", "smoothly", "badly", "ok", "okay"])


def result_sentence(piece: str, ctx: str = "") -> str:
    """A sentence of a result; one that starts with a bare past verb gets its subject: "Hired
    Jonas in five weeks" -> "I hired Jonas in five weeks", "Adopted by 4 teams" -> "It was adopted
    by 4 teams". Anything else (and any long or ambiguous one) as written."""
    words = strip_end(piece).split()
    if not 2 <= len(words) <= 20 or not words[0][1:].islower() or not is_past_verb(words[0]):
        return sentence(piece)
    second = words[1].strip(",;:()\"'")
    if len(words) == 2 and second.lower() in _HOW_IT_WENT:  # "Went well" -> "It went well"
        return sentence(f"It {lower_first(piece, ctx.lower())}")
    if second.lower() in _PASSIVE_NEXT:
        return sentence(f"It was {lower_first(piece, ctx.lower())}")
    if (
        second.lower() in _OBJECT_NEXT
        or second[:1].isdigit()
        or (second[:1].isupper() and second[1:].islower())
    ):
        return sentence(f"I {lower_first(piece, ctx.lower())}")
    return sentence(piece)


def result_was(result: str, ctx: str = "") -> str:
    """A bare-figure result as a sentence: "The result was -$9k/month (22% of the team's spend)"."""
    return sentence(f"The result was {lower_ordinary(strip_end(result), ctx)}")


def is_phrase(result: str) -> bool:
    """A result that is a figure or a short phrase, not a sentence ("-$9k/month", "3 falls vs 7
    last quarter", "Good feedback"): told as "The result was ...", never as a fragment."""
    if is_bare_figure(result):
        return True
    pieces = split_sentences(result)
    first = strip_end(pieces[0]) if len(pieces) == 1 else ""
    words = first.split()
    if not words or is_clause(first) or is_past_verb(words[0]) or words[0].lower() in _SUBJECTS:
        return False  # "We overspent by about $12k" has its subject: a sentence
    return bool(quantity(first)) or (len(words) <= 4 and " to " not in f" {first.lower()} ")


def _attach_result(sentences: list[str], result: str, ctx: str) -> list[str]:
    """The result after the action: 'so X' when it is one short clause, else its own sentences."""
    pieces = split_sentences(result)
    if not pieces:
        return sentences
    if is_phrase(result):
        return [*sentences, result_was(result, ctx)]
    first = strip_end(pieces[0])
    if (
        sentences
        and len(pieces) == 1
        and not is_past_verb(first.split()[0])
        and is_clause(first)
        and len(first.split()) <= 25
        and len(sentences[-1].split()) <= 30
        and not re.search(r"\bso\b", sentences[-1])  # never "..., so she could ..., so ..."
        and fits_mid_sentence(first, ctx)
    ):
        joined = strip_end(sentences[-1]) + ", so " + lower_first(first, ctx)
        return [*sentences[:-1], sentence(joined)]
    return [*sentences, *(result_sentence(p, ctx) for p in pieces)]


def short_context(story: Story) -> str:
    """A context of at most three words that is a label, not a clause ("Hackathon", "Mentoring")."""
    context = strip_end(
        clean(story.challenge) or (clean(story.description) if story.action or story.result else "")
    )
    if context and len(context.split()) <= 3 and not is_clause(context) and (story.action or story.result):
        return context
    return ""


def story_sentences(story: Story, tone: str = "story") -> list[str]:
    """One story as first-person sentences in CAR order ("story") or result first ("numbers")."""
    challenge, action, result = clean(story.challenge), story.action.strip(), clean(story.result)
    description = clean(story.description)
    ctx = " ".join(t for t in (story.title, challenge, action, result, description) if t)
    context = challenge or (description if (action or result) else "")
    if context and not action and is_past_verb(context.split()[0]):
        context, action = "", context  # "Fixed the slow admin search" in the context column: what I did
    title = clean(story.title)
    if not action and title and verb_led(title) and (context or result):
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
        head = [result_sentence(p, ctx) for p in split_sentences(result)]
        if is_phrase(result):
            head = [result_was(result, ctx)]
        return head + _context_sentences(context, action, ctx)
    if not action and not context:
        return [result_sentence(p, ctx) for p in split_sentences(result)]
    return _attach_result(_context_sentences(context, action, ctx), result, ctx)
