"""The empty template users download from the Import page and fill in by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "data" / "template.xlsx"
STORY_HEADERS = ["date", "title", "challenge", "action", "result", "competencies", "impact", "kind",
                 "project", "tags", "link", "metric"]  # fmt: skip
PRAISE_HEADERS = ["date", "text", "from", "role", "channel", "link", "competencies"]


@pytest.fixture(scope="module")
def book():
    return load_workbook(TEMPLATE)


def _validation_for(ws, header):
    """The data validation covering the first data cell of the column named `header`."""
    col = [c.value for c in ws[1]].index(header) + 1
    cell = ws.cell(row=2, column=col).coordinate
    found = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, f"{ws.title}.{header}: {len(found)} validations"
    dv = found[0]
    assert f"{cell[:-1]}500" in dv.sqref, "validation should cover many rows, not just the first"
    return dv


def test_sheets(book):
    assert book.sheetnames == ["Instructions", "Stories", "Praise"]


@pytest.mark.parametrize("sheet,headers", [("Stories", STORY_HEADERS), ("Praise", PRAISE_HEADERS)])
def test_headers_bold_frozen_and_no_data_rows(book, sheet, headers):
    ws = book[sheet]
    assert [c.value for c in ws[1]] == headers
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1])
    # An example row would be imported as real evidence: the data area must be empty.
    assert ws.max_row == 1


@pytest.mark.parametrize("sheet", ["Stories", "Praise"])
def test_date_column_has_date_validation(book, sheet):
    dv = _validation_for(book[sheet], "date")
    assert dv.type == "date" and dv.allow_blank and dv.showErrorMessage


@pytest.mark.parametrize(
    "header,kind,formula1,formula2",
    [("kind", "list", '"win,struggle,lesson"', None), ("impact", "whole", "1", "5")],
)
def test_story_choice_validations(book, header, kind, formula1, formula2):
    dv = _validation_for(book["Stories"], header)
    assert (dv.type, dv.formula1, dv.formula2) == (kind, formula1, formula2)
    assert dv.allow_blank and dv.showErrorMessage


def test_instructions_explain_every_field_and_date_formats(book):
    lines = [row[0].value or "" for row in book["Instructions"].iter_rows()]
    text = "\n".join(lines)
    for header in {*STORY_HEADERS, *PRAISE_HEADERS}:
        assert any(line.startswith(f"{header}:") or f" {header}:" in line or f"{header}," in line
                   for line in lines), header
    for fmt in ("2026-03-15", "15/03/2026", "15-Mar-2026", "March 2026", "Q1 2026"):
        assert fmt in text
    assert "win" in text and "struggle" in text and "lesson" in text
