"""The second opinion and the question evidence read from hand-written model answers: only a
competency of the framework with a reason from the item's words, only ids the model was given."""

from __future__ import annotations

import datetime as dt

import pytest

from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
from core.llm.choose import read_choice
from core.llm.opinion import read_opinion
from core.model import Story

ITEM = Story("S4", dt.date(2026, 5, 4), "Onboarded Sam", action="paired with Sam every morning for 2 weeks",
             result="Sam shipped his first feature on his own")


@pytest.mark.parametrize(
    ("answer", "competency", "reason", "note"),
    [
        ("COMPETENCY: Leadership & mentoring\nREASON: I paired with Sam every morning for 2 weeks.",
         "Leadership & mentoring", "I paired with Sam every morning for 2 weeks.", ""),
        ("Competency: leadership and mentoring\nReason: Sam shipped his first feature on his own.",
         "Leadership & mentoring", "Sam shipped his first feature on his own.", ""),
        ("COMPETENCY: Technical excellence\nREASON: I paired with Sam.", None, "",
         "The model named “Technical excellence”, not one of your competencies."),
        ("COMPETENCY: Leadership & mentoring\nREASON: I mentored Sam and Priya for 6 months.",
         "Leadership & mentoring", "", "The model gave no reason that keeps to the item's words."),
        ("Sure! Here is my answer.", None, "",
         "The model named “Sure! Here is my answer.”, not one of your competencies."),
    ],
)
def test_second_opinion_keeps_to_the_framework_and_the_items_words(answer, competency, reason, note):
    opinion = read_opinion(ITEM, load_builtin(DEFAULT_FRAMEWORK), answer)
    assert (opinion.competency, opinion.reason, opinion.note) == (competency, reason, note)


@pytest.mark.parametrize(
    ("answer", "ids", "rejected"),
    [
        ("S3, P2", ["S3", "P2"], []),
        ("s3 and S99", ["S3"], ["S99"]),
        ("The best are S1, S2, S3 and S4.", ["S1", "S2", "S3"], []),
        ("None of them.", [], []),
    ],
)
def test_question_evidence_keeps_only_given_ids(answer, ids, rejected):
    choice = read_choice("Key contributions?", ["S1", "S2", "S3", "S4", "P2"], answer)
    assert (choice.ids, choice.rejected) == (ids, rejected)
    assert bool(choice.note) is (not ids)
