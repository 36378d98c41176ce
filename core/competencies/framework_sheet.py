"""A framework as a spreadsheet a user can edit: the values starter is meant to be rewritten into
a company's own values, and people edit lists in Excel or Sheets, not in YAML.

One row per expectation (framework, competency, description, level, expectation, keywords), the
CSV shape `parse_framework` already reads, so a downloaded sheet uploads back unchanged. The
same rows come back from an .xlsx/.ods upload through `read_sheet`.
"""

from __future__ import annotations

import csv
import io

from core.model import Framework, Problem

COLUMNS = ["framework", "competency", "description", "level", "expectation", "keywords"]
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def framework_rows(framework: Framework) -> list[list[str]]:
    """The header and one row per expectation (a competency without any still gets one row)."""
    rows = [COLUMNS]
    for comp in framework.competencies:
        keywords = "; ".join(comp.keywords)
        pairs = [(level, text) for level, texts in comp.expectations.items() for text in texts]
        for level, text in pairs or [("", "")]:
            rows.append([framework.name, comp.name, comp.description, level, text, keywords])
    return rows


def framework_csv(framework: Framework) -> bytes:
    """UTF-8 with a BOM, so Excel on Windows shows accented letters right."""
    out = io.StringIO(newline="")
    csv.writer(out).writerows(framework_rows(framework))
    return out.getvalue().encode("utf-8-sig")


def framework_xlsx(framework: Framework) -> bytes:
    """The same rows as a workbook with a bold, frozen header and readable column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from core.text import inert

    wb = Workbook()
    ws = wb.active
    ws.title = "Framework"
    for row in framework_rows(framework):
        ws.append([inert(cell) or None for cell in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value[0] in "=+-@\t\r":
                cell.data_type, cell.quotePrefix = "s", True  # text, never a formula
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (22, 24, 50, 14, 60, 40), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_sheet(name: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """The first sheet with a `competency` column of an uploaded workbook, as CSV text."""
    from core.ingest.readers import ReadError, read_tables

    try:
        tables, _ = read_tables(name, data)
    except ReadError as exc:
        return None, [Problem(name, None, None, None, "error", str(exc))]
    for table in tables:
        rows = [["" if cell is None else str(cell) for cell in row] for row in table.rows]
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if rows and any(cell.strip().lower() in {"competency", "name"} for cell in rows[0]):
            out = io.StringIO(newline="")
            csv.writer(out).writerows(rows)
            return out.getvalue(), []
    message = "no sheet has a 'competency' column: download the starter to see the layout"
    return None, [Problem(name, None, None, "competency", "error", message)]
