"""Talking points for the review conversation, on one page: the three results to lead with, the
rating asked for and the evidence behind it, praise in the colleagues' own words, what the user
wants next (their own words, verbatim), and likely questions with the story that answers each.

Also the short "About" paragraph (LinkedIn, or a cover letter): the same stories, first person.
"""

from __future__ import annotations

from core.competencies.readiness import Readiness
from core.model import Evidence, Praise, Story
from core.writing.argument import argue_rating, cite_labels
from core.writing.blocks import Block, to_docx, to_markdown
from core.writing.document import join_words
from core.writing.exports import resume_bullet
from core.writing.interview import answers, strongest
from core.writing.naming import title_phrase
from core.writing.quotes import attribution, quote_text
from core.writing.sentences import is_past_verb, lower_first, sentence, strip_end, upper_first

_TALKING_WORDS_TEXT = """
    talking points for review conversation lead with these results the rating i am asking in
    their words what want next likely questions no story yet add one before meeting about my
    work centres on pick a on draft page write here
"""
TALKING_WORDS = frozenset(_TALKING_WORDS_TEXT.split())
LEAD_WITH = 3
QUOTES = 3


def talking_blocks(
    stories: list[Story],
    praise: list[Praise],
    ratings: dict[str, str],
    result: Readiness | None,
    wants: str = "",
    title: str = "Talking points",
) -> list[Block]:
    items: dict[str, Evidence] = {s.id: s for s in stories} | {p.id: p for p in praise}
    blocks = [Block("title", title), Block("h1", "Lead with these results")]
    top = strongest([s for s in stories if s.story_kind == "win"], LEAD_WITH)
    blocks.append(Block("ul", items=[f"{resume_bullet(s)} {cite_labels([s.id], items)}" for s in top]))
    blocks.append(Block("h1", "The rating I am asking for"))
    argued = 0
    for competency, rating in ratings.items():
        comp = result.for_competency(competency) if result else None
        paragraph = argue_rating(comp, rating, items, result.order) if comp else None
        if paragraph is not None:
            blocks.append(
                Block("p", paragraph.body, lead=f"{competency}:", cite=cite_labels(paragraph.cites, items))
            )
            argued += 1
        elif rating:
            blocks.append(Block("p", sentence(f"{competency}: {rating}")))
            argued += 1
    if not argued:
        blocks.append(Block("note", "Pick a rating on the Draft page."))
    quotes = [p for p in sorted(praise, key=lambda p: (-len(quote_text(p)), p.id)) if not p.hidden][:QUOTES]
    if quotes:
        blocks.append(Block("h1", "In their words"))
        blocks += [
            Block("quote", f"“{quote_text(p)}” — {attribution(p)}", cite=cite_labels([p.id], items))
            for p in quotes
        ]
    blocks.append(Block("h1", "What I want next"))
    blocks.append(
        Block("p", wants.strip()) if wants.strip() else Block("note", "Write what you want next here.")
    )
    blocks.append(Block("h1", "Likely questions"))
    lines = []
    for answer in answers(stories):
        if answer.story is not None:
            story = answer.story
            title = upper_first(title_phrase(story))
            lines.append(f"{answer.question.text} — {title} {cite_labels([story.id], items)}")
    if result is not None:
        for gap in result.gaps()[:3]:
            lines.append(
                f"{gap.competency}: “{strip_end(gap.text)}”? No story yet: add one before the meeting."
            )
    blocks.append(Block("ul", items=lines))
    return blocks


def talking_markdown(*args, **kwargs) -> str:
    return to_markdown(talking_blocks(*args, **kwargs))


def talking_docx(*args, **kwargs) -> bytes:
    blocks = talking_blocks(*args, **kwargs)
    return to_docx(blocks, blocks[0].text)


def about_paragraph(
    stories: list[Story], assignments: dict[str, list[str]], order: list[str], k: int = 3
) -> str:
    """A first-person paragraph for a LinkedIn About section or a cover letter: the competencies
    with most evidence, then the biggest results in the user's own words. Nothing added but
    'My work centres on' and the joining words."""
    counts = {name: 0 for name in order}
    for story in stories:
        for comp in assignments.get(story.id, ()):
            if comp in counts:
                counts[comp] += 1
    themes = [n for n, c in sorted(counts.items(), key=lambda kv: -kv[1]) if c][:3]
    parts = [sentence(f"My work centres on {join_words(themes)}")] if themes else []
    for story in strongest([s for s in stories if s.story_kind == "win"], k):
        bullet = resume_bullet(story)
        parts.append(f"I {lower_first(bullet, story.text)}" if is_past_verb(bullet.split(" ")[0]) else bullet)
    return " ".join(parts)
