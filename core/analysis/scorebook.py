"""How convincing each story is and which quotes back it, computed only for the stories asked
for and kept by content, so a page never recomputes what it has seen.

Two things are kept, each under a key that changes exactly when its inputs change:

- a story's text facts (core.analysis.strength.TextFacts: the regular expressions over its own
  words), keyed by the story's text;
- the ids of the quotes linked to it (core.analysis.links), keyed by what identifies the story
  (id, title, project, date) and a digest of the praise of every month its six-month window
  touches (and of the quotes that name stories in their own columns). Adding a quote changes
  the keys of the stories within about six months of it only: the others keep their links.

The Timeline asks for the stories of its period, not the decade; the book computes what it has
no key for, counts what it computed (`computed`) and hands back the new entries (`take_fresh`)
for the workspace to store (core.store.derived), so a reload reads them instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from core.analysis.links import STORY_COLUMNS, WINDOW_DAYS, LinkIndex
from core.analysis.strength import Strength, TextFacts, score_story, text_facts
from core.model import Praise, Story

FACTS, LINKS = "facts", "links"  # the kinds of entry kept
CHUNK = 2_000  # stories (or quotes read) between two progress reports
MAX_ENTRIES = 400_000  # entries kept in memory before the book starts afresh (about 4 decades)
_SEP = "\x1f"


def _digest(*parts: str) -> str:
    return hashlib.blake2b(_SEP.join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def facts_key(story: Story) -> str:
    """What text_facts reads: the story's challenge, action, result, description and metric."""
    return _digest(story.challenge, story.action, story.result, story.description, story.metric)


def _names_a_story(praise: Praise) -> bool:
    return any(k.strip().lower() in STORY_COLUMNS for k in praise.extra)


_extra_json = json.JSONEncoder(sort_keys=True, default=str).encode


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


class PraiseWindows:
    """One dataset's praise, by id and by month, with a digest per month (built once per dataset)."""

    def __init__(self, praise: Iterable[Praise]):
        self.praise = list(praise)
        self.by_id = {p.id: p for p in self.praise}
        months: dict[int, hashlib.blake2b] = defaultdict(lambda: hashlib.blake2b(digest_size=16))
        explicit = hashlib.blake2b(digest_size=16)
        for p in self.praise:
            extra = _extra_json(p.extra) if p.extra else "{}"  # json.dumps's text, a third of the time
            row = _SEP.join((p.id, p.date.isoformat(), p.text, extra))
            data = (row + "\x1e").encode("utf-8", "surrogatepass")
            months[_month(p.date)].update(data)
            if _names_a_story(p):
                explicit.update(data)
        self.months = {m: h.hexdigest() for m, h in months.items()}
        self.explicit = explicit.hexdigest()

    def links_key(self, story: Story) -> str:
        first = _month(story.date - dt.timedelta(days=WINDOW_DAYS))
        last = _month(story.date + dt.timedelta(days=WINDOW_DAYS))
        window = [self.months.get(m, "") for m in range(first, last + 1)]
        return _digest(story.id, story.title, story.project, story.date.isoformat(), self.explicit, *window)

    def near(self, stories: list[Story]) -> list[Praise]:
        """The quotes any of these stories could link to (in the dataset's order, which breaks
        link ties): those within the window of their dates, and those naming a story."""
        if not stories:
            return []
        start = min(s.date for s in stories) - dt.timedelta(days=WINDOW_DAYS)
        end = max(s.date for s in stories) + dt.timedelta(days=WINDOW_DAYS)
        return [p for p in self.praise if start <= p.date <= end or _names_a_story(p)]


def _facts_to_json(facts: TextFacts) -> str:
    return json.dumps([facts.figure, facts.phrase, facts.first_person, list(facts.verbs)])


def _facts_from_json(value: str) -> TextFacts:
    figure, phrase, first_person, verbs = json.loads(value)
    return TextFacts(tuple(figure) if figure else None, phrase, bool(first_person), tuple(verbs))


