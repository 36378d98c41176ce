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
suggestions do not change when other items are added. Everything is vectorised with numpy and
scipy.sparse (no scikit-learn import: it costs over a second of start-up), so 20,000 items map
in a fraction of a second.
"""

from __future__ import annotations

import difflib
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


@dataclass(frozen=True)
class Suggestion:
    competency: str
    score: float  # cosine similarity, 0..1
    why: str  # the words that matched and the expectation the item most resembles

    def as_dict(self) -> dict:
        return {"competency": self.competency, "score": round(self.score, 3), "why": self.why}


@dataclass
class ItemMapping:
    id: str
    confirmed: list[str]  # explicit competencies from the input, matched to framework names
    suggestions: list[Suggestion]  # best first
    unmatched: list[str] = field(default_factory=list)  # explicit names the framework lacks


# --- text features -----------------------------------------------------------------------------

STOPWORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "etc", "e.g", "eg", "ie", "via", "per", "within", "without", "across", "among", "upon", "onto", "one", "two", "three", "able", "well", "new", "make", "makes", "made", "use", "uses", "used", "using", "get", "gets", "got"]
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
    "consensus relationship relationships",
    "mentoring": "mentor mentored mentoring mentee coach coached coaching teach taught pair paired "
    "pairing onboard onboarded onboarding guide guided guidance advice advise sponsor tutor",
    "recruiting": "recruit recruiting recruiter hire hired hiring interview interviewed interviewing "
    "interviewer candidate candidates pipeline sourcing offer referral referrals talent headcount",
    "career": "career growth promotion promoted progression develop development feedback review "
    "reviews goals goal aspiration learning potential stretch",
    "wellbeing": "wellbeing well-being morale burnout happiness happy stress support supported "
    "supportive empathy empathetic care safety psychological trust belonging",
    "inclusion": "inclusion inclusive diversity diverse equity belonging underrepresented women "
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
    "scalability abstraction abstractions interface api apis schema modular component components",
    "reliability": "reliability incident incidents outage outages on-call oncall pager postmortem "
    "monitoring alert alerts alerting uptime sla slo latency resilience recover recovery failover",
    "performance": "performance performant faster speed speedup latency optimize optimized "
    "optimization efficient efficiency throughput memory cpu cache caching load",
    "security": "security secure vulnerability vulnerabilities auth authentication authorization "
    "encryption privacy compliance audit permissions threat",
    "data": "data analytics analysis analyze analysed analyzed metrics metric dashboard dashboards "
    "etl pipeline warehouse sql query queries experiment experiments ml machine model models",
    "mobile": "mobile ios android app apps iphone ipad swift kotlin objective-c native device "
    "devices tablet",
    "web": "web frontend front-end browser javascript typescript css html react page pages ui "
    "ux client-side dom font fonts",
    "backend": "backend back-end server servers service services microservice microservices "
    "endpoint endpoints go java database databases storage queue rpc proto protos",
    "infrastructure": "infrastructure infra cloud aws gcp azure kubernetes docker deploy deployment "
    "deployments ci cd build builds vpc terraform cluster clusters migration migrate migrated",
    "customer": "customer customers client clients user users support ticket tickets satisfaction "
    "nps churn renewal account accounts",
    "business": "business revenue cost costs savings profit market commercial sales growth "
    "roi budget pricing kpi kpis okr okrs",
    "strategy": "strategy strategic vision long-term direction roadmap bet bets initiative "
    "north-star mission",
    "innovation": "innovation innovate innovative prototype prototyped experiment invent invented "
    "novel new idea ideas creative hackathon pioneer pioneered explore",
    "initiative": "initiative proactive proactively volunteered proposed propose championed "
    "champion started drove drive driving self-directed unblocked",
    "ownership": "ownership own owned owner accountable accountability responsible responsibility "
    "follow-through commitment commitments caretaker",
    "leadership": "lead led leading leader leadership influence influenced inspire inspired "
    "rally decision decisions direction",
    "decision": "decision decisions decide decided tradeoff tradeoffs trade-off judgment judgement "
    "evaluate evaluated options data-driven",
    "people": "team teams report reports manager managers manage headcount staffing hire org "
    "organization organisation reorg structure structures",
    "performance_management": "performance review reviews calibration calibrated expectations "
    "underperformance feedback one-on-one 1:1 1-1 check-in",
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


def _normalise(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def _char_pairs(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(document index, n-gram code) for every character n-gram, without a per-gram Python loop.

    Codes pack up to five UTF-8 bytes and the length exactly into an int64, so there are no
    hash collisions to reason about.
    """
    encoded = [_normalise(t).encode("utf-8") for t in texts]
    lengths = np.fromiter((len(e) + 1 for e in encoded), dtype=np.int64, count=len(encoded))
    if not len(encoded):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    buf = np.frombuffer(b"\x00".join(encoded) + b"\x00", dtype=np.uint8).astype(np.int64)
    doc = np.repeat(np.arange(len(encoded)), lengths)
    sep = np.concatenate([[0], np.cumsum(buf == 0)])
    docs, codes = [], []
    lo, hi = CHAR_N
    for n in range(lo, hi + 1):
        m = len(buf) - n + 1
        if m <= 0:
            continue
        ok = (sep[n : n + m] - sep[:m]) == 0
        code = np.full(m, n << 40, dtype=np.int64)
        for k in range(n):
            code |= buf[k : k + m] << (8 * k)
        docs.append(doc[:m][ok])
        codes.append(code[ok])
    return np.concatenate(docs), np.concatenate(codes)


