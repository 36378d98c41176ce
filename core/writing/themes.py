"""Related stories told together: one theme per project, link or subject.

A review reads better when the March index and the December follow-up on the same admin search are
one paragraph rather than two unrelated ones in two sections. Stories belong to one theme when
they share a project, a link, or a subject. Two stories are about the same subject when they share
a distinctive two-word term ("admin search", "carrier adapter", "analyst briefing") and their
distinctive words overlap enough (tf-idf cosine over the year's stories, words and two-word terms
as the project's tokeniser and stemmer read them, core/text.py). Distinctive: rare in this year's
stories, not a stopword, not a generic work word (data/words/generic.txt), not a verb of what was
done, not a number or a unit of time. One shared word ("customers", "team") never makes a theme,
nor does a kind of work many stories share ("design doc" in a year of design docs).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import pairwise

from core.model import Story
from core.text import STOPWORDS, stem, tokens

SIMILAR_AT = 0.17  # cosine two stories sharing a distinctive two-word term need to be one subject
THEME_MAX = 3  # stories a subject joins into one theme (a project or a link may hold more)
_RARE_SHARE = 0.1  # a two-word term in more than this share of the year's stories is a kind of work
_RARE_MIN = 2  # ... but one in two stories always may be distinctive (a short year)
_RARE_MAX = 6  # ... and one in more stories than this is a kind of work however long the year
# Words that say when or how much, not what about: "five weeks", "first time", "every month".
_INCIDENTAL_TEXT = """
    one two three four five six seven eight nine ten twelve twenty hundred thousand million billion
    first second third fourth fifth last next half whole every back like look
    time times minute minutes hour hours day days week weeks month months quarter quarters year
    years today yesterday morning evening night nights weekend
    """
INCIDENTAL = frozenset(_INCIDENTAL_TEXT.split())


@lru_cache(maxsize=65536)
def _term(word: str) -> str:
    """The word's stem when it may name a subject, else ''."""
    from core.competencies.concepts import is_generic
    from core.writing.sentences import is_past_verb

    counts = (
        len(word) >= 3
        and word.isalpha()
        and word not in STOPWORDS
        and word not in INCIDENTAL
        and not is_generic(word)
        and not is_past_verb(word)
    )
    return stem(word) if counts else ""


def subject_terms(story: Story) -> frozenset[str]:
    """The stems a story's subject could be recognised by, and its two-word terms ("admin search"
    as "admin_search"): words next to each other that both count."""
    words = tokens(" ".join((story.title, story.challenge, story.action, story.result, story.description)))
    kept = [_term(w) for w in words]
    pairs = {f"{a}_{b}" for a, b in pairwise(kept) if a and b}
    singles = {w for w in kept if w}
    return frozenset(singles | pairs)


def similar_pairs(stories: list[Story], year: list[Story] | None = None) -> list[tuple[float, str, str]]:
    """(cosine, id, id) for the pairs of `stories` about the same subject, closest first. Rarity
    is counted over `year` (all the period's stories; default: `stories`)."""
    terms = {s.id: subject_terms(s) for s in (year or stories)}
    for story in stories:
        if story.id not in terms:
            terms[story.id] = subject_terms(story)
    n = len(terms)
    df = Counter(t for words in terms.values() for t in words)
    rare = max(_RARE_MIN, min(_RARE_MAX, math.floor(_RARE_SHARE * n)))
    weight = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    norm = {sid: math.sqrt(sum(weight[t] ** 2 for t in words)) or 1.0 for sid, words in terms.items()}
    by_pair: dict[str, list[str]] = defaultdict(list)  # a rare two-word term -> its stories
    for story in stories:
        for term in terms[story.id]:
            if "_" in term and df[term] <= rare:
                by_pair[term].append(story.id)
    candidates = {(a, b) for ids in by_pair.values() for i, a in enumerate(ids) for b in ids[i + 1 :]}
    out = []
    for a, b in candidates:
        shared = terms[a] & terms[b]
        cosine = sum(weight[t] ** 2 for t in shared) / (norm[a] * norm[b])
        if cosine >= SIMILAR_AT:
            out.append((cosine, *sorted((a, b))))
    return sorted(out, key=lambda p: (-p[0], p[1], p[2]))


def themes(stories: list[Story], year: list[Story] | None = None) -> dict[str, str]:
    """{story id: theme key} for `stories` (key: the theme's first story id; a story alone is its
    own theme). Project and link join stories whatever their number; a subject joins two themes
    only while the result stays within THEME_MAX stories, closest pairs first, so a chain of
    loosely related stories never becomes one theme."""
    parent = {s.id: s.id for s in stories}
    size = Counter({s.id: 1 for s in stories})

    def root(sid: str) -> str:
        while parent[sid] != sid:
            parent[sid] = parent[parent[sid]]
            sid = parent[sid]
        return sid

    def join(a: str, b: str, cap: int | None = None) -> None:
        ra, rb = root(a), root(b)
        if ra == rb or (cap is not None and size[ra] + size[rb] > cap):
            return
        ra, rb = sorted((ra, rb))
        parent[rb] = ra
        size[ra] += size.pop(rb)

    for field in ("project", "link"):
        first: dict[str, str] = {}
        for story in stories:
            key = " ".join(getattr(story, field).lower().split())
            if key:
                join(first.setdefault(key, story.id), story.id)
    for _, a, b in similar_pairs(stories, year):
        join(a, b, THEME_MAX)
    return {s.id: root(s.id) for s in stories}

