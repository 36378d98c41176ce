"""Render a Draft as Word (.docx), Markdown, paste-ready text, resume bullets and JSON.

User text is data, never markup: every export strips Unicode direction overrides (which can make
text read differently from what it says) and characters Word rejects; Markdown escapes the
characters that would make links, HTML or formatting; JSON escapes `<`, `>` and `&` so it stays
inert even when pasted into a web page. python-docx is imported only when a .docx is asked for.
"""

from __future__ import annotations

import io
import json
import re

from core.text import inert, md_escape
from core.writing.draft import Draft, Paragraph, Section, clean, paragraph_text, sentence, split_sentences

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _labels(paragraph: Paragraph, draft: Draft) -> str:
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


def markdown_paragraph(p: Paragraph, draft: Draft) -> str:
    """One paragraph as Markdown with every piece of user text escaped (also the app's preview)."""
    labels = md_escape(_labels(p, draft))
    if p.kind == "quote":
        text = f"> “{md_escape(p.body)}”"
        if p.attribution:
            text += f"\n> — {md_escape(p.attribution)}"
        return text + (f" {labels}" if labels else "")
    body = md_escape(p.body)
    if p.lead:
        body = f"**{md_escape(sentence(p.lead))}** {body}"
    if p.kind == "note":
        body = f"*Note: {body}*"
    return body + (f" {labels}" if labels else "")


def _md_section(section: Section, draft: Draft) -> list[str]:
    out = [f"## {md_escape(clean(section.heading))}", ""]
    if section.rating:
        out += [f"*My rating: {md_escape(clean(section.rating))}*", ""]
    for p in section.paragraphs:
        out += [markdown_paragraph(p, draft), ""]
    return out


def to_markdown(draft: Draft) -> str:
    out = [f"# {md_escape(draft.title)}", ""]
    for section in draft.all_sections:
        out += _md_section(section, draft)
    out += ["## Appendix: evidence cited", ""]
    out += [f"- {md_escape(label)} {md_escape(text)}" for label, text in appendix_lines(draft)]
    out += ["", f"*Recency audit: {md_escape(draft.audit.statement)}*", ""]
    return "\n".join(out)


# --- plain text -----------------------------------------------------------------------------


def _txt_paragraph(p: Paragraph, draft: Draft) -> str:
    text = paragraph_text(p, draft.citations)
    return inert(f"Note: {text}" if p.kind == "note" else text)


def to_text(draft: Draft) -> str:
    """Paste-ready for a review form's text boxes: plain sentences, no Markdown symbols."""
    out = [inert(draft.title), ""]
    for section in draft.all_sections:
        out += [inert(clean(section.heading)), ""]
        if section.rating:
            out += [inert(f"My rating: {clean(section.rating)}"), ""]
        for p in section.paragraphs:
            out += [_txt_paragraph(p, draft), ""]
    out += ["Appendix: evidence cited", ""]
    out += [f"{label} {text}" for label, text in appendix_lines(draft)]
    out += ["", inert(f"Recency audit: {draft.audit.statement}"), ""]
    return "\n".join(out)


# --- resume bullets -------------------------------------------------------------------------


def _first(text: str) -> str:
    found = split_sentences(text)
    return found[0].rstrip(" .;:,") if found else ""


def resume_bullet(story) -> str:
    """'Did X, resulting in Y' from the story's own action and result (title when no action)."""
    did = _first(story.action) or clean(story.title) or _first(story.description)
    did = re.sub(r"^I\s+", "", did)
    did = did[:1].upper() + did[1:]
    result = _first(story.result)
    if result and did:
        first, _, rest = result.partition(" ")
        if first[:1].isupper() and first[1:].islower() and first != "I":
            result = first.lower() + (" " + rest if rest else "")
        return inert(f"{did}, resulting in {result}.")
    return inert(sentence(did or result))


def to_bullets(draft: Draft) -> str:
    lines = [f"• {resume_bullet(draft.items[i])}" for i in draft.top_stories]
    return "\n".join(lines) + ("\n" if lines else "")


# --- JSON -----------------------------------------------------------------------------------


def _section_dict(section: Section, draft: Draft) -> dict:
    return {
        "heading": section.heading,
        "competency": section.competency,
        "question": section.question,
        "rating": section.rating,
        "paragraphs": [
            {"kind": p.kind, "text": paragraph_text(p, draft.citations), "lead": p.lead,
             "sentences": p.sentences, "cites": list(p.cites), "attribution": p.attribution}
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
    """The draft's structure: sections, cited ids with dates and quarters, and the recency audit."""
    return {
        "title": draft.title,
        "period": {"label": draft.period.label, "start": draft.period.start.isoformat(),
                   "end": draft.period.end.isoformat(),
                   "quarters": [q.label for q in draft.period.quarters]},
        "framework": draft.framework,
        "options": draft.options.as_dict(),
        "sections": [_section_dict(s, draft) for s in draft.sections],
        "growth": _section_dict(draft.growth, draft),
        "cited": [c.as_dict() for c in draft.citations.values()],
        "audit": draft.audit.as_dict(),
        "rating_helper": [h.as_dict() for h in draft.helpers],
        "top_stories": list(draft.top_stories),
    }


def _inert_tree(value):
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, list):
        return [_inert_tree(v) for v in value]
    if isinstance(value, dict):
        return {k: _inert_tree(v) for k, v in value.items()}
    return value


def to_json(draft: Draft) -> str:
    text = json.dumps(_inert_tree(draft_dict(draft)), ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


# --- Word -----------------------------------------------------------------------------------


def _xml(text: str) -> str:
    return inert(text)


def to_docx(draft: Draft) -> bytes:
    """A Word document with real Heading styles, the Quote style for praise, and an appendix."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    doc = Document()
    doc.core_properties.title = _xml(draft.title)
    doc.add_heading(_xml(draft.title), level=0)
    grey = RGBColor(0x59, 0x59, 0x59)

    def cite(paragraph, p: Paragraph) -> None:
        labels = _labels(p, draft)
        if labels:
            run = paragraph.add_run(" " + _xml(labels))
            run.font.color.rgb = grey
            run.font.size = Pt(9)

    for section in draft.all_sections:
        doc.add_heading(_xml(clean(section.heading)), level=1)
        if section.rating:
            doc.add_paragraph().add_run(_xml(f"My rating: {clean(section.rating)}")).bold = True
        for p in section.paragraphs:
            if p.kind == "quote":
                para = doc.add_paragraph(style="Quote")
                para.add_run(_xml(f"“{p.body}”"))
                if p.attribution:
                    para.add_run(_xml(f" — {p.attribution}"))
            else:
                para = doc.add_paragraph()
                if p.lead:
                    para.add_run(_xml(sentence(p.lead)) + " ").bold = True
                run = para.add_run(_xml(f"Note: {p.body}" if p.kind == "note" else p.body))
                run.italic = p.kind == "note"
            cite(para, p)
    doc.add_heading("Appendix: evidence cited", level=1)
    for label, text in appendix_lines(draft):
        para = doc.add_paragraph(style="List Bullet")
        para.add_run(_xml(label)).bold = True
        para.add_run(" " + _xml(text))
    doc.add_paragraph().add_run(_xml(f"Recency audit: {draft.audit.statement}")).italic = True
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


def render(draft: Draft, fmt: str) -> bytes:
    """The draft in one of FORMATS, as the bytes a download or a file gets."""
    if fmt == "docx":
        return to_docx(draft)
    text = {"md": to_markdown, "txt": to_text, "bullets": to_bullets, "json": to_json}[fmt](draft)
    return text.encode("utf-8")