def _tfidf_rows(doc: np.ndarray, feat: np.ndarray, n_docs: int, idf: np.ndarray, n_feats: int):
    """Sparse rows of sublinear tf x idf, L2-normalised per document."""
    from scipy import sparse

    if len(doc):
        key = doc * n_feats + feat
        uniq, counts = np.unique(key, return_counts=True)
        rows, cols = uniq // n_feats, uniq % n_feats
        vals = (1.0 + np.log(counts)) * idf[cols]
    else:
        rows = cols = np.zeros(0, np.int64)
        vals = np.zeros(0)
    norms = np.sqrt(np.bincount(rows, weights=vals * vals, minlength=n_docs))
    norms[norms == 0] = 1.0
    vals = vals / norms[rows]
    return sparse.csr_matrix((vals, (rows, cols)), shape=(n_docs, n_feats))


@dataclass
class _Block:
    """One feature space (words, char n-grams or concepts): its vocabulary and idf."""

    kind: str
    vocab: object  # dict[str, int] for words/concepts; sorted np.ndarray of codes for chars
    idf: np.ndarray

    @property
    def size(self) -> int:
        return len(self.idf)


def _pairs(kind: str, texts: list[str], token_lists: list[list[str]] | None):
    if kind == "char":
        return _char_pairs(texts)
    docs, feats = [], []
    if kind == "word":
        for i, toks in enumerate(token_lists):
            docs += [i] * len(toks)
            feats += toks
    else:  # concept
        index, _ = _concept_index()
        for i, toks in enumerate(token_lists):
            for t in toks:
                for c in index.get(t, ()):
                    docs.append(i)
                    feats.append(c)
    return np.asarray(docs, dtype=np.int64), feats


def _fit_block(kind: str, texts: list[str], token_lists) -> _Block:
    docs, feats = _pairs(kind, texts, token_lists)
    n = len(texts)
    if kind == "char":
        vocab = np.unique(feats)
        ids = np.searchsorted(vocab, feats)
    elif kind == "word":
        vocab = {w: i for i, w in enumerate(dict.fromkeys(feats))}
        ids = np.fromiter((vocab[f] for f in feats), dtype=np.int64, count=len(feats))
    else:
        vocab = {name: i for i, name in enumerate(_concept_index()[1])}
        ids = np.asarray(feats, dtype=np.int64)
    size = len(vocab)
    df = np.bincount(np.unique(docs * max(size, 1) + ids) % max(size, 1), minlength=size) if len(ids) else np.zeros(size)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    return _Block(kind, vocab, idf)


