"""Which praise quotes talk about which story, by rules a person can check.

A quote is linked to a story when (1) an extra column of the praise row such as `story` or
`about` names the story's id, title or project; (2) the quote names the story's project; or
(3) the quote uses two distinctive words of the story's title (one, when the title has a single
long distinctive word); (2) and (3) only within six months of the story's date, since a
project name or topic comes back year after year. No fuzzy scores: every link comes with a
sentence saying why (`link_reason`), so the user can see and trust it.

A story keeps at most `MAX_LINKS` quotes: those its rows name explicitly first, then the ones
nearest its date. A story needs a few corroborating quotes, not all of them: over ten years of
a daily diary one project name matches dozens of quotes per story (47 on average at 10,000 +
10,000, 447,000 links), and keeping them all made linking quadratic in the evidence per
six months, while the app shows one quote per story and says how many back it ("Backed by 8
linked quotes" stays true: at least those eight do).
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from core.model import Praise, Story
from core.text import STOPWORDS as SHARED_STOPWORDS
from core.text import tokens, word_list

# Quotes further than this from the story's date are about something else (explicit links aside).
WINDOW_DAYS = 183

# Quotes kept per story (see the module docstring): enough to corroborate it and to pick one to
# show. Not 5: a busy project in a single year links 6 (the sample data), and that year should
# keep every link; the cap is for a decade, where one story matched 47 on average.
MAX_LINKS = 8

# Extra columns (lower-cased header) in a praise sheet that point at a story.
STORY_COLUMNS = ("story", "story_id", "story id", "about", "re", "regarding", "for", "project")

# Words too common in work writing to tie a quote to one story: the shared stopwords plus the
# praise and work filler of data/words/praise_filler.txt.
STOPWORDS = SHARED_STOPWORDS | word_list("praise_filler")


def words(value: str) -> list[str]:
    """Lower-case words of a text, possessive "'s" removed (so "Atlas's" matches "Atlas"): the
    project's one tokeniser, core.text.tokens."""
    return tokens(value)


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
    project_phrase: str  # " word word ": the project's words as a phrase, "" without a project
    title_words: list[str]


def _is_story_column(header: str) -> bool:
    return header.strip().lower() in STORY_COLUMNS


def _quote(praise: Praise) -> _Quote:
    text_words = words(praise.text)
    explicit = [str(v) for k, v in praise.extra.items() if _is_story_column(k) and str(v).strip()]
    return _Quote(praise.date, f" {' '.join(text_words)} ", frozenset(text_words), explicit)


def _keys(story: Story) -> _Keys:
    names = frozenset(_norm(v) for v in (story.id, story.title, story.project) if v.strip())
    project = story.project.strip()
    project_words = words(project)
    phrase = f" {' '.join(project_words)} " if project_words else ""
    return _Keys(
        story.date, names, story.id.lower(), project, project_words, phrase, distinctive_words(story.title)
    )


def _ids(value: str) -> set[str]:
    """The story ids an explicit column value lists ("S7; S9")."""
    return {part.strip().lower() for part in re.split(r"[;,]", value)}


def _explicit_reason(keys: _Keys, quote: _Quote) -> str | None:
    for value in quote.explicit:
        if _norm(value) in keys.names or keys.story_id in _ids(value):
            return f"Its '{value}' column names this story"
    return None


def _window_reason(keys: _Keys, quote: _Quote) -> str | None:
    if abs((quote.date - keys.date).days) > WINDOW_DAYS:
        return None
    if keys.project_phrase and keys.project_phrase in quote.joined:
        return f"It names the project '{keys.project}'"
    shared = [w for w in keys.title_words if w in quote.wordset]
    if len(shared) >= 2:
        return "It mentions " + " and ".join(f"'{w}'" for w in shared[:3]) + " from the title"
    if len(keys.title_words) == 1 and shared and len(shared[0]) >= 6:
        return f"It mentions '{shared[0]}', the title's key word"
    return None


def _reason(keys: _Keys, quote: _Quote) -> str | None:
    return _explicit_reason(keys, quote) or _window_reason(keys, quote)


def link_reason(story: Story, praise: Praise) -> str | None:
    """Why this quote belongs to this story, in one sentence, or None when it does not.

    The rule only: a story keeps at most `MAX_LINKS` of the quotes that pass it."""
    return _reason(_keys(story), _quote(praise))


