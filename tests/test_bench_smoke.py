"""The benchmark's own tools work: the generator writes what it promises, the harness runs end to end.

Timings are never asserted here (speed targets live in bench/run.py, which prints figures);
these tests only catch a generator or harness that silently measures the wrong thing.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import subprocess
import sys
import time

import openpyxl
import pytest

from bench import live, synthetic

ROOT = synthetic.Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("size", [1, 37, 250])
def test_workbook_has_canonical_sheets_and_the_asked_number_of_rows(tmp_path, size):
    ws = synthetic.ensure_workspace(size, tmp_path)
    book = openpyxl.load_workbook(ws.xlsx, read_only=True)
    assert book.sheetnames == ["Stories", "Praise"]
    for sheet, headers in (("Stories", synthetic.STORY_HEADERS), ("Praise", synthetic.PRAISE_HEADERS)):
        rows = list(book[sheet].iter_rows(values_only=True))
        assert rows[0] == headers
        assert len(rows) - 1 == size
        assert all(isinstance(row[0], dt.datetime) for row in rows[1:])  # real date cells


def test_split_workbooks_hold_stories_and_praise_apart(tmp_path):
    """For 50,000 + 50,000 (over the importer's row limit per file) the evidence comes as two files."""
    ws = synthetic.ensure_workspace(30, tmp_path, split=True)
    for path, sheet, headers in ((ws.stories_xlsx, "Stories", synthetic.STORY_HEADERS),
                                 (ws.praise_xlsx, "Praise", synthetic.PRAISE_HEADERS)):
        book = openpyxl.load_workbook(path, read_only=True)
        assert book.sheetnames == [sheet]
        rows = list(book[sheet].iter_rows(values_only=True))
        assert rows[0] == headers and len(rows) == 31


@pytest.mark.parametrize("name, headers", [("stories_csv", synthetic.STORY_HEADERS),
                                           ("praise_csv", synthetic.PRAISE_HEADERS)])
def test_csvs_hold_the_same_rows_with_iso_dates(tmp_path, name, headers):
    ws = synthetic.ensure_workspace(120, tmp_path)
    with getattr(ws, name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == headers
    assert len(rows) - 1 == 120  # multi-paragraph cells are quoted, not split into rows
    assert all(dt.date.fromisoformat(row[0]) for row in rows[1:])


def test_content_is_varied_like_real_diaries():
    stories = synthetic.story_rows(2000)
    years = {row[0].year for row in stories}
    assert len(years) >= 2
    assert [row[0] for row in stories] == sorted(row[0] for row in stories)
    lengths = [len(" ".join(filter(None, row[2:5]))) for row in stories]
    assert min(lengths) < 80 < 600 < max(lengths)  # one-liners and a few paragraphs
    assert any("\n\n" in row[3] for row in stories)
    with_competencies = sum(1 for row in stories if row[5])
    assert 0.1 * len(stories) < with_competencies < 0.5 * len(stories)
    assert {row[7] for row in stories} == {"win", "struggle", "lesson"}
    assert len(synthetic.praise_rows(2000)) == 2000


def test_same_seed_same_data_other_seed_other_data():
    assert synthetic.story_rows(300, seed=1) == synthetic.story_rows(300, seed=1)
    assert synthetic.praise_rows(300, seed=1) == synthetic.praise_rows(300, seed=1)
    assert synthetic.story_rows(300, seed=1) != synthetic.story_rows(300, seed=2)


def test_run_measures_size_100_and_writes_json(tmp_path):
    out = tmp_path / "latest.json"
    proc = subprocess.run(
        [sys.executable, "bench/run.py", "--sizes", "100", "--repeat", "1", "--json", str(out),
         "--data-dir", str(tmp_path / "data")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(out.read_text())
    entry = results["sizes"]["100"]
    assert entry["xlsx_mb"] > 0
    assert entry["pandas"]["first_sheet_s"] > 0  # the yardstick needs nothing from the app
    # Each measurement saw the whole generated workspace, not the sample or a merge with it.
    assert entry["stages"]["counts"] == {"stories": 100, "praise": 100, "problems": 0}
    assert entry["apptest"]["loaded"] == {"stories": 100, "praise": 100}
    assert entry["cli"]["docx_bytes"] > 0
    assert entry["stages"]["peak_rss_mb"] > 0
    assert {b["budget"] for b in results["budgets"]} >= {"50k+50k still works"}
    assert "| measure | 100+100 |" in proc.stdout


class _PumpedPage:
    """A page whose frames arrive while Playwright is handed control (wait_for_timeout)."""

    def __init__(self, frames, arrivals):
        self.frames, self.arrivals, self.pumps = frames, list(arrivals), 0

    def wait_for_timeout(self, ms):
        self.pumps += 1
        if self.arrivals and self.arrivals[0][0] == self.pumps:
            _, finished = self.arrivals.pop(0)
            self.frames.frames.append((time.time(), 100, finished))


@pytest.mark.parametrize(
    ("arrivals", "pumps"),
    [
        ([(1, False), (3, True)], 3),  # deltas first, then the run's end
        ([(1, True)], 1),  # a run too quick to be drawn as "running" still ends
    ],
)
def test_a_live_step_ends_with_its_runs_end_message(arrivals, pumps):
    """bench/live.py waited for the page's "running" state, which a quick run never shows: its
    2 s timeout was then counted as the browser's drawing. The run's end message is the signal."""
    frames = live.Frames.__new__(live.Frames)
    frames.frames = [(time.time() - 60, 100, True)]  # an earlier step's run: not this one
    since = time.time()
    page = _PumpedPage(frames, arrivals)
    live._wait_for_run_end(page, frames, since, timeout_s=5)
    assert page.pumps == pumps


def test_a_live_step_whose_action_started_no_run_fails_instead_of_timing_nothing():
    frames = live.Frames.__new__(live.Frames)
    frames.frames = []
    with pytest.raises(TimeoutError, match="no script run ended"):
        live._wait_for_run_end(_PumpedPage(frames, []), frames, time.time(), timeout_s=0.05)
