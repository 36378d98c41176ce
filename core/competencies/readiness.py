"""Level readiness: for every expectation at the user's level and the next, the evidence that shows it.

The competency mapper says which competencies a story or quote counts for; this module goes one
step finer, to the framework's expectations (its behaviours per level). An item is evidence for an
expectation when it counts for that competency (the user's own choice first, as everywhere) and the
expectation is among the competency's expectations (at any level) it resembles most, clearly
enough. The user confirms or rejects each match (`Decisions`); a confirmed match stands even
where the mapper saw none, a rejected one never comes back. The app never picks a rating: this
only counts what is shown and lists what still has no evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np

from core.competencies.frameworks import ANY_LEVEL
from core.competencies.mapping import assigned, build_model, item_text, map_items, score_texts
from core.model import Competency, Evidence, Framework
from core.text import STOPWORDS, stem

# An expectation is shown when its score reaches FLOOR and is at least RATIO of the best score
# among the competency's expectations for that item (so a story lands on the one or two
# behaviours it is about, not on every behaviour of its competency). Set once, by hand, on the
# bundled samples; scripts/evaluate_readiness.py measures the ranking on third-party ladders.
FLOOR = 0.25
RATIO = 0.8
MAX_PER_ITEM = 2  # expectations of one competency one item can show
NO_EVIDENCE = "no evidence yet"
_WORD = re.compile(r"[A-Za-z0-9]+")

# {expectation key: {item id: True (confirmed) | False (rejected)}}
Decisions = dict[str, dict[str, bool]]


@dataclass(frozen=True)
class Expectation:
    competency: str
    level: str
    text: str

    @property
    def key(self) -> str:
        """Stable across sessions and framework edits that leave this behaviour's words alone."""
        return f"{self.competency}|{self.level}|{self.text}"


@dataclass(frozen=True)
class Match:
    """One item shown as evidence for one expectation; `why` is written when asked (a year of
    evidence has thousands of matches and a page shows a few)."""

    item_id: str
    kind: str  # "story" | "praise"
    score: float
    status: str = "suggested"  # "suggested" | "confirmed"
    item_words: str = field(default="", repr=False, compare=False)  # the item's text, for `why`
    expectation: str = field(default="", repr=False, compare=False)

    @property
    def why(self) -> str:
        if not self.item_words:
            return "you confirmed it"
        return _why(self.expectation, _stems(self.item_words), _stems(self.expectation))

    def as_dict(self) -> dict:
        return {
            "id": self.item_id,
            "kind": self.kind,
            "score": round(self.score, 3),
            "why": self.why,
            "status": self.status,
        }


@dataclass
class ExpectationEvidence:
    expectation: Expectation
    matches: list[Match] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # item ids the user said do not show it

    @property
    def shown(self) -> bool:
        return bool(self.matches)

    def as_dict(self) -> dict:
        return {
            "competency": self.expectation.competency,
            "level": self.expectation.level,
            "expectation": self.expectation.text,
            "key": self.expectation.key,
            "shown": self.shown,
            "evidence": [m.as_dict() for m in self.matches] or NO_EVIDENCE,
            "rejected": list(self.rejected),
        }


@dataclass
class CompetencyReadiness:
    competency: str
    levels: dict[str, list[ExpectationEvidence]]  # the user's level and the next, in order

    def counts(self, level: str) -> tuple[int, int]:
        rows = self.levels.get(level, [])
        return sum(r.shown for r in rows), len(rows)

    @property
    def summary(self) -> str:
        """'Execution: 5 of 6 expectations at Senior shown, 3 of 5 at Staff'."""
        parts = []
        for i, level in enumerate(self.levels):
            shown, total = self.counts(level)
            noun = " expectations" if i == 0 else ""
            parts.append(f"{shown} of {total}{noun} at {level}" + (" shown" if i == 0 else ""))
        return f"{self.competency}: " + ", ".join(parts) if parts else f"{self.competency}: no expectations"

    def gaps(self, level: str) -> list[Expectation]:
        return [r.expectation for r in self.levels.get(level, []) if not r.shown]

    def as_dict(self) -> dict:
        return {
            "competency": self.competency,
            "summary": self.summary,
            "levels": {
                level: {
                    "shown": self.counts(level)[0],
                    "total": self.counts(level)[1],
                    "expectations": [r.as_dict() for r in rows],
                }
                for level, rows in self.levels.items()
            },
        }


