"""Two tabs, one workspace (issue 14): both add a story; the tab that saved second is told, sees
what each choice would lose, merges, and both stories exist, in both tabs after a reload."""

from __future__ import annotations

from e2e_support import (
    assert_no_errors,
    click_button,
    go_to,
    metric_value,
    new_page,
    open_app,
    settle,
    type_into,
)
from playwright.sync_api import expect

from core.store.workspace import WorkspaceStore

STORIES = {  # title, challenge, action, result
    "first": ("Ysolde release train", "Every release took a week of checks.", "I automated the checks.",
              "Releases went from monthly to weekly."),
    "again": ("Quarterly planning offsite", "Three teams had three roadmaps.", "I ran a two-day offsite.",
              "Three teams agreed one roadmap."),
    "second": ("Vendor contract renegotiated", "Licence costs doubled in a year.", "I ran a tender.",
               "Licence costs fell by 22%."),
}  # fmt: skip


def write_story(page, which: str, saved: bool = True) -> None:
    page.bring_to_front()  # a background tab gets no focus, so leaving a field would commit nothing
    for label, text in zip(("Title", "Challenge", "Action", "Result"), STORIES[which], strict=True):
        field = page.get_by_label(label, exact=True).locator("visible=true").first
        type_into(page, field, text)
        expect(field).to_have_value(text)
    click_button(page, "Save story", exact=True)
    said = "Saved story" if saved else "kept in this browser session only"
    expect(page.get_by_text(said).first).to_be_visible()
    assert_no_errors(page, f"Journal after saving {which}")


def reload(page) -> None:
    page.reload()
    page.wait_for_selector('[data-testid="stApp"]')
    settle(page)


def test_both_tabs_stories_survive_the_conflict_choice(page, browser, recorder, server):
    tab_a = page
    open_app(tab_a, server)
    go_to(tab_a, "Journal")
    write_story(tab_a, "first")

    context_b, tab_b = new_page(browser, recorder)  # a second tab: its own session, the same workspace
    try:
        open_app(tab_b, server)
        go_to(tab_b, "Journal")
        write_story(tab_a, "again")  # tab A saves again: tab B's copy is now out of date
        write_story(tab_b, "second", saved=False)

        sidebar = tab_b.locator('[data-testid="stSidebar"]')
        expect(sidebar.get_by_text("was saved from another tab or window")).to_be_visible()
        expect(sidebar.get_by_role("button", name="the saved one loses 1")).to_be_visible()
        expect(sidebar.get_by_role("button", name="this tab loses 1")).to_be_visible()
        click_button(tab_b, "Merge both")
        expect(sidebar.get_by_text("Saved automatically in workspace")).to_be_visible()
        assert_no_errors(tab_b, "Journal after merging")

        saved = sorted(s.title for s in WorkspaceStore(server.home).load().dataset.stories)
        assert saved == sorted(story[0] for story in STORIES.values())
        for tab in (tab_a, tab_b):
            tab.bring_to_front()
            reload(tab)
            go_to(tab, "Timeline")
            assert metric_value(tab, "Stories in period", expect="3") == "3"
    finally:
        context_b.close()
