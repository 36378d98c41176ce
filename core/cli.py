"""Argument parsing for `python -m core`; each subcommand's work lives in core/commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

COMMANDS = {
    "check": "Load evidence files and report what was loaded and what was not.",
    "map": "Map every story and quote to the competencies of a framework.",
    "draft": "Draft a self-evaluation from the evidence.",
    "export": "Write the whole working set as a workbook that imports back unchanged.",
    "frameworks": "List the built-in competency frameworks.",
    "readiness": "Show the evidence for every expectation at your level and the next.",
}

PERIOD_HELP = "2025, FY2026:4 (fiscal year starting April) or 2025-03-01:2026-02-28"
DRAFT_FORMATS = ["docx", "md", "txt", "json", "xlsx", "bullets"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core", description="Advocate from the command line.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        if name != "frameworks":
            cmd.add_argument("files", nargs="+", metavar="FILE", help="xlsx, xls, ods, csv files")
            cmd.add_argument("--period", help=PERIOD_HELP)
        if name in ("map", "draft", "readiness"):
            cmd.add_argument("--framework", help="a built-in framework's name or a framework file")
        if name == "readiness":
            cmd.add_argument("--level", required=True, help="your level, one of the framework's levels")
        if name in ("check", "map", "frameworks", "readiness"):
            cmd.add_argument("--json", action="store_true", help="print machine-readable JSON")
        if name == "draft":
            cmd.add_argument("--questions", help="a text file of review questions, one per line")
            cmd.add_argument("--format", default="md", choices=DRAFT_FORMATS)
            cmd.add_argument("--out", help="write to this path instead of standard output")
            cmd.add_argument(
                "--clean",
                action="store_true",
                help="the copy to send: no citations, appendix or recency audit",
            )
            cmd.add_argument(
                "--tone",
                choices=("story", "numbers"),
                default="story",
                help="story: challenge, action, result; numbers: the result first",
            )
            cmd.add_argument("--length", choices=("brief", "standard", "detailed"), default="standard")
            cmd.add_argument("--char-limit", type=int, help="characters per section (the form's box)")
            cmd.add_argument(
                "--pin", action="append", default=[], metavar="ID", help="a story that must be told"
            )
            cmd.add_argument(
                "--leave-out", action="append", default=[], metavar="ID", help="a story to keep out"
            )
        if name == "export":
            cmd.add_argument("--out", required=True, help="the workbook to write (.xlsx)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module = importlib.import_module(f"core.commands.{args.command}")
    try:
        return module.run(args)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `... | head` closed the pipe: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


class CommandError(Exception):
    """A failure the user caused and can fix: printed as one line, exit status 2, no traceback."""
