"""Plain words for what the app computes, for people who have never seen a review rubric.

Scores stay inside the app: a page says "clear match" or "strong evidence" and keeps the reason
(the matched words, what makes the story strong) for a hover. One place, so every page uses the
same words and the README glossary can point here.
"""

from __future__ import annotations

from core.analysis.strength import SIGNIFICANT_AT
from core.competencies.rules import ACCEPT_FLOOR

# What "competency" means the first time someone meets the word.
COMPETENCY_MEANING = "the skills and values you are reviewed on"
COMPETENCY_EXPLAINED = (
    "Competencies are " + COMPETENCY_MEANING + " (your company may call them skills, values, "
    "behaviours or expectations). A framework is the list of them your review uses."
)

CLEAR_MATCH_AT = 0.25  # twice the acceptance floor: the words and the meaning both line up


def match_words(score: float) -> str:
    """How well an item's words match a competency, in words: never the similarity figure."""
    if score >= CLEAR_MATCH_AT:
        return "clear match"
    if score >= ACCEPT_FLOOR:
        return "likely match"
    return "possible match"


EVIDENCE_WORDS = {"strong": "strong evidence", "solid": "good evidence", "thin": "needs more detail"}


def evidence_words(level: str) -> str:
    """A story's strength level ("strong", "solid", "thin") as a reviewer would say it."""
    return EVIDENCE_WORDS.get(level, level)


def size_words(significance: float) -> str:
    """How big a story's work was (core.analysis.strength.significance), without the figure."""
    if significance >= SIGNIFICANT_AT:
        return "one of the year's big ones"
    return "medium" if significance >= SIGNIFICANT_AT * 2 / 3 else "smaller"


def reasons_hover(reasons: list[str], tips: list[str] = ()) -> str:
    """The why behind a word, for a help= tooltip: what already works, then what to add."""
    lines = [f"✓ {r}" for r in reasons] + [f"→ {t}" for t in tips]
    return "\n\n".join(lines)
