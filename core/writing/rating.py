"""The place for a self-rating paragraph argued from the evidence (one per competency section).

The section builder in core/writing/draft.py calls `rating_paragraph` after the section's stories
and quotes are chosen; returning None (no rating, or no level readiness given) leaves the
section as it is. The app never picks the rating: `rating` is the user's own choice or None.
"""

from __future__ import annotations

from core.model import Praise, Story
from core.writing.document import Paragraph


def rating_paragraph(
    competency: str,
    stories: list[Story],
    quotes: list[Praise],
    rating: str | None,
    period_label: str,
    *,
    readiness=None,
    citable: dict[str, Story | Praise] | None = None,
) -> Paragraph | None:
    """A paragraph (kind "rating") arguing the user's rating from the section's evidence, or None.

    With level readiness (core.competencies.readiness), it names the expectations of the rated
    level the evidence shows and cites it (core.writing.argument); `citable` is the evidence the
    draft may cite (inside the period, not left out).
    """
    if readiness is None or not rating:
        return None
    comp = readiness.for_competency(competency)
    if comp is None:
        return None
    from core.writing.argument import argue_rating

    return argue_rating(comp, rating, citable or {}, readiness.order)
