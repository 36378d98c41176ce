"""Next year as goals: a struggle, a failure or a lesson becomes "Next year I will ...", built from
the user's own words, followed by the story it comes from; competencies without (or with thin)
evidence become "Next year I want to grow my ... work".

Only lesson-like sentences are rewritten, and only in ways that keep their meaning: an instruction
to oneself ("Flag a slipping estimate in the first week" -> "I will flag a slipping estimate in the
first week"), a habit already taken up ("I now check spend caps ..." -> "I will check spend caps
..."), "Next time I'll ...", "From now on X" -> "I will keep to this: X", "I don't ... anymore" ->
"I will not ...", "Learned to delegate earlier" -> "I will delegate earlier", "Learned that
estimates need a spike" -> "I will build on what I learned: estimates need a spike". Anything else
a user wrote as a lesson is kept as written after "I will build on this lesson:". A struggle
without a lesson gets no invented goal: "Next year I want to build on what I learned from <its
title>", then the story.
"""

from __future__ import annotations

import dataclasses
import re

from core.analysis.period import MONTH_NAMES
from core.model import Story
from core.writing.document import join_words
from core.writing.naming import in_month, title_phrase
from core.writing.prose import story_sentences
from core.writing.sentences import (
    AFTER_VERB,
    clean,
    is_past_verb,
    lower_first,
    sentence,
    split_sentences,
    strip_end,
    verb_led,
)

# A lesson's own label ("Lesson: ...", "Takeaway - ..."), dropped before rewriting.
_LABEL = re.compile(
    r"^(?:lessons?(?: learned| learnt)?|learnings?|takeaways?|next time|note to self|for next time)"
    r"\s*[:–—-]\s*",
    re.IGNORECASE,
)
_LEADING_JOIN = re.compile(r"^(?:and|so|but|also)\s*,?\s+", re.IGNORECASE)
_LEARNED_TO = re.compile(r"^(?:i )?(?:learned|learnt|realised|realized) (?:how )?to (.+)$", re.IGNORECASE)
_LEARNED_THAT = re.compile(
    r"^(?:i )?(?:learned|learnt|realised|realized|found out|discovered)(?: that)?,? (.+)$", re.IGNORECASE
)
_ON = r"(?:from now on|going forward|in (?:the )?future)"
_FROM_NOW = re.compile(rf"^(?:next time|{_ON}),? (?:i'll|i will|i)(?: always)? (.+)$", re.IGNORECASE)
_FROM_NOW_ON = re.compile(rf"^{_ON},? (.+)$", re.IGNORECASE)
_NOW = re.compile(r"^(?:i )?now (?!that\b)(.+)$", re.IGNORECASE)
# Already a goal: "I'll ask sooner", "Need to delegate more", "I should have ..." is not one.
_WILL = re.compile(
    r"^(?:i ?'ll|(?:i )?(?:will|should|must|need to|have to|am going to|'m going to))(?! have\b) (.+)$",
    re.IGNORECASE,
)
_WANT = re.compile(r"^(?:i )?(?:want|would like|plan|hope) to (.+)$", re.IGNORECASE)
_NO_LONGER = re.compile(r"^i (?:no longer (.+)|(?:don't|do not) (.+?),? any ?more)$", re.IGNORECASE)
_WHEN = re.compile(r"^((?:when|if|before|after|whenever|once) [^,]{3,60}), (.+)$", re.IGNORECASE)

# First words that are not an instruction ("The ...", "Three reminders ...", "Estimates need ...").
_NOT_A_VERB_TEXT = """
    a an the this that these those my our your his her their its it i we you he she they there
    here what which who when where why how if because so and but or not no nobody nothing one two
    three four five six seven eight nine ten every each all some many most more less lots lot
    always never first then also next last now today sometimes often usually
    """
_NOT_A_VERB = frozenset(_NOT_A_VERB_TEXT.split())
# Adverbs an instruction may start with: "Always check ...", "Never push ..."
_ADVERBS = frozenset(["always", "never", "also", "first"])


def instruction(text: str, after_i: bool = False) -> bool:
    """Is the text an instruction to oneself ("Flag a slipping estimate", "Ask Lena first")?
    `after_i`: it followed "I now", so its first word is a verb unless it plainly is not."""
    words = clean(text).split()
    if words and words[0].lower() in _ADVERBS:
        words = words[1:]
    if not words:
        return False
    first = words[0].lower().strip(",")
    if (
        not first.isalpha()
        or first in _NOT_A_VERB
        or is_past_verb(first)
        or first.endswith("ing")
        or (first.endswith("s") and not first.endswith("ss"))
    ):
        return False
    if len(words) == 1 or after_i:
        return True
    second = words[1].strip(",.;:")
    return second.lower() in AFTER_VERB or (second[:1].isupper() and second[1:].islower())


