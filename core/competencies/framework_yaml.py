"""Competency frameworks written in YAML: `name`, `levels` and `competencies` (each a name, or a
mapping with description, keywords and expectations per level). The node tree is walked, not the
loaded data, so every problem can cite its line."""

from __future__ import annotations

from core.competencies import framework_parts as parts
from core.model import Framework, Problem


def parse_yaml(name: str, text: str) -> tuple[Framework | None, list[Problem]]:
    """Walk the composed node tree (not the loaded data) so every problem can cite its line."""
    import yaml

    try:
        root = yaml.compose(text, Loader=parts.yaml_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [parts.error(name, row, None, f"not valid YAML: {reason}")]
    if root is None:
        return None, [parts.error(name, None, None, "the file is empty")]
    problems: list[Problem] = []

    def line(node) -> int:
        return node.start_mark.line + 1

    def err(node, path: str, message: str) -> None:
        problems.append(parts.error(name, line(node), path, message))

    if not isinstance(root, yaml.MappingNode):
        err(root, "(top)", "expected a mapping with 'name' and 'competencies'")
        return None, problems
    top = _mapping(root)
    for key, (key_node, _) in top.items():
        if key not in ("name", "levels", "competencies", "description", "version"):
            problems.append(parts.warning(name, line(key_node), key, "unknown key: ignored"))
    title = parts.title_from(name)
    if "name" in top:
        node = top["name"][1]
        if isinstance(node, yaml.ScalarNode) and node.value.strip():
            title = node.value.strip()
        else:
            err(node, "name", "'name' must be a short text")
    levels: list[str] = []
    if "levels" in top:
        node = top["levels"][1]
        if isinstance(node, yaml.SequenceNode) and all(isinstance(n, yaml.ScalarNode) for n in node.value):
            levels = [n.value.strip() for n in node.value if n.value.strip()]
        else:
            err(node, "levels", "'levels' must be a list of level names")
    if "competencies" not in top:
        problems.append(parts.error(name, line(root), "competencies", "missing 'competencies' (a list)"))
        return None, problems
    seq = top["competencies"][1]
    if not isinstance(seq, yaml.SequenceNode):
        err(
            seq,
            "competencies",
            "'competencies' must be a list of {name, description, keywords, expectations}",
        )
        return None, problems
    comps: dict[str, parts.Building] = {}
    for index, item in enumerate(seq.value):
        path = f"competencies[{index}]"
        if isinstance(item, yaml.ScalarNode):  # a bare list of names is fine
            if item.value.strip():
                comps.setdefault(parts.norm(item.value), parts.Building(name=item.value.strip()))
            continue
        if not isinstance(item, yaml.MappingNode):
            err(item, path, "expected a mapping with 'name'")
            continue
        fields = _mapping(item)
        name_node = fields.get("name", (None, None))[1]
        if name_node is None or not isinstance(name_node, yaml.ScalarNode) or not name_node.value.strip():
            err(item, f"{path}.name", "missing competency name: competency skipped")
            continue
        comp = parts.Building(name=name_node.value.strip())
        for key, (key_node, node) in fields.items():
            sub = f"{path}.{key}"
            if key == "name":
                continue
            if key == "description":
                if isinstance(node, yaml.ScalarNode):
                    comp.description = node.value.strip()
                else:
                    err(node, sub, "'description' must be text")
            elif key == "keywords":
                words = _texts(node)
                if words is None:
                    err(node, sub, "'keywords' must be a list of words (or one ';'-separated text)")
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
                                parts.warning(
                                    name,
                                    line(texts_node),
                                    f"{sub}.{level}",
                                    f"level {level!r} is not in 'levels'",
                                )
                            )
                else:
                    texts = _texts(node)
                    if texts is None:
                        err(node, sub, "'expectations' must map each level to a list of texts")
                    else:
                        comp.expectations.setdefault(parts.ANY_LEVEL, []).extend(texts)
            else:
                problems.append(parts.warning(name, line(key_node), sub, "unknown key: ignored"))
        key = parts.norm(comp.name)
        if key in comps:
            problems.append(
                parts.warning(name, line(item), f"{path}.name", f"{comp.name!r} appears twice: merged")
            )
            parts.merge_into(comps[key], comp.description, comp.keywords, comp.expectations)
        else:
            comps[key] = comp
    if not comps:
        problems.append(parts.error(name, line(seq), "competencies", "no competencies found"))
        return None, problems
    if not levels:
        for comp in comps.values():
            levels += [lv for lv in comp.expectations if lv not in levels and lv != parts.ANY_LEVEL]
    return Framework(name=title, competencies=parts.frozen_competencies(comps), levels=levels), problems


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
