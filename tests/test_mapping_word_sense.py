"""Word sense in context: the false hits seen on a real engineer's stories (issue 12), one row each.

Each row is a story as it was logged, the competency it was wrongly put on before (the accident:
a part of a phrase, a generic verb, incidental context) and what a careful reader expects. The
Software engineer (IC) framework, as in the report.
"""

from __future__ import annotations

import datetime as dt

import pytest

from core.competencies.frameworks import load_builtin
from core.competencies.mapping import map_items
from core.model import Story

DAY = dt.date(2026, 5, 4)


def _map(text: str):
    challenge, action, result = ([*text.split(" | "), "", ""])[:3]
    story = Story(id="S1", date=DAY, title="", challenge=challenge, action=action, result=result)
    return map_items([story], load_builtin("Software engineer (IC)"))["S1"].suggestions


@pytest.mark.parametrize(
    ("text", "wrong", "expected", "never_cited"),
    [
        (  # "business hours" is when, not Product & business impact
            "Postgres 11 reached end of life and RDS was going to force-upgrade us during business hours | "
            "Rehearsed the upgrade and did it on a Sunday with a rollback plan | 12 minutes read-only",
            "Product & business impact", "Reliability & operations", "business",
        ),
        (  # "month-end" and "a day early" are context; the words of "end to end" do not match alone
            "Kafka consumer lag kept climbing during month-end close | Profiled the consumer and batched "
            "the writes | Lag under 5 seconds and finance closed the month a day early",
            "Execution & delivery", "Problem solving & debugging", "end",
        ),
        (  # "wrote" is generic: the nomination is recognition of a person, not communication
            "Nominated Priya for a spot bonus | Wrote the nomination with the numbers from her project | "
            "She got the bonus",
            "Communication & collaboration", "Mentoring & hiring", "bonus",
        ),
        (  # on-call is a unit; a person doing it on her own after your help is mentoring
            "Priya was new to on-call | Paired with her on her first on-call shift | "
            "Priya now runs on-call on her own",
            "Reliability & operations", "Mentoring & hiring", "called",
        ),
        (  # a bill growing is cost, not "grows senior engineers"
            "Our AWS bill kept growing | Tagged every resource and removed idle RDS replicas | "
            "Cut the monthly bill by 23%",
            "Mentoring & hiring", "Product & business impact", "growing",
        ),
        (  # the README is documentation; the service it belongs to is incidental
            "Updated the README of the payments service",
            "System design", "Communication & collaboration", "payments",
        ),
    ],
)
def test_false_hits_from_the_report(text, wrong, expected, never_cited):
    suggestions = _map(text)
    assert suggestions[0].competency == expected, suggestions
    assert suggestions[0].competency != wrong
    assert all(f'"{never_cited}"' not in s.why for s in suggestions), suggestions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wrote the postmortem for the outage", "Reliability & operations"),
        ("Led the code review guild and wrote a review checklist", "Code quality & craft"),
        ("Wrote the runbook for the payments failover", "Reliability & operations"),
        ("Wrote the design doc for the notification service", "System design"),
    ],
)
def test_a_generic_verb_takes_its_meaning_from_its_object(text, expected):
    assert _map(text)[0].competency == expected


def test_a_reason_citing_only_generic_words_is_a_weak_match_and_ranks_lower():
    suggestions = _map("Updated the README of the payments service")
    weak = [s for s in suggestions if s.weak]
    assert weak and all(s.why.startswith("weak match: ") for s in weak)
    assert all(s.confidence == s.score / 2 for s in weak)
    strong = _map("Wrote the postmortem for the outage")[0]
    assert not strong.weak and strong.confidence == strong.score
