"""What each item counts for: the user's override, else the explicit names, else the accepted suggestions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.competencies.explain import Suggestion
    from core.competencies.mapping import ItemMapping

# assigned(): a suggestion is accepted when it is the top one and scores at least ACCEPT_FLOOR,
# or when it scores at least ACCEPT_FLOOR and within ACCEPT_RATIO of the top score.
ACCEPT_FLOOR = 0.12
ACCEPT_RATIO = 0.85


def accepted(
    suggestions: list[Suggestion], floor: float = ACCEPT_FLOOR, ratio: float = ACCEPT_RATIO
) -> list[str]:
    """The suggestions taken without the user's say-so.

    The top suggestion when its score reaches `floor` (below it the match is mostly shared
    filler words and would put noise into coverage), plus any other suggestion that also
    reaches `floor` and scores at least `ratio` of the top one: an item that is about two
    things about equally counts for both, but a weak second guess does not dilute the first.
    """
    if not suggestions or suggestions[0].score < floor:
        return []
    top = suggestions[0].score
    return [s.competency for s in suggestions if s.score >= floor and s.score >= ratio * top]


def assignment(mapping: ItemMapping, overrides: dict[str, list[str]]) -> tuple[str, list[str]]:
    """(where it comes from, the competencies one item counts for).

    The user's override wins ("override"; an empty list means "supports none"); else the
    competencies the input named explicitly, matched to the framework ("confirmed"); else the
    accepted suggestions ("suggested", or "none" when no suggestion is taken).
    """
    if mapping.id in overrides:
        return "override", list(overrides[mapping.id])
    if mapping.confirmed:
        return "confirmed", list(mapping.confirmed)
    taken = accepted(mapping.suggestions)
    return ("suggested" if taken else "none"), taken


def assigned(
    mappings: dict[str, ItemMapping], overrides: dict[str, list[str]] | None
) -> dict[str, list[str]]:
    """The competencies each item counts for (see `assignment` for the rule)."""
    overrides = overrides or {}
    return {item_id: assignment(mapping, overrides)[1] for item_id, mapping in mappings.items()}
