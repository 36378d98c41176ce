"""A corrected re-upload keeps every row (issue 14): upload a file, reload, upload its corrected
version (a row inserted at the top so every position shifts, year-less dates fixed, a result
edited), choose the file's version where asked, and find every row after another reload."""

from __future__ import annotations

import re
from pathlib import Path

from e2e_support import assert_no_errors, click_button, open_app, rerun_after, settle, upload
from playwright.sync_api import expect

from core.ingest.importer import load_paths
from core.store.workspace import WorkspaceStore

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIRST, CORRECTED = FIXTURES / "reupload_v1.csv", FIXTURES / "reupload_v2.csv"


def reload(page) -> None:
    """A reload is a new Streamlit session: only the saved workspace can bring anything back."""
    page.reload()
    page.wait_for_selector('[data-testid="stApp"]')
    settle(page)


def stories_tab(page, count: int):
    return page.get_by_role("tab", name=f"Stories ({count})")


def test_a_corrected_reupload_keeps_every_row_across_reloads(page, server):
    wanted = sorted((s.title, s.result) for s in load_paths([CORRECTED]).stories)
    first = len(load_paths([FIRST]).stories)

    open_app(page, server)
    upload(page, [("wins.csv", FIRST.read_bytes())])
    expect(stories_tab(page, first)).to_be_visible()

    reload(page)
    expect(stories_tab(page, first)).to_be_visible()  # the saved workspace, not the sample
    upload(page, [("wins.csv", CORRECTED.read_bytes())])
    expect(page.get_by_text(re.compile(r"Merged into your workspace: \d+ new"))).to_be_visible()
    expect(page.get_by_text("Rows that changed since you saved them")).to_be_visible()
    assert_no_errors(page, "Import after the corrected upload")

    reload(page)  # the choice waits for the user, even after a reload
    heading = page.get_by_text("Rows that changed since you saved them")
    expect(heading).to_be_visible()
    groups = page.locator('[data-testid="stRadio"]').filter(has=page.get_by_text("Which version to keep"))
    for index in range(groups.count()):
        option = groups.nth(index).get_by_text("Use the file's version", exact=True)
        rerun_after(page, option.click)
    click_button(page, "Apply my choices", exact=True)
    expect(heading).to_have_count(0)
    expect(stories_tab(page, len(wanted))).to_be_visible()

    reload(page)
    expect(stories_tab(page, len(wanted))).to_be_visible()
    assert_no_errors(page, "Import after the last reload")
    saved = WorkspaceStore(server.home).load()
    assert sorted((s.title, s.result) for s in saved.dataset.stories) == wanted
    assert saved.merge_conflicts == []
