"""A framework downloaded as a spreadsheet, edited in Excel or Sheets, uploads back as the user's
own (the values starter is meant to become a company's own values)."""

from __future__ import annotations

import dataclasses
import io

import pytest
from openpyxl import load_workbook

from core.competencies.framework_sheet import framework_csv, framework_xlsx
from core.competencies.frameworks import builtin_names, load_builtin, parse_framework


def _content(framework):
    return [(c.name, c.description, c.keywords, c.expectations) for c in framework.competencies]


@pytest.mark.parametrize("name", builtin_names())
@pytest.mark.parametrize(("suffix", "write"), [(".csv", framework_csv), (".xlsx", framework_xlsx)])
def test_every_builtin_round_trips_unchanged(name, suffix, write):
    framework = load_builtin(name)
    back, problems = parse_framework(f"mine{suffix}", write(framework))
    assert problems == []
    assert (back.name, back.levels) == (framework.name, framework.levels)
    assert _content(back) == _content(framework)


def test_values_renamed_and_rewritten_in_the_workbook_become_the_users_own():
    book = load_workbook(io.BytesIO(framework_xlsx(load_builtin("Company values (starter)"))))
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    col = {h: headers.index(h) for h in headers}
    for row in sheet.iter_rows(min_row=2):
        row[col["framework"]].value = "Acme values"
        if row[col["competency"]].value == "Bias for action":
            row[col["competency"]].value = "Move fast, together"
            row[col["description"]].value = "We decide quickly and tell each other why."
    out = io.BytesIO()
    book.save(out)
    mine, problems = parse_framework("acme.xlsx", out.getvalue())
    assert problems == []
    assert mine.name == "Acme values"
    assert "Move fast, together" in mine.names and "Bias for action" not in mine.names
    moved = next(c for c in mine.competencies if c.name == "Move fast, together")
    assert moved.description == "We decide quickly and tell each other why."


def test_a_downloaded_cell_that_looks_like_a_formula_stays_text():
    framework = load_builtin("Company values (starter)")
    first = dataclasses.replace(framework.competencies[0], description="=HYPERLINK(\"http://x.example\")")
    framework = dataclasses.replace(framework, competencies=[first, *framework.competencies[1:]])
    sheet = load_workbook(io.BytesIO(framework_xlsx(framework))).active
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_a_workbook_without_a_competency_column_says_what_to_do():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["date", "text"])
    book.active.append(["2026-01-01", "hello"])
    out = io.BytesIO()
    book.save(out)
    framework, problems = parse_framework("wins.xlsx", out.getvalue())
    assert framework is None
    assert problems[0].severity == "error" and "competency" in problems[0].message
