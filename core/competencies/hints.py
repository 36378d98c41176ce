"""A story's Theme or Skill cell ("comms", "Customer focus ", "teamwork") read as a competency hint.

The user wrote it, so a hint that names one of the framework's competencies (tolerantly: case,
accents, plurals, abbreviations, word forms, a workplace synonym, small typos) becomes that item's
first suggestion, with the reason "your sheet's Theme column says ...". It is a suggestion, not a
confirmed mapping: the user still confirms or changes it. A hint that names none is reported
(`unmatched_hints`), never dropped silently.
"""

from __future__ import annotations

import difflib

from core.competencies import concepts
from core.competencies.explain import Suggestion
from core.competencies.names import NameMatcher
from core.text import fold, meaningful, split_list

HINT_SCORE = 0.5  # well above "clear match": the user named it, the words need not prove it
THEME_REASON = "your sheet's Theme column says"


class HintMatcher:
    """A theme label -> one framework name, or None when none fits or several fit equally.

    Tries NameMatcher (exact after folding, abbreviations, prefixes, initials, word forms, typos),
    then a workplace synonym (a word family of data/words/thesaurus.txt that exactly one name
    belongs to: "teamwork" -> "Collaboration"), then a looser typo match on the folded text.
    """

    def __init__(self, names: list[str], matcher: NameMatcher | None = None):
        self.names = list(names)
        self.matcher = matcher or NameMatcher(self.names)
        index, _ = concepts.concept_index()
        self._index = index
        self._families = {n: self._families_of(n) for n in self.names}
        self._folded = {fold(n): n for n in self.names}
        self._cache: dict[str, str | None] = {}

    def _families_of(self, text: str) -> set[int]:
        return {family for s in meaningful(text) for family in self._index.get(s, ())}

    def match(self, label: str) -> str | None:
        if label not in self._cache:
            self._cache[label] = self._match(label)
        return self._cache[label]

    def _match(self, label: str) -> str | None:
        name = self.matcher.match(label)
        if name is not None or not label.strip():
            return name
        mine = self._families_of(label)
        if mine:
            hits = [n for n, theirs in self._families.items() if mine & theirs]
            if len(hits) == 1:
                return hits[0]
        close = difflib.get_close_matches(fold(label.strip()), list(self._folded), n=2, cutoff=0.75)
        return self._folded[close[0]] if len(close) == 1 else None

    def read(self, theme: str) -> tuple[list[tuple[str, str]], list[str]]:
        """([(framework name, the label that named it)], [labels no name fits]) for one cell."""
        matched: list[tuple[str, str]] = []
        missed: list[str] = []
        for label in split_list(theme):
            name = self.match(label)
            if name is None:
                missed.append(label)
            elif name not in (m for m, _ in matched):
                matched.append((name, label))
        return matched, missed


def with_hints(suggestions: list[Suggestion], hinted: list[tuple[str, str]], scores: dict[str, float],
               keep: int) -> list[Suggestion]:  # fmt: skip
    """The hinted competencies first (reason: the sheet's words), then the mapper's others, `keep`
    in all (more when the cell names more). `scores`: the mapper's own score per name, kept when
    it is higher than HINT_SCORE."""
    if not hinted:
        return suggestions
    first = [
        Suggestion(name, max(HINT_SCORE, round(scores.get(name, 0.0), 4)), f'{THEME_REASON} "{label}"')
        for name, label in hinted
    ]
    named = {s.competency for s in first}
    rest = [s for s in suggestions if s.competency not in named]
    return first + rest[: max(0, keep - len(first))]

