"""The promotion case: per competency, each next-level expectation with its evidence, a summary
table and the gaps, in the shape managers use for promotion packets.

Built from a level-readiness result (core.competencies.readiness); the text is the framework's,
the user's evidence, and the fixed labels in PROMOTION_WORDS.
"""

from __future__ import annotations

from core.competencies.readiness import NO_EVIDENCE, Readiness
from core.model import Evidence, Praise
from core.writing.argument import cite_labels
from core.writing.blocks import Block, to_docx, to_markdown
from core.writing.naming import headline
from core.writing.quotes import attribution, quote_text
from core.writing.sentences import clean, sentence, strip_end

_PROMOTION_WORDS_TEXT = """
    promotion case level from to summary competency at shown gaps expectations expectation also
    evidence no yet in words of the for what is expected
"""
PROMOTION_WORDS = frozenset(_PROMOTION_WORDS_TEXT.split())
_PER_EXPECTATION = 3  # items quoted under one expectation


def evidence_line(item: Evidence) -> str:
    """One item in a line: a story's headline, or a quote in its author's words."""
    if isinstance(item, Praise):
        return f"“{quote_text(item)}” — {attribution(item)}"
    said = sentence(headline(item))
    result = clean(item.result)
    return f"{said} {sentence(result)}" if result and strip_end(result) not in said else said


def promotion_blocks(result: Readiness, items: dict[str, Evidence]) -> list[Block]:
    target = result.next_level or result.level
    title = f"Promotion case: {result.level} to {target}" if result.next_level else f"Level case: {target}"
    blocks = [Block("title", title), Block("note", f"{result.framework}")]
    head = ["Competency", *[f"At {lv}" for lv in result.levels]]
    rows = [head]
    for comp in result.competencies:
        rows.append([comp.competency, *[f"{a} of {b}" for a, b in (comp.counts(lv) for lv in result.levels)]])
    blocks += [Block("h1", "Summary"), Block("table", rows=rows)]
    for comp in result.competencies:
        blocks += [Block("h1", comp.competency), Block("p", sentence(comp.summary))]
        for lv in reversed(result.levels):  # the level asked for first
            blocks.append(Block("h2", f"What is expected at {lv}"))
            for row in comp.levels[lv]:
                ids = [m.item_id for m in row.matches if m.item_id in items][:_PER_EXPECTATION]
                blocks.append(
                    Block("p", lead=sentence(row.expectation.text), text="" if ids else sentence(NO_EVIDENCE))
                )
                if ids:
                    blocks.append(
                        Block(
                            "ul", items=[f"{evidence_line(items[i])} {cite_labels([i], items)}" for i in ids]
                        )
                    )
    gaps = [e for e in result.gaps(target)]
    blocks.append(Block("h1", "Gaps"))
    if gaps:
        blocks.append(Block("ul", items=[f"{e.competency}: {e.text}" for e in gaps]))
    else:
        blocks.append(Block("p", f"Every expectation at {target} is shown."))
    return blocks


def promotion_markdown(result: Readiness, items: dict[str, Evidence]) -> str:
    return to_markdown(promotion_blocks(result, items))


def promotion_docx(result: Readiness, items: dict[str, Evidence]) -> bytes:
    blocks = promotion_blocks(result, items)
    return to_docx(blocks, blocks[0].text)
