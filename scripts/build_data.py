"""Build the bundled sample years and the empty template from hand-written rows.

A sample is what a new user sees before uploading anything, so each is written to exercise every
page: a recency skew (people log more at review time), strong early-year wins that get forgotten,
weak late stories for the strength coach, half the stories without explicit competencies for the
mapper, and praise that names the projects the stories belong to. Two roles, so that people who
are not engineers see a year like theirs: sample_engineering.py (Maya, backend engineer) and
sample_marketing.py (Sofia, product marketing manager, whose file is as messy as real ones are:
her own column names, typed dates beside date cells, a blank row); each keeps its praise file in
sample_<role>_praise.py. Everything is invented.

Run from the repo root:  python scripts/build_data.py  (writes data/sample_wins.xlsx,
data/sample_marketing.xlsx and data/template.xlsx; the output is byte-for-byte reproducible so
re-running leaves git clean).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sample modules beside this script

import sample_engineering
import sample_marketing
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from sample_rows import sort_date

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# The columns a user fills in. `id` and `description` (also canonical) are left out: ids are the
# app's job, and a single description column is for files that don't have C/A/R columns.
STORY_HEADERS = [
    "date", "title", "challenge", "action", "result", "competencies",
    "impact", "kind", "project", "tags", "link", "metric",
]  # fmt: skip
# `id` and `hidden` (LinkedIn's Status HIDDEN) are the app's business, not the user's.
PRAISE_HEADERS = ["date", "text", "from", "role", "channel", "link", "competencies"]

STORY_WIDTHS = {"date": 12, "title": 34, "challenge": 48, "action": 56, "result": 48,
                "competencies": 26, "impact": 8, "kind": 10, "project": 20, "tags": 22,
                "link": 30, "metric": 22}  # fmt: skip
PRAISE_WIDTHS = {"date": 12, "text": 70, "from": 20, "role": 30, "channel": 11, "link": 30,
                 "competencies": 26}  # fmt: skip

FIXED_TIME = dt.datetime(2026, 11, 26, 9, 0, 0)
SAMPLES = {"engineering": sample_engineering, "marketing": sample_marketing}
INSTRUCTIONS = [
    ("How to use this template", True),
    ("Log a win when it happens: a few sentences now beat a vague memory at review time.", False),
    ("Leave this Instructions sheet as it is; the app reads only the Stories and Praise sheets. "
     "Don't add example rows there: every row is imported as evidence.", False),
    ("", False),
    ("Stories sheet: one CAR story per row", True),
    ("date: when it happened (required). Accepted: 2026-03-15, 15/03/2026, 03/15/2026, 15-Mar-2026, "
     "March 2026, 2026-Q1 or Q1 2026, or a real Excel date cell.", False),
    ("title: a short name you'd recognise in a list.", False),
    ("challenge: the situation or problem, and why it mattered.", False),
    ("action: what you did yourself (say 'I', not 'we', where it was you).", False),
    ("result: what changed, with a number where you have one (time, money, %, people, tickets).",
     False),
    ("At least one of challenge, action or result is required.", False),
    ("competencies: optional; the skills or values you are reviewed on that this story shows, "
     "separated by ';' (e.g. Communication;Ownership). Leave empty and the app suggests them.",
     False),
    ("impact: optional whole number 1 (small) to 5 (big).", False),
    ("kind: win (default), struggle or lesson.", False),
    ("project, tags, link, metric: optional. tags are separated by ';'. metric is the headline "
     "number, e.g. 'demo requests 40 -> 65 a week'.", False),
    ("", False),
    ("Praise sheet: one quote per row", True),
    ("date: when it was said (required), same formats as above.", False),
    ("text: the words, as close to verbatim as you can (required).", False),
    ("from: who said it. role: their role or relationship to you (manager, customer, peer...).",
     False),
    ("channel: where it was said: email, Slack, review, LinkedIn, 1:1...", False),
    ("link, competencies: optional, as for stories.", False),
    ("", False),
    ("Example story (don't type it into the Stories sheet)", True),
    ("date: 2026-03-15", False),
    ("title: Cut new-client onboarding from 3 weeks to 5 days", False),
    ("challenge: New clients waited three weeks for their first delivery because every order "
     "form went through four people, and two clients had complained.", False),
    ("action: I mapped the steps with sales and the warehouse, removed two approvals and wrote "
     "a one-page checklist that one person can follow.", False),
    ("result: Onboarding takes 5 days, and the last 12 clients started without a complaint.",
     False),
    ("competencies: Problem solving;Customer focus    impact: 4    kind: win", False),
    ("", False),
    ("Example praise", True),
    ("date: 2026-03-20    from: Jordan Lee    role: Sales lead    channel: email", False),
    ("text: Monday numbers on time for six weeks running. Thank you!", False),
]


def _write_table(ws, headers, rows, widths, first_row=1, labels=None):
    """Header (bold, frozen) at `first_row`, then one row per dict (None: a blank row); dates
    become real date cells. `labels` renames headers the way a user's own file would."""
    labels = labels or {}
    for col, name in enumerate(headers, start=1):
        cell = ws.cell(row=first_row, column=col, value=labels.get(name, name))
        cell.font = Font(bold=True)
        ws.column_dimensions[cell.column_letter].width = widths[name]
    ws.freeze_panes = ws.cell(row=first_row + 1, column=1)
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=first_row + 1):
        for col, name in enumerate(headers, start=1):
            value = None if row is None else row[name]
            if value in ("", None):
                continue
            cell = ws.cell(row=r, column=col, value=value)
            cell.alignment = wrap
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"