@dataclass
class Readiness:
    framework: str
    level: str
    next_level: str | None
    competencies: list[CompetencyReadiness]
    order: list[str] = field(default_factory=list)  # all the framework's levels, lowest first

    @property
    def levels(self) -> list[str]:
        return [lv for lv in (self.level, self.next_level) if lv]

    def for_competency(self, name: str) -> CompetencyReadiness | None:
        return next((c for c in self.competencies if c.competency == name), None)

    def gaps(self, level: str | None = None) -> list[Expectation]:
        """Expectations without evidence at `level` (default: the next level, else the user's)."""
        level = level or self.next_level or self.level
        return [e for c in self.competencies for e in c.gaps(level)]

    def as_dict(self) -> dict:
        return {
            "framework": self.framework,
            "level": self.level,
            "next_level": self.next_level,
            "competencies": [c.as_dict() for c in self.competencies],
            "gaps": [
                {"competency": e.competency, "level": e.level, "expectation": e.text}
                for lv in self.levels
                for e in self.gaps(lv)
            ],
        }


# --- levels --------------------------------------------------------------------------------------


def framework_levels(framework: Framework) -> list[str]:
    """The framework's levels in order (as declared, else as its expectations first name them)."""
    named = [lv for c in framework.competencies for lv in c.expectations if lv != ANY_LEVEL]
    return [lv for lv in dict.fromkeys([*framework.levels, *named]) if lv != ANY_LEVEL]


def next_level(framework: Framework, level: str) -> str | None:
    levels = framework_levels(framework)
    if level not in levels:
        raise ValueError(
            f"{level!r} is not a level of {framework.name} (levels: {', '.join(levels) or 'none'})"
        )
    i = levels.index(level)
    return levels[i + 1] if i + 1 < len(levels) else None


def expectations(framework: Framework, levels: list[str] | None = None) -> list[Expectation]:
    """Every expectation of the framework (at `levels` only, when given), competency by competency."""
    out = []
    for comp in framework.competencies:
        for level, texts in comp.expectations.items():
            if levels is None or level in levels:
                out += [Expectation(comp.name, level, t) for t in texts if t.strip()]
    return out


# --- scoring -------------------------------------------------------------------------------------


def _expectation_framework(framework: Framework, exps: list[Expectation]) -> Framework:
    """Each expectation as its own one-sentence 'competency', so the mapper's model scores it."""
    return Framework(
        name=f"{framework.name} (expectations)",
        competencies=[Competency(name=e.text, description=e.text) for e in exps],
    )


def expectation_scores(framework: Framework, exps: list[Expectation], texts: list[str]) -> np.ndarray:
    """(texts, expectations) similarity: the mapper's word, character and concept features,
    with each expectation's own sentence as its profile."""
    if not exps or not texts:
        return np.zeros((len(texts), len(exps)))
    model = build_model(_expectation_framework(framework, exps))
    return score_texts(model, texts)


def _why(expectation: str, item_words: dict[str, str], exp_stems: dict[str, str]) -> str:
    """'matched "mentored", "junior" with "<expectation>"': the item's own spelling of shared words."""
    shared = [item_words[s] for s in exp_stems if s in item_words]
    if shared:
        return "matched " + ", ".join(f'"{w}"' for w in shared[:4]) + f' with "{expectation}"'
    return f'resembles "{expectation}"'


def _stems(text: str) -> dict[str, str]:
    """{stem: the word as written} for the meaningful words of a text, first spelling kept."""
    out: dict[str, str] = {}
    for w in _WORD.findall(text):
        low = w.lower()
        if low not in STOPWORDS and len(low) > 2:
            out.setdefault(stem(low), w)
    return out


