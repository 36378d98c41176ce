"""The sparse matching engine: texts and competency profiles as weighted feature vectors, scored by
cosine similarity (see core.competencies.mapping for the method and why it was chosen).

Everything is vectorised with numpy alone (scikit-learn costs over a second of start-up,
scipy.sparse a few hundred milliseconds, and the draft command must handle 20,000 items in
under 2 s whole-process).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.competencies import concepts
from core.model import Framework, Praise, Story
from core.text import STOPWORDS, stem, strip_accents

# Block weights (word, char, concept) and the n-gram range, fixed by the evaluation script.
WEIGHTS = (1.0, 1.0, 0.5)
CHAR_N = (3, 5)
# A weak match (see item_scores) keeps this share of its score, so it ranks below real ones.
WEAK_FACTOR = 0.5
KNOWN_WORDS = 50_000  # words whose features a block keeps (at most about 15 MB; 10,000 + 10,000 have 2,400)


_LOWER = np.zeros(256, dtype=np.uint8)  # byte -> lower-case word byte, 0 for separators
for _b in range(256):
    if chr(_b).isascii() and chr(_b).isalnum():
        _LOWER[_b] = ord(chr(_b).lower())
    elif _b >= 128:
        _LOWER[_b] = _b  # part of a UTF-8 letter


@dataclass
class Corpus:
    """Texts as (document, word type, count) entries sorted by document; the types' spellings."""

    doc: np.ndarray
    typ: np.ndarray
    cnt: np.ndarray
    indptr: np.ndarray  # entries of document i: indptr[i]:indptr[i + 1]
    types: list[str]

    @property
    def n_docs(self) -> int:
        return len(self.indptr) - 1


def item_text(item: Story | Praise) -> str:
    """What an item says, for matching: a story's words plus its tags and project."""
    if isinstance(item, Story):
        return "\n".join(p for p in (item.text, " ".join(item.tags), item.project) if p)
    return item.text


def tokenise(texts: list[str]) -> Corpus:
    """Split every text into words with array operations, no per-word Python loop.

    A word is a run of letters or digits of the accent-free, lower-cased text (the rule of
    core.text.tokens); phrases become one word and a named beneficiary adds a mark
    (core.competencies.concepts.read_units). Each word gets a 64-bit key (see _word_keys), so
    identical words meet in one np.unique; only the distinct word types are ever turned back
    into Python strings.
    """
    n = len(texts)
    encoded = [strip_accents(t).encode("utf-8", "replace") for t in texts]
    sizes = np.fromiter((len(e) + 1 for e in encoded), dtype=np.int64, count=n)
    raw = np.frombuffer(b"\x00".join(encoded) + b"\x00", dtype=np.uint8)
    buf = _LOWER[raw]
    letter = np.concatenate([[False], buf != 0, [False]])
    edges = np.flatnonzero(letter[1:] != letter[:-1])  # a word's start, then its end, and so on
    starts, ends = edges[::2], edges[1::2]
    empty = np.zeros(0, dtype=np.int64)
    if not len(starts):
        return Corpus(empty, empty, np.zeros(0), np.zeros(n + 1, dtype=np.int64), [])
    _, first, type_of = np.unique(_word_keys(buf, starts, ends), return_index=True, return_inverse=True)
    lowered = buf.tobytes()
    types = [
        lowered[s:e].decode("utf-8", "replace")
        for s, e in zip(starts[first].tolist(), ends[first].tolist(), strict=True)
    ]
    doc_start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    doc = np.searchsorted(doc_start, starts, side="right") - 1
    capital = (raw[starts] >= 65) & (raw[starts] <= 90)
    occ, doc, types = concepts.read_units(type_of.ravel(), doc, types, capital)
    n_types = len(types)
    keys, counts = _pair_counts(doc, occ, n, n_types)
    doc, typ = keys // n_types, keys % n_types
    indptr = np.searchsorted(doc, np.arange(n + 1))
    return Corpus(doc, typ, counts.astype(float), indptr, types)


