"""`python -m core export FILE... --out workbook.xlsx`: the round-trip workbook."""

from __future__ import annotations

from core.commands.draft import load_evidence, write_output


def run(args) -> int:
    from core.writing.workbook import write_workbook

    if not args.out.lower().endswith(".xlsx"):
        from core.cli import CommandError

        raise CommandError(f"{args.out}: the workbook must be an .xlsx file")
    dataset = load_evidence(args.files)
    write_output(write_workbook(dataset, dataset.overrides), args.out, binary=True)
    return 0
