"""Map each story and praise quote to the competencies of the user's framework, and say why.

Method (chosen by measurement: `python scripts/evaluate_mapping.py --help`, figures in the README):
each competency becomes one profile built from its name, description, keywords and every
expectation; an item's text and each profile are vectors of three weighted blocks, and the
score is their cosine similarity (0..1):

- word stems (a small suffix stripper, stop words dropped), sublinear tf x idf;
- character 3-5-grams of the lower-cased text, so "deploy"/"deployment"/"redeployed" and
  typos still meet, sublinear tf x idf;
- workplace concepts: a small hand-written thesaurus of word families any career framework
  talks about (hiring, mentoring, incidents...), so "interviewed candidates" can reach a
  "Recruiting" competency that never says "interview".

The idf comes from the framework's own sentences (not from the user's items), so an item's
suggestions do not change when other items are added. Everything is vectorised with numpy alone
(scikit-learn costs over a second of start-up, scipy.sparse a few hundred milliseconds, and the
draft command must handle 20,000 items in under 2 s whole-process); reasons are written lazily.
"""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from core.model import Framework, Praise, Story

# Block weights (word, char, concept) and the n-gram range, fixed by the evaluation script.
WEIGHTS = (1.0, 1.0, 0.7)
CHAR_N = (3, 5)
MAX_SUGGESTIONS = 3

# assigned(): a suggestion is accepted when it is the top one and scores at least ACCEPT_FLOOR,
# or when it scores at least ACCEPT_FLOOR and within ACCEPT_RATIO of the top score.
ACCEPT_FLOOR = 0.12
ACCEPT_RATIO = 0.85


class Suggestion:
    """One suggested competency: `competency`, `score` (cosine similarity, 0..1) and `why`.

    `why` (the words that matched and the expectation the item most resembles) is written on
    first read: mapping 20,000 items should not pay for 60,000 sentences nobody looks at.
    """

    __slots__ = ("_explain", "_why", "competency", "score")

    def __init__(self, competency: str, score: float, why: str | None = None, explain: tuple | None = None):
        self.competency = competency
        self.score = score
        self._why = why
        self._explain = explain  # (explainer, row, competency index)

    @property
    def why(self) -> str:
        if self._why is None:
            self._why = self._explain[0].why(*self._explain[1:]) if self._explain else ""
            self._explain = None
        return self._why

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
        self._explain = None


@dataclass
class ItemMapping:
    id: str
    confirmed: list[str]  # explicit competencies from the input, matched to framework names
    suggestions: list[Suggestion]  # best first
    unmatched: list[str] = field(default_factory=list)  # explicit names the framework lacks


# --- text features -----------------------------------------------------------------------------

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "etc",
        "e.g",
        "eg",
        "ie",
        "via",
        "per",
        "within",
        "without",
        "across",
        "among",
        "upon",
        "onto",
        "one",
        "two",
        "three",
        "able",
        "well",
        "new",
        "make",
        "makes",
        "made",
        "use",
        "uses",
        "used",
        "using",
        "get",
        "gets",
        "got",
    ]
)

_WORD = re.compile(r"[a-z0-9]+(?:[+#]+)?")
_SUFFIXES = (
    "ational", "ization", "isation", "fulness", "ousness", "iveness", "ements", "ement", "ments",
    "ment", "ations", "ation", "ities", "ity", "ings", "ing", "ness", "ives", "ive", "ers", "er",
    "ied", "ies", "ed", "es", "ly", "al", "s",
)  # fmt: skip


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "mentored"/"mentoring"/"mentors" at "mentor"."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ied", "ies"):
                base += "y"
            elif len(base) > 3 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]  # planned -> plan, shipping -> ship
            return base
    return word


