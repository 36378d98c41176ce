"""Journey 1: a newcomer opens Advocate and walks every page on the bundled sample data.

The same walk takes the README's screenshots (1400x900, one per page). They are always taken
and checked (a blank page fails); they are written into docs/screenshots/ only when
ADVOCATE_SCREENSHOTS=1, so an ordinary test run leaves the work tree alone:

    ADVOCATE_SCREENSHOTS=1 python -m pytest tests/e2e/test_journey_first_visit.py -n 0
"""

from __future__ import annotations

import os
import struct
import zlib

from e2e_support import (
    PAGES,
    ROOT,
    VIEWPORT,
    errors_on_page,
    foreign_requests,
    go_to,
    main_text,
    open_app,
    wait_for_charts,
)

# Pages whose core is a chart: a first visit must show at least this many drawn plotly figures.
MIN_CHARTS = {"Timeline": 2, "Competencies": 1}
SHOTS = ROOT / "docs" / "screenshots"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def distinct_bytes(data: bytes) -> int:
    """How varied the pixels are: a blank (or all-skeleton) page has next to no variety."""
    chunks, pos = [], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    return len(set(zlib.decompress(b"".join(chunks))[:3_000_000:7]))


def test_first_visit_every_page_renders_on_the_sample(page, server, recorder, tmp_path):
    shots = SHOTS if os.environ.get("ADVOCATE_SCREENSHOTS") == "1" else tmp_path
    shots.mkdir(parents=True, exist_ok=True)
    open_app(page, server)
    assert not errors_on_page(page), errors_on_page(page)[0][:500]
    assert "sample" in main_text(page).lower(), "the first page should say it shows the sample data"
    failures = []
    for title, path in PAGES:
        go_to(page, title)
        errors = errors_on_page(page)
        if errors:
            failures.append(f"{title}: error element: {errors[0][:300]}")
            continue
        want = MIN_CHARTS.get(title, 0)
        drawn = wait_for_charts(page, want)
        if drawn < want:
            failures.append(f"{title}: {drawn} drawn plotly charts, want {want}")
        page.wait_for_timeout(300)  # let plotly finish its layout before the picture
        data = page.screenshot(path=str(shots / f"{path or 'import'}.png"))
        if png_size(data) != (VIEWPORT["width"], VIEWPORT["height"]) or distinct_bytes(data) < 100:
            failures.append(f"{title}: the screenshot is the wrong size or blank")
    assert not recorder.page_errors, recorder.page_errors
    assert recorder.requests, "the request recorder saw nothing: the privacy check would be vacuous"
    assert not foreign_requests(recorder, server), foreign_requests(recorder, server)
    assert not failures, "\n".join(failures)


def test_the_charts_code_loads_while_the_first_page_is_read(page, server):
    """Plotly's code (4.7 MB) is fetched and run in the browser before any chart is asked for
    (ui/preload.py), and the Timeline then draws its charts with it."""
    open_app(page, server)
    page.wait_for_function(
        """() => performance.getEntriesByType('resource')
                   .some(entry => entry.name.includes('/static/js/PlotlyChart.'))""",
        timeout=20_000,
    )
    assert "Advocate" in page.title()  # the page's configuration still applies after the script
    # The script's box and its wrapper are not laid out: no gap at the top of the sidebar.
    box = page.locator(".st-key-advocate_preload")
    assert box.evaluate("e => [e, e.parentElement].map(x => getComputedStyle(x).display)") == ["none", "none"]
    go_to(page, "Timeline")
    assert wait_for_charts(page, MIN_CHARTS["Timeline"]) >= MIN_CHARTS["Timeline"]
    assert not errors_on_page(page), errors_on_page(page)[0][:500]