def build_sample(sample=sample_engineering) -> Workbook:
    """One sample year's workbook from its module (see sample_engineering.py for the fields)."""
    wb = Workbook()
    about = wb.active
    about.title = "About"
    about.column_dimensions["A"].width = 110
    for i, line in enumerate(sample.ABOUT_LINES, start=1):
        about.cell(row=i, column=1, value=line)

    stories = wb.create_sheet(sample.STORY_SHEET)
    stories.cell(row=1, column=1, value=sample.TITLE).font = Font(bold=True, size=14)
    labels = getattr(sample, "STORY_LABELS", None)
    _write_table(stories, STORY_HEADERS, in_order(sample.STORIES), STORY_WIDTHS, 2, labels)

    praise_ws = wb.create_sheet(sample.PRAISE_SHEET)
    labels = getattr(sample, "PRAISE_LABELS", None)
    _write_table(praise_ws, PRAISE_HEADERS, in_order(sample.PRAISE), PRAISE_WIDTHS, 1, labels)
    return wb


def in_order(rows: list) -> list:
    """Chronological, as people keep a log; a None (blank row) stays after the row before it."""
    keyed, last = [], dt.date.min
    for index, row in enumerate(rows):
        if row is not None:
            last = sort_date(row["date"])
        keyed.append((last, row is None, index, row))
    return [row for *_, row in sorted(keyed, key=lambda k: k[:3])]


def build_template(max_row: int = 2000) -> Workbook:
    wb = Workbook()
    instructions = wb.active
    instructions.title = "Instructions"
    instructions.column_dimensions["A"].width = 120
    for i, (line, heading) in enumerate(INSTRUCTIONS, start=1):
        cell = instructions.cell(row=i, column=1, value=line or None)
        if heading:
            cell.font = Font(bold=True, size=12 if i > 1 else 14)

    stories = wb.create_sheet("Stories")
    _write_table(stories, STORY_HEADERS, [], STORY_WIDTHS)
    praise_ws = wb.create_sheet("Praise")
    _write_table(praise_ws, PRAISE_HEADERS, [], PRAISE_WIDTHS)

    for ws, headers in ((stories, STORY_HEADERS), (praise_ws, PRAISE_HEADERS)):
        _add_validation(ws, headers, "date", max_row, DataValidation(
            type="date", operator="between", formula1="DATE(1990,1,1)", formula2="DATE(2100,12,31)",
            allow_blank=True, showErrorMessage=True, errorTitle="Not a date",
            error="Type a date, e.g. 2026-03-15.", promptTitle="date",
            prompt="When it happened, e.g. 2026-03-15", showInputMessage=True,
        ))  # fmt: skip
    _add_validation(stories, STORY_HEADERS, "kind", max_row, DataValidation(
        type="list", formula1='"win,struggle,lesson"', allow_blank=True, showErrorMessage=True,
        errorTitle="Unknown kind", error="Pick win, struggle or lesson.",
    ))  # fmt: skip
    _add_validation(stories, STORY_HEADERS, "impact", max_row, DataValidation(
        type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
        showErrorMessage=True, errorTitle="Impact is 1-5", error="A whole number from 1 to 5.",
    ))  # fmt: skip
    return wb


def _add_validation(ws, headers, column, max_row, validation):
    letter = ws.cell(row=1, column=headers.index(column) + 1).column_letter
    validation.add(f"{letter}2:{letter}{max_row}")
    ws.add_data_validation(validation)


def save_reproducibly(wb: Workbook, path: Path) -> None:
    """Save with fixed document and zip timestamps so rebuilding gives identical bytes (clean git)."""
    wb.properties.creator = "Advocate"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps `modified` with "now"
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            dst.writestr(fixed, content)
    path.write_bytes(out.getvalue())


def main() -> int:
    DATA.mkdir(exist_ok=True)
    for sample in SAMPLES.values():
        save_reproducibly(build_sample(sample), DATA / sample.FILE)
        stories = sum(row is not None for row in sample.STORIES)
        print(f"wrote {DATA / sample.FILE}: {stories} stories, {len(sample.PRAISE)} praise")
    save_reproducibly(build_template(), DATA / "template.xlsx")
    print(f"wrote {DATA / 'template.xlsx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
