"""Use 3: the user's model picks the evidence that answers a review question.

The model sees the question and a short list of candidate items (id and their own words) and
answers with ids. Only ids it was given count; any other id is kept as a rejection to show. The
page offers the choice as stories to pin (core.writing.document.DraftOptions.pinned); the
built-in choice stands until the user takes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.competencies.engine import item_text
from core.llm.client import ChatClient

MAX_TOKENS = 40
MAX_CANDIDATES = 12
SYSTEM = (
    "You help a person answer one question of their performance review. From the numbered "
    "evidence, pick the items that answer the question best (at most three). Answer with their "
    "ids only, separated by commas, for example: S3, P2"
)
_ID = re.compile(r"\b([A-Za-z]{1,3}\d+)\b")


@dataclass
class Choice:
    question: str
    ids: list[str] = field(default_factory=list)  # given ids only, in the model's order
    rejected: list[str] = field(default_factory=list)  # ids the model made up or was not given
    note: str = ""


def _short(text: str, words: int = 40) -> str:
    parts = " ".join(text.split()).split(" ")
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def prompt(question: str, candidates: list) -> str:
    lines = "\n".join(f"{item.id}: {_short(item_text(item))}" for item in candidates[:MAX_CANDIDATES])
    return f"Question: {question}\n\nEvidence:\n{lines}\n"


def choose_evidence(
    client: ChatClient, question: str, candidates: list, max_tokens: int = MAX_TOKENS
) -> Choice:
    """Ask, then keep only given ids; raises core.llm.client.ModelError when the model cannot answer."""
    answer = client.chat(SYSTEM, prompt(question, candidates), max_tokens=max_tokens)
    return read_choice(question, [c.id for c in candidates[:MAX_CANDIDATES]], answer)


def read_choice(question: str, given: list[str], answer: str) -> Choice:
    allowed = {i.upper(): i for i in given}
    choice = Choice(question)
    for raw in dict.fromkeys(m.upper() for m in _ID.findall(answer or "")):
        if raw in allowed:
            choice.ids.append(allowed[raw])
        else:
            choice.rejected.append(raw)
    choice.ids = choice.ids[:3]
    if not choice.ids:
        choice.note = "The model named none of the items it was given."
    return choice
