"""The Import page's tables (ui/import_tables.py): Arrow tables built without pandas, so the first
page's run does not import it (bench/probe.py: 0.5-0.75 s of that run beside the browser); pandas
is imported in the background once that page is drawn (ui.idle.import_ahead)."""

from __future__ import annotations

import subprocess
import sys

import pyarrow as pa
import pytest

from core.ingest.importer import load_paths
from tests.conftest import FIXTURES, ROOT
from ui.import_tables import PROBLEM_COLUMNS, arrow_table, evidence_table, problems_table


@pytest.mark.parametrize(
    ("values", "arrow_type", "shown"),
    [
        ([3, None, 12], pa.int64(), [3, None, 12]),  # a blank row number stays blank
        ([True, False, None], pa.bool_(), [True, False, None]),  # a hidden quote: yes/no
        ([1, "2b", None], pa.string(), ["1", "2b", None]),  # mixed: all shown as text
        ([1.5, 2], pa.string(), ["1.5", "2"]),
        (['She said "ship it"\nand we did', "Zoë ✓", ""], pa.string(),
         ['She said "ship it"\nand we did', "Zoë ✓", ""]),
        ([None, None], pa.string(), [None, None]),
    ],
)
def test_a_column_keeps_its_values_and_their_kind(values, arrow_type, shown):
    table = arrow_table([{"id": f"s{i}", "value": v} for i, v in enumerate(values)])
    assert table.column_names == ["id", "value"]
    assert table.schema.field("value").type == arrow_type
    assert table.column("value").to_pylist() == shown


def test_columns_come_in_the_order_given_or_met_and_missing_ones_stay_blank():
    rows = [{"b": "x"}, {"a": 1, "c": "late"}]
    assert arrow_table(rows).column_names == ["b", "a", "c"]
    table = arrow_table(rows, ("c", "a"))
    assert table.column_names == ["c", "a"]
    assert table.to_pylist() == [{"c": None, "a": None}, {"c": "late", "a": 1}]
    assert arrow_table([], ("severity", "row")).column_names == ["severity", "row"]


def test_a_cell_of_several_megabytes_is_read_whole():
    big = "word " * 400_000  # 2 MB, over pyarrow's default block
    assert arrow_table([{"text": big}, {"text": "small"}]).column("text").to_pylist() == [big, "small"]


def test_the_evidence_table_says_where_each_row_came_from():
    dataset = load_paths([FIXTURES / "libreoffice_wins.xlsx"])
    table = evidence_table(dataset.stories)
    assert table.num_rows == len(dataset.stories)
    assert table.column("title").to_pylist()[:2] == ["Cut CI time", "Onboarded two juniors"]
    assert set(table.column("file").to_pylist()) == {"libreoffice_wins.xlsx"}
    assert table.schema.field("row").type == pa.int64()
    assert table.column("row").to_pylist() == [s.origin.row for s in dataset.stories]
    quotes = evidence_table(dataset.praise)
    assert quotes.schema.field("hidden").type == pa.bool_()


def test_the_problems_table_lists_errors_first_with_file_sheet_row_and_column():
    dataset = load_paths([FIXTURES / "libreoffice_wins.xlsx"])
    table = problems_table(list(reversed(dataset.problems)))
    assert tuple(table.column_names) == PROBLEM_COLUMNS
    severities = table.column("severity").to_pylist()
    assert severities == sorted(severities) and "error" in severities
    errors = [r for r in table.to_pylist() if r["severity"] == "error"]
    where = {(r["sheet"], r["row"], r["column"]) for r in errors}
    assert where == {("My wins", 8, "Date"), ("Kudos", 4, "Kudos")}


FIRST_RUN = """
import sys, threading
from streamlit.testing.v1 import AppTest
from ui.idle import page_running
at = AppTest.from_file(sys.argv[1], default_timeout=60)
with page_running():  # as if another tab's page were running: the import waits until checked
    at.run()
    assert not at.exception, at.exception
    assert len(at.dataframe) == 3, len(at.dataframe)
    print("pandas after the first run:", "pandas" in sys.modules)
(ahead,) = [t for t in threading.enumerate() if t.name == "advocate-import-ahead"]
ahead.join(60)
print("pandas once idle:", "pandas" in sys.modules)
"""


def test_the_first_page_runs_without_pandas_which_is_imported_once_idle():
    """In a fresh interpreter: this test process has pandas loaded already."""
    done = subprocess.run([sys.executable, "-c", FIRST_RUN, str(ROOT / "app.py")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pandas after the first run: False" in done.stdout
    assert "pandas once idle: True" in done.stdout
