"""`python -m core map FILE... [--framework NAME|PATH] [--period P] [--json]`.

Maps every story and quote to the framework's competencies (suggestions with reasons,
explicit competencies confirmed), then reports coverage per quarter and the gaps.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.cli import CommandError
from core.model import Dataset, Framework


def resolve_framework(spec: str | None) -> Framework:
    """A built-in by name (default: General professional) or a CSV/YAML/TXT framework file."""
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, builtin_names, load_builtin, parse_framework

    if not spec:
        return load_builtin(DEFAULT_FRAMEWORK)
    try:
        return load_builtin(spec)
    except KeyError:
        pass
    path = Path(spec)
    if not path.is_file():
        raise CommandError(
            f"no built-in framework or file called {spec!r} (built-ins: {', '.join(builtin_names())})"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{spec}: can't be opened ({exc.strerror or exc})") from None
    framework, problems = parse_framework(path.name, data)
    errors = [p for p in problems if p.severity == "error"]
    if framework is None:
        first = errors[0] if errors else None
        where = f" row {first.row}" if first and first.row else ""
        col = f" ({first.column})" if first and first.column else ""
        raise CommandError(f"{path.name}{where}{col}: {first.message if first else 'not a framework'}")
    return framework


def build_payload(dataset: Dataset, framework: Framework, period, overrides: dict | None = None) -> dict:
    from core.analysis.coverage import coverage, gaps
    from core.competencies.mapping import assigned, map_items, unmatched_hints, unmatched_names

    mappings = map_items(dataset.items, framework)
    chosen = assigned(mappings, {**dataset.overrides, **(overrides or {})})
    cov = coverage(dataset.items, framework, chosen, period)  # counts: strength is not in the JSON
    evidence = []
    for item in dataset.items:
        quarter = period.quarter_of(item.date) if period.contains(item.date) else None
        m = mappings[item.id]
        evidence.append(
            {
                "id": item.id,
                "kind": item.kind,
                "date": item.date.isoformat(),
                "quarter": quarter.label if quarter else None,
                "confirmed": list(m.confirmed),
                "suggestions": [s.as_dict() for s in m.suggestions],
            }
        )
    return {
        "framework": {"name": framework.name, "competencies": framework.names},
        "evidence": evidence,
        "coverage": cov.rows(),
        "gaps": [g.as_dict() for g in gaps(cov, framework)],
        # what the files name that the framework lacks: {label: [item ids]}, never dropped silently
        "not_in_framework": {"competencies": unmatched_names(mappings), "themes": unmatched_hints(mappings)},
    }


def run(args) -> int:
    from core.analysis.period import parse_period
    from core.ingest.importer import load_paths

    framework = resolve_framework(getattr(args, "framework", None))
    dataset = load_paths(args.files)
    if not any(f.error is None for f in dataset.files):
        reasons = "; ".join(f"{f.file}: {f.error}" for f in dataset.files)
        raise CommandError(f"no file could be loaded ({reasons})".replace("\n", " "))
    try:
        period = parse_period(getattr(args, "period", None), [item.date for item in dataset.items])
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    payload = build_payload(dataset, framework, period)
    if args.json:
        # Indented for people; one line for big sets, where only json's C encoder is fast enough.
        indent = 2 if len(payload["evidence"]) <= 2000 else None
        print(json.dumps(payload, indent=indent, ensure_ascii=False))
    else:
        print(summary_text(payload, period))
        missing = payload["not_in_framework"]
        for title, labels in (
            ("Named in your files but not in this framework (not counted)", missing["competencies"]),
            ("Your Theme column says, but no competency of this framework fits", missing["themes"]),
        ):
            if labels:
                print(f"\n{title}:")
                print("\n".join(f"- {name}: {', '.join(ids)}" for name, ids in labels.items()))
    return 0


def summary_text(payload: dict, period) -> str:
    lines = [f"Framework: {payload['framework']['name']}   Period: {period.label}", ""]
    for ev in payload["evidence"]:
        top = ev["suggestions"][0] if ev["suggestions"] else None
        confirmed = f"confirmed: {', '.join(ev['confirmed'])}" if ev["confirmed"] else ""
        suggested = (
            f"suggested: {top['competency']} ({top['score']:.2f}, {top['why']})" if top else "no suggestion"
        )
        lines.append(f"{ev['id']:>5} {ev['date']} {confirmed or suggested}")
    lines += ["", "Coverage (items per quarter):"]
    quarters = list(dict.fromkeys(r["quarter"] for r in payload["coverage"]))
    width = max([len(c) for c in payload["framework"]["competencies"]] + [10])
    lines.append(" " * width + "  " + "  ".join(f"{q:>9}" for q in quarters))
    counts = {(r["competency"], r["quarter"]): r["count"] for r in payload["coverage"]}
    for comp in payload["framework"]["competencies"]:
        lines.append(f"{comp:<{width}}  " + "  ".join(f"{counts[(comp, q)]:>9}" for q in quarters))
    if payload["gaps"]:
        lines += ["", "Gaps:"]
        lines += [f"- {g['message']} {g['prompt']}" for g in payload["gaps"]]
    return "\n".join(lines)
