"""The layer contract: core/ is pure Python (never streamlit, ui or pages), ui/ never imports a
page, and no package's modules import each other in a circle (import-linter, pyproject.toml)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI_ONLY = ("streamlit", "ui", "pages")


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    command = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", command, "--no-cache", "--config", "pyproject.toml"],
        cwd=folder, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_import_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def small_tree(folder: Path) -> Path:
    """core, ui and pages packages that keep every rule, with the project's configuration."""
    for package in ("core", "ui", "pages", "streamlit"):
        (folder / package).mkdir()
        (folder / package / "__init__.py").write_text("")
    (folder / "core" / "other.py").write_text("from core import rules\n")
    (folder / "core" / "rules.py").write_text("")
    (folder / "pages" / "journal.py").write_text("import streamlit\nfrom ui import view\n")
    (folder / "ui" / "view.py").write_text("import streamlit\nfrom core import rules\n")
    (folder / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return folder


def test_a_tree_that_keeps_the_rules_passes(tmp_path):
    result = lint_imports(small_tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("core/rules.py", "import streamlit as st"),
        ("core/rules.py", "def f():\n    from ui import state"),
        ("ui/view.py", "import pages.journal"),
        ("core/rules.py", "from core import other"),  # with other.py importing rules: a circle
    ],
)
def test_the_contracts_catch_a_planted_import(tmp_path, module, source):
    """The same configuration on a small tree that breaks one rule: lint-imports must fail."""
    tree = small_tree(tmp_path)
    (tree / module).write_text(source + "\n")
    result = lint_imports(tree)
    assert result.returncode != 0 and "BROKEN" in result.stdout, result.stdout + result.stderr


def ui_imports(source: str) -> list[str]:
    """The modules of streamlit, ui or pages that this source imports, wherever the import is."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found += [name for name in names if name.split(".")[0] in UI_ONLY]
    return found


@pytest.mark.parametrize(
    "source",
    [
        "import streamlit as st",
        "def f():\n    from streamlit import session_state",
        "from ui.state import DATASET",
        "import pages.journal",
    ],
)
def test_the_check_sees_a_ui_import_anywhere(source):
    assert ui_imports(source)


def test_core_never_imports_streamlit():
    offenders = {
        str(path.relative_to(ROOT)): names
        for path in sorted((ROOT / "core").rglob("*.py"))
        if (names := ui_imports(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_importing_all_of_core_loads_no_streamlit():
    code = (
        "import importlib, pkgutil, sys, core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'core.'):\n"
        "    if m.name != 'core.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('streamlit', 'ui', 'pages')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
