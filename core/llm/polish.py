"""Use 1: the user's model polishes a draft section, paragraph by paragraph, and every sentence
it writes is held to the evidence (core.llm.verify).

In: the built-in paragraph and the stories and quotes it cites. Out: the rewritten paragraph,
or the built-in one when nothing the model wrote could be kept, the rewrite lost one of the
paragraph's figures, or the model could not be reached. Quotes (a colleague's own words),
back-references and the rating paragraph are never sent. Nothing changes the draft until the
user accepts a section (`apply_polish`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from core.digest import content_hash
from core.llm.client import ChatClient, ModelError
from core.llm.verify import Evidence, Rejection, figures_of, strip_citations, verify
from core.writing.document import Draft, Paragraph, Section
from core.writing.limits import trim
from core.writing.sentences import split_sentences

POLISHED_KINDS = ("claim", "story", "goal")
MAX_TOKENS = 400  # at most, for a long paragraph: max_tokens() gives a paragraph's own budget
SYSTEM = (
    "You edit one paragraph of a person's performance self-review. Rewrite it so it reads "
    "naturally, in the first person, in at most the same number of sentences. Use only facts "
    "that are in the paragraph or the evidence: never add a number, date, name, product or "
    "claim. Keep every figure exactly as written. Do not write citations and do not rate the "
    "person. Answer with the rewritten paragraph only."
)
_LABEL = re.compile(r"^\s*(?:evidence|paragraph|rewritten|here is|here's|sure|[-*•]\s*\[?[SP]\d+)\b", re.I)
CUT_OFF = "it stops in the middle of a sentence"
_ENDED = re.compile(r"[.!?…][\"'”’)\]]*$")
ECHO = "it repeats the instructions instead of rewriting the paragraph"


@dataclass
class ParagraphPolish:
    original: str
    polished: str | None  # None: the built-in paragraph stays
    rejected: list[Rejection] = field(default_factory=list)
    note: str = ""  # why the built-in paragraph stays, in words

    @property
    def text(self) -> str:
        return self.polished if self.polished is not None else self.original


@dataclass
class SectionPolish:
    key: str  # section_key() of the built-in section it rewrites
    heading: str
    paragraphs: list[ParagraphPolish] = field(default_factory=list)
    error: str | None = None  # the model could not be used: the built-in section stays

    @property
    def changed(self) -> bool:
        return self.error is None and any(p.polished is not None for p in self.paragraphs)

    @property
    def rejected(self) -> list[Rejection]:
        return [r for p in self.paragraphs for r in p.rejected]


def section_key(section: Section) -> str:
    """The built-in section's content: a polish applies only to the text it rewrote."""
    return content_hash(section.heading, [(p.kind, p.sentences, p.cites) for p in section.paragraphs])


def polishable(section: Section) -> list[Paragraph]:
    return [p for p in section.paragraphs if p.kind in POLISHED_KINDS and p.body]


def evidence_texts(draft: Draft, section: Section, paragraph: Paragraph) -> tuple[list[str], list[str]]:
    """(what the model is shown, the ids it may cite): the paragraph, its section's heading and
    period, and each item it cites with its date."""
    ids = [c for c in (paragraph.cites or section.cites) if c in draft.items]
    texts = [paragraph.body, paragraph.lead, section.heading, draft.title]
    for item_id in ids:
        texts.append(_item_line(draft, item_id))
    return [t for t in texts if t], ids


def _item_line(draft: Draft, item_id: str) -> str:
    item = draft.items[item_id]
    label = draft.citations[item_id].label if item_id in draft.citations else f"[{item_id}]"
    if item.kind == "praise":
        who = ", ".join(x for x in (item.author, item.role) if x)
        return f"{label} praise from {who or 'a colleague'}: {item.text}"
    parts = (item.title, item.challenge, item.action, item.result, item.description, item.metric)
    return f"{label} " + " / ".join(p for p in parts if p)


def prompt(draft: Draft, section: Section, paragraph: Paragraph) -> str:
    lines = [_item_line(draft, i) for i in evidence_texts(draft, section, paragraph)[1]]
    return (
        "Evidence:\n" + "\n".join(f"- {line}" for line in lines or ["(the paragraph itself)"])
        + f"\n\nParagraph to rewrite:\n{paragraph.body}\n"
    )