def goal_clause(text: str, lesson: bool = False) -> str | None:
    """What the user will do, as a clause after "I" ("will flag a slipping estimate ..."), from one
    sentence; None when it is not lesson-like. `lesson`: the text is a lesson however it reads
    (the Lesson column), so a plain statement is kept after "will build on this lesson:"."""
    text = strip_end(_LEADING_JOIN.sub("", clean(text)))
    labelled = bool(_LABEL.match(text))
    text = _LABEL.sub("", text)
    lesson = lesson or labelled
    if not text:
        return None
    forms = (
        (_FROM_NOW, "will {}"),
        (_NO_LONGER, "will not {}"),
        (_LEARNED_TO, "will {}"),
        (_WILL, "will {}"),
        (_WANT, "want to {}"),
    )
    for pattern, form in forms:
        if match := pattern.match(text):
            return form.format(next(g for g in match.groups() if g))
    if match := _FROM_NOW_ON.match(text):  # "From now on scope changes go through Tom"
        return f"will keep to this: {match.group(1)}"
    if (match := _NOW.match(text)) and instruction(match.group(1), text[:2].lower() == "i "):
        return f"will {match.group(1)}"
    if match := _LEARNED_THAT.match(text):
        return f"will build on what I learned: {match.group(1)}"
    if not lesson:
        return None
    if instruction(text):
        return f"will {lower_first(text, text.lower())}"
    if (match := _WHEN.match(text)) and instruction(match.group(2)):
        return f"will {lower_first(match.group(2), text.lower())} {lower_first(match.group(1), text.lower())}"
    return f"will build on this lesson: {text}"


def goal_sentence(clauses: list[str], opening: str = "Next year I") -> str:
    """One goal sentence: "Next year I will flag ... and spike ..." (two "will" clauses joined)."""
    if len(clauses) == 2 and all(c.startswith("will ") and ":" not in c for c in clauses):
        clauses = [f"{clauses[0]} and {clauses[1][len('will ') :]}"]
    return " ".join(sentence(f"{opening if n == 0 else 'I'} {c}") for n, c in enumerate(clauses))


def lessons_of(story: Story) -> tuple[list[str], Story]:
    """(the story's goal clauses, the story without the sentences they came from): the Lesson
    column, then lesson-like sentences of the result ("I now ...", "Lesson: ...")."""
    clauses = [c for piece in split_sentences(story.lesson) if (c := goal_clause(piece, lesson=True))]
    kept = []
    for piece in split_sentences(story.result):
        clause = goal_clause(piece)
        if clause:
            clauses.append(clause)
        else:
            kept.append(piece)
    return clauses, dataclasses.replace(story, result=" ".join(kept), lesson="")


def goal_paragraph(story: Story, opening: str = "Next year I") -> list[str]:
    """A struggle, failure or lesson as goals first, then the story they come from, told as it
    happened ("In June I estimated ...")."""
    clauses, rest = lessons_of(story)
    told = story_sentences(rest, "story") if (rest.challenge or rest.action or rest.result) else []
    if told and story.date:
        told[0] = in_month(story, told[0])
    if clauses:
        return [goal_sentence(clauses, opening), *told]
    if clean(story.title) and not told:
        told = story_sentences(story, "story")
    return [sentence(f"{opening} want to build on what I learned {_source(story)}".strip()), *told]


def _source(story: Story) -> str:
    """Where a lesson comes from: "from the paid search overspend", "when I missed a handover
    item", "in June"."""
    title = strip_end(clean(story.title))
    first = title.split()[0] if title else ""
    if not title:
        return f"in {MONTH_NAMES[story.date.month - 1]}" if story.date else ""
    if verb_led(title):  # "Missed a handover item", not "Paid search overspend"
        return f"when I {lower_first(title, story.text.lower())}"
    if first.lower() in _NOT_A_VERB or (first[:1].isupper() and lower_first(title, story.text) == title):
        return f"from {title}"  # "from my first launch", "from Atlas"
    return f"from the {title_phrase(story)}"


def lesson_goal(story: Story, opening: str = "Next year I") -> list[str]:
    """A win's lesson as a goal only (the win itself is told in its own section)."""
    clauses = [c for piece in split_sentences(story.lesson) if (c := goal_clause(piece, lesson=True))]
    return [goal_sentence(clauses, opening)] if clauses else []


def grow_sentence(names: list[str], opening: str = "Next year I") -> str:
    """The competencies to grow: "Next year I want to grow my Ownership and Communication work"."""
    return sentence(f"{opening} want to grow my {join_words(names)} work") if names else ""
