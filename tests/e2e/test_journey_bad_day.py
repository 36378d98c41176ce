"""Journey 3: a bad day. Corrupt, empty and huge files each get one clear message; the app stays
usable and the evidence loaded earlier is still there."""

from __future__ import annotations

from e2e_data import my_year_xlsx
from e2e_support import (
    ROOT,
    assert_no_errors,
    go_to,
    main_text,
    metric_value,
    open_app,
    upload,
)

FIXTURES = ROOT / "tests" / "fixtures"


def errors_and_exceptions(page) -> tuple[list[str], list[str]]:
    texts = "els => els.map(e => e.innerText)"
    errors = page.eval_on_selector_all('[data-testid="stAlertContentError"]', texts)
    exceptions = page.eval_on_selector_all('[data-testid="stException"]', texts)
    return errors, exceptions


def still_has_my_year(page) -> None:
    """The evidence from the good upload is still what the other pages work on."""
    go_to(page, "Timeline")
    assert_no_errors(page, "Timeline after a bad upload")
    assert int(metric_value(page, "Stories in period")) >= 6
    go_to(page, "Draft")
    assert_no_errors(page, "Draft after a bad upload")
    assert "Zephyrine" in main_text(page)
    go_to(page, "Import")


def test_a_bad_day_of_uploads(page, server, recorder, tmp_path):
    open_app(page, server)
    upload(page, [("my_year.xlsx", my_year_xlsx())])
    assert metric_value(page, "Stories", expect="8") == "8"

    bad_files = [
        ("corrupt.xlsx", (FIXTURES / "corrupt.xlsx").read_bytes(), "damaged"),
        ("empty.csv", b"", "empty"),
        ("binary_renamed.csv", (FIXTURES / "binary_renamed.csv").read_bytes(), "not a text file"),
        # Under the 20 MB upload limit but over the 50,000-row limit: refused by the importer.
        ("too_many_rows.csv", b"date,title,result\n" + b"2025-05-05,Row,Did it\n" * 60_000, "row limit"),
    ]
    for name, data, words in bad_files:
        upload(page, [(name, data)])
        errors, exceptions = errors_and_exceptions(page)
        assert not exceptions, f"{name}: traceback on the page: {exceptions[0][:400]}"
        mine = [e for e in errors if name in e]
        assert mine, f"{name}: no error message naming the file; errors shown: {errors}"
        assert words in mine[0].lower(), f"{name}: unclear message {mine[0]!r}"
        assert "Stories (8)" in main_text(page), f"after {name} the 8 earlier stories are gone"

    # Over the 20 MB upload limit: the browser refuses it before it reaches the server. (A file
    # path, not a buffer: Playwright would push 22 MB through its protocol for a minute.)
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"date,title,result\n" + b"2025-05-05,x,y\n" * 1_500_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(huge))
    uploader = page.locator('[data-testid="stFileUploader"]').first
    uploader.get_by_text("or smaller", exact=False).wait_for(timeout=15_000)
    assert "20" in uploader.inner_text()
    errors, exceptions = errors_and_exceptions(page)
    assert not exceptions, exceptions
    still_has_my_year(page)
    assert not recorder.page_errors, recorder.page_errors
