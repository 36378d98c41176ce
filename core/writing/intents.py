"""What a review question asks for, read by meaning rather than by shared words.

Review forms ask a handful of things in endless wordings. A question that matches one of these
intents is answered from the evidence the intent names (the strongest wins, mentoring stories,
one paragraph per value, growth items); any other question falls back to the mapper's scores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTRIBUTIONS = "contributions"  # key contributions, biggest accomplishments, impact
GREW_OTHERS = "grew_others"  # helped others grow: mentoring, hiring, teaching
VALUES = "values"  # which values / competencies / behaviours did you demonstrate
IMPROVE = "improve"  # improve, development goals, focus next year, do differently
INTENTS = (GREW_OTHERS, IMPROVE, VALUES, CONTRIBUTIONS)  # checked in this order


@dataclass(frozen=True)
class Intent:
    name: str
    question: re.Pattern[str]  # the question's wording
    evidence: re.Pattern[str] | None = None  # a story that answers it (None: chosen by strength)


def _re(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


_TABLE = {
    GREW_OTHERS: Intent(
        GREW_OTHERS,
        _re(
            r"\b(?:help|helped|helping|support\w*|develop\w*|grow\w*|enable\w*)\b.{0,40}"
            r"\b(?:others|team ?mates?|teams?|colleagues|peers|people|reports|juniors?)\b",
            r"\b(?:others|team ?mates?|colleagues|peers|people)\b.{0,30}\b(?:grow\w*|develop\w*|learn\w*)\b",
            r"\bmentor\w*|\bcoach\w*|\bteach\w*|\bmultipl\w*",
        ),
        _re(
            r"\bmentor\w*",
            r"\bcoach\w*",
            r"\bteach\w*",
            r"\btaught\b",
            r"\bonboard\w*",
            r"\bhir(?:e|ed|es|ing)\b",
            r"\binterview\w*",
            r"\bpair(?:ed|ing)?\b",
            r"\btrain(?:ed|ing)?\b",
            r"\bworkshops?\b",
            r"\bpromotion (?:packet|case)",
            r"\bgot (?:her|his|their)? ?promot\w*",
            r"\bnominat\w*",
            r"\bshadow\w*",
            r"\bguid\w*",
            r"\bsponsor\w*",
        ),
    ),
    IMPROVE: Intent(
        IMPROVE,
        _re(
            r"\bimprov\w*",
            r"\bdevelopment (?:goals?|areas?|plans?)",
            r"\bgrowth (?:areas?|goals?)",
            r"\bnext (?:year|cycle|period|half|quarter)",
            r"\bdifferently\b",
            r"\bweakness\w*",
            r"\bfocus (?:on )?next",
            r"\bwork on\b",
            r"\bgoals?\b",
            r"\blearn\w*",
            r"\bchalleng\w* you faced",
        ),
    ),
    VALUES: Intent(
        VALUES,
        _re(
            r"\bvalues?\b",
            r"\bcompetenc\w*",
            r"\bprinciples?\b",
            r"\bbehaviou?rs?\b",
            r"\bleadership principles",
        ),
    ),
    CONTRIBUTIONS: Intent(
        CONTRIBUTIONS,
        _re(
            r"\bcontribution\w*",
            r"\baccomplish\w*",
            r"\bachievement\w*",
            r"\bproud\w*",
            r"\bimpact\w*",
            r"\bsignificant\b",
            r"\bhighlights?\b",
            r"\bkey (?:results|wins|deliver\w*)",
            r"\bbiggest\b",
            r"\bwins?\b",
            r"\bdelivered\b",
            r"\bwhat did you (?:do|achieve|deliver)",
        ),
    ),
}


def intent_of(question: str) -> str | None:
    """The intent a question asks for, or None (then the mapper's scores decide)."""
    for name in INTENTS:
        if _TABLE[name].question.search(question or ""):
            return name
    return None


def answers(intent: str, text: str) -> bool:
    """Does a story's text speak to the intent (for intents that name their evidence)?"""
    pattern = _TABLE[intent].evidence
    return bool(pattern and pattern.search(text or ""))
