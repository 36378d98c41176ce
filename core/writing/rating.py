"""The place for a self-rating paragraph argued from the evidence (one per competency section).

The section builder in core/writing/draft.py calls `rating_paragraph` after the section's stories
and quotes are chosen; returning None (as it does until that paragraph is written) leaves the
section as it is. The app never picks the rating: `rating` is the user's own choice or None.
"""

from __future__ import annotations

from core.model import Praise, Story
from core.writing.document import Paragraph


def rating_paragraph(
    competency: str, stories: list[Story], quotes: list[Praise], rating: str | None, period_label: str
) -> Paragraph | None:
    """A paragraph (kind "rating") arguing the user's rating from the section's evidence, or None."""
    return None
