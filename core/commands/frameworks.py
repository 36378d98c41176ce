"""`python -m core frameworks [--json]`: the built-in competency frameworks."""

from __future__ import annotations

import json

from core.competencies.frameworks import DEFAULT_FRAMEWORK, builtin_names, builtin_paths, load_builtin


def payload() -> list[dict]:
    out = []
    for name in builtin_names():
        framework = load_builtin(name)
        out.append(
            {
                "name": framework.name,
                "file": builtin_paths()[name].name,
                "default": name == DEFAULT_FRAMEWORK,
                "levels": list(framework.levels),
                "competencies": framework.names,
            }
        )
    return out


def run(args) -> int:
    frameworks = payload()
    if getattr(args, "json", False):
        print(json.dumps(frameworks, indent=2, ensure_ascii=False))
        return 0
    for fw in frameworks:
        mark = " (default)" if fw["default"] else ""
        levels = f"; levels {', '.join(fw['levels'])}" if fw["levels"] else ""
        print(f"{fw['name']}{mark}: {len(fw['competencies'])} competencies{levels}")
        print(f"  {', '.join(fw['competencies'])}")
    print("Use one with --framework NAME, or give your own CSV/YAML file: --framework path/to/file.csv")
    return 0
