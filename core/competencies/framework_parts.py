"""Reading a framework file: a competency while rows come in, frozen at the end, and the
problems each reader reports (file, row or YAML line, column or YAML path)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from core.model import Competency, Problem

ANY_LEVEL = "any"  # the level of expectations given without one


def yaml_loader():
    """libyaml's safe loader when PyYAML was built with it (the wheels are), else the Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Building:
    """A competency while a file is read (descriptions and expectations merge in as rows come);
    the Framework gets frozen Competency objects."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    expectations: dict[str, list[str]] = field(default_factory=dict)


def frozen_competencies(comps: dict[str, Building]) -> list[Competency]:
    return [Competency(c.name, c.description, c.keywords, c.expectations) for c in comps.values()]


def merge_into(comp: Building, description: str, keywords, expectations: dict[str, list[str]]) -> None:
    if description and description not in comp.description:
        comp.description = f"{comp.description} {description}".strip()
    comp.keywords = tuple(dict.fromkeys([*comp.keywords, *keywords]))
    for level, texts in expectations.items():
        bucket = comp.expectations.setdefault(level, [])
        bucket.extend(t for t in texts if t and t not in bucket)


def decode(name: str, data: bytes) -> tuple[str | None, list[Problem]]:
    if b"\x00" in data[:4096]:
        return None, [error(name, None, None, "this is a binary file, not CSV or YAML text")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [
            warning(name, None, None, "not UTF-8: read as Windows-1252; check accented letters")
        ]


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def title_from(source: str) -> str:
    stem = Path(source).stem if "." in source else source
    return re.sub(r"[_\-]+", " ", stem).strip().capitalize() or "Custom framework"


def error(file: str, row: int | None, column: str | None, message: str) -> Problem:
    return Problem(file=file, sheet=None, row=row, column=column, severity="error", message=message)


def warning(file: str, row: int | None, column: str | None, message: str) -> Problem:
    return Problem(file=file, sheet=None, row=row, column=column, severity="warning", message=message)
