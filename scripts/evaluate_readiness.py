"""Measure level readiness's matching at expectation granularity (competency AND level).

The data files are arguments, never copied into the repo (see ../shared/README.md):

  # 1. Snowflake: each example accomplishment against every signal (16 competencies x 5 levels x 3)
  python scripts/evaluate_readiness.py ../shared/data/snowflake-examples.csv \\
      --framework ../shared/data/snowflake-signals.csv
  # 2. Dropbox, leave one level out: statements of level L against the other levels' statements
  python scripts/evaluate_readiness.py ../shared/data/dropbox-software-engineer.csv --leave-one-level-out

Figures, per method:
- exact@1 / exact@3: the best (any of the 3 best) expectations has the right competency and the
  right level (task 1), or the right competency and a neighbouring level (task 2, where the
  item's own level is held out);
- level | comp: the competency known (as when the user confirmed it), the best of its
  expectations is at the right (task 1) or a neighbouring (task 2) level: what readiness counts;
- pipeline: the competency chosen by the mapper (top-1), then the expectation within it, which is
  what `core.competencies.readiness` does without the user's help.
Methods: keyword overlap (distinct shared words, the baseline) and Advocate's expectation scorer
(`core.competencies.readiness.expectation_scores`).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate_mapping import fold_framework, load_framework, read_rows

from core.competencies import mapping
from core.competencies.readiness import Expectation, expectation_scores, expectations
from core.model import Framework
from core.text import STOPWORDS


def keyword_overlap(framework: Framework, exps: list[Expectation], texts: list[str]) -> np.ndarray:
    def bag(text):
        return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS}

    profiles = [bag(e.text) for e in exps]
    return np.array([[len(bag(t) & p) for p in profiles] for t in texts], dtype=float)


def advocate(framework: Framework, exps: list[Expectation], texts: list[str]) -> np.ndarray:
    return expectation_scores(framework, exps, texts)


METHODS = {"keyword overlap (baseline)": keyword_overlap, "advocate": advocate}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


class Fold:
    """One framework, the texts to place, their gold competency and level, and what counts as right."""

    def __init__(self, framework: Framework, texts, comps, levels, order: list[str], adjacent: bool):
        self.framework, self.texts, self.comps, self.levels = framework, texts, comps, levels
        self.order, self.adjacent = order, adjacent
        self.exps = expectations(framework)

    def level_ok(self, gold: str, got: str) -> bool:
        if not self.adjacent:
            return got == gold
        return abs(self.order.index(got) - self.order.index(gold)) == 1

    def ok(self, i: int, e: Expectation) -> bool:
        return _key(e.competency) == _key(self.comps[i]) and self.level_ok(self.levels[i], e.level)


def score(fold: Fold, method) -> dict[str, int]:
    s = method(fold.framework, fold.exps, fold.texts)
    comp_of = np.array([_key(e.competency) for e in fold.exps])
    mapped = mapping.score_texts(mapping.build_model(fold.framework), fold.texts)
    names = [_key(n) for n in fold.framework.names]
    out = {"exact@1": 0, "exact@3": 0, "level | comp": 0, "pipeline": 0, "n": len(fold.texts)}
    for i in range(len(fold.texts)):
        order = np.argsort(-s[i], kind="stable")
        out["exact@1"] += fold.ok(i, fold.exps[order[0]])
        out["exact@3"] += any(fold.ok(i, fold.exps[j]) for j in order[:3])
        within = [j for j in order if comp_of[j] == _key(fold.comps[i])]
        out["level | comp"] += bool(within) and fold.ok(i, fold.exps[within[0]])
        top = names[int(np.argmax(mapped[i]))]
        chosen = [j for j in order if comp_of[j] == top]
        out["pipeline"] += bool(chosen) and fold.ok(i, fold.exps[chosen[0]])
    return out


def fold_of(framework, rows, order, adjacent: bool) -> Fold:
    """A fold scoring `rows` (text, competency, level) against `framework`."""
    texts, competencies, levels = ([r[key] for r in rows] for key in ("text", "competency", "level"))
    return Fold(framework, texts, competencies, levels, order, adjacent=adjacent)


def direct_folds(rows, framework_paths):
    framework = load_framework(framework_paths)
    order = list(dict.fromkeys(r["level"] for r in read_rows(framework_paths[-1])))
    yield fold_of(framework, rows, order, adjacent=False)


def leave_level_out_folds(rows, unseen_only: bool):
    order = list(dict.fromkeys(r["level"] for r in rows))
    for level in order:
        train = list(
            {(r["competency"], r["level"], r["text"]): r for r in rows if r["level"] != level}.values()
        )
        test = list({(r["competency"], r["text"]): r for r in rows if r["level"] == level}.values())
        if unseen_only:
            seen = {r["text"] for r in train}
            test = [r for r in test if r["text"] not in seen]
        framework = fold_framework(train)
        yield fold_of(framework, test, order, adjacent=True)


def evaluate(task: str, folds) -> list[tuple]:
    folds = [f for f in folds if f.texts]
    table = []
    for name, method in METHODS.items():
        total: dict[str, int] = {}
        for fold in folds:
            for k, v in score(fold, method).items():
                total[k] = total.get(k, 0) + v
        n = total["n"]
        table.append(
            (task, name, *(total[k] / n for k in ("exact@1", "exact@3", "level | comp", "pipeline")), n)
        )
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("labelled", type=Path, help="CSV with text, competency and level columns")
    parser.add_argument("--framework", type=Path, action="append", default=[], help="framework file(s)")
    parser.add_argument("--leave-one-level-out", action="store_true", help="task 2: hold out each level")
    args = parser.parse_args(argv)
    rows = read_rows(args.labelled)
    if not rows or not {"text", "competency", "level"} <= set(rows[0]):
        sys.exit(f"{args.labelled}: needs `text`, `competency` and `level` columns")
    if args.leave_one_level_out:
        table = evaluate("leave-one-level-out", leave_level_out_folds(rows, False))
        table += evaluate("leave-one-level-out, unseen texts", leave_level_out_folds(rows, True))
    else:
        if not args.framework:
            sys.exit("give --framework FILE unless --leave-one-level-out")
        table = evaluate("examples -> signals", direct_folds(rows, args.framework))
    print(f"{'task':34} {'method':27} {'exact@1':>8} {'exact@3':>8} {'lvl|comp':>8} {'pipeline':>8} {'n':>5}")
    for task, name, e1, e3, lc, pipe, n in table:
        print(f"{task:34} {name:27} {e1:8.3f} {e3:8.3f} {lc:8.3f} {pipe:8.3f} {n:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
