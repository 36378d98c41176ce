"""`python -m core draft FILE...`: the self-evaluation from the command line, in any export format.

Heavy modules load only when needed: python-docx for --format docx, openpyxl for xlsx.
"""

from __future__ import annotations

import sys
from pathlib import Path

from core.cli import CommandError


def load_evidence(paths: list[str]):
    """Load the evidence files; a user error (exit 2) when none of them could be read."""
    from core.ingest.importer import load_paths

    for path in paths:
        if not Path(path).is_file():
            raise CommandError(f"{path}: no such file")
    dataset = load_paths(paths)
    if not dataset.items:
        failed = [f"{f.file}: {f.error}" for f in dataset.files if f.error]
        reasons = "; ".join(failed) or "no stories or praise found"
        raise CommandError(f"nothing loaded ({reasons})")
    return dataset


def load_framework(spec: str | None):
    """A built-in framework by name (default: the General one) or a framework file (.csv/.yaml)."""
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin, parse_framework

    if not spec:
        return load_builtin(DEFAULT_FRAMEWORK)
    path = Path(spec)
    if path.is_file():
        framework, problems = parse_framework(path.name, path.read_bytes())
        errors = [p for p in problems if p.severity == "error"]
        if framework is None or errors:
            first = errors[0] if errors else None
            where = f" (row {first.row})" if first and first.row else ""
            raise CommandError(f"{spec}{where}: {first.message if first else 'no competencies found'}")
        return framework
    try:
        return load_builtin(spec)
    except KeyError:
        from core.competencies.frameworks import builtin_names

        raise CommandError(
            f"unknown framework {spec!r}: use a file or one of {', '.join(builtin_names())}"
        ) from None


def load_questions(path: str | None) -> list[str] | None:
    if not path:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: can't read the questions ({exc})") from None
    questions = [line.strip() for line in text.splitlines() if line.strip()]
    if not questions:
        raise CommandError(f"{path}: no questions in the file (one question per line)")
    return questions


def period_for(spec: str | None, dataset):
    from core.analysis.period import parse_period

    try:
        return parse_period(spec, [item.date for item in dataset.items])
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def write_output(data: bytes, out: str | None, binary: bool) -> None:
    if out:
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{out}: can't write ({exc.strerror or exc})") from None
        return
    if binary and sys.stdout.isatty():
        raise CommandError("this format is binary: give --out PATH")
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def run(args) -> int:
    from core.competencies.mapping import assigned, map_items
    from core.writing.draft import DraftOptions, build_draft

    dataset = load_evidence(args.files)
    if args.format == "xlsx":
        from core.writing.workbook import write_workbook

        write_output(write_workbook(dataset, dataset.overrides), args.out, binary=True)
        return 0
    period = period_for(args.period, dataset)
    questions = load_questions(args.questions)
    framework = load_framework(args.framework)
    in_period = [item for item in dataset.items if period.contains(item.date)]
    assignments = assigned(map_items(in_period, framework), dataset.overrides)
    try:
        options = DraftOptions(questions=questions, tone=args.tone, length=args.length,
                               char_limit=args.char_limit, pinned=args.pin, left_out=args.leave_out)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    draft = build_draft(dataset, framework, assignments, period, options)
    from core.writing.exports import render

    write_output(render(draft, args.format, clean_copy=args.clean), args.out, binary=args.format == "docx")
    return 0
