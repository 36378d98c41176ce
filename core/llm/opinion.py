"""Use 2: a second opinion from the user's model on a low-confidence competency suggestion.

The model sees the item's own words and the framework's competencies (names and descriptions)
and names one competency with a reason. The name must be one of the framework's (matched as the
user's own labels are, core.competencies.names) and the reason must pass the verifier against
the item and that competency's description. The result is only ever shown as a suggestion with
its reason: the page applies it when the user clicks, never on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.competencies.engine import item_text
from core.competencies.names import match_competency
from core.llm.client import ChatClient
from core.llm.verify import Evidence, Rejection, verify
from core.model import Framework

MAX_TOKENS = 80
SYSTEM = (
    "You help a person map one piece of their work evidence to one competency of their review "
    "framework. Answer in exactly two lines:\nCOMPETENCY: <one name from the list>\n"
    "REASON: <one sentence, using only words from the evidence>"
)
_LINE = re.compile(r"^\W*(competency|reason)\W*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)


@dataclass
class Opinion:
    item_id: str
    competency: str | None  # a name of the framework, or None when the answer could not be used
    reason: str = ""  # the model's reason, verified; empty when it failed
    rejected: list[Rejection] = field(default_factory=list)
    note: str = ""  # why there is no usable opinion, in words


def prompt(item, framework: Framework) -> str:
    names = "\n".join(f"- {c.name}: {c.description}".rstrip(": ") for c in framework.competencies)
    return f"Competencies:\n{names}\n\nEvidence ({item.id}):\n{item_text(item)}\n"


def second_opinion(client: ChatClient, item, framework: Framework, max_tokens: int = MAX_TOKENS) -> Opinion:
    """Ask, then check; raises core.llm.client.ModelError when the model cannot answer."""
    return read_opinion(item, framework, client.chat(SYSTEM, prompt(item, framework), max_tokens=max_tokens))


def read_opinion(item, framework: Framework, answer: str) -> Opinion:
    """The model's answer as an Opinion: a framework competency and a verified reason, or a note."""
    fields = {key.lower(): value.strip() for key, value in _LINE.findall(answer or "")}
    raw = fields.get("competency", "").strip(" .*\"'")
    name = match_competency(raw, framework.names) if raw else None
    if name is None:
        shown = raw or (answer or "").strip()[:80] or "nothing"
        return Opinion(item.id, None, note=f"The model named “{shown}”, not one of your competencies.")
    comp = next(c for c in framework.competencies if c.name == name)
    verdict = verify(fields.get("reason", ""), Evidence([item_text(item), comp.name, comp.description]))
    if not verdict.kept:
        note = "The model gave no reason that keeps to the item's words."
        return Opinion(item.id, name, "", verdict.rejected, note)
    return Opinion(item.id, name, verdict.text, verdict.rejected)
