"""Render a Draft as Word (.docx), Markdown, paste-ready text, resume bullets and JSON.

Two copies: the working copy keeps citations like `[S12, Mar 2026]`, the evidence appendix and
the recency audit; the clean copy (`clean=True`) is the document to send: none of those. Neither
ever carries the "before you send it" notes (they live in `Draft.checklist`, for the page).

User text is data, never markup: every export strips Unicode direction overrides and characters
Word rejects; Markdown escapes only what would change how CommonMark renders (so it reads well
as plain text); JSON escapes `<`, `>` and `&`. python-docx is imported only for a .docx.
"""

from __future__ import annotations

import io
import json

from core.text import commonmark_escape, inert, md_escape
from core.writing.bullets import resume_bullet
from core.writing.document import Draft, Paragraph, Section, paragraph_text
from core.writing.sentences import clean, sentence

__all__ = ["FORMATS", "appendix_lines", "markdown_paragraph", "md_escape", "render", "resume_bullet"]

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _labels(paragraph: Paragraph, draft: Draft, clean_copy: bool) -> str:
    if clean_copy:
        return ""
    return " ".join(draft.citations[c].label for c in paragraph.cites if c in draft.citations)


def appendix_lines(draft: Draft) -> list[tuple[str, str]]:
    """(label, description) per cited item, in order of first citation."""
    lines = []
    for item_id, citation in draft.citations.items():
        item = draft.items[item_id]
        when = citation.quarter or "outside the period"
        if item.kind == "story":
            what = clean(item.title) or clean(item.text)[:80] or clean(item.description)[:80]
            kind = {"win": "story"}.get(item.story_kind, item.story_kind)
            text = f"{kind}, {item.date.isoformat()} ({when}): {what}"
        else:
            words = clean(item.text).split()
            quote = " ".join(words[:14]) + (" …" if len(words) > 14 else "")
            who = clean(item.author) or "unattributed"
            text = f"praise from {who}, {item.date.isoformat()} ({when}): “{quote}”"
        if item.link.strip():
            text += f" Link: {clean(item.link)}"
        if item.origin is not None:
            where = item.origin.file + (f", sheet {item.origin.sheet}" if item.origin.sheet else "")
            where += f", row {item.origin.row}" if item.origin.row else ""
            text += f" (from {where})"
        lines.append((citation.label, inert(text)))
    return lines


# --- Markdown -------------------------------------------------------------------------------


def markdown_paragraph(p: Paragraph, draft: Draft, clean_copy: bool = False, escape=commonmark_escape) -> str:
    """One paragraph as Markdown, user text escaped (`escape=md_escape` for the app's preview)."""
    labels = escape(_labels(p, draft, clean_copy))
    if p.kind == "quote":
        text = f"> “{escape(p.body)}”"
        if p.attribution:
            text += f"\n> — {escape(p.attribution)}"
        return text + (f" {labels}" if labels else "")
    body = escape(p.body)
    if p.lead:
        body = f"**{escape(sentence(p.lead))}** {body}"
    return body + (f" {labels}" if labels else "")


def _md_section(section: Section, draft: Draft, clean_copy: bool) -> list[str]:
    out = [f"## {commonmark_escape(clean(section.heading))}", ""]
    if section.rating:
        out += [f"*My rating: {commonmark_escape(clean(section.rating))}*", ""]
    for p in section.paragraphs:
        out += [markdown_paragraph(p, draft, clean_copy), ""]
    return out


def to_markdown(draft: Draft, clean_copy: bool = False) -> str:
    out = [f"# {commonmark_escape(draft.title)}", ""]
    for section in draft.all_sections:
        out += _md_section(section, draft, clean_copy)
    if not clean_copy:
        out += ["## Appendix: evidence cited", ""]
        out += [
            f"- {commonmark_escape(label)} {commonmark_escape(text)}" for label, text in appendix_lines(draft)
        ]
        out += ["", f"*Recency audit: {commonmark_escape(draft.audit.statement)}*", ""]
    return "\n".join(out)


# --- plain text -----------------------------------------------------------------------------


def to_text(draft: Draft, clean_copy: bool = False) -> str:
    """Paste-ready for a review form's text boxes: one block per section or question, plain
    sentences, no Markdown symbols; each block within the form's character limit when one is set."""
    citations = None if clean_copy else draft.citations
    out = [inert(draft.title), ""]
    for section in draft.all_sections:
        out += [inert(clean(section.heading)), ""]
        if section.rating:
            out += [inert(f"My rating: {clean(section.rating)}"), ""]
        for p in section.paragraphs:
            out += [inert(paragraph_text(p, citations)), ""]
    if not clean_copy:
        out += ["Appendix: evidence cited", ""]
        out += [f"{label} {text}" for label, text in appendix_lines(draft)]
        out += ["", inert(f"Recency audit: {draft.audit.statement}"), ""]
    return "\n".join(out)


# --- resume bullets -------------------------------------------------------------------------


