"""Measure how often the mapper puts a labelled text on its right competency (top-1 / top-3).

Two tasks (see ../shared/README.md); the data files are arguments, never copied in the repo:

  # 1. definitions -> examples: framework from definitions (+ signals), map labelled examples
  python scripts/evaluate_mapping.py ../shared/data/snowflake-examples.csv \\
      --framework ../shared/data/snowflake-tracks.csv --framework ../shared/data/snowflake-signals.csv
  # 2. leave one level out: framework from the other levels' statements, map level L's
  python scripts/evaluate_mapping.py ../shared/data/dropbox-software-engineer.csv --leave-one-level-out

  # 3. the project's labelled stories and quotes (tests/fixtures/mapping_corpus/), per built-in
  #    framework, then the learning curve: k items corrected by the user, the rest scored
  python scripts/evaluate_mapping.py --corpus tests/fixtures/mapping_corpus

The labelled CSV needs `text` and `competency` columns (and `level` for task 2); the corpus CSVs
have `id,kind,framework,text,acceptable` (a hit is any acceptable competency). Methods: a
plain keyword-overlap baseline, a char-n-gram TF-IDF centroid (scikit-learn, the issue's
reference), the shipped method (core.competencies.mapping) and, with --ablation, its parts.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.competencies import mapping
from core.competencies.frameworks import merge_frameworks, parse_framework
from core.model import Framework
from core.text import STOPWORDS


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def load_framework(paths: list[Path]) -> Framework:
    frameworks = []
    for path in paths:
        framework, problems = parse_framework(path.name, path.read_bytes())
        errors = [p for p in problems if p.severity == "error"]
        if framework is None or errors:
            sys.exit(f"{path}: {errors[0].message if errors else 'unreadable'}")
        frameworks.append(framework)
    return frameworks[0] if len(frameworks) == 1 else merge_frameworks(frameworks[0].name, frameworks)


def profile_docs(framework: Framework) -> list[str]:
    by = {}
    for i, text in mapping.competency_sentences(framework):
        by.setdefault(i, []).append(text)
    return [" \n".join(by.get(i, [])) for i in range(len(framework.competencies))]


# --- methods: each returns an (items, competencies) score matrix ---------------------------------


def keyword_overlap(framework: Framework, texts: list[str]) -> np.ndarray:
    """Count of distinct lower-cased words (stop words removed) shared with the competency."""

    def bag(text):
        return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS}

    profiles = [bag(doc) for doc in profile_docs(framework)]
    return np.array([[len(bag(t) & p) for p in profiles] for t in texts], dtype=float)


def char_tfidf(framework: Framework, texts: list[str]) -> np.ndarray:
    """The reference: char_wb 2-5-gram TF-IDF, cosine to each competency's concatenated text."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    profiles = vec.fit_transform(profile_docs(framework))
    return (vec.transform(texts) @ profiles.T).toarray()


def shipped(framework: Framework, texts: list[str], **kw) -> np.ndarray:
    model = mapping.build_model(framework, **kw) if kw else mapping.build_model(framework)
    return mapping.score_texts(model, texts)


METHODS = {
    "keyword overlap (baseline)": keyword_overlap,
    "char n-gram TF-IDF (reference)": char_tfidf,
    "advocate (core.competencies.mapping)": shipped,
}
ABLATIONS = {
    "  words only": lambda f, t: shipped(f, t, kinds=("word",), weights=(1.0,)),
    "  chars only": lambda f, t: shipped(f, t, kinds=("char",), weights=(1.0,)),
    "  words + chars": lambda f, t: shipped(f, t, kinds=("word", "char"), weights=(1.0, 1.0)),
    "  concepts only": lambda f, t: shipped(f, t, kinds=("concept",), weights=(1.0,)),
    "  concept weight 0.4": lambda f, t: shipped(f, t, weights=(1.0, 1.0, 0.4)),
    "  concept weight 1.0": lambda f, t: shipped(f, t, weights=(1.0, 1.0, 1.0)),
}