def words(text: str) -> list[str]:
    """Stems of the meaningful words of a text, in order."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 1]


# Word families that career frameworks and accomplishment write-ups share. General workplace
# vocabulary, written for this project (not taken from any evaluation file); a concept fires
# when a text uses any of its words, after stemming.
CONCEPTS: dict[str, str] = {
    "communication": "communicate communication present presentation talk wrote write writing written "
    "document documentation doc docs email newsletter announce explain clarity clear audience "
    "update updates message listen listening articulate speak speaking",
    "collaboration": "collaborate collaboration partner partnered cross-team crossfunctional together "
    "teamwork alignment align aligned stakeholder stakeholders coordinate coordinated cooperation "
    "consensus",
    "mentoring": "mentor mentored mentoring mentee coach coached coaching teach taught pair paired "
    "pairing onboard onboarded onboarding guidance advice advise sponsor tutor",
    "recruiting": "recruit recruiting recruiter hire hired hiring interview interviewed interviewing "
    "interviewer candidate candidates pipeline sourcing offer referral referrals talent headcount",
    "career": "career growth promotion promoted progression develop development feedback review "
    "reviews goals goal aspiration learning potential stretch",
    "wellbeing": "wellbeing well-being morale burnout happy stress support supported "
    "supportive empathy empathetic care safety psychological trust belonging",
    "inclusion": "inclusion inclusive diversity diverse equity belonging underrepresented "
    "accessibility accessible",
    "community": "community culture event events meetup social volunteer volunteered ritual rituals "
    "celebrate celebration welcome values",
    "evangelism": "evangelism evangelize external conference blog blogged post posts published "
    "publish open-source opensource brand public audience speaker keynote podcast meetup",
    "delivery": "deliver delivered delivery ship shipped shipping launch launched release released "
    "deadline deadlines milestone milestones on-time complete completed execution execute",
    "planning": "plan planning planned roadmap scope scoped estimate estimates prioritize prioritise "
    "priorities priority sprint backlog schedule timeline tracking tracked dependencies risk risks",
    "project": "project projects program manage managed managing management coordinate kickoff "
    "status retrospective retro",
    "quality": "quality test tests testing tested bug bugs defect regression review reviewed "
    "readable maintainable clean refactor refactored lint reliable robust",
    "craft": "code coding craft implementation implement implemented engineering best practices "
    "pattern patterns library libraries framework tooling",
    "architecture": "architecture architect architected design designed system systems scalable "
    "scalability interface api apis schema modular component components",
    "reliability": "reliability incident incidents outage outages on-call oncall pager postmortem "
    "monitoring alert alerts alerting uptime sla slo latency resilience recover recovery failover",
    "performance": "performance performant faster speed speedup latency optimize optimized "
    "optimization efficient efficiency throughput memory cpu cache caching load",
    "security": "security secure vulnerability vulnerabilities auth authentication authorization "
    "encryption privacy compliance audit permissions threat",
    "data": "data analytics analysis analyze analysed analyzed metrics metric dashboard dashboards "
    "pipeline warehouse sql query queries experiment experiments ml machine model models",
    "mobile": "mobile ios android app apps iphone ipad swift kotlin objective-c native device devices tablet",
    "web": "web frontend front-end browser javascript typescript css html react page pages ui "
    "ux client-side dom",
    "backend": "backend back-end server servers service services microservice microservices "
    "endpoint endpoints golang java database databases storage queue rpc",
    "infrastructure": "infrastructure infra cloud aws gcp azure kubernetes docker deploy deployment "
    "deployments ci cd build builds terraform cluster clusters migration migrate migrated",
    "customer": "customer customers client clients user users support ticket tickets satisfaction "
    "nps churn renewal account accounts",
    "business": "business revenue cost costs savings profit market commercial sales growth "
    "roi budget pricing kpi kpis okr okrs",
    "strategy": "strategy strategic vision long-term direction roadmap bet bets initiative "
    "north-star mission",
    "innovation": "innovation innovate innovative prototype prototyped experiment invent invented "
    "novel new idea ideas creative hackathon explore",
    "initiative": "initiative proactive proactively volunteered proposed propose championed "
    "champion started drove drive driving self-directed unblocked",
    "ownership": "ownership own owned owner accountable accountability responsible responsibility "
    "follow-through commitment commitments",
    "leadership": "lead led leading leader leadership influence influenced inspire inspired "
    "rally decision decisions direction",
    "decision": "decision decisions decide decided tradeoff tradeoffs trade-off judgment judgement "
    "evaluate evaluated options data-driven",
    "people": "team teams report reports manager managers manage headcount staffing hire org "
    "organization organisation reorg structure structures",
    "performance_management": "performance review reviews expectations "
    "underperformance feedback one-on-one 1:1 1-1",
    "change": "change changes transition transformation adapt adapted adaptability ambiguity "
    "ambiguous uncertain pivot flexible agility agile",
    "impact": "impact impactful result results outcome outcomes value improved improve increase "
    "increased reduce reduced saved grew measurable",
    "problem_solving": "problem problems solve solved solution solutions debug debugged debugging "
    "root cause investigate investigated troubleshoot diagnose fix fixed",
    "learning": "learn learned learning course courses training trained study certification read "
    "reading curious curiosity skill skills",
    "process": "process processes workflow workflows standard standards guideline guidelines "
    "policy policies ritual checklist automation automate automated efficiency",
}


@lru_cache(maxsize=1)
def _concept_index() -> tuple[dict[str, list[int]], list[str]]:
    names = list(CONCEPTS)
    index: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        for raw in CONCEPTS[name].split():
            for token in words(raw.replace("-", " ")) if "-" in raw else words(raw):
                bucket = index.setdefault(token, [])
                if i not in bucket:
                    bucket.append(i)
    return index, names


_LOWER = np.zeros(256, dtype=np.uint8)  # byte -> lower-case word byte, 0 for separators
for _b in range(256):
    if chr(_b).isascii() and chr(_b).isalnum():
        _LOWER[_b] = ord(chr(_b).lower())
    elif _b >= 128:
        _LOWER[_b] = _b  # part of a UTF-8 letter


@dataclass
class _Corpus:
    """Texts as (document, word type, count) entries sorted by document; the types' spellings."""

    doc: np.ndarray
    typ: np.ndarray
    cnt: np.ndarray
    indptr: np.ndarray  # entries of document i: indptr[i]:indptr[i + 1]
    types: list[str]

    @property
    def n_docs(self) -> int:
        return len(self.indptr) - 1


