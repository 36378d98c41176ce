"""A tiny document model for the one-off exports (promotion case, interview stories, talking points):
headings, paragraphs, bullets, quotes and tables, rendered once to Markdown and once to Word.

Every text is the user's evidence, the framework's words or a fixed label, so the renderers make
it inert here: CommonMark escaping in .md (core.text.commonmark_escape), control and direction
characters removed in .docx (core.text.inert).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from core.text import commonmark_escape, inert


@dataclass
class Block:
    kind: str  # "title" | "h1" | "h2" | "p" | "ul" | "quote" | "table" | "note"
    text: str = ""
    items: list[str] = field(default_factory=list)  # ul: the bullets
    rows: list[list[str]] = field(default_factory=list)  # table: header row first
    lead: str = ""  # p/ul item: a bold label before the text
    cite: str = ""  # shown after the text, in grey in Word: "[S12, Mar 2026]"


def _md_cell(text: str) -> str:
    return commonmark_escape(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        text = commonmark_escape(b.text)
        tail = f" {commonmark_escape(b.cite)}" if b.cite else ""
        lead = f"**{commonmark_escape(b.lead)}** " if b.lead else ""
        if b.kind == "title":
            out += [f"# {text}", ""]
        elif b.kind == "h1":
            out += [f"## {text}", ""]
        elif b.kind == "h2":
            out += [f"### {text}", ""]
        elif b.kind == "ul":
            out += [f"- {commonmark_escape(item)}" for item in b.items] + [""]
        elif b.kind == "quote":
            out += [f"> {lead}{text}{tail}".rstrip(), ""]
        elif b.kind == "table" and b.rows:
            head, *body = b.rows
            out.append("| " + " | ".join(_md_cell(c) for c in head) + " |")
            out.append("|" + "---|" * len(head))
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in body]
            out.append("")
        elif b.kind == "note":
            out += [f"*{text}*", ""]
        else:
            out += [f"{lead}{text}{tail}".rstrip(), ""]
    return "\n".join(out).rstrip() + "\n"


def to_docx(blocks: list[Block], title: str) -> bytes:
    from docx import Document
    from docx.shared import Pt, RGBColor

    doc = Document()
    props = doc.core_properties
    props.title = inert(title)
    props.author = props.last_modified_by = ""
    props.comments = ""
    grey = RGBColor(0x59, 0x59, 0x59)
    for b in blocks:
        if b.kind in ("title", "h1", "h2"):
            doc.add_heading(inert(b.text), level={"title": 0, "h1": 1, "h2": 2}[b.kind])
        elif b.kind == "ul":
            for item in b.items:
                doc.add_paragraph(inert(item), style="List Bullet")
        elif b.kind == "table" and b.rows:
            table = doc.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(b.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = inert(cell)
                    if r == 0:
                        for run in table.cell(r, c).paragraphs[0].runs:
                            run.bold = True
            doc.add_paragraph()
        else:
            para = doc.add_paragraph(style="Quote" if b.kind == "quote" else None)
            if b.lead:
                para.add_run(inert(b.lead) + " ").bold = True
            run = para.add_run(inert(b.text))
            run.italic = b.kind == "note"
            if b.cite:
                tail = para.add_run(" " + inert(b.cite))
                tail.font.color.rgb = grey
                tail.font.size = Pt(9)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def plain_text(blocks: list[Block]) -> str:
    """Every word a document says, for tests and search: no markup, no escapes."""
    out = []
    for b in blocks:
        out += [b.lead, b.text, b.cite, *b.items, *(cell for row in b.rows for cell in row)]
    return "\n".join(t for t in out if t)