def hits(framework: Framework, scores: np.ndarray, gold: list[str]) -> tuple[int, int]:
    index = {mapping_key(n): i for i, n in enumerate(framework.names)}
    gold_ix = np.array([index.get(mapping_key(g), -1) for g in gold])
    order = np.argsort(-scores, axis=1, kind="stable")
    return int((order[:, 0] == gold_ix).sum()), int((order[:, :3] == gold_ix[:, None]).any(axis=1).sum())


def mapping_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def print_table(table) -> None:
    print(f"{'task':36} {'method':32} {'top-1':>6} {'top-3':>6} {'n':>5}")
    for task, name, top1, top3, n in table:
        print(f"{task:36} {name:32} {top1:6.3f} {top3:6.3f} {n:5d}")


def folds_direct(rows, framework_paths):
    framework = load_framework(framework_paths)
    yield framework, [r["text"] for r in rows], [r["competency"] for r in rows]


def folds_leave_level_out(rows, unseen_only: bool):
    """Per level L: framework = other levels' statements, de-duplicated on (competency, text)."""
    levels = list(dict.fromkeys(r["level"] for r in rows))
    for level in levels:
        train = list({(r["competency"], r["text"]): r for r in rows if r["level"] != level}.values())
        test = list({(r["competency"], r["text"]): r for r in rows if r["level"] == level}.values())
        if unseen_only:
            seen = {r["text"] for r in train}
            test = [r for r in test if r["text"] not in seen]
        yield fold_framework(train), [r["text"] for r in test], [r["competency"] for r in test]


