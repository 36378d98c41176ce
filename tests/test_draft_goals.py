"""Next year written as goals (core/writing/goals.py): lessons, struggles and thin competencies become
"I will ..." in the user's own words, never an invented fact, never a praise quote."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_draft_core import FRAMEWORK, draft_for, strong, weak
from test_draft_prose import NUMBER, WORD, build

from core.model import Story
from core.writing.goals import goal_clause, goal_paragraph, goal_sentence
from core.writing.prose import JOINING_WORDS


@pytest.mark.parametrize(
    ("text", "lesson", "goal"),
    [
        # the Lesson column: an instruction to oneself
        ("Flag a slipping estimate in the first week.", True,
         "I will flag a slipping estimate in the first week."),
        ("Always ask for help after 30 minutes", True, "I will always ask for help after 30 minutes."),
        ("ask Lena before planning an event", True, "I will ask Lena before planning an event."),
        # past-tense lessons
        ("Learned to delegate earlier", True, "I will delegate earlier."),
        ("I learned to say no to scope changes mid-sprint", False,
         "I will say no to scope changes mid-sprint."),
        ("Learned that estimates need a spike", True,
         "I will build on what I learned: estimates need a spike."),
        # habits already taken up, written in a result
        ("I now check spend caps before any promotion goes live.", False,
         "I will check spend caps before any promotion goes live."),
        ("Now use a written handover checklist every shift", False,
         "I will use a written handover checklist every shift."),
        ("And I don't push config on Fridays anymore.", False, "I will not push config on Fridays."),
        ("I no longer merge without a second review", False, "I will not merge without a second review."),
        ("Next time I'll write the brief that way from the start.", False,
         "I will write the brief that way from the start."),
        ("From now on scope changes go through Tom and the planning doc, not through me.", False,
         "I will keep to this: scope changes go through Tom and the planning doc, not through me."),
        # already a goal
        ("I'll ask for help sooner", False, "I will ask for help sooner."),
        ("Need to delegate more of the rollout", True, "I will delegate more of the rollout."),
        ("I should write the rollback plan first", True, "I will write the rollback plan first."),
        ("I want to lead a launch end to end", False, "I want to lead a launch end to end."),
        ("I should have flagged it earlier", True,
         "I will build on this lesson: I should have flagged it earlier."),
        # a labelled lesson inside a result
        ("Lesson: when it matters, check the submission myself.", False,
         "I will check the submission myself when it matters."),
        ("Lesson: three reminders, one of them the same morning", False,
         "I will build on this lesson: three reminders, one of them the same morning."),
        ("Estimates need a spike", True, "I will build on this lesson: Estimates need a spike."),
    ],
)  # fmt: skip
def test_a_lesson_becomes_a_goal_in_the_users_words(text, lesson, goal):
    clause = goal_clause(text, lesson=lesson)
    assert clause is not None
    assert goal_sentence([clause], "I") == goal
    added = {w.lower() for w in WORD.findall(goal)} - {w.lower() for w in WORD.findall(text)}
    assert added <= JOINING_WORDS, added  # nothing invented: only joining words are added


@pytest.mark.parametrize(
    "text",
    [
        "Sam now runs the rota himself",  # someone else's habit
        "Now the team owns the runbook",
        "No customer impact, but it cost two teams a day of confusion.",
        "I don't know why the first run failed",  # "don't" without "anymore" is no resolution
        "We overspent by about $12k.",
        "Shipped 5 weeks late.",
        "Finance had to push the Q3 close demo",
        "I should have flagged it earlier",  # a regret in a result is the story, not a goal
        "Sales will need the deck by Friday",
    ],
)
def test_a_sentence_of_a_result_that_is_no_lesson_stays_in_the_story(text):
    assert goal_clause(text) is None


def test_two_instructions_become_one_goal_sentence():
    clauses = [
        goal_clause(t, lesson=True)
        for t in ("Flag a slipping estimate early.", "Spike the ugliest data first.")
    ]
    assert (
        goal_sentence(clauses)
        == "Next year I will flag a slipping estimate early and spike the ugliest data first."
    )


STRUGGLES = {
    "engineer_2026": (
        "S8",
        "Next year I will flag a slipping estimate in the first week and spike the ugliest data first.",
        "In June I estimated the payouts rewrite at 4 weeks.",
    ),
    "marketing_fy26": (
        "S4",
        "Next year I will check spend caps before any promotion goes live.",
        "In August I let the paid search budget run",
    ),
    "nurse_2025": (
        "S7",
        "Next year I will use a written handover checklist every shift.",
        "In September I forgot to hand over a pending potassium result",
    ),
}


@pytest.mark.parametrize("name", list(STRUGGLES))
def test_next_year_leads_with_the_goal_then_tells_the_story_it_comes_from(name):
    draft, dataset, *_ = build(name)
    sid, goal, story_start = STRUGGLES[name]
    paragraph = next(p for p in draft.growth.paragraphs if sid in p.cites)
    assert paragraph.sentences[0] == goal
    assert paragraph.sentences[1].startswith(story_start)
    story = dataset.by_id()[sid]
    rest = " ".join(paragraph.sentences[1:])
    assert goal.split(" will ", 1)[1].rstrip(".") not in rest  # the lesson is not told twice
    for number in NUMBER.findall(story.text):
        assert number in paragraph.body, number


def test_a_struggle_without_a_lesson_gets_no_invented_goal():
    story = Story(
        "S1",
        dt.date(2025, 8, 11),
        title="Paid search overspend",
        challenge="I let the paid search budget run without a daily cap.",
        result="We overspent by about $12k.",
        story_kind="struggle",
    )
    told = goal_paragraph(story)
    assert told[0] == "Next year I want to build on what I learned from the paid search overspend."
    assert told[1:] == [
        "In August I let the paid search budget run without a daily cap.",
        "We overspent by about $12k.",
    ]
    missed = Story("S2", dt.date(2025, 9, 1), title="Missed a handover item", story_kind="struggle")
    assert (
        goal_paragraph(missed)[0]
        == "Next year I want to build on what I learned when I missed a handover item."
    )


def test_a_lesson_logged_on_a_win_becomes_a_goal_and_the_win_stays_in_its_section():
    win = strong("S1", dt.date(2025, 3, 1), lesson="Learned to write the rollback plan first")
    draft = draft_for([win])
    assert "I will write the rollback plan first." in draft.growth.paragraphs[0].body
    delivery = next(s for s in draft.sections if s.heading == "Delivery")
    assert "S1" in delivery.told


def test_a_competency_resting_on_thin_evidence_becomes_a_goal():
    stories = [strong("S1", dt.date(2025, 3, 1)), weak("S2", dt.date(2025, 6, 1))]
    draft = draft_for(stories, assignments={"S1": ["Delivery"], "S2": ["Communication"]})
    assert [p.body for p in draft.growth.paragraphs] == [
        "Next year I want to grow my Mentoring and Communication work."
    ]
    assert FRAMEWORK.names == ["Delivery", "Communication", "Mentoring"]  # gaps first, then thin


def test_the_improve_question_is_answered_with_goals_never_a_quote():
    draft, *_ = build("marketing_fy26_questions")
    improve = next(s for s in draft.sections if s.intent == "improve")
    assert improve.heading == "What would you like to improve next year?"
    assert improve.paragraphs and all(p.kind == "goal" for p in improve.paragraphs)
    assert not any(c.startswith("P") for c in improve.cites)
    assert re.match(r"Next year I will \w", improve.paragraphs[0].body)


def test_two_improve_questions_never_repeat_a_goal():
    struggles = [
        Story(f"S{n}", dt.date(2025, n, 1), title=f"Late estimate {n}", action=f"Estimated task {n}",
              result="Shipped late", lesson=lesson, story_kind="struggle")
        for n, lesson in ((3, "Spike the riskiest part first"), (6, "Flag a slipping estimate early"))
    ]  # fmt: skip
    win = strong("S9", dt.date(2025, 9, 1), lesson="Learned to write the rollback plan first")
    questions = ["What would you like to improve next year?", "What are your development goals?"]
    draft = draft_for([*struggles, win], questions=questions)
    first, second = (s for s in draft.sections if s.intent == "improve")
    bodies = [p.body for s in (first, second) for p in s.paragraphs]
    assert len(bodies) == len(set(bodies)) and not set(first.cites) & set(second.cites)
