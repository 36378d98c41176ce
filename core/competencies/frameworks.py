"""Competency frameworks: the built-in ones, and the user's own from CSV, YAML or pasted text.

Every employer words its framework differently, so parsing is forgiving about shape (several
column names, a one-file-per-level export, a flattened `framework,competency,level,text` sheet)
and precise about faults: each problem names the file, the row (or YAML line) and the column
(or YAML path), and a faulty row is reported, never dropped silently.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path

from core.competencies.framework_parts import (
    ANY_LEVEL,
    Building,
    decode,
    error,
    frozen_competencies,
    merge_into,
    norm,
    title_from,
    warning,
    yaml_loader,
)
from core.competencies.framework_yaml import parse_yaml
from core.digest import content_hash
from core.model import Framework, Problem

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "data" / "frameworks"
DEFAULT_FRAMEWORK = "General professional"

# Accepted CSV headers (normalised: lower case, spaces and dashes as underscores) -> field.
CSV_COLUMNS = {
    "competency": "competency",
    "competency_name": "competency",
    "name": "competency",
    "track": "competency",
    # A values list or skills matrix in people's own words (issue 13).
    "value": "competency",
    "values": "competency",
    "company_value": "competency",
    "skill": "competency",
    "skills": "competency",
    "principle": "competency",
    "principles": "competency",
    "competence": "competency",
    "description": "description",
    "what_it_means": "description",
    "what_this_means": "description",
    "meaning": "description",
    "definition": "description",
    "what_good_looks_like": "expectation",
    "competency_description": "description",
    "level": "level",
    "expectation": "expectation",
    "expectations": "expectation",
    "behaviour": "expectation",
    "behavior": "expectation",
    "text": "expectation",  # the flattened shape: framework,competency,level,text
    "summary": "expectation",  # per-level one-liners (snowflake tracks)
    "keywords": "keywords",
    "keyword": "keywords",
    "framework": "framework",
}
# Columns some exports carry that say nothing about the competency's meaning: ignored quietly.
CSV_QUIET = {"track_id", "category", "role", "source_path", "id", "order", "source"}


def builtin_paths() -> dict[str, Path]:
    """Built-in framework name -> its YAML file, the General one first (it is the default)."""
    files = sorted(BUILTIN_DIR.glob("*.yaml"))
    return dict(_builtin_index(tuple((str(p), p.stat().st_mtime_ns) for p in files)))


@lru_cache(maxsize=4)
def _builtin_index(signature: tuple[tuple[str, int], ...]) -> tuple[tuple[str, Path], ...]:
    """Read each file's `name` once per version of the folder (pages ask on every rerun)."""
    import yaml

    found: dict[str, Path] = {}
    for file, _ in signature:
        path = Path(file)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml_loader()) or {}
        except (OSError, yaml.YAMLError):
            continue
        name = str(data.get("name") or path.stem) if isinstance(data, dict) else path.stem
        found[name] = path
    ordered = sorted(found, key=lambda n: (n != DEFAULT_FRAMEWORK, n.lower()))
    return tuple((name, found[name]) for name in ordered)


def builtin_names() -> list[str]:
    return list(builtin_paths())


def load_builtin(name: str) -> Framework:
    """A built-in framework by its name (case-insensitive) or file stem; KeyError if unknown.

    Parsed once per file version and shared: a Framework is frozen (a change makes a new one).
    """
    wanted = norm(name)
    for key, path in builtin_paths().items():
        if norm(key) == wanted or norm(path.stem) == wanted:
            return _parse_builtin(str(path), path.stat().st_mtime_ns, key)
    raise KeyError(name)


@lru_cache(maxsize=16)
def _parse_builtin(file: str, _mtime: int, key: str) -> Framework:
    path = Path(file)
    framework, problems = parse_framework(path.name, path.read_bytes())
    errors = [p for p in problems if p.severity == "error"]
    if framework is None or errors:
        raise ValueError(f"built-in framework {key!r} is broken: {errors[0].message if errors else ''}")
    return framework


def parse_framework(name: str, data: bytes) -> tuple[Framework | None, list[Problem]]:
    """Parse an uploaded framework file, CSV or YAML by its extension (.txt: pasted-text shape)."""
    suffix = Path(name).suffix.lower()
    from core.competencies.framework_sheet import WORKBOOK_SUFFIXES, read_sheet

    if suffix in WORKBOOK_SUFFIXES:  # the downloadable spreadsheet, edited in Excel or Sheets
        text, problems = read_sheet(name, data)
        if text is None:
            return None, problems
        framework, more = _parse_csv(name, text, delimiter=",")
        return framework, problems + more
    text, problems = decode(name, data)
    if text is None:
        return None, problems
    if suffix in (".yaml", ".yml"):
        framework, more = parse_yaml(name, text)
    elif suffix in (".csv", ".tsv"):
        framework, more = _parse_csv(name, text, delimiter="\t" if suffix == ".tsv" else None)
    elif suffix in (".txt", ".md", ""):
        framework, more = parse_pasted(text, source=name)
    else:
        return None, [
            error(name, None, None, f"unsupported file type {suffix!r}: use a spreadsheet or .yaml")
        ]
    return framework, problems + more


