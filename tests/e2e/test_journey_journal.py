"""The journal journey (issue 7): write a story the week it happens, reload the browser, find it
still there, on the Timeline and in the draft; then delete all data and see the file go."""

from __future__ import annotations

from e2e_support import (
    assert_no_errors,
    click_button,
    go_to,
    main_text,
    metric_value,
    open_app,
    settle,
)

TITLE = "Ysolde release train"
RESULT = "Releases went from monthly to weekly, cutting lead time by 75%."


def saved_files(server) -> list[str]:
    return sorted(str(p.relative_to(server.home)) for p in server.home.rglob("*") if p.is_file())


def test_a_journal_story_survives_a_reload_and_reaches_every_page(page, server):
    open_app(page, server)
    go_to(page, "Journal")
    page.get_by_label("Title", exact=True).first.fill(TITLE)
    page.get_by_label("Challenge", exact=True).first.fill("Every release took a week of manual checks.")
    page.get_by_label("Action", exact=True).first.fill("I automated the checks and set up a release train.")
    page.get_by_label("Result", exact=True).first.fill(RESULT)
    page.get_by_label("Result", exact=True).first.press("Tab")
    settle(page)
    click_button(page, "Save story", exact=True)
    assert_no_errors(page, "Journal after saving")
    assert "Saved story" in main_text(page)
    assert saved_files(server), "nothing was saved in ADVOCATE_HOME"

    # A reload is a new Streamlit session: only the saved workspace can bring the story back.
    page.reload()
    page.wait_for_selector('[data-testid="stApp"]')
    settle(page)
    assert_no_errors(page, "Import after reload")
    assert "sample" not in main_text(page).lower(), "after a reload the app went back to the sample data"
    go_to(page, "Timeline")
    assert_no_errors(page, "Timeline after reload")
    assert metric_value(page, "Stories in period", expect="1") == "1"
    go_to(page, "Draft")
    assert_no_errors(page, "Draft after reload")
    assert TITLE in main_text(page) or RESULT.split(",")[0] in main_text(page)

    # Delete all my data: the database file itself goes.
    go_to(page, "Journal")
    page.get_by_role("tab", name="Workspaces").click()
    page.get_by_text("I understand: delete every workspace and all my evidence").click()
    settle(page)
    click_button(page, "Delete all my data", exact=True)
    assert_no_errors(page, "Journal after delete all")
    assert not saved_files(server), f"files left after 'Delete all my data': {saved_files(server)}"
