"""Competency frameworks: the built-in ones, and the user's own from CSV, YAML or pasted text.

Every employer words its framework differently, so parsing is forgiving about shape (several
column names, a one-file-per-level export, a flattened `framework,competency,level,text` sheet)
and precise about faults: each problem names the file, the row (or YAML line) and the column
(or YAML path), and a faulty row is reported, never dropped silently.
"""

from __future__ import annotations

import copy
import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from core.digest import content_hash
from core.model import Competency, Framework, Problem

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "data" / "frameworks"
DEFAULT_FRAMEWORK = "General professional"
ANY_LEVEL = "any"  # the level of expectations given without one

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


def _yaml_loader():
    """libyaml's safe loader when PyYAML was built with it (the wheels are), else the Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader()) or {}
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

    Parsed once per file version; each caller gets its own copy to change as it likes.
    """
    wanted = _norm(name)
    for key, path in builtin_paths().items():
        if _norm(key) == wanted or _norm(path.stem) == wanted:
            return copy.deepcopy(_parse_builtin(str(path), path.stat().st_mtime_ns, key))
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
    text, problems = _decode(name, data)
    if text is None:
        return None, problems
    if suffix in (".yaml", ".yml"):
        framework, more = _parse_yaml(name, text)
    elif suffix in (".csv", ".tsv"):
        framework, more = _parse_csv(name, text, delimiter="\t" if suffix == ".tsv" else None)
    elif suffix in (".txt", ".md", ""):
        framework, more = parse_pasted(text, source=name)
    else:
        return None, [
            _error(name, None, None, f"unsupported file type {suffix!r}: use a spreadsheet or .yaml")
        ]
    return framework, problems + more


def parse_pasted(text: str, source: str = "pasted text") -> tuple[Framework | None, list[Problem]]:
    """One competency per line, `Name: description` (or `Name - description`, or just `Name`)."""
    problems: list[Problem] = []
    comps: dict[str, _Comp] = {}
    for row, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", raw).strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"^(.*?)\s*(?::|\s[-–—]\s)\s*(.*)$", line)
        name, description = (match.group(1).strip(), match.group(2).strip()) if match else (line, "")
        if not name:
            problems.append(_error(source, row, "name", "no competency name before the colon; skipped"))
            continue
        if len(name) > 80:
            problems.append(
                _error(
                    source, row, "name", "this looks like a sentence, not a name: write `Name: description`"
                )
            )
            continue
        key = _norm(name)
        if key in comps:
            problems.append(_warning(source, row, "name", f"{name!r} appears again: descriptions merged"))
            comps[key].description = f"{comps[key].description} {description}".strip()
            continue
        comps[key] = _Comp(name=name, description=description)
    if not comps:
        problems.append(
            _error(source, None, None, "no competencies found: write one per line, `Name: description`")
        )
        return None, problems
    return Framework(name=_title_from(source), competencies=_frozen(comps)), problems


