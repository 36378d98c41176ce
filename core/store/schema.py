"""The working set's one schema: every piece of state the user can change, declared once.

Each field says its session-state key (also the WorkingSet attribute), its default, whether it
is saved with the workspace, and whether it belongs to the dataset (cleared when the dataset is
replaced: the sample, another workspace, a first upload over the sample). Session start, reset,
save and restore all read this table (ui.state, ui.saving, core.store.workspace), so adding a
saved setting means adding one line here.

The evidence itself (`dataset`) is not a field: it is saved row by row in its own table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, make_dataclass
from typing import Any

from core.model import Dataset


def _none() -> None:
    return None


@dataclass(frozen=True)
class Field:
    key: str  # session-state key and WorkingSet attribute
    default: Callable[[], Any]  # makes a fresh default (never a shared mutable)
    saved: bool  # written to the workspace
    per_dataset: bool  # cleared when the dataset is replaced
    doc: str


FIELDS: tuple[Field, ...] = (
    Field("overrides", dict, True, True, "{evidence id: [competency]} set by the user ([]: none)"),
    Field("framework", _none, True, False, "core.model.Framework in use (None: the default)"),
    Field("custom_frameworks", dict, True, False, "{name: Framework} uploaded or pasted by the user"),
    Field("period", _none, True, True, "core.analysis.period.Period chosen (None: the default)"),
    Field("ratings", dict, True, True, "{competency: level}: the user's self-rating"),
    Field("readiness", dict, True, True, '{"level", "decisions", "wants"}: level readiness (ui.readiness)'),
    Field("draft_options", dict, True, False, "the Draft page's options"),
    Field("column_mapping", dict, True, True, "{file name: {field: column}} chosen by the user"),
    Field("import_years", dict, True, True, '{file name: year} given for dates without one ("July")'),
    Field("read_as", dict, True, False, "{header set key: {header: field}}: the user's reading of columns"),
    # Not per dataset: it is set just before the upload replaces the sample, and saved with it.
    Field("load_report", _none, True, False, "the last import's load report as plain data (ingest.report)"),
    Field("source", str, True, True, '"sample", "workspace", "journal", "import" or file names'),
    Field("merge_conflicts", list, True, True, "core.store.merge.Conflict waiting for the user's choice"),
    Field("upload_signature", _none, False, True, "content hash of the current upload: parse once"),
    Field("uploads", _none, False, True, "((name, bytes), ...) of the current upload (column mapping)"),
    Field("import_report", _none, False, True, "Dataset as parsed from the last upload (its counts)"),
)
BY_KEY = {f.key: f for f in FIELDS}
SAVED = tuple(f for f in FIELDS if f.saved)
SETTING_KEYS = tuple(f.key for f in SAVED)
PER_DATASET = tuple(f for f in FIELDS if f.per_dataset)

WorkingSet = make_dataclass(
    "WorkingSet",
    [
        ("dataset", Dataset, field(default_factory=Dataset)),
        *((f.key, Any, field(default_factory=f.default)) for f in SAVED),
        ("revision", int, field(default=0)),  # the workspace's save counter when loaded (0: never)
    ],
    namespace={"__doc__": "Everything the user can change, as saved in one workspace (see FIELDS)."},
)
WorkingSet.__module__ = __name__  # so pickle (and reprs) find it here
