"""Story strength: hand-checked stories, the reasons and tips a user reads beside them."""

from __future__ import annotations

import datetime as dt

import pytest

from core.analysis.strength import first_person, past_tense_verbs, quantity, score_story
from core.model import Praise, Story

DAY = dt.date(2025, 3, 1)
FULL = {
    "challenge": "Checkout failed under load",
    "action": "I rebuilt the queue",
    "result": "Cut errors by 40%",
}


def story(**fields) -> Story:
    return Story("S1", DAY, **fields)


# Weights: challenge .15, action .15, result .20, quantified .20, first person .05, past tense .05,
# corroboration .10 (out of .90); impact adds .10 * impact/5 out of another .10 when given.
@pytest.mark.parametrize(
    ("fields", "score", "level"),
    [
        ({**FULL, "link": "https://example.org/pr/1"}, 1.0, "strong"),
        (FULL, round(0.8 / 0.9, 4), "strong"),
        ({**FULL, "result": "Errors went away"}, round(0.6 / 0.9, 4), "solid"),
        ({**FULL, "action": "Rebuilt the queue"}, round(0.75 / 0.9, 4), "strong"),
        (
            {**FULL, "action": "I rebuild the queue", "result": "errors drop by 40%"},
            round(0.75 / 0.9, 4),
            "strong",
        ),
        ({"description": "I shipped the new onboarding flow"}, round(0.25 / 0.9, 4), "thin"),
        ({"title": "Onboarding"}, 0.0, "thin"),
        ({**FULL, "link": "https://x.org", "impact": 5}, 1.0, "strong"),
        ({**FULL, "link": "https://x.org", "impact": 1}, 0.92, "strong"),
        ({**FULL, "result": "Errors went away", "impact": 3}, 0.66, "solid"),
    ],
)
def test_score_and_level(fields, score, level):
    strength = score_story(story(**fields))
    assert strength.score == pytest.approx(score, abs=1e-4)
    assert strength.level == level


@pytest.mark.parametrize(
    ("fields", "reason", "tip"),
    [
        (FULL, "Result is quantified: 40% (a percentage)", "Corroborate it"),
        ({**FULL, "result": "Errors went away"}, "Result is described", "Add a number to the result"),
        (
            {**FULL, "action": "Rebuilt the queue"},
            "Told as things that were done (rebuilt, cut)",
            "Tell it in first person",
        ),
        (
            {**FULL, "action": "I rebuild the queue", "result": "errors drop by 40%"},
            "Told in first person",
            "Use past-tense verbs",
        ),
        ({"description": "I shipped it"}, "Description says what happened", "Split the description"),
        ({**FULL, "challenge": ""}, "Action is described", "Say what the challenge was"),
        ({**FULL, "result": ""}, "Challenge is described", "Add the result"),
        ({**FULL, "impact": 4}, "You rated its impact 4/5", "Corroborate it"),
        (
            {**FULL, "result": "Launched", "metric": "NPS +12 points"},
            "Result is quantified: +12",
            "Corroborate it",
        ),
    ],
)
def test_reasons_and_tips_read_like_a_coach(fields, reason, tip):
    strength = score_story(story(**fields))
    assert reason in strength.reasons
    assert any(t.startswith(tip) for t in strength.tips), strength.tips


def test_a_complete_story_has_no_tips():
    assert score_story(story(**FULL, link="https://example.org")).tips == []


@pytest.mark.parametrize(
    ("praise_text", "author", "corroborated"),
    [
        ("Atlas is so fast now", "Ana", True),  # names the project
        ("Thanks for the lunch", "Ana", False),
    ],
)
def test_linked_praise_corroborates(praise_text, author, corroborated):
    s = story(**FULL, project="Atlas")
    quote = Praise("P1", DAY, praise_text, author=author)
    strength = score_story(s, [quote])
    assert ("Backed by 1 linked quote (Ana)" in strength.reasons) is corroborated
    assert strength.score == pytest.approx(1.0 if corroborated else 0.8 / 0.9, abs=1e-4)


def test_passing_all_praise_or_only_linked_praise_gives_the_same_score():
    s = story(**FULL, title="Billing migration", project="Atlas")
    quotes = [Praise("P1", DAY, "The billing migration was flawless"), Praise("P2", DAY, "Nice lunch")]
    assert score_story(s, quotes) == score_story(s, quotes[:1])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cut costs by 40%", ("a percentage", "40%")),
        ("grew by 12 percent", ("a percentage", "12 percent")),
        ("saved $1.2M a year", ("money", "$1.2M")),
        ("saved €30k", ("money", "€30k")),
        ("saved 5,000 dollars", ("money", "5,000 dollars")),
        ("saved 12 hours a week", ("time", "12 hours")),
        ("shipped 3 weeks early", ("time", "3 weeks")),
        ("reached 300 users", ("people reached", "300 users")),
        ("trained 25 new engineers", ("people reached", "25 new engineers")),
        ("made it 2x faster", ("a multiple", "2x")),
        ("halved the backlog", ("a multiple", "halved")),
        ("closed 17 tickets", ("a number", "17")),
        ("in 2025 we shipped it", None),
        ("load time went from 4.2s to 1.6s", ("time", "4.2s")),
        ("since the 1990s", None),
        ("shipped it", None),
        ("", None),
    ],
)
def test_quantity(text, expected):
    assert quantity(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I led it", True),
        ("We shipped", True),
        ("our team shipped", True),
        ("The team shipped", False),
        ("Improved it", False),
        ("I'm proud", True),
    ],
)
def test_first_person(text, expected):
    assert first_person(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I reduced costs and led the team", ["reduced", "led"]),
        ("I build and lead", []),
        ("we need speed", []),  # -ed words that are not verbs
        ("Wrote the spec, then shipped", ["wrote", "shipped"]),
    ],
)
def test_past_tense_verbs(text, expected):
    assert past_tense_verbs(text) == expected


@pytest.mark.parametrize(
    ("field", "before", "after"),
    [
        ("result", "Cut errors by 40%", "Errors went away"),
        ("action", "I rebuilt the queue", "Rebuilt the queue"),
        ("title", "Queue", "Company-wide queue"),
    ],
)
def test_an_edited_story_is_read_again_not_remembered(field, before, after):
    """What the regular expressions read is kept by the story's words (core.analysis.strength's
    memo): editing a story under the same id must change its score and significance at once."""
    from core.analysis.strength import significance

    old = story(**{**FULL, field: before})
    new = story(**{**FULL, field: after})
    for _ in range(2):  # the second time from the memo
        assert score_story(old) == score_story(Story("S9", DAY, **{**FULL, field: before}))
        assert significance(new) == significance(Story("S9", DAY, **{**FULL, field: after}))
    assert (score_story(old), significance(old)) != (score_story(new), significance(new))
