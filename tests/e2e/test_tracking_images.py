"""Tracking images in user text fetch nothing (issue 14): every text field, id, author, role,
channel, project and quote of an uploaded file, a workspace name and a pasted framework is a
Markdown image (or an HTML `<img>`) pointing at a local "tracker" on another port. Every page and
every tab or expander that shows user text is visited; the tracker must receive no request, and
the pages must show the text literally.
"""

from __future__ import annotations

import csv
import http.server
import io
import threading

import pytest
from e2e_support import (
    assert_no_errors,
    click_button,
    errors_on_page,
    free_port,
    go_to,
    open_app,
    type_into,
    upload,
)
from playwright.sync_api import expect

LITERAL = "![x](http://127.0.0.1"


class Tracker:
    """A tiny HTTP server on its own port that records every request it receives."""

    def __init__(self):
        self.port = free_port()
        self.requests: list[str] = []
        tracker = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                tracker.requests.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def image(self, field: str) -> str:
        return f"![x](http://127.0.0.1:{self.port}/{field}.png)"

    def html(self, field: str) -> str:
        return f'<img src="http://127.0.0.1:{self.port}/{field}-html.png">'


@pytest.fixture
def tracker():
    server = Tracker()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


def evidence_files(t: Tracker) -> list[tuple[str, bytes]]:
    """Stories and praise whose every text field carries an image (half Markdown, half HTML).

    Each field keeps a few plain words too, so stories read as strong wins and reach the
    Timeline's "Forgotten wins" cards and the draft.
    """
    stories, praise = io.StringIO(), io.StringIO()
    s = csv.writer(stories)
    s.writerow(["id", "date", "title", "challenge", "action", "result", "description", "competencies",
                "impact", "kind", "project", "tags", "link", "metric"])
    p = csv.writer(praise)
    p.writerow(["id", "date", "text", "from", "role", "channel", "link", "competencies"])
    for n, month in enumerate((1, 2, 4, 5, 7, 8, 10, 11), start=1):
        img = t.image if n % 2 else t.html
        s.writerow([
            img(f"id-{n}"), f"2025-{month:02d}-10", f"Release {img(f'title-{n}')}",
            f"Deploys took two days {img(f'challenge-{n}')}",
            f"I led the team and automated the release checks {img(f'action-{n}')}",
            f"Cut release time by 80% for 40 engineers {img(f'result-{n}')}",
            f"Details {img(f'description-{n}')}", img(f"competency-{n}"), 5, "win",
            img(f"project-{n}"), img(f"tag-{n}"), f"https://example.invalid/{n}", img(f"metric-{n}"),
        ])  # fmt: skip
        p.writerow([
            img(f"praise-id-{n}"), f"2025-{month:02d}-12",
            f"Thanks for the release work, it saved us days {img(f'quote-{n}')}",
            img(f"author-{n}"), img(f"role-{n}"), img(f"channel-{n}"), "", img(f"praise-competency-{n}"),
        ])  # fmt: skip
    # A relative image in the file name: it would be fetched from the Advocate server itself.
    return [
        ("![x](file-name.png) stories.csv", stories.getvalue().encode()),
        ("praise.csv", praise.getvalue().encode()),
    ]


LIVE_MARKUP = """(port) => [...document.querySelectorAll('a[href], img[src], [style*="url("]')]
    .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('style'))
    .filter(u => u.includes(':' + port) || u.includes('file-name.png'))"""


def shows_literally(page, where: str, tracker: Tracker) -> None:
    """The page shows the user's image text as text, and none of it became a link or an image."""
    expect(page.get_by_text(LITERAL, exact=False).first, f"{where}: not shown literally").to_be_visible()
    assert not errors_on_page(page), f"{where}: {errors_on_page(page)}"
    live = page.evaluate(LIVE_MARKUP, tracker.port)
    assert live == [], f"{where}: user text became a link or an image: {live}"