class ScoreBook:
    """Text facts and links by key, shared by every page and session (thread-safe)."""

    def __init__(self, stored: Iterable[tuple[str, str, str]] = ()):
        self._facts: dict[str, TextFacts] = {}
        self._links: dict[str, tuple[str, ...]] = {}
        self._fresh: dict[tuple[str, str], str] = {}
        self._reading: tuple[dict, str, LinkIndex] | None = None  # (praise by month, explicit, index)
        self._lock = threading.Lock()
        self.computed = {FACTS: 0, LINKS: 0}  # entries computed rather than found
        self.add_stored(stored)

    def add_stored(self, rows: Iterable[tuple[str, str, str]]) -> int:
        """Take (kind, key, value) rows a workspace kept; unreadable rows are skipped (recomputed)."""
        taken = 0
        with self._lock:
            for kind, key, value in rows:
                try:
                    if kind == FACTS and key not in self._facts:
                        self._facts[key] = _facts_from_json(value)
                    elif kind == LINKS and key not in self._links:
                        self._links[key] = tuple(json.loads(value))
                    else:
                        continue
                except (ValueError, TypeError):
                    continue
                taken += 1
        return taken

    def take_fresh(self) -> list[tuple[str, str, str]]:
        """The entries computed since the last call, as (kind, key, value) rows to store."""
        with self._lock:
            rows = [(kind, key, value) for (kind, key), value in self._fresh.items()]
            self._fresh.clear()
        return rows

    @staticmethod
    def keys_for(stories: Iterable[Story], windows: PraiseWindows) -> set[str]:
        """Every key these stories use now (what a workspace holding them should keep)."""
        return {k for s in stories for k in (facts_key(s), windows.links_key(s))}

    def missing(self, stories: Iterable[Story], windows: PraiseWindows) -> int:
        """How many of these stories need something computed (to decide on a progress bar)."""
        with self._lock:
            return sum(1 for s in stories
                       if facts_key(s) not in self._facts or windows.links_key(s) not in self._links)

    def compute(
        self, stories: Iterable[Story], windows: PraiseWindows, size: int = CHUNK
    ) -> Iterator[tuple[int, int]]:
        """Compute what no key covers for these stories, in pieces of about `size` stories (or
        quotes read), yielding (stories done, stories to do) after each: the page shows progress,
        the warm-up (ui.warmup) looks between two pieces whether a page wants the processor.

        The quotes are read once for every story to link (core.analysis.links.LinkIndex): read
        again per chunk of 2,000, a period of 6,000 stories at 50,000 quotes read most of them
        three times over (1.76 s instead of 1.0 s in-process)."""
        stories = list(stories)
        return self._pieces(stories, *self._keys(stories, windows), windows, size)

    @staticmethod
    def _keys(stories: list[Story], windows: PraiseWindows) -> tuple[dict[str, str], dict[str, str]]:
        return {s.id: facts_key(s) for s in stories}, {s.id: windows.links_key(s) for s in stories}

    def _pieces(self, stories: list[Story], fkeys: dict, lkeys: dict, windows: PraiseWindows,
                size: int) -> Iterator[tuple[int, int]]:
        with self._lock:
            if len(self._facts) + len(self._links) > MAX_ENTRIES:
                self._facts.clear()  # a long-running server that saw many datasets: start afresh
                self._links.clear()
            todo = [s for s in stories if fkeys[s.id] not in self._facts or lkeys[s.id] not in self._links]
            need_links = [s for s in todo if lkeys[s.id] not in self._links]
        index = self._index_for(need_links, windows)
        while not index.read(size):
            yield 0, len(todo)
            with self._lock:
                if all(lkeys[s.id] in self._links for s in need_links):
                    break  # another thread (a page, while the warm-up waited) linked them all meanwhile
        for start in range(0, len(todo), size):
            self._compute(todo[start : start + size], fkeys, lkeys, windows, index)
            yield min(start + size, len(todo)), len(todo)
        with self._lock:
            if self._reading is not None and self._reading[2] is index:
                self._reading = None  # done: its memory goes

    def _index_for(self, stories: list[Story], windows: PraiseWindows) -> LinkIndex:
        """The quotes these stories may link to, read once: the index another computation (the
        warm-up, when a page comes before it is done) is reading for them and the same praise,
        or a new one."""
        if not stories:
            return LinkIndex([], [])
        with self._lock:
            if self._reading is not None:
                months, explicit, index = self._reading
                if months == windows.months and explicit == windows.explicit and index.covers(stories):
                    return index
            index = LinkIndex(windows.near(stories), stories)
            self._reading = (windows.months, windows.explicit, index)
            return index

    def scores(
        self,
        stories: Iterable[Story],
        windows: PraiseWindows,
        progress: Callable[[int, int], None] | None = None,
    ) -> tuple[dict[str, Strength], dict[str, list[Praise]]]:
        """({story id: Strength}, {story id: [linked Praise]}) for these stories only; `progress`
        (done, total) is called after each piece computed (`compute`)."""
        stories = list(stories)
        fkeys, lkeys = self._keys(stories, windows)
        for done, total in self._pieces(stories, fkeys, lkeys, windows, CHUNK):
            if progress is not None:
                progress(done, total)
        with self._lock:
            facts = {s.id: self._facts[fkeys[s.id]] for s in stories}
            ids = {s.id: self._links[lkeys[s.id]] for s in stories}
        by_id = windows.by_id
        links = {sid: [by_id[i] for i in kept if i in by_id] for sid, kept in ids.items() if kept}
        strengths = {s.id: score_story(s, links.get(s.id, ()), linked=True, facts=facts[s.id])
                     for s in stories}
        return strengths, links

    def _compute(self, stories: list[Story], fkeys: dict, lkeys: dict, windows: PraiseWindows,
                 index: LinkIndex) -> None:
        with self._lock:
            need_facts = [s for s in stories if fkeys[s.id] not in self._facts]
            need_links = [s for s in stories if lkeys[s.id] not in self._links]
        new_facts = {fkeys[s.id]: text_facts(s) for s in need_facts}
        if need_links and not index.covers(need_links):  # the book started afresh meanwhile
            index = LinkIndex(windows.near(need_links), need_links)
        found = index.links(need_links) if need_links else {}
        new_links = {lkeys[s.id]: tuple(p.id for p in found.get(s.id, ())) for s in need_links}
        with self._lock:
            for key, facts in new_facts.items():
                self._facts[key] = facts
                self._fresh[(FACTS, key)] = _facts_to_json(facts)
            for key, ids in new_links.items():
                self._links[key] = ids
                self._fresh[(LINKS, key)] = json.dumps(list(ids))
            self.computed[FACTS] += len(new_facts)
            self.computed[LINKS] += len(new_links)
