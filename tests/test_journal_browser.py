"""One browser journey for the journal: a real server started with `-- --data-dir DIR`, a story
added in Chromium, the page reloaded (a new session), the story still there and on the Timeline
and in the Draft; then "Delete all my data" and the file is gone."""

from __future__ import annotations

import concurrent.futures
import re
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "e2e"))
e2e = pytest.importorskip("e2e_support")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which(e2e.CHROMIUM) is None, reason="needs Debian's chromium"),
]

TITLE = "Cut release time from two days to two hours"


@pytest.fixture
def journal_server(tmp_path):
    data_dir = tmp_path / "flag-data-dir"
    srv = e2e.start_server(
        tmp_path,
        extra_args=("--server.address", "127.0.0.1", "--", "--data-dir", str(data_dir)),
        address=None,
    )
    srv.data_dir = data_dir
    yield srv
    e2e.stop_server(srv)


def visible(page, selector_or_locator):
    locator = (
        page.locator(selector_or_locator) if isinstance(selector_or_locator, str) else selector_or_locator
    )
    return locator.locator("visible=true").first


def test_journal_story_survives_reload_and_delete_all_removes_the_file(journal_server):
    # Playwright's sync API refuses to start where another test's browser already runs its
    # event loop (session fixtures under tests/e2e): a thread of our own has none.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(journey, journal_server).result(timeout=300)


def journey(journal_server) -> None:
    from playwright.sync_api import sync_playwright

    db = journal_server.data_dir / "advocate.sqlite3"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=e2e.CHROMIUM, args=e2e.CHROMIUM_ARGS, headless=True)
        context, page = e2e.new_page(browser)
        try:
            e2e.open_app(page, journal_server, "")
            e2e.go_to(page, "Journal")
            page.get_by_text("You are looking at the sample data").wait_for()
            visible(page, page.get_by_label("Title")).fill(TITLE)
            visible(page, page.get_by_label("Action")).fill("I automated the release pipeline.")
            visible(page, page.get_by_label("Result")).fill("Release time fell from 2 days to 2 hours.")
            visible(page, page.get_by_label("Result")).press("Tab")
            e2e.settle(page)
            page.get_by_role("button", name="Save story").click()
            page.get_by_text("Saved story S1").wait_for()
            e2e.settle(page)
            assert db.exists(), "saved under --data-dir, not ADVOCATE_HOME"
            assert not any(journal_server.home.iterdir())

            page.reload()  # a new Streamlit session: only the saved workspace carries over
            page.wait_for_selector('[data-testid="stApp"]')
            e2e.settle(page)
            page.get_by_text("Saved automatically").wait_for()
            page.get_by_role("tab", name="Edit or delete").click()
            assert visible(page, page.get_by_label("Title")).input_value() == TITLE

            e2e.go_to(page, "Timeline")
            page.get_by_text("Stories in period").wait_for()
            e2e.assert_no_errors(page, "timeline")
            assert re.search(r"Stories in period\s*1(?!\d)", e2e.main_text(page)), e2e.main_text(page)
            e2e.go_to(page, "Draft")
            page.get_by_text("Appendix: evidence cited").wait_for()
            e2e.assert_no_errors(page, "draft")
            assert "[S1," in e2e.main_text(page)

            # A setting changed on another page is saved by the end-of-run autosave (app.py).
            e2e.go_to(page, "Timeline")
            page.get_by_text("Fiscal year", exact=True).click()
            page.get_by_text("Period: FY").first.wait_for()
            e2e.settle(page)
            page.reload()
            page.wait_for_selector('[data-testid="stApp"]')
            e2e.settle(page)
            page.get_by_text("Period: FY").first.wait_for()

            e2e.go_to(page, "Journal")
            page.get_by_role("tab", name="Workspaces").click()
            page.get_by_text("I understand: delete every workspace").wait_for()
            page.get_by_text("I understand: delete every workspace").click()
            e2e.settle(page)
            page.get_by_role("button", name="Delete all my data").click()
            page.get_by_text("Deleted 1 file(s)").wait_for()
            e2e.settle(page)
            assert not db.exists()
            assert not list(journal_server.data_dir.glob("advocate.sqlite3*"))
            page.reload()
            page.wait_for_selector('[data-testid="stApp"]')
            page.get_by_text("You are looking at the sample data").wait_for()
            e2e.settle(page)
            assert not db.exists()
        finally:
            context.close()
            browser.close()
