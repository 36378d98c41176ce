"""The journal journey (issue 7): write a story the week it happens, reload the browser, find it
still there, on the Timeline and in the draft, with a setting changed on another page; then delete
all data and see the file go. A server started with `-- --data-dir DIR` saves there instead."""

from __future__ import annotations

from e2e_support import (
    assert_no_errors,
    choose_radio,
    click_button,
    go_to,
    main_text,
    metric_value,
    open_app,
    rerun_after,
    settle,
    type_into,
)
from playwright.sync_api import expect

TITLE = "Ysolde release train"
RESULT = "Releases went from monthly to weekly, cutting lead time by 75%."


def saved_files(server) -> list[str]:
    return sorted(str(p.relative_to(server.home)) for p in server.home.rglob("*") if p.is_file())


def write_story(page) -> None:
    """Fill the Journal's story form and save it; wait until the page says it is saved. The fields
    are the visible ones: a saved story's edit form, closed in its expander, has the same labels
    and can come first in the page once its element code is loaded (ui/preload.py)."""
    for label, text in (
        ("Title", TITLE),
        ("Challenge", "Every release took a week of manual checks."),
        ("Action", "I automated the checks and set up a release train."),
        ("Result", RESULT),
    ):
        type_into(page, page.get_by_label(label, exact=True).locator("visible=true").first, text)
    click_button(page, "Save story", exact=True)
    expect(page.get_by_text("Saved story").first).to_be_visible()
    assert_no_errors(page, "Journal after saving")


def reload(page) -> None:
    """A reload is a new Streamlit session: only the saved workspace can bring anything back."""
    page.reload()
    page.wait_for_selector('[data-testid="stApp"]')
    settle(page)


def test_a_journal_story_survives_a_reload_and_reaches_every_page(page, server):
    open_app(page, server)
    go_to(page, "Journal")
    write_story(page)
    assert saved_files(server), "nothing was saved in ADVOCATE_HOME"

    reload(page)
    assert_no_errors(page, "Import after reload")
    assert "sample" not in main_text(page).lower(), "after a reload the app went back to the sample data"
    go_to(page, "Timeline")
    assert_no_errors(page, "Timeline after reload")
    assert metric_value(page, "Stories in period", expect="1") == "1"
    go_to(page, "Draft")
    assert_no_errors(page, "Draft after reload")
    expect(page.get_by_text("Appendix: evidence cited")).to_be_visible()
    assert TITLE in main_text(page) or RESULT.split(",")[0] in main_text(page)

    # A setting changed on another page is saved by the end-of-run autosave (app.py).
    go_to(page, "Timeline")
    choose_radio(page, "Review period", "Fiscal year")
    expect(page.get_by_text("Period: FY").first).to_be_visible()
    reload(page)
    go_to(page, "Timeline")
    expect(page.get_by_text("Period: FY").first).to_be_visible()

    # Delete all my data: the database file itself goes.
    go_to(page, "Journal")
    page.get_by_role("tab", name="Workspaces").click()
    rerun_after(page, page.get_by_text("I understand: delete every workspace and all my evidence").click)
    click_button(page, "Delete all my data", exact=True)
    expect(page.get_by_text("Deleted").first).to_be_visible()
    assert_no_errors(page, "Journal after delete all")
    assert not saved_files(server), f"files left after 'Delete all my data': {saved_files(server)}"
    reload(page)
    expect(page.get_by_text("sample data", exact=False).first).to_be_visible()
    assert not saved_files(server), "a reload after 'Delete all my data' wrote the workspace again"


def test_the_data_dir_flag_decides_where_the_story_is_saved(page, data_dir_server):
    open_app(page, data_dir_server)
    go_to(page, "Journal")
    write_story(page)
    assert (data_dir_server.data_dir / "advocate.sqlite3").exists(), "not saved under --data-dir"
    assert not any(data_dir_server.home.iterdir()), "saved under ADVOCATE_HOME despite --data-dir"
    reload(page)
    page.get_by_role("tab", name="Edit or delete").click()
    expect(page.get_by_label("Title", exact=True).locator("visible=true").first).to_have_value(TITLE)
