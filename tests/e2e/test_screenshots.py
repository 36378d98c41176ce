"""Screenshots of every page on the sample data, at 1400x900, for the README.

They are always taken (a blank or broken page fails the test); they are written into
docs/screenshots/ only with ADVOCATE_SCREENSHOTS=1, so an ordinary test run leaves the tree alone:

    ADVOCATE_SCREENSHOTS=1 python -m pytest tests/e2e/test_screenshots.py -n 0
"""

from __future__ import annotations

import os
import struct
import zlib

from e2e_support import PAGES, ROOT, VIEWPORT, assert_no_errors, go_to, open_app, wait_for_charts

SHOTS = ROOT / "docs" / "screenshots"
CHARTS = {"Timeline": 2, "Competencies": 1}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def distinct_bytes(data: bytes) -> int:
    """How varied the image data is: a blank page compresses to almost nothing."""
    return len(set(zlib.decompress(b"".join(_idat(data)))[:2_000_000:7]))


def _idat(data: bytes):
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"IDAT":
            yield data[pos + 8 : pos + 8 + length]
        pos += 12 + length


def test_screenshot_every_page(page, server, tmp_path):
    out = SHOTS if os.environ.get("ADVOCATE_SCREENSHOTS") == "1" else tmp_path
    out.mkdir(parents=True, exist_ok=True)
    open_app(page, server)
    for title, path in PAGES:
        go_to(page, title)
        assert_no_errors(page, title)
        wait_for_charts(page, CHARTS.get(title, 0))
        page.wait_for_timeout(600)  # plotly's transitions and fonts: let the picture settle
        name = path or "import"
        data = page.screenshot(path=str(out / f"{name}.png"))
        assert png_size(data) == (VIEWPORT["width"], VIEWPORT["height"])
        assert distinct_bytes(data) > 20, f"{title}: the screenshot is (nearly) blank"