def fold_framework(train: list[dict]) -> Framework:
    """The framework a fold trains on: its (competency, level, text) rows read as a CSV framework."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["competency", "level", "expectation"])
    writer.writerows([r["competency"], r["level"], r["text"]] for r in train)
    framework, _ = parse_framework("fold.csv", out.getvalue().encode("utf-8"))
    return framework


def evaluate(task: str, folds, methods) -> list[tuple[str, str, float, float, int]]:
    folds = list(folds)
    table = []
    for name, method in methods.items():
        top1 = top3 = n = 0
        for framework, texts, gold in folds:
            if not texts:
                continue
            a, b = hits(framework, method(framework, texts), gold)
            top1, top3, n = top1 + a, top3 + b, n + len(texts)
        table.append((task, name, top1 / n, top3 / n, n))
    return table


# --- the labelled corpus and the learning curve ---------------------------------------------------

CURVE = (0, 3, 10)
CURVE_ROUNDS = 20  # random choices of the corrected items per framework and k


def corpus_rows(folder: Path) -> list[dict]:
    return [row for path in sorted(folder.glob("*.csv")) for row in read_rows(path)]


def corpus_item(row: dict):
    """A corpus row as the user would have logged it: a CAR story or a praise quote."""
    import datetime as dt

    from core.model import Praise, Story

    day = dt.date(2026, 6, 1)
    if row["kind"] == "praise":
        return Praise(id=row["id"], date=day, text=row["text"])
    challenge, action, result = ([*row["text"].split(" | "), "", ""])[:3]
    return Story(id=row["id"], date=day, title="", challenge=challenge, action=action, result=result)


def corpus_hits(
    rows: list[dict], framework: Framework, corrected=frozenset(), learn: bool = True
) -> tuple[int, int, int, list]:
    """(top-1 hits, top-3 hits, n, ids missed at top-1) on the rows not corrected; corrected rows
    teach the mapper."""
    items = [corpus_item(r) for r in rows]
    examples = [
        mapping.Example(mapping.item_text(item), tuple(r["acceptable"].split(";")))
        for item, r in zip(items, rows, strict=True)
        if r["id"] in corrected
    ]
    kwargs = {"examples": examples} if examples and learn else {}
    mapped = mapping.map_items(items, framework, **kwargs)
    top1 = top3 = n = 0
    missed = []
    for r in rows:
        if r["id"] in corrected:
            continue
        ranked = [s.competency for s in mapped[r["id"]].suggestions]
        ok = set(r["acceptable"].split(";"))
        top1 += bool(ranked[:1]) and ranked[0] in ok
        top3 += any(c in ok for c in ranked[:3])
        n += 1
        if not (ranked[:1] and ranked[0] in ok):
            missed.append(r["id"])
    return top1, top3, n, missed


def evaluate_corpus(folder: Path, curve: bool) -> list[tuple[str, str, float, float, int]]:
    """Per framework: top-1/top-3 with k = 0, 3, 10 corrections. The user corrects k of the items
    the mapper got wrong (chosen at random, CURVE_ROUNDS times) and the others are scored."""
    import random

    from core.competencies.frameworks import load_builtin

    rows = corpus_rows(folder)
    table = []
    for stem in sorted({r["framework"] for r in rows}):
        framework = load_builtin(stem)
        subset = [r for r in rows if r["framework"] == stem]
        wrong = corpus_hits(subset, framework)[3]
        for k in CURVE if curve else (0,):
            rng = random.Random(k)
            rounds = CURVE_ROUNDS if k else 1
            hits = {False: [0, 0, 0], True: [0, 0, 0]}
            for _ in range(rounds):
                corrected = set(rng.sample(wrong, min(k, len(wrong))))
                for learn in (False, True) if k else (True,):
                    a, b, m, _ = corpus_hits(subset, framework, corrected, learn)
                    hits[learn] = [hits[learn][0] + a, hits[learn][1] + b, hits[learn][2] + m]
            for learn in (False, True) if k else (True,):
                top1, top3, n = hits[learn]
                name = f"k = {k}, " + ("learned" if learn else "same items, not learned") if k else "k = 0"
                table.append((f"corpus: {stem}", name, top1 / n, top3 / n, n // rounds))
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "labelled", type=Path, nargs="?", help="CSV with text, competency (and level) columns"
    )
    parser.add_argument("--corpus", type=Path, help="folder of labelled corpus CSVs (task 3)")
    parser.add_argument(
        "--no-curve", action="store_true", help="with --corpus: k = 0 only (no learning curve)"
    )
    parser.add_argument(
        "--framework", type=Path, action="append", default=[], help="framework file(s), merged"
    )
    parser.add_argument(
        "--leave-one-level-out", action="store_true", help="task 2: hold out each level in turn"
    )
    parser.add_argument("--ablation", action="store_true", help="also score parts of the shipped method")
    parser.add_argument("--errors", type=int, default=0, help="print this many misses of the shipped method")
    args = parser.parse_args(argv)
    if args.corpus:
        print_table(evaluate_corpus(args.corpus, not args.no_curve))
        return 0
    if args.labelled is None:
        parser.error("give a labelled CSV or --corpus FOLDER")
    rows = read_rows(args.labelled)
    if not rows or not {"text", "competency"} <= set(rows[0]):
        sys.exit(f"{args.labelled}: needs `text` and `competency` columns")
    methods = dict(METHODS)
    if args.ablation:
        methods.update(ABLATIONS)
    if args.leave_one_level_out:
        table = evaluate("leave-one-level-out", folds_leave_level_out(rows, False), methods)
        table += evaluate("leave-one-level-out, unseen texts", folds_leave_level_out(rows, True), methods)
    else:
        if not args.framework:
            sys.exit("give --framework FILE (once or more) unless --leave-one-level-out")
        table = evaluate("definitions -> examples", folds_direct(rows, args.framework), methods)
    print_table(table)
    if args.errors and not args.leave_one_level_out:
        framework, texts, gold = next(folds_direct(rows, args.framework))
        scores = shipped(framework, texts)
        misses = Counter()
        for g, row in zip(gold, scores, strict=True):
            best = framework.names[int(np.argmax(row))]
            if mapping_key(best) != mapping_key(g):
                misses[(g, best)] += 1
        for (g, best), count in misses.most_common(args.errors):
            print(f"  {count:3d} x {g} -> {best}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
