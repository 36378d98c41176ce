"""`python -m core readiness FILE... --framework F --level L [--period P] [--json]`.

The command-line twin of the level-readiness section: every expectation at the user's level and
the next, with the stories and quotes that show it (and why), or "no evidence yet".
"""

from __future__ import annotations

import json

from core.cli import CommandError
from core.commands.map import resolve_framework


def run(args) -> int:
    from core.analysis.period import parse_period
    from core.competencies.readiness import NO_EVIDENCE, readiness
    from core.ingest.importer import load_paths
    from core.writing.draft import in_period

    framework = resolve_framework(args.framework)
    dataset = load_paths(args.files)
    if not any(f.error is None for f in dataset.files):
        reasons = "; ".join(f"{f.file}: {f.error}" for f in dataset.files)
        raise CommandError(f"no file could be loaded ({reasons})".replace("\n", " "))
    try:
        period = parse_period(args.period, [item.date for item in dataset.items])
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    stories, praise = in_period(dataset, period)
    try:
        result = readiness([*stories, *praise], framework, args.level, dataset.overrides)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    if args.json:
        print(json.dumps({"period": period.label, **result.as_dict()}, indent=2, ensure_ascii=False))
        return 0
    print(f"Framework: {framework.name}   Level: {result.level}   Period: {period.label}")
    for comp in result.competencies:
        print(f"\n{comp.summary}")
        for level, rows in comp.levels.items():
            for row in rows:
                shown = ", ".join(m.item_id for m in row.matches) or NO_EVIDENCE
                print(f"  [{level}] {row.expectation.text}: {shown}")
    return 0
