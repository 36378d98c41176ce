"""One page of a long table at a time: a decade of evidence is not sent to the browser at once.

At 10,000 + 10,000 the Import page sent both whole tables (10.5 MB) on every visit; the browser
then held them all. A page of PAGE_ROWS rows is what a person reads anyway; the page number
picks the next.
"""

from __future__ import annotations

import streamlit as st

from ui.safe import md

PAGE_ROWS = 500


def page_of(rows, key: str, noun: str = "rows", size: int = PAGE_ROWS):
    """The rows (a list or a DataFrame) of the page the user picked; all of them when they fit one
    page. Above one page, a page-number input keyed `key` is shown first."""
    pages = -(-len(rows) // size)
    if pages <= 1:
        return rows
    page = st.number_input(f"Page ({len(rows):,} {md(noun)}, {size:,} a page)", 1, pages, 1, key=key)
    start = (page - 1) * size
    return rows.iloc[start : start + size] if hasattr(rows, "iloc") else rows[start : start + size]
