"""Each item's mapping kept by content, so no page maps an item it has mapped before.

An item's suggestions depend on its own words, its Theme cell, the competencies it names and the
framework alone (core.competencies.mapping: the idf comes from the framework, never from the other
items), so they are kept under exactly those. A new or edited item maps only itself, where the
whole set was mapped again before (0.7 s at 10,000 + 10,000 after adding one story); the same
data in another session, or back after another framework, maps nothing.

The user's corrections are not in here: suggestions that follow them are mapped again whenever
they change (core.competencies.learning), as before.

Not kept in the workspace: writing 16,000 distinct mappings out cost 0.1-0.2 s of the first
visit and reading them back about half of mapping them again (measured, README issue 16).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from core.competencies.engine import item_text
from core.competencies.frameworks import framework_key
from core.competencies.mapping import ItemMapping, map_items
from core.model import Framework

CHUNK = 2_500  # items mapped at once: a fraction of the peak memory of 20,000, and progress
MAX_ENTRIES = 300_000  # mappings kept before the book starts afresh (a long-running server)


def content_of(item) -> tuple:
    """What map_items reads of one item: its kind, words (item_text, third in the key: map_items
    is given them), Theme cell and named competencies."""
    return (type(item).__name__, item_text(item), getattr(item, "theme", ""), tuple(item.competencies))


def book_keys(items: Iterable, framework: Framework) -> list[tuple]:
    """The book's key of each item under this framework: worth keeping for a set mapped again and
    again (0.12-0.25 s at 50,000 + 50,000, ui.cache.map_keys), and the book then holds the same
    key objects, not a copy of every item's text."""
    fw_key = framework_key(framework)
    return [(fw_key, *content_of(item)) for item in items]


class MapBook:
    """Plain mappings (no corrections) by framework and item content, shared by every session."""

    def __init__(self):
        self._entries: dict[tuple, ItemMapping] = {}
        self._lock = threading.Lock()  # the entries
        self._computing = threading.Lock()  # one chunk mapped at a time
        self.computed = 0  # items mapped rather than found

    def map(
        self,
        items: Iterable,
        framework: Framework,
        progress: Callable[[int, int], None] | None = None,
        keys: list[tuple] | None = None,
    ) -> dict[str, ItemMapping]:
        """{id: ItemMapping}, what map_items gives. Only items the book has not seen are mapped,
        CHUNK at a time; with more than one chunk, `progress(done, total)` is called before each.
        `keys`: book_keys(items, framework), when the caller keeps them."""
        items = list(items)
        keys = book_keys(items, framework) if keys is None else keys
        with self._lock:
            if len(self._entries) > MAX_ENTRIES:
                self._entries.clear()
            todo = {}
            for key, item in zip(keys, items, strict=True):
                if key not in self._entries:
                    todo.setdefault(key, item)
        fresh = list(todo.items())
        for start in range(0, len(fresh), CHUNK):
            if progress is not None and len(fresh) > CHUNK:
                progress(start, len(fresh))
            with self._computing:  # a chunk at a time: a page and the warm-up never map one item twice
                self._map_chunk(fresh[start : start + CHUNK], framework)
        with self._lock:
            entries = [self._entries.get(k) for k in keys]
        if any(e is None for e in entries):  # started afresh meanwhile (another session)
            return map_items(items, framework)
        return {
            item.id: m if m.id == item.id else ItemMapping(item.id, m.confirmed, m.suggestions, m.unmatched,
                                                           m.unmatched_hints)
            for item, m in zip(items, entries, strict=True)
        }  # fmt: skip

    def _map_chunk(self, chunk: list[tuple[tuple, object]], framework: Framework) -> None:
        with self._lock:
            chunk = [(key, item) for key, item in chunk if key not in self._entries]  # mapped meanwhile
        if not chunk:
            return
        mapped = map_items([item for _, item in chunk], framework, texts=[key[2] for key, _ in chunk])
        if len(mapped) < len(chunk):  # ids repeat: each on its own, so none takes another's
            mapped = {key: map_items([item], framework)[item.id] for key, item in chunk}
        else:
            mapped = {key: mapped[item.id] for key, item in chunk}
        with self._lock:
            self._entries.update(mapped)
            self.computed += len(chunk)
