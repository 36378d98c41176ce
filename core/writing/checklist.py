"""What the user should know before sending the draft: the "before you send it" checklist and
the wins left out, strongest first, with why. Shown on the Draft page only, never exported.
"""

from __future__ import annotations

from collections import Counter

from core.writing.builder import Builder, rank
from core.writing.document import LeftOut, Section, plural
from core.writing.sentences import clean


def check_sections(b: Builder, sections: list[Section]) -> None:
    for section in sections:
        if section.role in ("summary", "next"):
            continue
        told = [c for c in section.told if c in b.items]
        if not section.paragraphs:
            b.checklist.append(
                f"“{section.heading}”: none of your evidence answers it yet. Write this answer "
                "yourself, or log the story it needs."
            )
        elif len(told) + sum(1 for p in section.paragraphs if p.kind == "quote") < 2:
            b.checklist.append(f"“{section.heading}” rests on one piece of evidence: add a story or a quote.")
        for item_id in told:
            story = b.items[item_id].story
            if not clean(story.result):
                b.checklist.append(f"“{clean(story.title) or item_id}” has no result: say what changed.")
    for item_id in b.options.pinned:
        if item_id not in b.items:
            b.checklist.append(f"Pinned {item_id} is not in {b.spoken}: change the period to include it.")


def left_out(b: Builder, sections: list[Section]) -> list[LeftOut]:
    """The period's wins not told in full, strongest first, with the reason."""
    told = {c for s in sections for c in s.told}
    by_heading = Counter(b.told.values())
    out = []
    for item in sorted(b.items.values(), key=rank):
        story = item.story
        if story.story_kind != "win" or story.id in told:
            continue
        if story.id in b.options.left_out:
            why = "You left it out."
        elif story.id in b.told:
            why = f"Cut to fit the limit of “{b.told[story.id]}”."
        elif b.options.questions:
            why = "Stronger or closer stories answer each question."
        else:
            home = b.home.get(story.id)
            why = (
                f"“{home}” already tells {plural(by_heading.get(home, 0), 'story', 'stories')}: "
                "pin it to add it."
                if home
                else "It is not mapped to a competency: confirm one on the Competencies page, or pin it."
            )
        out.append(LeftOut(story.id, clean(story.title) or clean(story.action)[:60], item.significance, why))
    return out