def parse_pasted(text: str, source: str = "pasted text") -> tuple[Framework | None, list[Problem]]:
    """One competency per line, `Name: description` (or `Name - description`, or just `Name`)."""
    problems: list[Problem] = []
    comps: dict[str, Building] = {}
    for row, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", raw).strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"^(.*?)\s*(?::|\s[-–—]\s)\s*(.*)$", line)
        name, description = (match.group(1).strip(), match.group(2).strip()) if match else (line, "")
        if not name:
            problems.append(error(source, row, "name", "no competency name before the colon; skipped"))
            continue
        if len(name) > 80:
            problems.append(
                error(
                    source, row, "name", "this looks like a sentence, not a name: write `Name: description`"
                )
            )
            continue
        key = norm(name)
        if key in comps:
            problems.append(warning(source, row, "name", f"{name!r} appears again: descriptions merged"))
            comps[key].description = f"{comps[key].description} {description}".strip()
            continue
        comps[key] = Building(name=name, description=description)
    if not comps:
        problems.append(
            error(source, None, None, "no competencies found: write one per line, `Name: description`")
        )
        return None, problems
    return Framework(name=title_from(source), competencies=frozen_competencies(comps)), problems


def merge_frameworks(name: str, frameworks: list[Framework]) -> Framework:
    """Combine frameworks that describe the same competencies (e.g. definitions + signals files)."""
    comps: dict[str, Building] = {}
    levels: list[str] = []
    for framework in frameworks:
        levels += [lv for lv in framework.levels if lv not in levels]
        for comp in framework.competencies:
            into = comps.setdefault(norm(comp.name), Building(name=comp.name))
            merge_into(into, comp.description, comp.keywords, comp.expectations)
    return Framework(name=name, competencies=frozen_competencies(comps), levels=levels)


def framework_key(framework: Framework) -> str:
    """A content fingerprint, so caches key on what a framework says rather than its identity."""
    parts = [framework.name, "|".join(framework.levels)]
    for c in framework.competencies:
        parts += [c.name, c.description, ";".join(c.keywords)]
        parts += [f"{lv}={'¦'.join(texts)}" for lv, texts in c.expectations.items()]
    return content_hash(*parts)


# --- CSV ---------------------------------------------------------------------------------------


def _parse_csv(name: str, text: str, delimiter: str | None) -> tuple[Framework | None, list[Problem]]:
    problems: list[Problem] = []
    if not text.strip():
        return None, [error(name, None, None, "the file is empty")]
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        return None, [error(name, 1, None, f"could not read the header row: {exc}")]
    fields: dict[int, str] = {}
    unknown = []
    for index, raw in enumerate(header):
        key = re.sub(r"[\s\-]+", "_", raw.strip().lower())
        field_name = CSV_COLUMNS.get(key)
        if field_name and field_name not in fields.values():
            fields[index] = field_name
        elif key and key not in CSV_QUIET:
            unknown.append(raw.strip())
    if "competency" not in fields.values():
        found = ", ".join(f"'{h.strip()}'" for h in header if h.strip())
        message = "no column of competency names: call it Competency, Value, Skill or Principle"
        message += f" (found: {found})"
        return None, [error(name, 1, "competency", message)]
    if unknown:
        problems.append(warning(name, 1, ", ".join(unknown), "column(s) not used by frameworks: ignored"))
    col_of = {f: i for i, f in fields.items()}
    header_name = {f: header[i].strip() for i, f in fields.items()}
    comps: dict[str, Building] = {}
    levels: list[str] = []
    framework_names: list[str] = []
    try:
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
                problems.append(
                    warning(
                        name,
                        row_number,
                        None,
                        f"{len(row)} cells but {len(header)} headers: extra cells ignored",
                    )
                )

            def cell(field_name: str, row=row) -> str:
                i = col_of.get(field_name)
                return row[i].strip() if i is not None and i < len(row) else ""

            comp_name = cell("competency")
            if not comp_name:
                problems.append(
                    error(name, row_number, header_name["competency"], "empty competency name: row skipped")
                )
                continue
            if len(comp_name) > 120:
                problems.append(
                    error(
                        name,
                        row_number,
                        header_name["competency"],
                        "competency name longer than 120 characters: row skipped",
                    )
                )
                continue
            level = cell("level")
            if level and level not in levels:
                levels.append(level)
            if cell("framework") and cell("framework") not in framework_names:
                framework_names.append(cell("framework"))
            keywords = tuple(k.strip() for k in re.split(r"[;|]", cell("keywords")) if k.strip())
            expectation = cell("expectation")
            into = comps.setdefault(norm(comp_name), Building(name=comp_name))
            merge_into(
                into,
                cell("description"),
                keywords,
                {level or ANY_LEVEL: [expectation]} if expectation else {},
            )
    except csv.Error as exc:
        problems.append(
            error(name, reader.line_num, None, f"malformed CSV: {exc}; the rest of the file was not read")
        )
    if not comps:
        problems.append(error(name, None, "competency", "no competencies found"))
        return None, problems
    title = framework_names[0] if len(framework_names) == 1 else title_from(name)
    return Framework(name=title, competencies=frozen_competencies(comps), levels=levels), problems
