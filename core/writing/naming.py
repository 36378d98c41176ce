"""How the draft names a story: its title in a sentence ("in the orders migration", "when I led
the cutover"), its impact in a few words ("zero downtime", "-$9k/month") and the short headline
the opening summary uses. Only the user's words, cut at clause boundaries.
"""

from __future__ import annotations

import re

from core.analysis.period import MONTH_NAMES
from core.analysis.strength import quantity
from core.model import Story
from core.writing.prose import first_person
from core.writing.sentences import (
    clean,
    is_bare_figure,
    is_past_verb,
    lower_first,
    split_sentences,
    strip_end,
)

_UNIT = r"(?: (?:ms|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|people))?"
_CHANGE = re.compile(
    r"\bfrom (?:about |around |roughly )?[^\s,;]*\d[^\s,;]*(?: \w+)? to [^\s,;]*\d[\w%]*" + _UNIT
)


def name_clause(story: Story) -> str:
    """How a claim names a story: 'in the orders migration' or 'when I led the cutover'."""
    name = title_phrase(story)
    first = name.split(" ")[0] if name else ""
    if is_past_verb(first) or first.lower() in ("was", "were"):
        return f"when I {lower_first(name, story.text) if first[:1].isupper() else name}"
    if first in ("I", "We", "we"):
        return f"when {name}"
    return f"in {name}" if name else ""


def story_impact(story: Story) -> str:
    """The impact a headline shows: a bare-figure result as written, else an impact said in words
    ("zero downtime"), else the result's first figure."""
    from core.analysis.strength import impact_phrase

    result = clean(story.result)
    figure = quantity(" ".join((story.result, story.metric))) or None
    said = impact_phrase(" ".join((story.result, story.metric)))
    if result and is_bare_figure(result):
        return lower_first(strip_end(re.sub(r"\s*\([^)]*\)", "", result)), story.text)
    if figure and len(result.split()) <= 6 and len(split_sentences(result)) == 1:
        return lower_first(strip_end(result), story.text)  # "open rate from 18% to 27%"
    short = [p for p in split_sentences(result) if len(p.split()) <= 6 and figure and figure[1] in p]
    if short and not said:  # "Restored in 38 min. No chargebacks." -> "restored in 38 min"
        return lower_first(strip_end(short[0]), story.text)
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
        before = first[: match.start()]
        in_list = "," in before and len(before.rsplit(",", 1)[1].split()) <= 2
        if match.group(0).lstrip().startswith("and") and in_list:
            continue  # the last item of a list ("copy, design and paid media"), not a new clause
        if is_past_verb(match.group(1)) and len(before.split()) >= 3:
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


def in_month(story: Story, text: str) -> str:
    """A sentence about the story dated by its month: "In June I estimated ...", "In June, the ..."."""
    month = MONTH_NAMES[story.date.month - 1]
    return f"In {month} {text}" if text.startswith("I ") else f"In {month}, {lower_first(text, story.text)}"