def _word_keys(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit key per word: its first 16 bytes read as two little-endian words, mixed with
    its length (bytes past the word's end masked off).

    Words sharing their first 16 bytes and their length would share a key: rare enough for
    matching, and it costs two strided gathers instead of a per-word loop.
    """
    padded = np.concatenate([buf, np.zeros(24, dtype=np.uint8)])
    windows = np.ndarray(shape=(len(buf) + 16,), dtype="<u8", buffer=padded, strides=(1,))
    lengths = ends - starts
    with np.errstate(over="ignore"):
        head = windows[starts] & _BYTE_MASKS[np.minimum(lengths, 8)]
        tail = windows[starts + 8] & _BYTE_MASKS[np.clip(lengths - 8, 0, 8)]
        return head ^ (tail * np.uint64(0x9E3779B97F4A7C15)) ^ (lengths.astype(np.uint64) << np.uint64(56))


_BYTE_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)  # the first n bytes
_RADIX = 1 << 16  # documents and types below this sort by two counting passes (kind="stable")


def _pair_counts(doc: np.ndarray, col: np.ndarray, n_docs: int, n_cols: int, weights=None):
    """The distinct (document, column) pairs as sorted keys doc * n_cols + col, with how often each
    occurs (or the sum of its `weights`, added in the order given): np.unique's result. Both below
    65,536 (a chunk of items), the order comes from two stable sorts of 16-bit values (numpy sorts
    those by counting), 1.5-2 times as fast as sorting the 64-bit keys."""
    if n_docs > _RADIX or n_cols > _RADIX or not len(doc):
        keys, inverse, counts = np.unique(doc * n_cols + col, return_inverse=True, return_counts=True)
        return keys, counts if weights is None else np.bincount(inverse.ravel(), weights=weights)
    order = np.argsort(col.astype(np.uint16), kind="stable")
    order = order[np.argsort(doc[order].astype(np.uint16), kind="stable")]
    keys = (doc * n_cols + col)[order]
    new = np.concatenate([[True], keys[1:] != keys[:-1]])
    first = np.flatnonzero(new)
    if weights is None:
        return keys[first], np.diff(np.append(first, len(keys)))
    inverse = np.empty(len(keys), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1  # each entry's pair, in the order given: added as before
    return keys[first], np.bincount(inverse, weights=weights)


def _char_grams(word: str) -> list[str]:
    padded = f" {word} "
    lo, hi = CHAR_N
    return [padded[i : i + k] for k in range(lo, hi + 1) for i in range(len(padded) - k + 1)]


def _type_features(kind: str, word: str) -> list:
    """The features one word type contributes to a block (none for stop words; generic words fire
    no thesaurus family)."""
    if word in STOPWORDS or len(word) < 2:
        return []
    if kind == "word":
        return [stem(word)]
    if kind == "char":
        return _char_grams(word)
    return concepts.concept_index()[0].get(stem(word), [])


@dataclass
class _TypeMap:
    """Word type -> its known features of one block, as CSR arrays (a feature may repeat)."""

    indptr: np.ndarray
    feat: np.ndarray


@dataclass
class _Block:
    """One feature space (word stems, char n-grams or concepts): vocabulary and idf."""

    kind: str
    vocab: dict
    idf: np.ndarray
    fweight: np.ndarray | None = None  # per feature: generic words weigh GENERIC_WEIGHT
    # word -> its known features, kept for the next chunks of items (the same words recur: a
    # chunk of 2,500 items spent a third of its scoring finding the n-grams of 2,000 words again)
    known: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def size(self) -> int:
        return len(self.idf)

    def type_map(self, types: list[str]) -> _TypeMap:
        lengths, feats = [], []
        get, kept = self.vocab.get, self.known
        for word in types:
            known = kept.get(word)
            if known is None:
                known = [j for f in _type_features(self.kind, word) if (j := get(f)) is not None]
                if len(kept) < KNOWN_WORDS:
                    kept[word] = known
            lengths.append(len(known))
            feats += known
        indptr = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])
        return _TypeMap(indptr, np.asarray(feats, dtype=np.int64))

    def entries(self, corpus: Corpus, tmap: _TypeMap | None = None):
        """(document, feature, count) for every feature occurrence, documents in order."""
        tmap = tmap or self.type_map(corpus.types)
        per = np.diff(tmap.indptr)[corpus.typ]
        total = int(per.sum())
        first = np.repeat(tmap.indptr[corpus.typ], per)
        offset = np.arange(total) - np.repeat(np.cumsum(per) - per, per)
        return np.repeat(corpus.doc, per), tmap.feat[first + offset], np.repeat(corpus.cnt, per)

    def dense(self, corpus: Corpus) -> np.ndarray:
        """Exact sublinear tf x idf rows, L2-normalised, as a dense (documents x features) array."""
        doc, feat, cnt = self.entries(corpus)
        tf = np.bincount(doc * self.size + feat, weights=cnt, minlength=corpus.n_docs * self.size)
        tf = tf.astype(float).reshape(corpus.n_docs, self.size)
        out = np.zeros_like(tf)
        np.log(tf, out=out, where=tf > 0)
        out = np.where(tf > 0, (1.0 + out) * self.idf, 0.0)
        return _unit_rows(out if self.fweight is None else out * self.fweight)

    def sparse_rows(self, corpus: Corpus):
        """The same rows as (document, feature, value) entries, for large item sets."""
        doc, feat, cnt = self.entries(corpus)
        keys, tf = _pair_counts(doc, feat, corpus.n_docs, self.size, cnt)
        doc, feat = keys // self.size, keys % self.size
        val = (1.0 + np.log(tf)) * self.idf[feat]
        if self.fweight is not None:
            val = val * self.fweight[feat]
        norm = np.sqrt(np.bincount(doc, weights=val * val, minlength=corpus.n_docs))
        return doc, feat, val / np.where(norm > 0, norm, 1.0)[doc], norm > 0


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _fit_block(kind: str, corpus: Corpus) -> _Block:
    if kind == "concept":
        vocab = {i: i for i in range(len(concepts.concept_index()[1]))}
    else:
        vocab = {}
        for word in corpus.types:
            for feat in _type_features(kind, word):
                vocab.setdefault(feat, len(vocab))
    block = _Block(kind, vocab, np.ones(len(vocab)))
    doc, feat, _ = block.entries(corpus)
    pairs = np.unique(doc * max(block.size, 1) + feat)
    df = np.bincount(pairs % max(block.size, 1), minlength=block.size)  # documents with each feature
    block.idf = np.log((1 + corpus.n_docs) / (1 + df)) + 1.0
    if kind == "word":
        generic = concepts.generic_stems()
        block.fweight = np.array([concepts.GENERIC_WEIGHT if f in generic else 1.0 for f in vocab])
    return block


def _per_column_sums(rows: np.ndarray, weights: np.ndarray, table: np.ndarray, cols: np.ndarray, n: int):
    """out[r, c] = sum of weights * table[cols, c] over entries of row r (one bincount per column)."""
    out = np.empty((n, table.shape[1]))
    for c in range(table.shape[1]):
        out[:, c] = np.bincount(rows, weights=weights * table[cols, c], minlength=n)
    return out


# --- the model -----------------------------------------------------------------------------------


@dataclass
class Model:
    names: list[str]
    blocks: list[_Block]
    weights: tuple[float, ...]
    profiles: list[np.ndarray]  # per block: (features, competencies), the weighted unit profile's part
    exp_texts: list[str]  # expectation sentences (and descriptions), for "resembles ..."
    exp_comp: np.ndarray  # competency index of each sentence
    exp_rows: list[np.ndarray]  # per light block (word, concept): (sentences, features) weighted rows
    comp_terms: list[dict[str, float]]  # stem -> weight in the competency's profile, for "matched ..."

    @property
    def exp_cols(self) -> list[np.ndarray]:
        """Per competency, the indices of its sentences (computed once)."""
        if not hasattr(self, "_exp_cols"):
            self._exp_cols = [np.flatnonzero(self.exp_comp == c) for c in range(len(self.names))]
        return self._exp_cols


def competency_sentences(framework: Framework) -> list[tuple[int, str]]:
    """(competency index, text) for every sentence that defines a competency."""
    out = []
    for i, comp in enumerate(framework.competencies):
        out.append((i, comp.name))
        if comp.description:
            out.append((i, comp.description))
        if comp.keywords:
            out.append((i, " ; ".join(comp.keywords)))
        for texts in comp.expectations.values():
            out += [(i, t) for t in texts if t.strip()]
    return out


def _stack_dense(blocks, weights, corpus: Corpus) -> list[np.ndarray]:
    """Each block's unit rows times its weight, the whole row then normalised: one array per block."""
    parts = [b.dense(corpus) * w for b, w in zip(blocks, weights, strict=True)]
    total = np.sqrt(sum((p * p).sum(axis=1) for p in parts))
    total = np.where(total > 0, total, 1.0)[:, None]
    return [p / total for p in parts]


def build_model(
    framework: Framework, weights: tuple[float, ...] = WEIGHTS, kinds=("word", "char", "concept")
) -> Model:
    """Fit idf on the framework's sentences and build one profile per competency."""
    sentences = competency_sentences(framework)
    corpus = tokenise([t for _, t in sentences])
    blocks = [_fit_block(kind, corpus) for kind in kinds]
    # Profile document: name and keywords twice (they are the framework's own summary).
    docs = []
    for comp in framework.competencies:
        parts = [comp.name, comp.name, comp.description, " ; ".join(comp.keywords), " ; ".join(comp.keywords)]
        parts += [t for texts_ in comp.expectations.values() for t in texts_]
        docs.append("\n".join(p for p in parts if p))
    profiles = [p.T.copy() for p in _stack_dense(blocks, weights, tokenise(docs))]
    keyword_lines = {" ; ".join(c.keywords) for c in framework.competencies if c.keywords}
    exp = [(i, t) for i, t in sentences if t != framework.competencies[i].name and t not in keyword_lines]
    exp_texts = [t for _, t in exp]
    light = [(b, w) for b, w in zip(blocks, weights, strict=True) if b.kind != "char"]
    exp_rows = (
        _stack_dense([b for b, _ in light], [w for _, w in light], tokenise(exp_texts))
        if exp_texts and light
        else []
    )
    # "matched" quotes the item's words that weigh most in that competency's own profile.
    comp_terms: list[dict[str, float]] = [{} for _ in docs]
    if blocks and blocks[0].kind == "word":
        inverse = {j: w for w, j in blocks[0].vocab.items()}
        for j, c in zip(*np.nonzero(profiles[0]), strict=True):
            comp_terms[c][inverse[j]] = float(profiles[0][j, c])
    return Model(
        names=framework.names,
        blocks=blocks,
        weights=weights,
        profiles=profiles,
        exp_texts=exp_texts,
        exp_comp=np.asarray([i for i, _ in exp], dtype=np.int64),
        exp_rows=exp_rows,
        comp_terms=comp_terms,
    )


def score_texts(model: Model, texts: list[str]) -> np.ndarray:
    """(items, competencies) cosine similarities."""
    return item_scores(model, tokenise(texts))[0]


def item_scores(model: Model, corpus: Corpus):
    """Cosine of each item with each profile, and the item's light (word, concept) rows.

    Word and concept blocks are exact sublinear tf-idf rows. The char-n-gram block is computed
    per word type instead of per item (the sum of the item's words' n-gram vectors, its norm
    taken as if different words shared no n-gram): 20,000 long items then cost a few bincounts
    over arrays as long as their words, and it is what the evaluation measures.

    A match with no meaningful word and no word family in common (only generic words or
    spelling fragments) is a weak match: its score is multiplied by WEAK_FACTOR.
    """
    n, n_comp = corpus.n_docs, len(model.names)
    strong = np.zeros((n, n_comp), dtype=bool)  # a meaningful word or a word family in common
    num = np.zeros((n, n_comp))
    denom = np.zeros(n)
    light = []
    for block, weight, profile in zip(model.blocks, model.weights, model.profiles, strict=True):
        if block.kind == "char":
            tmap = block.type_map(corpus.types)
            owner = np.repeat(np.arange(len(corpus.types)), np.diff(tmap.indptr))
            gram_w = block.idf[tmap.feat]
            type_part = _per_column_sums(owner, gram_w, profile, tmap.feat, len(corpus.types))
            type_norm2 = np.bincount(owner, weights=gram_w * gram_w, minlength=len(corpus.types))
            generic = np.array([concepts.is_generic(t) for t in corpus.types], dtype=bool)
            tf = (1.0 + np.log(corpus.cnt)) * np.where(generic, concepts.GENERIC_WEIGHT, 1.0)[corpus.typ]
            norm = np.sqrt(np.bincount(corpus.doc, weights=tf * tf * type_norm2[corpus.typ], minlength=n))
            part = _per_column_sums(corpus.doc, tf, type_part, corpus.typ, n)
        elif block.kind == "concept":
            rows = block.dense(corpus)
            light.append(("dense", rows * weight))
            norm = (rows.any(axis=1)).astype(float)
            part = rows @ profile
            strong |= part > 0
        else:
            doc, feat, val, has = block.sparse_rows(corpus)
            light.append(("sparse", (doc, feat, val * weight)))
            norm = has.astype(float)
            part = _per_column_sums(doc, val, profile, feat, n)
            meaningful = block.fweight is None or block.fweight[feat] == 1.0
            strong |= _per_column_sums(doc, val * meaningful, profile, feat, n) > 0
        ok = norm > 0
        num[ok] += weight * part[ok] / norm[ok, None]
        denom += weight * weight * ok
    scores = num / np.sqrt(np.maximum(denom, 1e-12))[:, None]
    scores *= np.where(strong, 1.0, WEAK_FACTOR)
    return np.clip(scores, 0.0, 1.0), light


MODELS: dict[str, Model] = {}


def model_for(framework: Framework) -> Model:
    """Fit once per framework content in this process (the app and the CLI call this a lot)."""
    from core.competencies.frameworks import framework_key

    key = framework_key(framework)
    if key not in MODELS:
        if len(MODELS) > 16:
            MODELS.clear()
        MODELS[key] = build_model(framework)
    return MODELS[key]