def _transform(block: _Block, texts: list[str], token_lists):
    docs, feats = _pairs(block.kind, texts, token_lists)
    if block.kind == "char":
        vocab = block.vocab
        pos = np.searchsorted(vocab, feats)
        pos[pos >= len(vocab)] = 0
        known = vocab[pos] == feats if len(vocab) else np.zeros(len(feats), bool)
        return _tfidf_rows(docs[known], pos[known], len(texts), block.idf, block.size)
    if block.kind == "word":
        ids = np.fromiter((block.vocab.get(f, -1) for f in feats), dtype=np.int64, count=len(feats))
        known = ids >= 0
        return _tfidf_rows(docs[known], ids[known], len(texts), block.idf, block.size)
    return _tfidf_rows(docs, np.asarray(feats, dtype=np.int64), len(texts), block.idf, block.size)


# --- the model -----------------------------------------------------------------------------------


@dataclass
class _Model:
    names: list[str]
    blocks: list[_Block]
    weights: tuple[float, ...]
    profiles: np.ndarray  # (features, competencies), unit columns
    exp_texts: list[str]  # expectation sentences (and descriptions), for "resembles ..."
    exp_comp: np.ndarray  # competency index of each sentence
    exp_matrix: object  # sparse (sentences, features) in the same space
    comp_terms: list[dict[str, float]]  # stem -> weight in the profile, for "matched ..."


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


def build_model(framework: Framework, weights: tuple[float, ...] = WEIGHTS, kinds=("word", "char", "concept")):
    """Fit idf on the framework's sentences and build one profile per competency."""
    from scipy import sparse

    sentences = competency_sentences(framework)
    texts = [t for _, t in sentences]
    toks = [words(t) for t in texts]
    blocks = [_fit_block(kind, texts, toks) for kind in kinds]
    # Profile document: name and keywords twice (they are the framework's own summary).
    docs, doc_toks = [], []
    for comp in framework.competencies:
        parts = [comp.name, comp.name, comp.description, " ; ".join(comp.keywords), " ; ".join(comp.keywords)]
        parts += [t for texts_ in comp.expectations.values() for t in texts_]
        text = "\n".join(p for p in parts if p)
        docs.append(text)
        doc_toks.append(words(text))
    profiles = _stack(blocks, weights, docs, doc_toks).toarray().T
    profiles /= np.maximum(np.linalg.norm(profiles, axis=0, keepdims=True), 1e-12)
    exp = [(i, t) for i, t in sentences if t != framework.competencies[i].name]
    exp_texts = [t for _, t in exp]
    exp_matrix = _stack(blocks, weights, exp_texts, [words(t) for t in exp_texts]) if exp else sparse.csr_matrix((0, 1))
    word_block = next((b for b in blocks if b.kind == "word"), None)
    comp_terms = []
    for toks_ in doc_toks:
        terms: dict[str, float] = {}
        for t in toks_:
            if word_block is not None and t in word_block.vocab:
                terms[t] = float(word_block.idf[word_block.vocab[t]])
        comp_terms.append(terms)
    return _Model(
        names=framework.names,
        blocks=blocks,
        weights=weights,
        profiles=profiles,
        exp_texts=exp_texts,
        exp_comp=np.asarray([i for i, _ in exp], dtype=np.int64),
        exp_matrix=exp_matrix,
        comp_terms=comp_terms,
    )


def _stack(blocks, weights, texts, token_lists):
    """Weighted blocks side by side, each L2-normalised; the whole row normalised again."""
    from scipy import sparse

    parts = [_transform(b, texts, token_lists) * w for b, w in zip(blocks, weights, strict=True)]
    matrix = sparse.hstack(parts, format="csr")
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


def score_texts(model: _Model, texts: list[str]) -> np.ndarray:
    """(items, competencies) cosine similarities."""
    if not texts:
        return np.zeros((0, len(model.names)))
    matrix = _stack(model.blocks, model.weights, texts, [words(t) for t in texts])
    return np.clip(np.asarray(matrix @ model.profiles), 0.0, 1.0)


_MODELS: dict[str, _Model] = {}