def merge_frameworks(name: str, frameworks: list[Framework]) -> Framework:
    """Combine frameworks that describe the same competencies (e.g. definitions + signals files)."""
    comps: dict[str, _Comp] = {}
    levels: list[str] = []
    for framework in frameworks:
        levels += [lv for lv in framework.levels if lv not in levels]
        for comp in framework.competencies:
            into = comps.setdefault(_norm(comp.name), _Comp(name=comp.name))
            _merge_into(into, comp.description, comp.keywords, comp.expectations)
    return Framework(name=name, competencies=_frozen(comps), levels=levels)


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
        return None, [_error(name, None, None, "the file is empty")]
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        return None, [_error(name, 1, None, f"could not read the header row: {exc}")]
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
        return None, [_error(name, 1, "competency", message)]
    if unknown:
        problems.append(_warning(name, 1, ", ".join(unknown), "column(s) not used by frameworks: ignored"))
    col_of = {f: i for i, f in fields.items()}
    header_name = {f: header[i].strip() for i, f in fields.items()}
    comps: dict[str, _Comp] = {}
    levels: list[str] = []
    framework_names: list[str] = []
    try:
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
                problems.append(
                    _warning(
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
                    _error(name, row_number, header_name["competency"], "empty competency name: row skipped")
                )
                continue
            if len(comp_name) > 120:
                problems.append(
                    _error(
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
            into = comps.setdefault(_norm(comp_name), _Comp(name=comp_name))
            _merge_into(
                into,
                cell("description"),
                keywords,
                {level or ANY_LEVEL: [expectation]} if expectation else {},
            )
    except csv.Error as exc:
        problems.append(
            _error(name, reader.line_num, None, f"malformed CSV: {exc}; the rest of the file was not read")
        )
    if not comps:
        problems.append(_error(name, None, "competency", "no competencies found"))
        return None, problems
    title = framework_names[0] if len(framework_names) == 1 else _title_from(name)
    return Framework(name=title, competencies=_frozen(comps), levels=levels), problems


# --- YAML --------------------------------------------------------------------------------------


def _parse_yaml(name: str, text: str) -> tuple[Framework | None, list[Problem]]:
    """Walk the composed node tree (not the loaded data) so every problem can cite its line."""
    import yaml

    try:
        root = yaml.compose(text, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [_error(name, row, None, f"not valid YAML: {reason}")]
    if root is None:
        return None, [_error(name, None, None, "the file is empty")]
    problems: list[Problem] = []

    def line(node) -> int:
        return node.start_mark.line + 1

    def err(node, path: str, message: str) -> None:
        problems.append(_error(name, line(node), path, message))

    if not isinstance(root, yaml.MappingNode):
        err(root, "(top)", "expected a mapping with `name` and `competencies`")
        return None, problems
    top = _mapping(root)
    for key, (key_node, _) in top.items():
        if key not in ("name", "levels", "competencies", "description", "version"):
            problems.append(_warning(name, line(key_node), key, "unknown key: ignored"))
    title = _title_from(name)
    if "name" in top:
        node = top["name"][1]
        if isinstance(node, yaml.ScalarNode) and node.value.strip():
            title = node.value.strip()
        else:
            err(node, "name", "`name` must be a short text")
    levels: list[str] = []
    if "levels" in top:
        node = top["levels"][1]
        if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
            levels = [n.value.strip() for n in node.value if n.value.strip()]
        else:
            err(node, "levels", "`levels` must be a list of level names")
    if "competencies" not in top:
        problems.append(_error(name, line(root), "competencies", "missing `competencies` (a list)"))
        return None, problems
    seq = top["competencies"][1]
    if not isinstance(seq, yaml.SequenceNode):
        err(
            seq,
            "competencies",
            "`competencies` must be a list of {name, description, keywords, expectations}",
        )
        return None, problems
    comps: dict[str, _Comp] = {}
    for index, item in enumerate(seq.value):
        path = f"competencies[{index}]"
        if isinstance(item, yaml.ScalarNode):  # a bare list of names is fine
            if item.value.strip():
                comps.setdefault(_norm(item.value), _Comp(name=item.value.strip()))
            continue
        if not isinstance(item, yaml.MappingNode):
            err(item, path, "expected a mapping with `name`")
            continue
        fields = _mapping(item)
        name_node = fields.get("name", (None, None))[1]
        if name_node is None or not isinstance(name_node, yaml.ScalarNode) or not name_node.value.strip():
            err(item, f"{path}.name", "missing competency name: competency skipped")
            continue
        comp = _Comp(name=name_node.value.strip())
        for key, (key_node, node) in fields.items():
            sub = f"{path}.{key}"
            if key == "name":
                continue
            if key == "description":
                if isinstance(node, yaml.ScalarNode):
                    comp.description = node.value.strip()
                else:
                    err(node, sub, "`description` must be text")
            elif key == "keywords":
                words = _texts(node)
                if words is None:
                    err(node, sub, "`keywords` must be a list of words (or one `;`-separated text)")
                else:
                    comp.keywords = tuple(w.strip() for t in words for w in t.split(";") if w.strip())
            elif key == "expectations":
                if isinstance(node, yaml.MappingNode):
                    for level, (_, texts_node) in _mapping(node).items():
                        texts = _texts(texts_node)
                        if texts is None:
                            err(texts_node, f"{sub}.{level}", "expected a list of texts")
                            continue
                        comp.expectations.setdefault(level, []).extend(t for t in texts if t.strip())
                        if levels and level not in levels:
                            problems.append(
                                _warning(
                                    name,
                                    line(texts_node),
                                    f"{sub}.{level}",
                                    f"level {level!r} is not in `levels`",
                                )
                            )
                else:
                    texts = _texts(node)
                    if texts is None:
                        err(node, sub, "`expectations` must map each level to a list of texts")
                    else:
                        comp.expectations.setdefault(ANY_LEVEL, []).extend(texts)
            else:
                problems.append(_warning(name, line(key_node), sub, "unknown key: ignored"))
        key = _norm(comp.name)
        if key in comps:
            problems.append(
                _warning(name, line(item), f"{path}.name", f"{comp.name!r} appears twice: merged")
            )
            _merge_into(comps[key], comp.description, comp.keywords, comp.expectations)
        else:
            comps[key] = comp
    if not comps:
        problems.append(_error(name, line(seq), "competencies", "no competencies found"))
        return None, problems
    if not levels:
        for comp in comps.values():
            levels += [lv for lv in comp.expectations if lv not in levels and lv != ANY_LEVEL]
    return Framework(name=title, competencies=_frozen(comps), levels=levels), problems


def _mapping(node) -> dict:
    out = {}
    for key_node, value_node in node.value:
        out[str(key_node.value).strip()] = (key_node, value_node)
    return out


def _texts(node) -> list[str] | None:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return [node.value] if node.value.strip() else []
    if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
        return [n.value for n in node.value]
    return None


# --- helpers -----------------------------------------------------------------------------------


@dataclass
class _Comp:
    """A competency while a file is read (descriptions and expectations merge in as rows come);
    the Framework gets frozen Competency objects."""

    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    expectations: dict[str, list[str]] = field(default_factory=dict)


def _frozen(comps: dict[str, _Comp]) -> list[Competency]:
    return [Competency(c.name, c.description, c.keywords, c.expectations) for c in comps.values()]


def _merge_into(comp: _Comp, description: str, keywords, expectations: dict[str, list[str]]) -> None:
    if description and description not in comp.description:
        comp.description = f"{comp.description} {description}".strip()
    comp.keywords = tuple(dict.fromkeys([*comp.keywords, *keywords]))
    for level, texts in expectations.items():
        bucket = comp.expectations.setdefault(level, [])
        bucket.extend(t for t in texts if t and t not in bucket)


def _decode(name: str, data: bytes) -> tuple[str | None, list[Problem]]:
    if b"\x00" in data[:4096]:
        return None, [_error(name, None, None, "this is a binary file, not CSV or YAML text")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [
            _warning(name, None, None, "not UTF-8: read as Windows-1252; check accented letters")
        ]


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _title_from(source: str) -> str:
    stem = Path(source).stem if "." in source else source
    return re.sub(r"[_\-]+", " ", stem).strip().capitalize() or "Custom framework"


def _error(file: str, row: int | None, column: str | None, message: str) -> Problem:
    return Problem(file=file, sheet=None, row=row, column=column, severity="error", message=message)


def _warning(file: str, row: int | None, column: str | None, message: str) -> Problem:
    return Problem(file=file, sheet=None, row=row, column=column, severity="warning", message=message)
