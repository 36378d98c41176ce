"""Review-question mode: each question answered with the evidence that answers it.

A question with a known intent (core/writing/intents.py) gets that intent's evidence: the year's
strongest wins, the mentoring stories, one named paragraph per value, or goals from growth items
(never praise). Any other question is matched by the mapper's scores. A story answers one
question only, unless nothing else fits (then a back-reference, not a retelling).
"""

from __future__ import annotations

from core.model import Framework, Praise
from core.writing import intents
from core.writing.document import Paragraph, Section
from core.writing.naming import title_phrase
from core.writing.sentences import sentence

QUESTION_RELATIVE = 0.5  # a question without an intent takes evidence scoring this share of the best


def question_scores(questions: list[str], items: list):
    """(items, questions) similarity 0..1 with the mapper's public functions: each question is
    treated as a competency named by its own words."""
    from core.competencies.mapping import build_model, item_text, score_texts
    from core.model import Competency

    model = build_model(Framework("questions", [Competency(q) for q in questions]))
    return score_texts(model, [item_text(item) for item in items])


def question_sections(b, framework: Framework | None, assignments: dict[str, list[str]]) -> list[Section]:
    """One section per question, in the form's order; intents with their own evidence go first
    in choosing (so "key contributions" does not take the mentoring stories), then the rest."""
    from core.competencies.mapping import ACCEPT_FLOOR

    questions = b.options.questions
    kinds = [intents.intent_of(q) for q in questions]
    stories = [i.story for i in b.wins]
    s_scores = question_scores(questions, stories) if stories else None
    p_scores = question_scores(questions, b.praise) if b.praise else None
    order = sorted(
        range(len(questions)),
        key=lambda n: [
            intents.GREW_OTHERS,
            intents.VALUES,
            None,
            intents.CONTRIBUTIONS,
            intents.IMPROVE,
        ].index(kinds[n]),
    )
    out: dict[int, Section] = {}
    for n in order:
        question, kind = questions[n], kinds[n]
        rel = {s.id: float(s_scores[k, n]) for k, s in enumerate(stories)} if stories else {}
        prel = {p.id: float(p_scores[k, n]) for k, p in enumerate(b.praise)} if b.praise else {}
        if kind == intents.IMPROVE:
            section = b.goals([], heading=question, role="question") or Section(question, [], role="question")
        elif kind == intents.VALUES:
            section = _values(b, question, framework, assignments)
        else:
            if kind == intents.CONTRIBUTIONS:
                pool, claim = list(b.wins), f"My strongest work in {b.spoken} came {{named}}"
                quotes = b.praise
            elif kind == intents.GREW_OTHERS:
                pool = [i for i in b.wins if intents.answers(kind, i.story.text)]
                claim = "I helped others grow {named}"
                quotes = [p for p in b.praise if intents.answers(kind, p.text)]
            else:
                best = max([*rel.values(), *prel.values()], default=0.0)
                cutoff = max(ACCEPT_FLOOR, QUESTION_RELATIVE * best)
                pool = [i for i in b.wins if rel.get(i.story.id, 0.0) >= cutoff]
                claim = "This shows {named}"
                quotes = sorted(
                    (p for p in b.praise if prel.get(p.id, 0.0) >= cutoff), key=lambda p: -prel[p.id]
                )
            # Relevance first, significance second: the answer must be about the question.
            pool = sorted(pool, key=lambda i: -(rel.get(i.story.id, 0.0) + i.significance))
            untold = [i for i in pool if i.story.id not in b.told]
            section = b.section(
                question,
                untold,
                quotes,
                claim,
                "question",
                refs=[i for i in pool if i.story.id in b.told] if not untold else [],
            )
        section.question, section.intent, section.role = question, kind, "question"
        out[n] = section
    return [out[n] for n in range(len(questions))]


def _values(b, question: str, framework: Framework | None, assignments: dict[str, list[str]]) -> Section:
    """One named paragraph per value of the framework: its best untold story, else a pointer."""
    paragraphs: list[Paragraph] = []
    for comp in framework.competencies if framework else []:
        pool = [i for i in b.wins if comp.name in assignments.get(i.story.id, ())]
        untold = [i for i in pool if i.story.id not in b.told]
        if untold:
            told = b.story_paragraphs(b.choose(untold, 1, question))  # a theme, or must-tell ones too
            for n, paragraph in enumerate(told):
                paragraph.lead = "" if n else comp.name  # the value is named once
            paragraphs += told
        elif pool:
            item = pool[0]
            paragraphs.append(
                Paragraph(
                    "ref",
                    [sentence(f"{comp.name}: see {title_phrase(item.story)}, under {b.told[item.story.id]}")],
                    [item.story.id],
                )
            )
        else:
            b.checklist.append(f"No evidence for the value {comp.name} in {b.spoken}.")
    quotes: list[Praise] = [
        p
        for p in b.praise
        if any(c in assignments.get(p.id, ()) for c in (framework.names if framework else []))
    ]
    paragraphs += b.quotes(quotes, [], 1) if paragraphs else []
    return Section(
        question,
        paragraphs,
        role="question",
        word_limit=b.options.word_limit,
        char_limit=b.options.char_limit,
    )