def model_for(framework: Framework) -> _Model:
    """Fit once per framework content in this process (the app and the CLI call this a lot)."""
    from core.frameworks import framework_key

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
    texts = [item_text(item) for item in items]
    scores = score_texts(model, texts)
    k = min(MAX_SUGGESTIONS, len(model.names))
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    best_exp = _best_expectations(model, texts, top)
    matcher = NameMatcher(framework.names)
    out: dict[str, ItemMapping] = {}
    for row, item in enumerate(items):
        item_words = _surface_words(texts[row])
        suggestions = []
        for rank, comp in enumerate(top[row]):
            score = float(scores[row, comp])
            if score <= 0:
                break
            why = _why(model, int(comp), item_words, best_exp[row][rank])
            suggestions.append(Suggestion(model.names[comp], round(score, 4), why))
        confirmed, unmatched = [], []
        for raw in item.competencies:
            name = matcher.match(raw)
            if name is None:
                unmatched.append(raw)
            elif name not in confirmed:
                confirmed.append(name)
        out[item.id] = ItemMapping(item.id, confirmed, suggestions, unmatched)
    return out


def _best_expectations(model: _Model, texts: list[str], top: np.ndarray) -> list[list[str | None]]:
    """For each item and each suggested competency, the defining sentence it resembles most."""
    if not model.exp_texts:
        return [[None] * top.shape[1] for _ in texts]
    matrix = _stack(model.blocks, model.weights, texts, [words(t) for t in texts])
    sims = np.asarray((matrix @ model.exp_matrix.T).todense())  # (items, sentences)
    out: list[list[str | None]] = [[None] * top.shape[1] for _ in texts]
    for comp in np.unique(top):
        cols = np.flatnonzero(model.exp_comp == comp)
        if not len(cols):
            continue
        rows, ranks = np.nonzero(top == comp)
        best = cols[np.argmax(sims[np.ix_(rows, cols)], axis=1)]
        for r, rank, b in zip(rows.tolist(), ranks.tolist(), best.tolist(), strict=True):
            if sims[r, b] > 0:
                out[r][rank] = model.exp_texts[b]
    return out


def _surface_words(text: str) -> dict[str, str]:
    """stem -> the first word of the text that produced it, to quote the user's own words."""
    out: dict[str, str] = {}
    for w in _WORD.findall(text.lower()):
        if w not in STOPWORDS and len(w) > 1:
            out.setdefault(stem(w), w)
    return out


def _why(model: _Model, comp: int, item_words: dict[str, str], expectation: str | None) -> str:
    terms = model.comp_terms[comp]
    shared = sorted((s for s in item_words if s in terms), key=lambda s: -terms[s])[:4]
    parts = []
    if shared:
        parts.append("matched " + ", ".join(f'"{item_words[s]}"' for s in shared))
    else:
        concepts = _shared_concepts(item_words, terms)
        if concepts:
            parts.append("related ideas: " + ", ".join(concepts))
        else:
            parts.append("similar wording")
    if expectation:
        short = expectation if len(expectation) <= 110 else expectation[:107].rstrip() + "..."
        parts.append(f'resembles "{short}"')
    return "; ".join(parts)


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
        self._words = {n: [t for t in _tokens(n) if t not in _FILLER and t not in ("&", "+")] for n in self.names}

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

    def _initials(self, label: str) -> str | None:
        raw = label.strip().replace(".", "").replace("&", "")
        if not (2 <= len(raw) <= 5) or not raw.isalpha() or " " in raw:
            return None
        hits = [n for n, ws in self._words.items() if len(ws) >= 2 and "".join(w[0] for w in ws) == raw.lower()]
        return hits[0] if len(hits) == 1 else None


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def match_competency(label: str, names: list[str]) -> str | None:
    """The framework name a user's label means, or None (see NameMatcher for the rules)."""
    return NameMatcher(names).match(label)


# --- what each item counts for ---------------------------------------------------------------


def accepted(suggestions: list[Suggestion], floor: float = ACCEPT_FLOOR, ratio: float = ACCEPT_RATIO) -> list[str]:
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


def assigned(mappings: dict[str, ItemMapping], overrides: dict[str, list[str]] | None) -> dict[str, list[str]]:
    """The competencies each item counts for.

    The user's override wins (an empty list means "supports none"); else the competencies the
    input named explicitly (matched to the framework); else the accepted suggestions.
    """
    overrides = overrides or {}
    out: dict[str, list[str]] = {}
    for item_id, mapping in mappings.items():
        if item_id in overrides:
            out[item_id] = list(overrides[item_id])
        elif mapping.confirmed:
            out[item_id] = list(mapping.confirmed)
        else:
            out[item_id] = accepted(mapping.suggestions)
    return out
