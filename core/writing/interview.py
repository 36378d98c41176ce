"""Interview stories: the strongest stories told as STAR answers to the common behavioural
questions, each citing its story, and the resume bullets grouped by theme.

CAR maps onto STAR directly (the challenge is the situation and task), so an answer is the
user's own challenge, action and result (and lesson, for a failure); no story answers two
questions, and a question no story fits says so instead of stretching one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from core.analysis.strength import significance
from core.model import Story
from core.writing.argument import cite_labels
from core.writing.blocks import Block, to_docx, to_markdown
from core.writing.exports import resume_bullet
from core.writing.prose import first_person
from core.writing.sentences import clean, sentence, split_sentences

_INTERVIEW_WORDS_TEXT = """
    interview stories situation and task action result what i learned no story fits this
    question yet log one in the journal resume bullets by theme other work tell me about a time
    you when disagreed with colleague or handled conflict failed made mistake led without formal
    authority worked through an ambiguous unclear is the work had biggest impact helped someone
    grow
"""
INTERVIEW_WORDS = frozenset(_INTERVIEW_WORDS_TEXT.split())


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    pattern: re.Pattern[str] | None  # words in a story that make it an answer; None: any story
    kinds: tuple[str, ...] = ()  # story kinds preferred (a failure answer is a struggle or lesson)


def _re(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\w*", re.IGNORECASE)


QUESTIONS = (
    Question("impact", "What is the work that had the biggest impact?", None),
    Question("failure", "Tell me about a time you failed or made a mistake.",
             _re("fail", "mistake", "missed", "wrong", "broke", "outage", "incident", "lesson", "learn",
                 "slipp", "late", "lost"), ("struggle", "lesson")),
    Question("grow", "Tell me about a time you helped someone grow.",
             _re("mentor", "coach", "teach", "taught", "onboard", "junior", "grew", "grow", "pair",
                 "train", "guid", "promot", "one-to-one")),
    Question("conflict", "Tell me about a time you disagreed with a colleague or handled a conflict.",
             _re("disagree", "conflict", "push(?:ed)? ?back", "tension", "objection", "argu", "resolv",
                 "compromis", "negotiat", "convinc", "align", "debate", "trade-off")),
    Question("lead", "Tell me about a time you led without formal authority.",
             _re("led", "lead", "persuad", "influenc", "rallied", "volunteer", "cross-team", "other teams",
                 "several teams", "across the teams", "no owner", "organis", "organiz", "coordinat")),
    Question("ambiguity", "Tell me about a time you worked through an ambiguous or unclear situation.",
             _re("unclear", "ambigu", "no owner", "nobody", "unknown", "undefined", "from scratch",
                 "first time", "no one", "no plan", "no spec", "uncertain", "vague")),
)  # fmt: skip


@dataclass
class Answer:
    question: Question
    story: Story | None

    def star(self) -> list[tuple[str, str]]:
        """[(label, text)]: Situation and task, Action, Result (and What I learned), from the CAR."""
        s = self.story
        if s is None:
            return []
        parts = [
            ("Situation and task.", " ".join(sentence(p) for p in split_sentences(s.challenge))),
            ("Action.", " ".join(first_person(p, s.text) for p in split_sentences(s.action))),
            ("Result.", " ".join(sentence(p) for p in split_sentences(s.result or s.metric))),
        ]
        if s.lesson and self.question.key == "failure":
            parts.append(("What I learned.", sentence(clean(s.lesson))))
        if not any(text for _, text in parts):
            parts = [("", sentence(clean(s.description or s.title)))]
        return [(label, text) for label, text in parts if text]


def strongest(stories: list[Story], k: int | None = None) -> list[Story]:
    """Stories by how big the work was (core.analysis.strength.significance), biggest first."""
    ranked = sorted(stories, key=lambda s: (-significance(s).score, s.date or dt.date.max, s.id))
    return ranked if k is None else ranked[:k]


def answers(stories: list[Story]) -> list[Answer]:
    """One story per question, none used twice: the biggest work first, then per question the story
    using most of its words (then the most significant; a failure prefers a struggle or lesson)."""
    ranked = strongest(stories)
    used: set[str] = set()
    out = []
    for q in QUESTIONS:
        pool = [s for s in ranked if s.id not in used]
        if q.pattern is not None:
            hits = {s.id: len({m.lower() for m in q.pattern.findall(s.text)}) for s in pool}
            pool = sorted((s for s in pool if hits[s.id]), key=lambda s: -hits[s.id])  # stable
        if q.kinds:
            pool.sort(key=lambda s: s.story_kind not in q.kinds)  # stable: the order above kept within
        elif q.key == "impact":
            pool = [s for s in pool if s.story_kind == "win"]
        story = pool[0] if pool else None
        if story is not None:
            used.add(story.id)
        out.append(Answer(q, story))
    return out


def resume_themes(
    stories: list[Story], assignments: dict[str, list[str]], order: list[str]
) -> dict[str, list[str]]:
    """{theme: [resume bullet]}: each win under the first competency it counts for, in framework order."""
    themes: dict[str, list[str]] = {name: [] for name in order}
    for story in strongest([s for s in stories if s.story_kind == "win"]):
        theme = next((c for c in assignments.get(story.id, ()) if c in themes), "Other work")
        themes.setdefault(theme, []).append(resume_bullet(story))
    return {k: v for k, v in themes.items() if v}


def interview_blocks(
    stories: list[Story], assignments: dict[str, list[str]], order: list[str]
) -> list[Block]:
    by_id = {s.id: s for s in stories}
    blocks = [Block("title", "Interview stories")]
    for answer in answers(stories):
        blocks.append(Block("h1", answer.question.text))
        if answer.story is None:
            blocks.append(Block("note", "No story fits this question yet: log one in the Journal."))
            continue
        parts = answer.star()
        for i, (label, text) in enumerate(parts):
            cite = cite_labels([answer.story.id], by_id) if i == len(parts) - 1 else ""
            blocks.append(Block("p", text, lead=label, cite=cite))
    themes = resume_themes(stories, assignments, order)
    if themes:
        blocks.append(Block("h1", "Resume bullets by theme"))
        for theme, bullets in themes.items():
            blocks += [Block("h2", theme), Block("ul", items=bullets)]
    return blocks


def interview_markdown(stories: list[Story], assignments: dict[str, list[str]], order: list[str]) -> str:
    return to_markdown(interview_blocks(stories, assignments, order))


def interview_docx(stories: list[Story], assignments: dict[str, list[str]], order: list[str]) -> bytes:
    return to_docx(interview_blocks(stories, assignments, order), "Interview stories")
