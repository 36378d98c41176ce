"""Which praise quotes talk about which story, by rules a person can check.

A quote is linked to a story when (1) an extra column of the praise row such as `story` or
`about` names the story's id, title or project; (2) the quote names the story's project; or
(3) the quote uses two distinctive words of the story's title (one, when the title has a single
long distinctive word); (2) and (3) only within six months of the story's date, since a
project name or topic comes back year after year. No fuzzy scores: every link comes with a
sentence saying why (`link_reason`), so the user can see and trust it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from core.model import Praise, Story

# Quotes further than this from the story's date are about something else (explicit links aside).
WINDOW_DAYS = 183

# Extra columns (lower-cased header) in a praise sheet that point at a story.
STORY_COLUMNS = ("story", "story_id", "story id", "about", "re", "regarding", "for", "project")

# A word before a possessive "'s" is taken alone ("Atlas's" -> "atlas"); "don't" stays whole.
_WORD = re.compile(r"[^\W_]+(?=['’]s\b)|[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)

# Words too common in work writing to tie a quote to one story.
_STOPWORDS_TEXT = """
    about above after again against also among and another any are around back been before being
    below between both but by can could did does doing done down during each even ever every few
    for from further get got great had has have having her here hers him his how into its itself
    just last like made make many more most much must new next not now off once only other our ours
    out over own same she should since some such than thank thanks that the their them then there
    these they this those through too under until upon very was way well were what when where which
    while who whom why will with within without would year you your yours really amazing awesome
    fantastic excellent good nice work worked working team teams project projects help helped
    helping thing things time times people everyone first second third big small better best
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def words(text: str) -> list[str]:
    """Lower-case words of a text, possessive "'s" removed (so "Atlas's" matches "Atlas")."""
    return _WORD.findall(text.lower())


def distinctive_words(text: str) -> list[str]:
    """Words of a title that could identify it: 4+ letters, not a stopword, not a bare number,
    not a past-tense verb ("Migrated billing": the story is about billing, not about migrating)."""
    seen: list[str] = []
    for word in words(text):
        if len(word) < 4 or word in STOPWORDS or word.isdigit() or word in seen:
            continue
        if word.endswith("ed") and len(word) > 4:
            continue
        seen.append(word)
    return seen


def _norm(text: str) -> str:
    return " ".join(words(text))


@dataclass(frozen=True)
class _Quote:
    """A quote's words, computed once per quote (link_index checks it against many stories)."""

    date: dt.date
    joined: str  # " word word ... ": a phrase is a substring search away
    wordset: frozenset[str]
    explicit: list[str]


@dataclass(frozen=True)
class _Keys:
    """What can identify a story, computed once per story."""

    date: dt.date
    names: frozenset[str]  # normalised id, title and project
    story_id: str
    project: str
    project_words: list[str]
    title_words: list[str]


def _is_story_column(header: str) -> bool:
    return header.strip().lower() in STORY_COLUMNS


def _quote(praise: Praise) -> _Quote:
    try:
        return _quote_of(praise.date, praise.text, tuple(praise.extra.items()))
    except TypeError:  # an unhashable extra value: read it without the memo
        return _quote_of.__wrapped__(praise.date, praise.text, tuple(praise.extra.items()))


@functools.lru_cache(maxsize=65536)
def _quote_of(date: dt.date, text: str, extra: tuple[tuple[str, str], ...]) -> _Quote:
    """Memoised on content: score_story re-checks quotes link_index already read."""
    text_words = words(text)
    explicit = [str(v) for k, v in extra if _is_story_column(k) and str(v).strip()]
    return _Quote(date, f" {' '.join(text_words)} ", frozenset(text_words), explicit)


def _keys(story: Story) -> _Keys:
    names = frozenset(_norm(v) for v in (story.id, story.title, story.project) if v.strip())
    project = story.project.strip()
    return _Keys(story.date, names, story.id.lower(), project, words(project), distinctive_words(story.title))


def _reason(keys: _Keys, quote: _Quote) -> str | None:
    for value in quote.explicit:
        ids = {part.strip().lower() for part in re.split(r"[;,]", value)}
        if _norm(value) in keys.names or keys.story_id in ids:
            return f"Its '{value}' column names this story"
    if abs((quote.date - keys.date).days) > WINDOW_DAYS:
        return None
    if keys.project_words and f" {' '.join(keys.project_words)} " in quote.joined:
        return f"It names the project '{keys.project}'"
    shared = [w for w in keys.title_words if w in quote.wordset]
    if len(shared) >= 2:
        return "It mentions " + " and ".join(f"'{w}'" for w in shared[:3]) + " from the title"
    if len(keys.title_words) == 1 and shared and len(shared[0]) >= 6:
        return f"It mentions '{shared[0]}', the title's key word"
    return None


def link_reason(story: Story, praise: Praise) -> str | None:
    """Why this quote belongs to this story, in one sentence, or None when it does not."""
    return _reason(_keys(story), _quote(praise))


def linked_praise(story: Story, praise_list: Iterable[Praise]) -> list[Praise]:
    """The quotes about this story, in the order given (see `link_reason` for the rules)."""
    keys = _keys(story)
    return [p for p in praise_list if _reason(keys, _quote(p)) is not None]


def link_index(stories: Iterable[Story], praise_list: Iterable[Praise]) -> dict[str, list[Praise]]:
    """`linked_praise` for every story at once: {story id: [praise]}, only stories with links.

    Same rules, but each quote is read once, and candidates come from a word index restricted
    to the story's date window: a quote must hold every project word, or two of the title's
    distinctive words, so 10,000 stories against thousands of quotes stays fast.
    """
    praise_list = list(praise_list)
    quotes = [_quote(p) for p in praise_list]
    order = sorted(range(len(quotes)), key=lambda i: quotes[i].date)  # positions in date order
    days = [quotes[i].date.toordinal() for i in order]
    by_word: dict[str, list[int]] = defaultdict(list)  # word -> positions, ascending
    for position, index in enumerate(order):
        for word in quotes[index].wordset:
            by_word[word].append(position)
    explicit = {i for i, q in enumerate(quotes) if q.explicit}
    out: dict[str, list[Praise]] = {}
    for story in stories:
        keys = _keys(story)
        day = story.date.toordinal()
        lo, hi = bisect.bisect_left(days, day - WINDOW_DAYS), bisect.bisect_right(days, day + WINDOW_DAYS)

        def near(word: str, lo: int = lo, hi: int = hi) -> set[int]:
            posting = by_word.get(word, ())
            return set(posting[bisect.bisect_left(posting, lo) : bisect.bisect_left(posting, hi)])

        positions: set[int] = set()
        if keys.project_words:
            positions |= set.intersection(*(near(w) for w in keys.project_words))
        postings = [p for p in (near(w) for w in keys.title_words) if p]
        if len(keys.title_words) == 1 and postings:
            positions |= postings[0]
        for i, a in enumerate(postings):
            for b in postings[i + 1 :]:
                positions |= a & b
        candidates = explicit | {order[p] for p in positions}
        found = [praise_list[i] for i in sorted(candidates) if _reason(keys, quotes[i]) is not None]
        if found:
            out[story.id] = found
    return out
