"""A self-rating argued from the evidence: the expectations of the rated level the user has shown,
each with the story or quote that shows it.

The user picks the rating (the app never does). This names what the evidence shows at that level
(or, for a rating such as "Exceeds" that is not a level, at the next level) and cites it. Only the
framework's words, the user's own titles and names, and ARGUMENT_WORDS are used.
"""

from __future__ import annotations

from core.competencies.readiness import CompetencyReadiness, ExpectationEvidence
from core.model import Evidence, Praise
from core.writing.document import Paragraph, month_label
from core.writing.naming import title_phrase
from core.writing.quotes import attribution
from core.writing.sentences import sentence, strip_end

# The only words this module adds (a test holds every export to them plus the evidence).
_ARGUMENT_WORDS_TEXT = """
    i rate my work at have shown of expectations as noted and the first so far none yet also in
    see by
"""
ARGUMENT_WORDS = frozenset(_ARGUMENT_WORDS_TEXT.split())
_MAX_NAMED = 4  # expectations named in one paragraph: the rest are counted


def rated_level(comp: CompetencyReadiness, rating: str, order: list[str]) -> str | None:
    """The level whose expectations argue `rating`: the rating itself when readiness covers it;
    above the covered levels (or not a level at all, e.g. "Exceeds"): the highest covered one;
    below them: the user's own level."""
    levels = list(comp.levels)
    if not levels:
        return None
    if rating in levels:
        return rating
    if rating in order and levels[0] in order and order.index(rating) < order.index(levels[0]):
        return levels[0]
    return levels[-1]


def evidence_phrase(item: Evidence) -> str:
    """How an item is named in a sentence: a story by its own title, a quote by who said it."""
    if isinstance(item, Praise):
        return f"as {attribution(item)} noted"
    return title_phrase(item)


def shown_clause(row: ExpectationEvidence, items: dict[str, Evidence]) -> tuple[str, list[str]]:
    """('“<expectation>” (<first story>)', [cited ids]) for one shown expectation."""
    ids = [m.item_id for m in row.matches if m.item_id in items][:2]
    names = [p for p in (evidence_phrase(items[i]) for i in ids) if p]
    text = f"“{strip_end(row.expectation.text)}”"
    if names:
        text += f" ({' and '.join(names)})"
    return text, ids


def cite_labels(ids: list[str], items: dict[str, Evidence]) -> str:
    """'[S1, Feb 2026] [P1, Oct 2026]': the draft's citation form."""
    return " ".join(
        f"[{i}, {month_label(items[i].date)}]" if items[i].date else f"[{i}]"  # an undated story: its id
        for i in dict.fromkeys(ids)
        if i in items
    )


def argue_rating(
    comp: CompetencyReadiness, rating: str | None, items: dict[str, Evidence], order: list[str]
) -> Paragraph | None:
    """The rating paragraph for one competency, or None when there is no rating or nothing shown."""
    if not rating:
        return None
    level = rated_level(comp, rating, order)
    if level is None:
        return None
    sentences = [sentence(f"I rate my {comp.competency} work at {rating}")]
    cites: list[str] = []
    for lv in dict.fromkeys([level, *[x for x in comp.levels if x != level]]):
        rows = [r for r in comp.levels[lv] if any(m.item_id in items for m in r.matches)]
        if not rows:
            continue
        head = f"At {lv} I have shown {len(rows)} of {len(comp.levels[lv])} expectations"
        if lv != level:  # the other covered level is counted, not argued
            sentences.append(sentence(head))
            continue
        clauses = []
        for row in rows[:_MAX_NAMED]:
            text, ids = shown_clause(row, items)
            clauses.append(text)
            cites += ids
        sentences.append(sentence(f"{head}: {'; '.join(clauses)}"))
    if len(sentences) == 1:
        return None
    return Paragraph(kind="rating", sentences=sentences, cites=list(dict.fromkeys(cites)))