# --- readiness -----------------------------------------------------------------------------------


def suggest(
    items: list[Evidence], framework: Framework, assignments: dict[str, list[str]]
) -> dict[str, list[Match]]:
    """{expectation key: [Match]}: the mapper's side, before the user's level and verdicts.

    The costly part (every item against every expectation), so the app keeps it per data,
    framework and overrides while the level and the verdicts change."""
    items = list(items)
    every = expectations(framework)
    texts = [item_text(i) for i in items]
    scores = expectation_scores(framework, every, texts)
    by_comp: dict[str, list[int]] = {}
    for j, e in enumerate(every):
        by_comp.setdefault(e.competency, []).append(j)
    found: dict[str, list[Match]] = {}
    for row, item in enumerate(items):
        for comp in assignments.get(item.id, ()):
            cols = by_comp.get(comp, [])
            if not cols:
                continue
            sims = scores[row, cols]
            best = float(sims.max())
            if best < FLOOR:
                continue
            for k in np.argsort(-sims, kind="stable")[:MAX_PER_ITEM]:
                if sims[k] < max(FLOOR, RATIO * best):
                    break
                e = every[cols[int(k)]]
                match = Match(item.id, item.kind, float(sims[k]), item_words=texts[row], expectation=e.text)
                found.setdefault(e.key, []).append(match)
    return found


def readiness(
    items: list[Evidence],
    framework: Framework,
    level: str,
    overrides: dict[str, list[str]] | None = None,
    decisions: Decisions | None = None,
    assignments: dict[str, list[str]] | None = None,
    suggested: dict[str, list[Match]] | None = None,
) -> Readiness:
    """What the evidence shows of every expectation at `level` and the next one.

    `assignments` ({item id: [competency]}) and `suggested` (`suggest`'s result) may be given
    when the caller keeps them; otherwise they are computed, with the user's overrides.
    """
    upper = next_level(framework, level)
    wanted = [lv for lv in (level, upper) if lv]
    decisions = decisions or {}
    items = list(items)
    if suggested is None:
        if assignments is None:
            assignments = assigned(map_items(items, framework), overrides or {})
        suggested = suggest(items, framework, assignments)
    by_id = {i.id: i for i in items}
    comps = []
    for comp in framework.competencies:
        levels: dict[str, list[ExpectationEvidence]] = {}
        for lv in wanted:
            exps = [Expectation(comp.name, lv, t) for t in comp.expectations.get(lv, []) if t.strip()]
            levels[lv] = [_decide(e, suggested.get(e.key, []), decisions.get(e.key, {}), by_id) for e in exps]
        comps.append(CompetencyReadiness(comp.name, levels))
    return Readiness(framework.name, level, upper, comps, framework_levels(framework))


def _decide(
    e: Expectation, matches: list[Match], verdicts: dict[str, bool], by_id: dict
) -> ExpectationEvidence:
    """The user's word over the mapper's: confirmed first, rejected out, the rest by score."""
    kept = [
        replace(m, status="confirmed") if verdicts.get(m.item_id) else m
        for m in matches
        if verdicts.get(m.item_id) is not False
    ]
    seen = {m.item_id for m in kept}
    for item_id, ok in verdicts.items():
        if ok and item_id not in seen and item_id in by_id:
            kept.append(Match(item_id, by_id[item_id].kind, 0.0, "confirmed"))
    kept.sort(key=lambda m: (m.status != "confirmed", -m.score, m.item_id))
    rejected = [i for i, ok in verdicts.items() if ok is False]
    return ExpectationEvidence(e, kept, rejected)


def decide(decisions: Decisions, key: str, item_id: str, verdict: bool | None) -> Decisions:
    """A new Decisions with one verdict set (True confirm, False reject, None forget)."""
    out = {k: dict(v) for k, v in (decisions or {}).items()}
    row = out.setdefault(key, {})
    if verdict is None:
        row.pop(item_id, None)
    else:
        row[item_id] = bool(verdict)
    if not row:
        out.pop(key, None)
    return out