def framework_csv(t: Tracker) -> tuple[str, bytes]:
    """A framework file whose competency names and descriptions are images."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["competency", "description"])
    for i in (1, 2, 3):
        writer.writerow([t.image(f"framework-comp-{i}"), f"Ships releases {t.html(f'framework-desc-{i}')}"])
    return "team framework.csv", buffer.getvalue().encode()


def open_tab(page, name: str) -> None:
    tab = page.locator('[data-testid="stMain"]').get_by_role("tab", name=name, exact=False).first
    if tab.get_attribute("aria-selected") != "true":
        tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")


def visit_every_tab_and_expander(page, where: str, tracker: Tracker) -> None:
    """Open every expander and select every tab of the page, checking none makes markup live."""
    expanders = page.locator('[data-testid="stMain"] [data-testid="stExpander"] details')
    for i in range(expanders.count()):
        details = expanders.nth(i)
        if details.get_attribute("open") is None:
            details.locator("summary").first.click()
        expect(details).to_have_attribute("open", "")
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')
    names = tabs.all_inner_texts()
    for name in names:
        open_tab(page, name)
        live = page.evaluate(LIVE_MARKUP, tracker.port)
        assert live == [], f"{where}, tab {name!r}: user text became a link or an image: {live}"
    assert names or expanders.count(), f"{where}: no tab or expander found"


def open_expander(page, title: str) -> None:
    details = page.locator('[data-testid="stExpander"] details').filter(
        has=page.locator("summary", has_text=title)
    ).first
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()
    expect(details).to_have_attribute("open", "")


def test_images_in_user_text_fetch_nothing_and_show_literally(page, server, recorder, tracker):
    open_app(page, server)

    # A workspace named with an image: the sidebar caption and the Workspaces tab show it.
    go_to(page, "Journal")
    open_tab(page, "Workspaces")
    type_into(page, page.get_by_label("New workspace"), tracker.image("workspace"))
    click_button(page, "Create and open", exact=True)
    shows_literally(page, "Journal, workspace created", tracker)

    go_to(page, "Import")
    upload(page, evidence_files(tracker))
    expect(page.get_by_text("![x](file-name.png) stories.csv", exact=False).first).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(f"workspace “{LITERAL}", exact=False)).to_be_visible()
    visit_every_tab_and_expander(page, "Import", tracker)
    assert_no_errors(page, "Import")
    assert page.evaluate(LIVE_MARKUP, tracker.port) == []

    # A pasted framework named with an image (descriptions too), then a framework file whose
    # competency names are images: it becomes the framework in use.
    go_to(page, "Competencies")
    open_expander(page, "Use your own")
    open_tab(page, "Paste a list")
    type_into(page, page.get_by_label("Name", exact=True), tracker.image("pasted-framework"))
    lines = [f"Delivery {i} - ships releases {tracker.image(f'pasted-desc-{i}')}" for i in (1, 2)]
    type_into(page, page.get_by_label("per line", exact=False), "\n".join(lines))
    click_button(page, "Use this list", exact=True)
    shows_literally(page, "Competencies, pasted framework", tracker)
    open_expander(page, "Use your own")
    open_tab(page, "Upload")
    upload(page, [framework_csv(tracker)])
    expect(page.get_by_text("framework-comp-1", exact=False).first).to_be_visible()
    shows_literally(page, "Competencies, framework file", tracker)
    visit_every_tab_and_expander(page, "Competencies", tracker)
    shows_literally(page, "Competencies, every expander open", tracker)

    go_to(page, "Timeline")
    visit_every_tab_and_expander(page, "Timeline", tracker)
    shows_literally(page, "Timeline", tracker)
    expect(page.get_by_text("Forgotten wins")).to_be_visible()  # cards with story titles and quotes
    expect(page.get_by_text(f"Release {LITERAL}", exact=False).first).to_be_visible()

    go_to(page, "Draft")
    shows_literally(page, "Draft", tracker)
    visit_every_tab_and_expander(page, "Draft", tracker)

    go_to(page, "Journal")
    visit_every_tab_and_expander(page, "Journal", tracker)
    shows_literally(page, "Journal", tracker)
    open_tab(page, "Edit or delete")  # the first item's id is an image: in the delete checkbox's label
    expect(page.get_by_text("Yes, delete", exact=False).first).to_contain_text(f"127.0.0.1:{tracker.port}/")

    # Nothing was fetched: not from the tracker, not even a relative image from the app's server.
    assert tracker.requests == [], f"the page fetched user-text images: {tracker.requests}"
    fetched = [u for u in recorder.requests if "file-name.png" in u or f":{tracker.port}" in u]
    assert fetched == [], fetched