def _may_link(keys: _Keys, probes: tuple[str, ...], praise: Praise) -> bool:
    """A cheap test every linked quote passes, so that one story against a whole praise list (the
    Journal's coach, on every rerun) reads only the few quotes that could be about it: a window
    link needs a title word or the project's first word somewhere in the text."""
    if any(_is_story_column(k) for k in praise.extra):
        return True
    if abs((praise.date - keys.date).days) > WINDOW_DAYS:
        return False
    text = praise.text.lower()
    return any(word in text for word in probes)


def linked_praise(story: Story, praise_list: Iterable[Praise]) -> list[Praise]:
    """The quotes about this story (see `link_reason`), at most `MAX_LINKS`, in the order given.

    Which ones are kept: those an explicit column ties to the story first, then the nearest in
    date (on a tie, the earlier date, then the earlier in the list), as `link_index` keeps them.
    """
    keys = _keys(story)
    day = story.date.toordinal()
    probes = (*keys.title_words, *keys.project_words[:1])
    ranked = []
    for i, praise in enumerate(praise_list):
        if not _may_link(keys, probes, praise):
            continue
        quote = _quote(praise)
        if _explicit_reason(keys, quote) is not None:
            group = 0
        elif _window_reason(keys, quote) is not None:
            group = 1
        else:
            continue
        ordinal = quote.date.toordinal()
        ranked.append(((group, abs(ordinal - day), ordinal, i), praise))
    kept = heapq.nsmallest(MAX_LINKS, ranked, key=lambda pair: pair[0])
    return [praise for (*_, i), praise in sorted(kept, key=lambda pair: pair[0][3])]


def link_index(stories: Iterable[Story], praise_list: Iterable[Praise]) -> dict[str, list[Praise]]:
    """`linked_praise` for every story at once: {story id: [praise]}, only stories with links."""
    stories = list(stories)
    return LinkIndex(praise_list, stories).links(stories)


class LinkIndex:
    """Quotes read once, then linked to many stories: `linked_praise`'s rules and `MAX_LINKS`.

    Each quote is read once (`read` does it in pieces, for a caller that reports progress or
    yields between pieces) and only candidates are checked: explicit references come from an
    index of the values of the story columns; the others from a word index (quote positions in
    date order per word) walked outwards from the story's date, nearest first, inside the
    six-month window, stopping at `MAX_LINKS` links. The walk follows only the words a link
    needs: the project's rarest word (a project link holds them all) and, for the two-title-words
    rule, every title word but the most common one in the window (any two include a rarer one).
    Cost follows the candidates, not stories x quotes; asking for stories chunk by chunk gives
    the same links as asking for them all at once.
    """

    def __init__(self, praise_list: Iterable[Praise], stories: Iterable[Story] | None = None):
        """`stories`: the only ones `links` will be asked about, so that only their words are
        indexed (a draft's few stories against every quote of a decade); None: any story."""
        self.praise = list(praise_list)
        self._quotes: list[_Quote] = []
        self._indexed = False
        self._reading = threading.Lock()  # the warm-up and a page may share one index
        self._stories = None if stories is None else list(stories)  # kept: their ids stay theirs
        self._keyed = None if stories is None else {id(s): _keys(s) for s in self._stories}
        self._words = None if stories is None else {w for k in self._keyed.values() for w in _index_words(k)}

    def covers(self, stories: Iterable[Story]) -> bool:
        """Whether `links` can be asked about these stories (these very objects)."""
        return self._keyed is None or all(id(s) in self._keyed for s in stories)

    def read(self, count: int | None = None) -> bool:
        """Read up to `count` more quotes (all by default); True once all are read and indexed."""
        with self._reading:
            return self._read(count)

    def _read(self, count: int | None) -> bool:
        if self._indexed:
            return True
        start = len(self._quotes)
        stop = len(self.praise) if count is None else min(len(self.praise), start + count)
        self._quotes += [_quote(p) for p in self.praise[start:stop]]
        if len(self._quotes) < len(self.praise):
            return False
        quotes = self._quotes
        self._order = sorted(range(len(quotes)), key=lambda i: quotes[i].date)  # stable: by (date, index)
        self._days = [quotes[i].date.toordinal() for i in self._order]
        by_word: dict[str, list[int]] = defaultdict(list)  # word -> positions in date order, ascending
        words = self._words
        for position, index in enumerate(self._order):
            for word in quotes[index].wordset if words is None else quotes[index].wordset & words:
                by_word[word].append(position)
        by_ref: dict[str, set[int]] = defaultdict(set)  # normalised value or listed id -> praise indexes
        for index, quote in enumerate(quotes):
            for value in quote.explicit:
                by_ref["=" + _norm(value)].add(index)
                for part in _ids(value):
                    by_ref["#" + part].add(index)
        self._by_word, self._by_ref = by_word, by_ref
        self._indexed = True
        return True

    def links(self, stories: Iterable[Story]) -> dict[str, list[Praise]]:
        """{story id: [praise]} for these stories, only those with links."""
        stories = list(stories)
        if not self.covers(stories):
            raise ValueError("asked about a story this index was not built for")
        self.read()
        quotes, by_ref = self._quotes, self._by_ref
        out: dict[str, list[Praise]] = {}
        keyed = self._keyed or {}
        for story in stories:
            keys = keyed.get(id(story)) or _keys(story)
            day = keys.date.toordinal()
            refs = set(by_ref.get("#" + keys.story_id, ()))
            refs = refs.union(*(by_ref.get("=" + n, ()) for n in keys.names))
            ranked = [
                ((0, abs(quotes[i].date.toordinal() - day), quotes[i].date.toordinal(), i), i)
                for i in refs if _explicit_reason(keys, quotes[i]) is not None
            ]  # fmt: skip
            kept = [i for _, i in heapq.nsmallest(MAX_LINKS, ranked)]
            if len(kept) < MAX_LINKS:
                kept += _nearest(keys, quotes, self._order, self._days, self._by_word, set(kept),
                                 MAX_LINKS - len(kept))
            if kept:
                out[story.id] = [self.praise[i] for i in sorted(kept)]
        return out


