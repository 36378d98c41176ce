"""The working set's one schema (core.store.schema) is what session start, reset, save and restore
use; ui.state, which applies it, sits below every other ui module."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from test_journal_app import new_session

from core.store.schema import FIELDS, PER_DATASET, SETTING_KEYS, WorkingSet
from ui import state

ROOT = Path(__file__).resolve().parent.parent
# A value unlike every default, per field: what a user's session could hold.
USED = {
    "overrides": {"S1": ["Impact"]},
    "framework": "a framework",
    "custom_frameworks": {"Mine": "a framework"},
    "period": "a period",
    "ratings": {"Impact": "L3"},
    "readiness": {"level": "L4"},
    "draft_options": {"tone": "plain"},
    "column_mapping": {"wins.csv": {"date": "When"}},
    "import_years": {"wins.csv": 2025},
    "read_as": {"date | win": {"Win": "title"}},
    "load_report": {"files": [], "problems": [], "rejected": [], "rows_read": 0, "rows_skipped": 0},
    "source": "wins.csv",
    "merge_conflicts": ["a pending choice"],
    "upload_signature": "abc",
    "uploads": (("wins.csv", b"date\n"),),
    "import_report": "a report",
}


def test_every_field_has_a_session_key_and_a_test_value():
    assert {f.key for f in FIELDS} == set(USED)
    assert {getattr(state, name) for name in dir(state) if isinstance(getattr(state, name), str)} >= set(USED)


def test_the_saved_fields_are_the_working_set():
    names = [f.name for f in dataclasses.fields(WorkingSet)]
    assert names == ["dataset", *SETTING_KEYS, "revision"]
    assert (
        WorkingSet().merge_conflicts == []
        and WorkingSet().merge_conflicts is not WorkingSet().merge_conflicts
    )


@pytest.mark.usefixtures("bound_to_localhost")
def test_an_example_year_clears_everything_that_belonged_to_the_dataset():
    at = new_session()
    for key, value in USED.items():
        at.session_state[key] = value
    at.session_state["merge_conflicts"] = []  # the page would try to draw a pretend choice
    at.session_state["import_report"] = None
    at.switch_page("pages/import_data.py").run()
    at.session_state["merge_conflicts"] = USED["merge_conflicts"]
    at.segmented_control(key="import_example").set_value("marketing").run()  # an example year
    assert not at.exception, at.exception
    for field in FIELDS:
        if field.key == "import_report":
            continue  # the page shows the sample's own report
        expected = "sample" if field.key == "source" else field.default()
        if field.per_dataset:
            assert at.session_state[field.key] == expected, field.key
        else:
            assert at.session_state[field.key] == USED[field.key], (
                f"{field.key} is the user's, not the dataset's"
            )
    assert {f.key for f in PER_DATASET} >= {"overrides", "period", "merge_conflicts", "uploads"}


def _ui_imports(path: Path) -> set[str]:
    """The ui modules a file imports (at any depth: a lazy import is still a dependency)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "ui":
            if node.module == "ui":
                found |= {f"ui.{a.name}" for a in node.names}
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "ui"}
    return found


def test_ui_state_imports_no_other_ui_module():
    """Every ui module may import ui.state; the circle checks are tests/test_layers.py's."""
    assert _ui_imports(ROOT / "ui" / "state.py") == set()