def _tokenise(texts: list[str]) -> _Corpus:
    """Split every text into words with array operations, no per-word Python loop.

    Each word gets a 64-bit key (see _word_keys), so identical words meet in one np.unique;
    only the distinct word types are ever turned back into Python strings.
    """
    n = len(texts)
    encoded = [t.encode("utf-8", "replace") for t in texts]
    sizes = np.fromiter((len(e) + 1 for e in encoded), dtype=np.int64, count=n)
    raw = b"\x00".join(encoded) + b"\x00"
    buf = _LOWER[np.frombuffer(raw, dtype=np.uint8)]
    edge = np.diff((buf != 0).astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    empty = np.zeros(0, dtype=np.int64)
    if not len(starts):
        return _Corpus(empty, empty, np.zeros(0), np.zeros(n + 1, dtype=np.int64), [])
    _, first, type_of = np.unique(_word_keys(buf, starts, ends), return_index=True, return_inverse=True)
    lowered = buf.tobytes()
    types = [
        lowered[s:e].decode("utf-8", "replace")
        for s, e in zip(starts[first].tolist(), ends[first].tolist(), strict=True)
    ]
    doc_start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    doc = np.searchsorted(doc_start, starts, side="right") - 1
    n_types = len(types)
    keys, counts = np.unique(doc * n_types + type_of.ravel(), return_counts=True)
    doc, typ = keys // n_types, keys % n_types
    indptr = np.searchsorted(doc, np.arange(n + 1))
    return _Corpus(doc, typ, counts.astype(float), indptr, types)


def _word_keys(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """A 64-bit key per word: its first 16 bytes read as two little-endian words, mixed with
    its length (bytes past the word's end masked off).

    Words sharing their first 16 bytes and their length would share a key: rare enough for
    matching, and it costs two strided gathers instead of a per-word loop.
    """
    padded = np.concatenate([buf, np.zeros(24, dtype=np.uint8)])
    windows = np.ndarray(shape=(len(buf) + 16,), dtype="<u8", buffer=padded, strides=(1,))
    lengths = (ends - starts).astype(np.int64)
    key = np.zeros(len(starts), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset, mix in ((0, 1), (8, 0x9E3779B97F4A7C15)):
            take = np.clip(lengths - offset, 0, 8)
            mask = np.where(
                take >= 8,
                np.uint64(0xFFFFFFFFFFFFFFFF),
                (np.uint64(1) << (8 * take).astype(np.uint64)) - np.uint64(1),
            )
            key ^= (windows[starts + offset] & mask) * np.uint64(mix)
        return key ^ (lengths.astype(np.uint64) << np.uint64(56))


def _char_grams(word: str) -> list[str]:
    padded = f" {word} "
    lo, hi = CHAR_N
    return [padded[i : i + k] for k in range(lo, hi + 1) for i in range(len(padded) - k + 1)]


def _type_features(kind: str, word: str) -> list:
    """The features one word type contributes to a block (none for stop words)."""
    if word in STOPWORDS or len(word) < 2:
        return []
    if kind == "word":
        return [stem(word)]
    if kind == "char":
        return _char_grams(word)
    return _concept_index()[0].get(stem(word), [])


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

    @property
    def size(self) -> int:
        return len(self.idf)

    def type_map(self, types: list[str]) -> _TypeMap:
        lengths, feats = [], []
        get = self.vocab.get
        for word in types:
            known = [j for f in _type_features(self.kind, word) if (j := get(f)) is not None]
            lengths.append(len(known))
            feats += known
        indptr = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])
        return _TypeMap(indptr, np.asarray(feats, dtype=np.int64))

    def entries(self, corpus: _Corpus, tmap: _TypeMap | None = None):
        """(document, feature, count) for every feature occurrence, documents in order."""
        tmap = tmap or self.type_map(corpus.types)
        per = np.diff(tmap.indptr)[corpus.typ]
        total = int(per.sum())
        first = np.repeat(tmap.indptr[corpus.typ], per)
        offset = np.arange(total) - np.repeat(np.cumsum(per) - per, per)
        return np.repeat(corpus.doc, per), tmap.feat[first + offset], np.repeat(corpus.cnt, per)

    def dense(self, corpus: _Corpus) -> np.ndarray:
        """Exact sublinear tf x idf rows, L2-normalised, as a dense (documents x features) array."""
        doc, feat, cnt = self.entries(corpus)
        tf = np.bincount(doc * self.size + feat, weights=cnt, minlength=corpus.n_docs * self.size)
        tf = tf.astype(float).reshape(corpus.n_docs, self.size)
        out = np.zeros_like(tf)
        np.log(tf, out=out, where=tf > 0)
        out = np.where(tf > 0, (1.0 + out) * self.idf, 0.0)
        return _unit_rows(out)

    def sparse_rows(self, corpus: _Corpus):
        """The same rows as (document, feature, value) entries, for large item sets."""
        doc, feat, cnt = self.entries(corpus)
        keys, inverse = np.unique(doc * self.size + feat, return_inverse=True)
        tf = np.bincount(inverse.ravel(), weights=cnt)
        doc, feat = keys // self.size, keys % self.size
        val = (1.0 + np.log(tf)) * self.idf[feat]
        norm = np.sqrt(np.bincount(doc, weights=val * val, minlength=corpus.n_docs))
        return doc, feat, val / np.where(norm > 0, norm, 1.0)[doc], norm > 0


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def _fit_block(kind: str, corpus: _Corpus) -> _Block:
    if kind == "concept":
        vocab = {i: i for i in range(len(_concept_index()[1]))}
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
    return block


def _per_column_sums(rows: np.ndarray, weights: np.ndarray, table: np.ndarray, cols: np.ndarray, n: int):
    """out[r, c] = sum of weights * table[cols, c] over entries of row r (one bincount per column)."""
    out = np.empty((n, table.shape[1]))
    for c in range(table.shape[1]):
        out[:, c] = np.bincount(rows, weights=weights * table[cols, c], minlength=n)
    return out


# --- the model -----------------------------------------------------------------------------------


@dataclass
class _Model:
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


def _stack_dense(blocks, weights, corpus: _Corpus) -> list[np.ndarray]:
    """Each block's unit rows times its weight, the whole row then normalised: one array per block."""
    parts = [b.dense(corpus) * w for b, w in zip(blocks, weights, strict=True)]
    total = np.sqrt(sum((p * p).sum(axis=1) for p in parts))
    total = np.where(total > 0, total, 1.0)[:, None]
    return [p / total for p in parts]


def build_model(
    framework: Framework, weights: tuple[float, ...] = WEIGHTS, kinds=("word", "char", "concept")
) -> _Model:
    """Fit idf on the framework's sentences and build one profile per competency."""
    sentences = competency_sentences(framework)
    corpus = _tokenise([t for _, t in sentences])
    blocks = [_fit_block(kind, corpus) for kind in kinds]
    # Profile document: name and keywords twice (they are the framework's own summary).
    docs = []
    for comp in framework.competencies:
        parts = [comp.name, comp.name, comp.description, " ; ".join(comp.keywords), " ; ".join(comp.keywords)]
        parts += [t for texts_ in comp.expectations.values() for t in texts_]
        docs.append("\n".join(p for p in parts if p))
    profiles = [p.T.copy() for p in _stack_dense(blocks, weights, _tokenise(docs))]
    keyword_lines = {" ; ".join(c.keywords) for c in framework.competencies if c.keywords}
    exp = [(i, t) for i, t in sentences if t != framework.competencies[i].name and t not in keyword_lines]
    exp_texts = [t for _, t in exp]
    light = [(b, w) for b, w in zip(blocks, weights, strict=True) if b.kind != "char"]
    exp_rows = (
        _stack_dense([b for b, _ in light], [w for _, w in light], _tokenise(exp_texts))
        if exp_texts and light
        else []
    )
    # "matched" quotes the item's words that weigh most in that competency's own profile.
    comp_terms: list[dict[str, float]] = [{} for _ in docs]
    if blocks and blocks[0].kind == "word":
        inverse = {j: w for w, j in blocks[0].vocab.items()}
        for j, c in zip(*np.nonzero(profiles[0]), strict=True):
            comp_terms[c][inverse[j]] = float(profiles[0][j, c])
    return _Model(
        names=framework.names,
        blocks=blocks,
        weights=weights,
        profiles=profiles,
        exp_texts=exp_texts,
        exp_comp=np.asarray([i for i, _ in exp], dtype=np.int64),
        exp_rows=exp_rows,
        comp_terms=comp_terms,
    )


def score_texts(model: _Model, texts: list[str]) -> np.ndarray:
    """(items, competencies) cosine similarities."""
    return _item_scores(model, _tokenise(texts))[0]


def _item_scores(model: _Model, corpus: _Corpus):
    """Cosine of each item with each profile, and the item's light (word, concept) rows.

    Word and concept blocks are exact sublinear tf-idf rows. The char-n-gram block is computed
    per word type instead of per item (the sum of the item's words' n-gram vectors, its norm
    taken as if different words shared no n-gram): 20,000 long items then cost a few bincounts
    over arrays as long as their words, and it is what the evaluation measures.
    """
    n, n_comp = corpus.n_docs, len(model.names)
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
            tf = 1.0 + np.log(corpus.cnt)
            norm = np.sqrt(np.bincount(corpus.doc, weights=tf * tf * type_norm2[corpus.typ], minlength=n))
            part = _per_column_sums(corpus.doc, tf, type_part, corpus.typ, n)
        elif block.kind == "concept":
            rows = block.dense(corpus)
            light.append(("dense", rows * weight))
            norm = (rows.any(axis=1)).astype(float)
            part = rows @ profile
        else:
            doc, feat, val, has = block.sparse_rows(corpus)
            light.append(("sparse", (doc, feat, val * weight)))
            norm = has.astype(float)
            part = _per_column_sums(doc, val, profile, feat, n)
        ok = norm > 0
        num[ok] += weight * part[ok] / norm[ok, None]
        denom += weight * weight * ok
    scores = num / np.sqrt(np.maximum(denom, 1e-12))[:, None]
    return np.clip(scores, 0.0, 1.0), light


_MODELS: dict[str, _Model] = {}


def model_for(framework: Framework) -> _Model:
    """Fit once per framework content in this process (the app and the CLI call this a lot)."""
    from core.competencies.frameworks import framework_key

    key = framework_key(framework)
    if key not in _MODELS:
        if len(_MODELS) > 16:
            _MODELS.clear()
        _MODELS[key] = build_model(framework)
    return _MODELS[key]


# --- mapping -------------------------------------------------------------------------------------


def item_text(item: Story | Praise) -> str:
    """What an item says, for matching: a story's words plus its tags and project."""
    if isinstance(item, Story):
        return "\n".join(p for p in (item.text, " ".join(item.tags), item.project) if p)
    return item.text


def map_items(items: Iterable[Story | Praise], framework: Framework) -> dict[str, ItemMapping]:
    """Ranked suggestions (with reasons) and confirmed competencies for every item."""
    items = list(items)
    if not items or not framework.competencies:
        return {item.id: ItemMapping(item.id, [], []) for item in items}
    model = model_for(framework)
    corpus = _tokenise([item_text(item) for item in items])
    scores, light = _item_scores(model, corpus)
    k = min(MAX_SUGGESTIONS, len(model.names))
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    top_scores = np.round(np.take_along_axis(scores, top, axis=1), 4)
    explainer = _Explainer(model, corpus, light)
    matcher = NameMatcher(framework.names)
    # Tens of thousands of small objects: the cyclic GC would rescan them many times over.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_mappings(items, top.tolist(), top_scores.tolist(), model.names, explainer, matcher)
    finally:
        if gc_was_enabled:
            gc.enable()


def _build_mappings(items, top, top_scores, names, explainer, matcher) -> dict[str, ItemMapping]:
    out: dict[str, ItemMapping] = {}
    for row, (item, comps, row_scores) in enumerate(zip(items, top, top_scores, strict=True)):
        suggestions = [
            Suggestion(names[comp], score, explain=(explainer, row, comp))
            for comp, score in zip(comps, row_scores, strict=True)
            if score > 0
        ]
        confirmed, unmatched = [], []
        for raw in item.competencies:
            name = matcher.match(raw)
            if name is None:
                unmatched.append(raw)
            elif name not in confirmed:
                confirmed.append(name)
        out[item.id] = ItemMapping(item.id, confirmed, suggestions, unmatched)
    return out


class _Explainer:
    """Writes a suggestion's reason on demand from what one map_items call computed.

    The three suggestions of an item are usually read together, so the item's words and its
    similarity to every defining sentence are kept for the last item asked about.
    """

    def __init__(self, model: _Model, corpus: _Corpus, light: list):
        self.model, self.corpus, self.light = model, corpus, light
        self._stems: list[str] | None = None
        self._sparse_ptr: np.ndarray | None = None
        self._row = -1
        self._words: dict[str, str] = {}
        self._sims = np.zeros(0)

    def _load(self, row: int) -> None:
        if row == self._row:
            return
        c = self.corpus
        if self._stems is None:
            self._stems = [stem(w) if w not in STOPWORDS and len(w) > 1 else "" for w in c.types]
        words: dict[str, str] = {}
        for t in c.typ[c.indptr[row] : c.indptr[row + 1]].tolist():
            if self._stems[t]:
                words.setdefault(self._stems[t], c.types[t])
        sims = np.zeros(len(self.model.exp_texts))
        for (kind, data), rows in zip(self.light, self.model.exp_rows, strict=False):
            if kind == "dense":
                sims += rows @ data[row]
            else:
                doc, feat, val = data
                if self._sparse_ptr is None:
                    self._sparse_ptr = np.searchsorted(doc, np.arange(c.n_docs + 1))
                a, b = self._sparse_ptr[row], self._sparse_ptr[row + 1]
                sims += rows[:, feat[a:b]] @ val[a:b]
        self._row, self._words, self._sims = row, words, sims

    def item_words(self, row: int) -> dict[str, str]:
        """stem -> the item's own spelling, for its meaningful words."""
        self._load(row)
        return self._words

    def best_expectation(self, row: int, comp: int) -> str | None:
        """The sentence of `comp` most like the item (word and concept blocks), if any is."""
        cols = self.model.exp_cols[comp]
        if not len(cols) or not self.model.exp_rows:
            return None
        self._load(row)
        sims = self._sims[cols]
        best = int(np.argmax(sims))
        return self.model.exp_texts[cols[best]] if sims[best] > 0 else None

    def why(self, row: int, comp: int) -> str:
        return _why(self.model, comp, self.item_words(row), self.best_expectation(row, comp))


def _why(model: _Model, comp: int, item_words: dict[str, str], expectation: str | None) -> str:
    terms = model.comp_terms[comp]
    shared = sorted((s for s in item_words if s in terms), key=terms.__getitem__, reverse=True)[:4]
    if shared:
        head = "matched " + ", ".join(f'"{item_words[s]}"' for s in shared)
    elif near := _near_words(item_words, terms):
        head = "similar words " + ", ".join(f'"{item_words[s]}"' for s in near)
    else:
        concepts = _shared_concepts(item_words, terms)
        head = "related ideas: " + ", ".join(concepts) if concepts else "similar wording"
    if not expectation:
        return head
    short = expectation if len(expectation) <= 110 else expectation[:107].rstrip() + "..."
    return f'{head}; resembles "{short}"'


def _near_words(item_words: dict[str, str], terms: dict[str, float]) -> list[str]:
    """Item stems sharing their first five letters with a competency term ("communicated")."""
    heads = {t[:5]: w for t, w in terms.items() if len(t) >= 5}
    near = [(heads[s[:5]], s) for s in item_words if len(s) >= 5 and s[:5] in heads]
    return [s for _, s in sorted(near, reverse=True)[:3]]


def _shared_concepts(item_words: dict[str, str], terms: dict[str, float]) -> list[str]:
    index, names = _concept_index()
    mine = {c for s in item_words for c in index.get(s, ())}
    theirs = {c for s in terms for c in index.get(s, ())}
    return [names[c].replace("_", " ") for c in sorted(mine & theirs)][:3]


# --- explicit competencies ---------------------------------------------------------------------

ABBREVIATIONS = {
    "comms": "communication", "comm": "communication", "communications": "communication",
    "tech": "technical", "eng": "engineering", "mgmt": "management", "mgr": "manager",
    "dev": "development", "devel": "development", "exec": "execution", "collab": "collaboration",
    "cust": "customer", "org": "organizational", "ops": "operations", "arch": "architecture",
    "biz": "business", "strat": "strategy", "perf": "performance", "qual": "quality",
    "mentor": "mentorship", "mentoring": "mentorship", "ldr": "leadership", "lead": "leadership",
    "pm": "project management", "proj": "project", "prod": "product", "infra": "infrastructure",
    "sec": "security", "xfn": "cross functional", "cx": "customer experience", "ux": "user experience",
    "&": "and", "+": "and",
}  # fmt: skip
_FILLER = {"and", "of", "the", "for", "to", "in", "a"}


def _tokens(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+|&|\+", name.lower())


def _key(name: str) -> str:
    return "".join(t for t in _tokens(name) if t not in ("&", "+", "and"))


class NameMatcher:
    """Match a user's competency label to a framework name, tolerating how people write them.

    Tries, in order: exact (ignoring case, spacing and punctuation); abbreviations expanded
    ("Comms", "Tech excellence"); word prefixes ("Comm", "Tech excel."); initials ("TE");
    small typos (difflib ratio >= 0.8). A label matching several names equally is not guessed.
    """

    def __init__(self, names: list[str]):
        self.names = list(names)
        self._keys = {_key(n): n for n in self.names}
        self._words = {
            n: [t for t in _tokens(n) if t not in _FILLER and t not in ("&", "+")] for n in self.names
        }

    @lru_cache(maxsize=4096)  # noqa: B019 - one matcher per mapping run, labels repeat a lot
    def match(self, label: str) -> str | None:
        if not label or not label.strip():
            return None
        key = _key(label)
        if key in self._keys:
            return self._keys[key]
        expanded = " ".join(ABBREVIATIONS.get(t, t) for t in _tokens(label))
        if _key(expanded) in self._keys:
            return self._keys[_key(expanded)]
        for candidate in (self._prefix(expanded), self._prefix(label), self._initials(label)):
            if candidate:
                return candidate
        for given in (label, expanded):
            hits = self._subset(given)
            if len(hits) == 1:
                return hits[0]
            if len(hits) > 1:  # a word several names share ("leadership"): do not guess
                return None
        close = difflib.get_close_matches(key, list(self._keys), n=2, cutoff=0.8)
        if len(close) == 1 or (len(close) == 2 and _ratio(key, close[0]) > _ratio(key, close[1])):
            return self._keys[close[0]]
        close = difflib.get_close_matches(_key(expanded), list(self._keys), n=1, cutoff=0.8)
        return self._keys[close[0]] if close else None

    def _prefix(self, label: str) -> str | None:
        given = [t for t in _tokens(label) if t not in _FILLER and t not in ("&", "+")]
        if not given or (min(len(t) for t in given) < 3 and len(given) == 1):
            return None
        hits = [
            n
            for n, ws in self._words.items()
            if len(given) <= len(ws)
            and all(w.startswith(g) for g, w in zip(given, ws, strict=False))
            and (len(given) == len(ws) or len(given[0]) >= 4)
        ]
        return hits[0] if len(hits) == 1 else None

    def _subset(self, label: str) -> list[str]:
        """Names in which every word given (4+ letters) starts, or nearly is, one of the words:
        "mentoring" -> "Leadership & mentoring", "Delivery" -> "Delivering results"."""
        given = [t for t in _tokens(label) if t not in _FILLER and t not in ("&", "+")]
        if not given or any(len(g) < 4 for g in given):
            return []
        return [n for n, ws in self._words.items() if all(any(_word_like(g, w) for w in ws) for g in given)]

    def _initials(self, label: str) -> str | None:
        raw = label.strip().replace(".", "").replace("&", "")
        if not (2 <= len(raw) <= 5) or not raw.isalpha() or " " in raw:
            return None
        hits = [
            n for n, ws in self._words.items() if len(ws) >= 2 and "".join(w[0] for w in ws) == raw.lower()
        ]
        return hits[0] if len(hits) == 1 else None


def _word_like(given: str, word: str) -> bool:
    if word.startswith(given):
        return True
    common = next(
        (i for i, (a, b) in enumerate(zip(given, word, strict=False)) if a != b), min(len(given), len(word))
    )
    return common >= 5 and common >= 0.8 * min(len(given), len(word))


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def match_competency(label: str, names: list[str]) -> str | None:
    """The framework name a user's label means, or None (see NameMatcher for the rules)."""
    return NameMatcher(names).match(label)


# --- what each item counts for ---------------------------------------------------------------


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