def max_tokens(text: str, ceiling: int = MAX_TOKENS) -> int:
    """A rewrite's budget: about twice the paragraph's words (a model that rambles is cut off)."""
    return max(16, min(ceiling, 2 * len(text.split()) + 16))


def polish_paragraph(
    client: ChatClient, draft: Draft, section: Section, paragraph: Paragraph, ceiling: int = MAX_TOKENS
) -> ParagraphPolish:
    """One paragraph rewritten and verified; raises ModelError when the model cannot answer."""
    budget = max_tokens(paragraph.body, ceiling)
    answer = client.chat(SYSTEM, prompt(draft, section, paragraph), max_tokens=budget)
    texts, ids = evidence_texts(draft, section, paragraph)
    return check_rewrite(paragraph.body, answer, Evidence(texts, ids))


def check_rewrite(original: str, answer: str, evidence: Evidence) -> ParagraphPolish:
    """The model's answer held to the evidence: failing sentences dropped, and the built-in
    paragraph kept when nothing passes or a figure of the original went missing."""
    echoed, lines = [], []
    for line in (answer or "").replace("```", "").splitlines():
        (echoed if _LABEL.match(line) else lines).append(line)
    verdict = verify(" ".join(lines), evidence)
    rejected = [Rejection(line.strip(), (ECHO,)) for line in echoed if line.strip()] + verdict.rejected
    if verdict.kept and not _ENDED.search(verdict.kept[-1]):  # the model ran out of words mid-sentence
        rejected.append(Rejection(verdict.kept.pop(), (CUT_OFF,)))
    text = strip_citations(verdict.text)
    if not text:
        return ParagraphPolish(original, None, rejected, "Nothing the model wrote could be kept.")
    lost = sorted(f"{cur}{num}{unit}" for cur, num, unit in figures_of(original) - figures_of(text))
    if lost:
        return ParagraphPolish(
            original, None, rejected, f"The rewrite left out {', '.join(lost)}: the built-in paragraph stays."
        )
    if text == original:
        return ParagraphPolish(original, None, rejected, "The model kept the paragraph as it was.")
    return ParagraphPolish(original, text, rejected)


def polish_section(
    client: ChatClient,
    draft: Draft,
    section: Section,
    progress: Callable[[int, int], None] | None = None,
    ceiling: int = MAX_TOKENS,
) -> SectionPolish:
    """Every polishable paragraph of `section`; a connection failure keeps the built-in section."""
    result = SectionPolish(section_key(section), section.heading)
    todo = polishable(section)
    for n, paragraph in enumerate(todo):
        if progress:
            progress(n, len(todo))
        try:
            result.paragraphs.append(polish_paragraph(client, draft, section, paragraph, ceiling))
        except ModelError as exc:
            result.error = exc.message
            return result
    if progress:
        progress(len(todo), len(todo))
    return result


def apply_polish(draft: Draft, accepted: dict[str, SectionPolish]) -> Draft:
    """The draft with each accepted section's polished paragraphs (a new Draft: the cached one
    is shared and never changed), counted and trimmed to the form's word and character limits.
    Citations stay as the built-in paragraphs had them."""
    if not accepted:
        return draft
    sections = []
    for section in draft.sections:
        chosen = accepted.get(section_key(section))
        if chosen is None or not chosen.changed:
            sections.append(section)
            continue
        rewrites = iter(chosen.paragraphs)
        paragraphs = []
        for paragraph in section.paragraphs:
            if paragraph.kind in POLISHED_KINDS and paragraph.body:
                done = next(rewrites, None)
                if done is not None and done.polished is not None and done.original == paragraph.body:
                    paragraph = replace(paragraph, sentences=split_sentences(done.polished))
            paragraphs.append(paragraph)
        polished = replace(section, paragraphs=paragraphs, trimmed_from=None)
        trim(polished, draft.citations)  # counted again, and cut to the form's limits like the built-in
        sections.append(polished)
    return replace(draft, sections=sections)


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """[(op, words)] with op "=", "-" or "+": what the polish changed, for the page to show."""
    a, b = before.split(), after.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out
