"""Journey 2: a new user's year, start to finish, in one browser session.

Upload a workbook, a LinkedIn export and a CSV with unknown columns; map those columns; switch
to a fiscal year; override one mapping; rate themselves; download the Word draft and read it
with python-docx; download the workbook and upload it again. Every request the page makes is
recorded: all must go to the local server. No story text may reach the server's log.
"""

from __future__ import annotations

import re

import docx
import openpyxl
from e2e_data import MARKERS, my_year_xlsx, odd_columns_csv
from e2e_support import (
    ROOT,
    assert_no_errors,
    choose_radio,
    choose_select,
    click_button,
    download,
    files_written_outside_workspace,
    foreign_requests,
    go_to,
    main_text,
    metric_value,
    multi_values,
    open_app,
    open_dropdown,
    pick_option,
    set_multi,
    upload,
)

OVERRIDE_TO = "Growth & learning"  # an unlikely home for a migration story: only the user puts it there
RATING = "Advanced"


def docx_sections(path) -> dict[str, str]:
    """{heading text: the text under it} for a .docx, using its real Heading styles."""
    document = docx.Document(str(path))
    sections: dict[str, list[str]] = {}
    current = ""
    for para in document.paragraphs:
        if para.style.name.startswith("Heading") or para.style.name == "Title":
            current = para.text.strip()
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(para.text)
    return {heading: "\n".join(lines) for heading, lines in sections.items()}


def test_a_new_users_year(page, server, recorder, tmp_path):
    linkedin = (ROOT / "tests" / "fixtures" / "Recommendations_Received.csv").read_bytes()
    open_app(page, server)

    # 1. Upload three files: one loads as is, one is LinkedIn's export, one needs its columns mapped.
    upload(page, [("my_year.xlsx", my_year_xlsx()), ("Recommendations_Received.csv", linkedin),
                  ("odd_columns.csv", odd_columns_csv())])
    assert_no_errors(page, "Import after upload")
    assert metric_value(page, "Stories", expect="8") == "8"
    assert metric_value(page, "Praise", expect="5") == "5"  # 2 from the workbook, 3 from LinkedIn
    assert "odd_columns.csv" in main_text(page) and "Pick the columns" in main_text(page)

    # 2. Fix the column mapping of the CSV Advocate could not read on its own.
    choose_select(page, "Date (required)", "Day logged")
    choose_select(page, "Description (or challenge / action / result)", "Thing I'm proud of")
    click_button(page, "Load with these columns")
    assert_no_errors(page, "Import after mapping")
    assert metric_value(page, "Stories", expect="10") == "10"
    assert "Kestrelmoor" not in server.log()

    # 3. The review period becomes fiscal year FY26 (April 2025 - March 2026).
    go_to(page, "Timeline")
    choose_radio(page, "Review period", "Fiscal year")
    choose_select(page, "Year starts in", "April")
    choose_select(page, "Fiscal year (named by the year it ends in)", "FY26")
    assert_no_errors(page, "Timeline, fiscal year")
    text = main_text(page)
    assert "01 Apr 2025" in text and "31 Mar 2026" in text, text[:600]
    assert metric_value(page, "Stories in period", expect="8") == "8"  # Jan and Mar 2025 fall before FY26
    # Those 2, and the 3 LinkedIn quotes from 2022-24:
    assert metric_value(page, "Outside this period", expect="5") == "5"

    # 4. Override one mapping: the migration story counts for "Growth & learning" only.
    go_to(page, "Competencies")
    page.get_by_text("Edit one item", exact=True).click()
    evidence_label = page.get_by_text("Evidence", exact=True)
    item_box = page.locator('[data-testid="stSelectbox"]').filter(has=evidence_label).first
    option = page.get_by_role("option").filter(has_text="Zephyrine").first
    open_dropdown(item_box)
    item_box.locator('[role="combobox"], input').first.fill("Zephyrine")  # the long list scrolls
    story_id = option.inner_text().split("·")[0].strip()
    assert re.fullmatch(r"S\d+", story_id), option.inner_text()
    page.keyboard.press("Escape")
    pick_option(item_box, option)
    assert "Zephyrine" in item_box.locator("input").first.input_value()
    editor = page.locator('[data-testid="stExpander"]').filter(has_text="Edit one item")
    set_multi(page, "Counts for", [OVERRIDE_TO], within=editor)
    assert multi_values(page, "Counts for", within=editor) == [OVERRIDE_TO]
    click_button(page, "Save", exact=True)
    assert_no_errors(page, "Competencies after override")
    assert multi_values(page, "Counts for", within=editor) == [OVERRIDE_TO], "the override did not stick"

    # 5. Self-rating on the Draft page, then the Word download.
    go_to(page, "Draft")
    page.get_by_role("tab", name="Self-rating helper").click()
    helper = (  # the innermost block holding this competency's name and a rating box
        page.locator('[data-testid="stVerticalBlock"]')
        .filter(has=page.get_by_text(OVERRIDE_TO, exact=True))
        .filter(has=page.locator('[data-testid="stSelectbox"]'))
        .last
    )
    choose_select(page, "My rating", RATING, within=helper)
    assert_no_errors(page, "Draft after rating")
    word = download(page, "Download for Word (.docx)", tmp_path / "draft.docx")
    sections = docx_sections(word)
    heading = next((h for h in sections if OVERRIDE_TO in h), None)
    assert heading, f"no section for {OVERRIDE_TO}: {list(sections)}"
    mine = sections[heading]
    assert f"My rating: {RATING}" in mine
    assert f"[{story_id}, Apr 2025]" in mine, mine[:800]
    body = "\n".join(sections.values())
    for outside in ("Quelvane", "Brindlewick"):  # before FY26: kept, but out of the draft's claims
        assert outside not in "\n".join(v for h, v in sections.items() if "ppendix" not in h)
    assert "Valdrisse" in body or "Kestrelmoor" in body, "the mapped CSV's stories never reached the draft"

    # 6. The workbook: download it, check it carries the override, and upload it again.
    book = download(page, "Download everything as a spreadsheet (.xlsx)", tmp_path / "workbook.xlsx")
    workbook = openpyxl.load_workbook(book)
    assert {"Stories", "Praise", "Mapping"} <= set(workbook.sheetnames)
    mapping_rows = [[c.value for c in row] for row in workbook["Mapping"].iter_rows()]
    assert any(story_id in row and any(OVERRIDE_TO in str(v) for v in row) for row in mapping_rows)
    go_to(page, "Import")
    upload(page, [("workbook.xlsx", book.read_bytes())])
    assert_no_errors(page, "Import of our own workbook")
    assert metric_value(page, "Stories", expect="10") == "10"
    assert metric_value(page, "Praise", expect="5") == "5"
    assert metric_value(page, "Rows skipped", expect="0") == "0"

    # Privacy: nothing but the local server was asked for anything; no story text in the log;
    # nothing written outside the user's workspace folder.
    assert recorder.requests
    assert not foreign_requests(recorder, server), foreign_requests(recorder, server)
    leaked = [m for m in MARKERS if m in server.log()]
    assert not leaked, f"story text in the server log: {leaked}"
    assert not files_written_outside_workspace(server), files_written_outside_workspace(server)
    assert not recorder.page_errors, recorder.page_errors
