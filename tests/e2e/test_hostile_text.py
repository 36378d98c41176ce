"""Hostile text in a real browser: uploaded HTML, `<script>`, `javascript:` links, tracking images
and direction overrides render as inert text on every page and in every download.

A payload that ran would set `window.__pwned`; a link or image made from user text would show up
as an `<a href="javascript:...">`, an `<img src="x">` or a request to tracker.invalid.
"""

from __future__ import annotations

from e2e_data import hostile_files
from e2e_support import (
    PAGES,
    errors_on_page,
    foreign_requests,
    go_to,
    main_text,
    metric_value,
    open_app,
    upload,
)
from test_fuzz_exports import export_problems

INJECTED = """() => ({
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    jsLinks: [...document.querySelectorAll('a[href]')]
        .map(a => a.getAttribute('href')).filter(h => /^\\s*javascript:/i.test(h)),
    images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src'))
        .filter(s => s === 'x' || (s || '').includes('tracker.invalid')),
    handlers: [...document.querySelectorAll('[onerror], [onclick]')].length,
    scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__pwned')).length,
})"""
DOWNLOADS = {
    "md": "Download as Markdown (.md)",
    "txt": "Download as plain text (.txt)",
    "bullets": "Download resume bullets (.txt)",
    "docx": "Download for Word (.docx)",
    "xlsx": "Download everything as a spreadsheet (.xlsx)",
}


def test_hostile_text_is_inert_on_every_page_and_in_every_download(page, server, recorder, tmp_path):
    open_app(page, server)
    upload(page, hostile_files())
    assert metric_value(page, "Stories", expect="8") == "8"
    shown_literally = []
    failures = []
    for title, _path in PAGES:
        go_to(page, title)
        if errors_on_page(page):
            failures.append(f"{title}: {errors_on_page(page)[0][:300]}")
        found = page.evaluate(INJECTED)
        if any(found.values()):
            failures.append(f"{title}: markup came alive: {found}")
        text = main_text(page)
        if "<script>" in text or "javascript:" in text:
            shown_literally.append(title)
    # Not vacuous: the hostile text reached the pages, as visible text.
    assert shown_literally, "no page showed the hostile text at all"

    go_to(page, "Draft")
    files = {}
    for fmt, label in DOWNLOADS.items():
        with page.expect_download(timeout=30_000) as info:
            page.get_by_role("button", name=label, exact=True).first.click()
        path = tmp_path / f"export.{fmt}"
        info.value.save_as(path)
        files[fmt] = path.read_bytes()
    assert b"__pwned" in files["xlsx"] or b"pwned" in files["md"], "the exports never saw the hostile text"
    failures += export_problems(files)
    assert not page.evaluate("() => window.__pwned"), "a payload ran after the downloads"
    assert not foreign_requests(recorder, server), foreign_requests(recorder, server)
    assert not failures, "\n".join(failures)
