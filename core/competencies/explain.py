"""Why a competency was suggested: the words that matched and the expectation the item most resembles,
written on demand."""

from __future__ import annotations

import numpy as np

from core.competencies import concepts
from core.competencies.engine import Corpus, Model
from core.text import STOPWORDS, phrase_display, stem


class Suggestion:
    """One suggested competency: `competency`, `score` (cosine similarity, 0..1) and `why`.

    `why` (the words that matched and the expectation the item most resembles) is written on
    first read: mapping 20,000 items should not pay for 60,000 sentences nobody looks at.
    """

    __slots__ = ("_comp", "_explainer", "_row", "_weak", "_why", "competency", "score")

    def __init__(self, competency: str, score: float, why: str | None = None, explainer=None, row=0, comp=0):
        self.competency = competency
        self.score = score
        self._why = why
        self._explainer, self._row, self._comp = explainer, row, comp  # no tuple: 60,000 of these
        self._weak: bool | None = None

    @property
    def why(self) -> str:
        if self._why is None:
            self._why = self._explainer.why(self._row, self._comp) if self._explainer else ""
            self._explainer = None
        return self._why

    @property
    def weak(self) -> bool:
        """The reason cites only generic or incidental words: a sign of low confidence (read
        without writing the whole reason: the review list orders 20,000 items by it)."""
        if self._weak is None:
            if self._why is None and self._explainer is not None:
                self._weak = self._explainer.weak(self._row, self._comp)
            else:
                self._weak = self.why.startswith(WEAK)
        return self._weak

    @property
    def confidence(self) -> float:
        """The score, halved for a weak match: the order of the review list."""
        return self.score / 2 if self.weak else self.score

    def as_dict(self) -> dict:
        return {"competency": self.competency, "score": round(self.score, 3), "why": self.why}

    def __eq__(self, other) -> bool:
        if not isinstance(other, Suggestion):
            return NotImplemented
        return (self.competency, self.score, self.why) == (other.competency, other.score, other.why)

    def __hash__(self) -> int:
        return hash((self.competency, self.score))

    def __repr__(self) -> str:
        return f"Suggestion({self.competency!r}, {self.score:.3f}, {self.why!r})"

    def __getstate__(self):  # pickling (st.cache_data) writes the reason out
        return (self.competency, self.score, self.why)

    def __setstate__(self, state) -> None:
        self.competency, self.score, self._why = state
        self._explainer, self._row, self._comp, self._weak = None, 0, 0, None


class Explainer:
    """Writes a suggestion's reason on demand from what one map_items call computed.

    The three suggestions of an item are usually read together, so the item's words and its
    similarity to every defining sentence are kept for the last item asked about.
    """

    def __init__(self, model: Model, corpus: Corpus, light: list):
        # Kept for as long as any suggestion of the chunk is: only what a reason reads (each item's
        # word types, 32-bit, and their spellings), not the whole corpus (about 22 MB of a
        # server's memory at 10,000 + 10,000).
        self.model, self.light = model, light
        self._typ, self._indptr, self._types = corpus.typ.astype(np.int32), corpus.indptr, corpus.types
        self._stems: list[str] | None = None
        self._sparse_ptr: np.ndarray | None = None
        self._row = self._sims_row = -1
        self._words: dict[str, str] = {}
        self._sims = np.zeros(0)

    def _load(self, row: int) -> None:
        if row == self._row:
            return
        if self._stems is None:
            self._stems = [stem(w) if w not in STOPWORDS and len(w) > 1 else "" for w in self._types]
        words: dict[str, str] = {}
        for t in self._typ[self._indptr[row] : self._indptr[row + 1]].tolist():
            if self._stems[t]:
                words.setdefault(self._stems[t], self._types[t])
        self._row, self._words, self._sims_row = row, words, -1

    def _load_sims(self, row: int) -> None:
        """The item's similarity to every defining sentence (only a full reason needs it)."""
        self._load(row)
        if self._sims_row == row:
            return
        sims = np.zeros(len(self.model.exp_texts))
        for (kind, data), rows in zip(self.light, self.model.exp_rows, strict=False):
            if kind == "dense":
                sims += rows @ data[row]
            else:
                doc, feat, val = data
                if self._sparse_ptr is None:
                    self._sparse_ptr = np.searchsorted(doc, np.arange(len(self._indptr)))
                a, b = self._sparse_ptr[row], self._sparse_ptr[row + 1]
                sims += rows[:, feat[a:b]] @ val[a:b]
        self._sims, self._sims_row = sims, row

    def item_words(self, row: int) -> dict[str, str]:
        """stem -> the item's own spelling, for its meaningful words."""
        self._load(row)
        return self._words

    def best_expectation(self, row: int, comp: int) -> str | None:
        """The sentence of `comp` most like the item (word and concept blocks), if any is."""
        cols = self.model.exp_cols[comp]
        if not len(cols) or not self.model.exp_rows:
            return None
        self._load_sims(row)
        sims = self._sims[cols]
        best = int(np.argmax(sims))
        return self.model.exp_texts[cols[best]] if sims[best] > 0 else None

    def why(self, row: int, comp: int) -> str:
        return _why(self.model, comp, self.item_words(row), self.best_expectation(row, comp))

    def weak(self, row: int, comp: int) -> bool:
        return _head(self.model, comp, self.item_words(row)).startswith(WEAK)


WEAK = "weak match: "


def _why(model: Model, comp: int, item_words: dict[str, str], expectation: str | None) -> str:
    head = _head(model, comp, item_words)
    if not expectation:
        return head
    short = expectation if len(expectation) <= 110 else expectation[:107].rstrip() + "..."
    return f'{head}; resembles "{short}"'


def _head(model: Model, comp: int, item_words: dict[str, str]) -> str:
    """The reason's first part: the words (or ideas) the item shares with the competency."""
    terms = model.comp_terms[comp]
    shared = sorted((s for s in item_words if s in terms), key=terms.__getitem__, reverse=True)[:4]
    if shared:
        head = "matched " + ", ".join(f'"{_shown(item_words[s])}"' for s in shared)
        if all(s in concepts.generic_stems() for s in shared):
            head = WEAK + head  # only generic or incidental words ("matched \"end\"")
    else:
        related = _shared_concepts(item_words, terms)
        head = "related ideas: " + ", ".join(related) if related else WEAK + "similar wording"
    return head


def _shown(word: str) -> str:
    """A phrase unit as people write it ("oncall" -> "on call")."""
    return phrase_display().get(word, word)


def _shared_concepts(item_words: dict[str, str], terms: dict[str, float]) -> list[str]:
    index, names = concepts.concept_index()
    mine = {c for s in item_words for c in index.get(s, ())}
    theirs = {c for s in terms for c in index.get(s, ())}
    return [names[c].replace("_", " ") for c in sorted(mine & theirs)][:3]
