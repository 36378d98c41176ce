"""A review form's word and character limits: a section is cut at whole sentences, never mid-way,
and remembers its length before the cut so the page can say so."""

from __future__ import annotations

from core.writing.document import Citation, Paragraph, Section, paragraph_text


def trim(section: Section, citations: dict[str, Citation]) -> None:
    """Count the section; over a limit, drop whole sentences from the end and record it."""

    def count(paragraphs: list[Paragraph]) -> tuple[int, int]:
        texts = [paragraph_text(p, citations) for p in paragraphs]
        return sum(len(t.split()) for t in texts), len("\n\n".join(texts))

    def fits(paragraphs: list[Paragraph]) -> bool:
        w, c = count(paragraphs)
        return (not section.word_limit or w <= section.word_limit) and (
            not section.char_limit or c <= section.char_limit
        )

    section.words, section.chars = words, chars = count(section.paragraphs)
    if fits(section.paragraphs):
        return
    kept: list[Paragraph] = []
    for paragraph in section.paragraphs:
        if fits([*kept, paragraph]):
            kept.append(paragraph)
            continue
        if paragraph.kind != "quote":  # a quote is never cut: whole or not at all
            sentences = list(paragraph.sentences)
            while len(sentences) > 1:
                sentences.pop()
                shorter = Paragraph(
                    paragraph.kind, sentences, paragraph.cites, paragraph.lead, paragraph.attribution
                )
                if fits([*kept, shorter]):
                    kept.append(shorter)
                    break
        break
    section.paragraphs = kept
    section.trimmed_from = (words, chars)
    section.words, section.chars = count(kept)