def _index_words(keys: _Keys) -> list[str]:
    """The words `_nearest` may look up for a story."""
    return [*keys.project_words, *keys.title_words]


def _nearest(
    keys: _Keys,
    quotes: list[_Quote],
    order: list[int],
    days: list[int],
    by_word: dict[str, list[int]],
    skip: set[int],
    limit: int,
) -> list[int]:
    """Up to `limit` praise indexes (not in `skip`) the window rules link to the story, nearest in
    date first: a merge of the relevant word postings outwards from the story's date."""
    day = keys.date.toordinal()
    lo, hi = bisect.bisect_left(days, day - WINDOW_DAYS), bisect.bisect_right(days, day + WINDOW_DAYS)
    split = bisect.bisect_left(days, day)  # positions before it are earlier than the story

    def span(word: str) -> tuple[list[int], int, int]:
        posting = by_word.get(word, [])
        return posting, bisect.bisect_left(posting, lo), bisect.bisect_left(posting, hi)

    drivers: dict[str, tuple[list[int], int, int]] = {}
    if keys.project_words:
        spans = {w: span(w) for w in keys.project_words}
        rarest = min(spans, key=lambda w: spans[w][2] - spans[w][1])
        if spans[rarest][2] > spans[rarest][1]:
            drivers[rarest] = spans[rarest]
    title = {w: span(w) for w in keys.title_words}
    present = [w for w, (_, a, b) in title.items() if b > a]
    if len(keys.title_words) == 1 and present and len(present[0]) >= 6:
        drivers[present[0]] = title[present[0]]
    elif len(present) >= 2:
        commonest = max(present, key=lambda w: title[w][2] - title[w][1])
        drivers.update((w, title[w]) for w in present if w != commonest)

    # (distance in days, position, driver * 2 + direction (1 = later), index in that posting)
    heap: list[tuple[int, int, int, int]] = []
    postings = []
    for posting, a, b in drivers.values():
        d = len(postings)
        postings.append((posting, a, b))
        m = bisect.bisect_left(posting, split, a, b)
        if m > a:
            heap.append((day - days[posting[m - 1]], posting[m - 1], d * 2, m - 1))
        if m < b:
            heap.append((days[posting[m]] - day, posting[m], d * 2 + 1, m))
    heapq.heapify(heap)
    found: list[int] = []
    seen: set[int] = set()
    while heap and len(found) < limit:
        # Everything at the next distance, then in position order: the earlier date, then the
        # earlier in the list, as linked_praise breaks ties (the walk meets earlier ones last).
        distance, group = heap[0][0], []
        while heap and heap[0][0] == distance:
            _, position, tag, k = heapq.heappop(heap)
            posting, a, b = postings[tag // 2]
            k = k + 1 if tag % 2 else k - 1  # the next one outwards in this posting
            if a <= k < b:
                heapq.heappush(heap, (abs(days[posting[k]] - day), posting[k], tag, k))
            if position not in seen:
                seen.add(position)
                group.append(position)
        for position in sorted(group):
            index = order[position]
            if index not in skip and _window_reason(keys, quotes[index]) is not None:
                found.append(index)
                if len(found) == limit:
                    break
    return found