def to_bullets(draft: Draft, clean_copy: bool = False) -> str:
    lines = [f"• {resume_bullet(draft.items[i])}" for i in draft.top_stories]
    return "\n".join(lines) + ("\n" if lines else "")


# --- JSON -----------------------------------------------------------------------------------


def _section_dict(section: Section, draft: Draft) -> dict:
    return {
        "heading": section.heading,
        "role": section.role,
        "competency": section.competency,
        "question": section.question,
        "intent": section.intent,
        "rating": section.rating,
        "paragraphs": [
            {
                "kind": p.kind,
                "text": paragraph_text(p, draft.citations),
                "lead": p.lead,
                "sentences": p.sentences,
                "cites": list(p.cites),
                "attribution": p.attribution,
            }
            for p in section.paragraphs
        ],
        "cites": section.cites,
        "words": section.words,
        "chars": section.chars,
        "word_limit": section.word_limit,
        "char_limit": section.char_limit,
        "trimmed": section.trimmed_from is not None,
        "words_before_trim": section.trimmed_from[0] if section.trimmed_from else None,
    }


def draft_dict(draft: Draft) -> dict:
    """The draft's structure: sections, cited ids, the recency audit, what was left out and the
    checklist (JSON is the data behind the draft, for scripts: not a document to send)."""
    return {
        "title": draft.title,
        "period": {
            "label": draft.period.label,
            "start": draft.period.start.isoformat(),
            "end": draft.period.end.isoformat(),
            "quarters": [q.label for q in draft.period.quarters],
        },
        "framework": draft.framework,
        "options": draft.options.as_dict(),
        "sections": [_section_dict(s, draft) for s in draft.sections],
        "cited": [c.as_dict() for c in draft.citations.values()],
        "audit": draft.audit.as_dict(),
        "rating_helper": [h.as_dict() for h in draft.helpers],
        "top_stories": list(draft.top_stories),
        "left_out": [x.as_dict() for x in draft.left_out],
        "checklist": list(draft.checklist),
    }


def _inert_tree(value):
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, list):
        return [_inert_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _inert_tree(v) for k, v in value.items()}
    return value


def to_json(draft: Draft, clean_copy: bool = False) -> str:
    text = json.dumps(_inert_tree(draft_dict(draft)), ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


# --- Word -----------------------------------------------------------------------------------


def to_docx(draft: Draft, clean_copy: bool = False) -> bytes:
    """A Word document with real Heading styles and the Quote style for praise; the working copy
    adds grey citations, the appendix and the recency audit."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    doc = Document()
    props = doc.core_properties
    props.title = inert(draft.title)
    props.author = props.last_modified_by = ""  # python-docx would sign it "python-docx"
    props.comments = ""
    doc.add_heading(inert(draft.title), level=0)
    grey = RGBColor(0x59, 0x59, 0x59)

    def cite(paragraph, p: Paragraph) -> None:
        labels = _labels(p, draft, clean_copy)
        if labels:
            run = paragraph.add_run(" " + inert(labels))
            run.font.color.rgb = grey
            run.font.size = Pt(9)

    for section in draft.all_sections:
        doc.add_heading(inert(clean(section.heading)), level=1)
        if section.rating:
            doc.add_paragraph().add_run(inert(f"My rating: {clean(section.rating)}")).bold = True
        for p in section.paragraphs:
            if p.kind == "quote":
                para = doc.add_paragraph(style="Quote")
                para.add_run(inert(f"“{p.body}”"))
                if p.attribution:
                    para.add_run(inert(f" — {p.attribution}"))
            else:
                para = doc.add_paragraph()
                if p.lead:
                    para.add_run(inert(sentence(p.lead)) + " ").bold = True
                para.add_run(inert(p.body))
            cite(para, p)
    if not clean_copy:
        doc.add_heading("Appendix: evidence cited", level=1)
        for label, text in appendix_lines(draft):
            para = doc.add_paragraph(style="List Bullet")
            para.add_run(inert(label)).bold = True
            para.add_run(" " + inert(text))
        doc.add_paragraph().add_run(inert(f"Recency audit: {draft.audit.statement}")).italic = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


FORMATS = {
    # format: (file extension, mime type)
    "docx": (".docx", DOCX_MIME),
    "md": (".md", "text/markdown"),
    "txt": (".txt", "text/plain"),
    "bullets": ("-bullets.txt", "text/plain"),
    "json": (".json", "application/json"),
}
_RENDER = {"docx": to_docx, "md": to_markdown, "txt": to_text, "bullets": to_bullets, "json": to_json}


def render(draft: Draft, fmt: str, clean_copy: bool = False) -> bytes:
    """The draft in one of FORMATS, as the bytes a download or a file gets; `clean_copy` gives
    the document to send (no citations, appendix or audit)."""
    out = _RENDER[fmt](draft, clean_copy)
    return out if isinstance(out, bytes) else out.encode("utf-8")
