"""Learn from the user: corrected items become labelled examples, and each item's
scores also follow its nearest examples (same project, same people, same words).

Similarity is the cosine of binary word-stem vectors weighted by idf over the examples, so words
that recur across many corrections (the team's name) count less than a project or a person's
name; an item's norm counts all its words, so one shared word does not make a neighbour. The
framework profile keeps its say: the neighbours' vote is added to the framework scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.competencies.engine import Corpus, item_text, tokenise
from core.text import STOPWORDS, stem

NEIGHBOURS = 3  # corrected items that vote for an item
MIN_SIMILARITY = 0.15  # below it a corrected item is not a neighbour
VOTE_WEIGHT = 0.6  # the neighbours' vote next to the framework score (cosine, 0..1)
MAX_EXAMPLES = 300  # similarities cost items x examples


@dataclass(frozen=True)
class Example:
    """One item the user confirmed or corrected: its text and the competencies it counts for."""

    text: str
    competencies: tuple[str, ...]


def examples_from(items, overrides: dict[str, list[str]], mappings=None) -> tuple[list[Example], int]:
    """(labelled examples from the user's corrections, how many corrections there are).

    A correction is a choice that differs from what the mapper counted (the explicit names, else
    its accepted suggestions). A confirmation of the mapper's own choice is not used: it tells
    it nothing new, and after "Confirm all" it would pull every similar item toward the
    mapper's own guesses (self-training, measured no better). "Shows none" teaches nothing.
    """
    from core.competencies.rules import accepted

    corrections = []
    for item in items:
        chosen = overrides.get(item.id)
        if not chosen:
            continue
        mapped = mappings.get(item.id) if mappings else None
        was = (mapped.confirmed or accepted(mapped.suggestions)) if mapped else []
        if list(chosen) != list(was):
            corrections.append(Example(item_text(item), tuple(chosen)))
    return corrections[-MAX_EXAMPLES:], len(corrections)


def learned_scores(
    scores: np.ndarray, corpus: Corpus, examples: list[Example], names: list[str]
) -> np.ndarray:
    """Framework scores plus the vote of each item's nearest examples, clipped to 0..1."""
    column = {name: i for i, name in enumerate(names)}
    labelled = [e for e in examples if any(c in column for c in e.competencies)]
    if not labelled:
        return scores
    vocab: dict[str, int] = {}
    ex_corpus = tokenise([e.text for e in labelled])
    ex_stems = [stem(t) if t not in STOPWORDS and len(t) > 1 else "" for t in ex_corpus.types]
    ex_rows = []
    for j in range(len(labelled)):
        row_types = ex_corpus.typ[ex_corpus.indptr[j] : ex_corpus.indptr[j + 1]].tolist()
        ex_rows.append({vocab.setdefault(ex_stems[t], len(vocab)) for t in row_types if ex_stems[t]})
    n_ex = len(labelled)
    df = np.zeros(len(vocab))
    for row in ex_rows:
        df[list(row)] += 1
    idf = np.log((1 + n_ex) / (1 + df)) + 1.0
    unseen_idf = np.log(1 + n_ex) + 1.0
    ex = np.zeros((n_ex, len(vocab)))
    for j, row in enumerate(ex_rows):
        ex[j, list(row)] = idf[list(row)]
    ex /= np.maximum(np.linalg.norm(ex, axis=1, keepdims=True), 1e-12)
    # Items: binary stems of their word types, vectorised over the corpus entries.
    type_stem = [stem(t) if t not in STOPWORDS and len(t) > 1 else "" for t in corpus.types]
    type_col = np.array([vocab.get(s, -1) if s else -2 for s in type_stem], dtype=np.int64)
    type_w = np.where(type_col >= 0, idf[np.maximum(type_col, 0)] if len(vocab) else 0, unseen_idf)
    col = type_col[corpus.typ]
    keep = col != -2
    n = corpus.n_docs
    norm = np.sqrt(np.bincount(corpus.doc[keep], weights=type_w[corpus.typ[keep]] ** 2, minlength=n))
    shared = col >= 0
    doc, feat, w = corpus.doc[shared], col[shared], type_w[corpus.typ[shared]]
    sims = np.zeros((n, n_ex))
    for j in range(n_ex):
        sims[:, j] = np.bincount(doc, weights=w * ex[j, feat], minlength=n)
    sims /= np.maximum(norm, 1e-12)[:, None]
    labels = np.zeros((n_ex, len(names)))
    for j, example in enumerate(labelled):
        for rank, name in enumerate(c for c in example.competencies if c in column):
            labels[j, column[name]] = max(labels[j, column[name]], 1.0 if rank == 0 else 0.7)
    k = min(NEIGHBOURS, n_ex)
    nearest = np.argsort(-sims, axis=1, kind="stable")[:, :k]
    near_sims = np.take_along_axis(sims, nearest, axis=1)
    near_sims = np.where(near_sims >= MIN_SIMILARITY, near_sims, 0.0)
    vote = np.einsum("nk,nkc->nc", near_sims, labels[nearest]) / k
    return np.clip(scores + VOTE_WEIGHT * vote, 0.0, 1.0)
