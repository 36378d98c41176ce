"""A bookmarked page (/draft, /timeline...) opened first thing on a freshly started server.

Streamlit falls back to its old pages-folder mode until st.navigation has run once in the
process, so the very first request matters: this test gets a server of its own.
"""

from __future__ import annotations

from e2e_support import PAGES, assert_no_errors, new_page, open_app, start_server, stop_server


def test_every_page_opens_by_its_own_url_on_a_fresh_server(browser, tmp_path):
    server = start_server(tmp_path)
    try:
        for title, path in [*PAGES[1:], PAGES[0]]:  # a page other than Import comes first
            context, page = new_page(browser)
            try:
                open_app(page, server, path)
                heading = page.locator('[data-testid="stMain"] h1').first
                heading.wait_for(timeout=30_000)
                assert title in heading.inner_text(), f"/{path} shows {heading.inner_text()!r}"
                assert_no_errors(page, f"/{path}")
                links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
                assert [t for t, _ in PAGES] == [link.split("\n")[-1].strip() for link in links], links
            finally:
                context.close()
    finally:
        stop_server(server)
