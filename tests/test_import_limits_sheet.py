"""The row limit is per sheet, not per file: a decade of stories and its praise come as one
workbook; a sheet (or a whole workbook) too long is still refused, in words that name it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.ingest.readers import Limits, ReadError, read_tables

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.mark.parametrize(
    ("name", "limits", "refused"),
    [
        # 'My wins' holds 7 stories under its header, 'Kudos' 4 quotes, 'Read me' 2 lines: 13 in all.
        ("libreoffice_wins.xlsx", Limits(max_rows=7), None),
        ("libreoffice_wins.ods", Limits(max_rows=7), None),
        ("libreoffice_wins.xlsx", Limits(max_rows=6), "The sheet 'My wins' has more than 6 rows"),
        ("libreoffice_wins.ods", Limits(max_rows=6), "The sheet 'My wins' has more than 6 rows"),
        ("libreoffice_wins.xlsx", Limits(max_rows=7, max_file_rows=10), "more than 10 rows over all"),
        ("utf8_bom.csv", Limits(max_rows=3), "The file has more than 3 rows"),
    ],
)
def test_the_row_limit_counts_each_sheet(name, limits, refused):
    data = (FIXTURES / name).read_bytes()
    if refused is None:
        tables, _ = read_tables(name, data, limits)
        assert [t.sheet for t in tables] == ["Read me", "My wins", "Kudos"]
        return
    with pytest.raises(ReadError, match=refused):
        read_tables(name, data, limits)


def test_the_defaults_take_a_decade_in_one_workbook():
    assert Limits().max_rows >= 50_000 and Limits().max_file_rows >= 100_000


@pytest.mark.skipif(os.environ.get("ADVOCATE_SKIP_DECADE") == "1", reason="ADVOCATE_SKIP_DECADE=1")
@pytest.mark.usefixtures("bound_to_localhost")
def test_a_decade_in_one_workbook_loads_on_the_import_page(tmp_path):
    """50,000 stories and 50,000 quotes, two sheets of one .xlsx, dropped on the Import page: all
    of them load, and the tables show one page of 500 at a time."""
    from bench import synthetic

    workbook = synthetic.workspace_paths(50_000, tmp_path).xlsx
    synthetic.write_xlsx(workbook, synthetic.story_rows(50_000), synthetic.praise_rows(50_000))
    assert workbook.stat().st_size < Limits().max_bytes
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    at.get("file_uploader")[0].upload(workbook.name, workbook.read_bytes())
    at.run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    dataset = at.session_state["dataset"]
    assert (len(dataset.stories), len(dataset.praise)) == (50_000, 50_000)
    assert [m.value for m in at.metric][:2] == ["50000", "50000"]
    pages = {n.label for n in at.number_input}
    assert {"Page (50,000 stories, 500 a page)", "Page (50,000 quotes, 500 a page)"} <= pages
    assert all(len(frame.value) == 500 for frame in at.dataframe)
