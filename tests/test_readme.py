"""The README stays true: its commands are the ones CI runs, and it documents what exists."""

from __future__ import annotations

import re

import pytest

from core.cli import COMMANDS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def fenced_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    return [line.strip() for block in blocks for line in block.splitlines()]


def test_ci_runs_the_readme_test_command_verbatim():
    test_command = next(c for c in fenced_commands() if "pytest" in c)
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert test_command in ci_lines


def test_the_install_and_run_command_names_the_app_and_its_requirements():
    assert "pip install -r requirements.txt && streamlit run app.py" in fenced_commands()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_cli_command_is_documented(command):
    assert f"python -m core {command}" in README


@pytest.mark.parametrize("title", re.findall(r'title="([^"]+)"', (ROOT / "app.py").read_text()))
def test_every_page_is_described(title):
    assert f"| **{title}** |" in README


def _pinned(name: str) -> list[str]:
    text = (ROOT / name).read_text()
    return re.findall(r"^([A-Za-z0-9_.-]+)==", text, re.M)


EXPLAINED = {
    name.strip().lower()
    for cell in re.findall(r"^\| ([^|]+) \| [^|]*\w[^|]* \|$", README, re.M)
    for name in cell.split(",")
}


@pytest.mark.parametrize("package", _pinned("requirements.txt") + _pinned("requirements-test.txt"))
def test_every_dependency_is_pinned_and_explained(package):
    assert package.lower() in EXPLAINED, f"README's dependency table does not say why {package} is there"


@pytest.mark.parametrize("path", re.findall(r"\]\((docs/screenshots/[^)]+)\)", README))
def test_screenshots_in_the_readme_exist(path):
    assert (ROOT / path).is_file()
