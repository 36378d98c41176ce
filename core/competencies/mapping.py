"""Map each story and praise quote to the competencies of the user's framework, and say why.

Method (chosen by measurement: `python scripts/evaluate_mapping.py --help`, figures in the README):
each competency becomes one profile built from its name, description, keywords and every
expectation; an item's text and each profile are vectors of three weighted blocks, and the
score is their cosine similarity (0..1):

- word stems (Snowball English, stop words dropped), sublinear tf x idf; generic verbs and
  incidental context ("wrote", "helped", "early", "hours") weigh a quarter;
- character 3-5-grams of the lower-cased text, so "deploy"/"deployment"/"redeployed" and
  typos still meet, sublinear tf x idf;
- workplace concepts: a small thesaurus of word families any career framework talks about
  (hiring, mentoring, incidents...; data/words/thesaurus.txt), so "interviewed candidates" can
  reach a "Recruiting" competency that never says "interview".

Before matching, compounds and phrases become single units ("on-call", "business hours", "end to
end": data/words/phrases.txt) and a person named as the beneficiary adds a mentoring signal
(core.competencies.concepts). The idf comes from the framework's own sentences (not from the
user's items), so an item's suggestions do not change when other items are added. The user's
own corrections, given as `examples`, add the competencies of the most similar corrected items
(core.competencies.learning). A story's Theme/Skill cell that names a competency puts it first,
saying so (core.competencies.hints). Modules: engine (vectors and scores), explain (reasons),
names (explicit labels), hints (theme cells), rules (what an item counts for), learning
(corrections).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from core.competencies.engine import (  # noqa: F401 - the mapper's public surface
    CHAR_N,
    WEIGHTS,
    build_model,
    competency_sentences,
    item_scores,
    item_text,
    model_for,
    score_texts,
    tokenise,
)
from core.competencies.explain import Explainer, Suggestion
from core.competencies.hints import HintMatcher, with_hints
from core.competencies.learning import Example, examples_from, learned_scores  # noqa: F401
from core.competencies.names import NameMatcher, match_competency  # noqa: F401
from core.competencies.rules import ACCEPT_FLOOR, ACCEPT_RATIO, accepted, assigned, assignment  # noqa: F401
from core.model import Framework, Praise, Story

MAX_SUGGESTIONS = 3


@dataclass
class ItemMapping:
    id: str
    confirmed: list[str]  # explicit competencies from the input, matched to framework names
    suggestions: list[Suggestion]  # best first
    unmatched: list[str] = field(default_factory=list)  # explicit names the framework lacks
    unmatched_hints: list[str] = field(default_factory=list)  # theme labels no competency fits


def map_items(
    items: Iterable[Story | Praise],
    framework: Framework,
    examples: list[Example] | None = None,
    texts: list[str] | None = None,
) -> dict[str, ItemMapping]:
    """Ranked suggestions (with reasons) and confirmed competencies for every item.

    `examples` are the user's confirmations and corrections (core.competencies.learning): each
    item's scores then also follow its nearest corrected items. `texts`: each item's item_text,
    when the caller has them already (core.competencies.mapbook keys items by them).
    """
    items = list(items)
    if not items or not framework.competencies:
        return {item.id: ItemMapping(item.id, [], []) for item in items}
    model = model_for(framework)
    corpus = tokenise(texts if texts is not None else [item_text(item) for item in items])
    scores, light = item_scores(model, corpus)
    if examples:
        scores = learned_scores(scores, corpus, examples, model.names)
    k = min(MAX_SUGGESTIONS, len(model.names))
    top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
    top_scores = np.round(np.take_along_axis(scores, top, axis=1), 4)
    explainer = Explainer(model, corpus, light)
    matcher = NameMatcher(framework.names)
    hints = HintMatcher(framework.names, matcher)
    out: dict[str, ItemMapping] = {}
    names = model.names
    rows = zip(items, top.tolist(), top_scores.tolist(), strict=True)
    for row, (item, comps, row_scores) in enumerate(rows):
        suggestions = [
            Suggestion(names[comp], score, None, explainer, row, comp)
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
        hinted, missed = hints.read(getattr(item, "theme", ""))
        if hinted:
            own = dict(zip(model.names, scores[row].tolist(), strict=True))
            suggestions = with_hints(suggestions, hinted, own, k)
        out[item.id] = ItemMapping(item.id, confirmed, suggestions, unmatched, missed)
    return out


def unmatched_names(mappings: dict[str, ItemMapping]) -> dict[str, list[str]]:
    """{a competency the input named that the framework lacks: [item ids]}, for the report."""
    return _by_label((item_id, m.unmatched) for item_id, m in mappings.items())


def unmatched_hints(mappings: dict[str, ItemMapping]) -> dict[str, list[str]]:
    """{a Theme/Skill label no competency of the framework fits: [item ids]}, for the report."""
    return _by_label((item_id, m.unmatched_hints) for item_id, m in mappings.items())


def _by_label(pairs) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item_id, labels in pairs:
        for label in labels:
            out.setdefault(label, []).append(item_id)
    return out
