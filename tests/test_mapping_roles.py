"""The General framework and the company-values starter on work that is not engineering.

tests/fixtures/mapping_corpus/roles_beyond_engineering.csv: 64 stories and quotes from marketing,
operations, sales, people/HR, finance and customer support, each labelled with the competencies a
careful reader would accept in `general` and in `company_values` (format: the protocol's
labelled corpora). Measured figures are in the README; the floors below sit just under them so a
change that makes the mapper worse for these roles is noticed.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter

import pytest

from core.competencies.frameworks import load_builtin
from core.competencies.mapping import map_items
from core.model import Praise, Story
from tests.conftest import FIXTURES

CORPUS = FIXTURES / "mapping_corpus" / "roles_beyond_engineering.csv"
FRAMEWORKS = {"general": "General professional", "company_values": "Company values (starter)"}
DAY = dt.date(2026, 6, 1)


def _rows(framework: str | None = None) -> list[dict]:
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r for r in rows if framework is None or r["framework"] == framework]


def _item(row_id: str, kind: str, text: str) -> Story | Praise:
    if kind == "praise":
        return Praise(id=row_id, date=DAY, text=text)
    challenge, action, result = ([*text.split(" | "), "", ""])[:3]
    return Story(id=row_id, date=DAY, title="", challenge=challenge, action=action, result=result)


def _ranked(framework: str, items: list) -> dict[str, list[str]]:
    mappings = map_items(items, load_builtin(FRAMEWORKS[framework]))
    return {key: [s.competency for s in m.suggestions] for key, m in mappings.items()}


def test_the_corpus_covers_several_roles_and_uses_real_competency_names():
    rows = _rows()
    assert list(rows[0]) == ["id", "kind", "framework", "text", "acceptable"]
    texts = {r["text"] for r in rows}
    assert len(texts) >= 60
    roles = Counter(r["id"].split("-")[0] for r in rows if r["framework"] == "general")
    assert set(roles) == {"mkt", "ops", "sal", "hr", "fin", "sup"} and min(roles.values()) >= 6
    assert {r["kind"] for r in rows} == {"story", "praise"}
    for framework, name in FRAMEWORKS.items():
        names = set(load_builtin(name).names)
        subset = _rows(framework)
        assert {r["text"] for r in subset} == texts  # every text labelled for both frameworks
        for row in subset:
            assert set(row["acceptable"].split(";")) <= names, row["id"]


@pytest.mark.parametrize(
    ("framework", "top1_floor", "top3_floor"),
    [("general", 0.60, 0.84), ("company_values", 0.65, 0.87)],
)
def test_mapping_accuracy_on_roles_beyond_engineering(framework, top1_floor, top3_floor):
    rows = _rows(framework)
    ranked = _ranked(framework, [_item(r["id"], r["kind"], r["text"]) for r in rows])
    top1 = sum(ranked[r["id"]][:1] and ranked[r["id"]][0] in r["acceptable"].split(";") for r in rows)
    top3 = sum(any(c in r["acceptable"].split(";") for c in ranked[r["id"]][:3]) for r in rows)
    assert top1 / len(rows) >= top1_floor
    assert top3 / len(rows) >= top3_floor


# The cases the issue reported, as a marketer and her colleagues would log them.
@pytest.mark.parametrize(
    ("framework", "kind", "text", "expected", "within"),
    [
        ("company_values", "story", "A competitor announced a product two weeks before our launch | "
         "I re-cut the plan and got legal approval the same day | We pulled the launch forward in 10 "
         "days and launched ahead of schedule", "Bias for action", 1),
        ("company_values", "story", "A competitor cut its price by 30% on Monday | I wrote the answer "
         "for sales and posted it by 5pm | Fast response to a competitor's price cut: no deal lost",
         "Bias for action", 1),
        ("company_values", "praise", "Quick response on the broken conveyor: you had a workaround "
         "running within hours.", "Bias for action", 1),
        ("company_values", "story", "The trial emails stopped and the tool belonged to another team | "
         "I fixed it though it wasn't mine and followed up personally with the biggest prospects | "
         "Every trial got its email within a day", "Ownership", 2),
        ("general", "story", "The trial emails stopped and the tool belonged to another team | I fixed "
         "it though it wasn't mine and followed up personally with the biggest prospects | Every "
         "trial got its email within a day", "Ownership", 2),
        ("general", "story", "The homepage still talked about label printing | I tested three "
         "messages in a survey, rewrote the headline and walked sales and leadership through the "
         "messaging refresh | Conversion rose from 2.1% to 2.9%", "Communication", 2),
        ("general", "story", "Month-end close took 12 days | I mapped the close with the team and "
         "found where two tasks waited on each other | We close in 6 days", "Problem solving", 3),
    ],
)  # fmt: skip
def test_headline_cases_from_the_issue(framework, kind, text, expected, within):
    ranked = _ranked(framework, [_item("X1", kind, text)])["X1"]
    assert expected in ranked[:within], ranked


def test_a_messaging_refresh_is_not_taken_for_leadership():
    """The issue's first complaint: the old General framework tagged it Leadership & mentoring."""
    text = ("The homepage still talked about label printing | I ran a messaging refresh with sales "
            "and leadership | Conversion rose")  # fmt: skip
    ranked = _ranked("general", [_item("X1", "story", text)])["X1"]
    assert ranked[:1] != ["Leadership & mentoring"], ranked


SPEED = ["pulled forward", "within days", "same day", "ahead of schedule", "quick response", "fast response"]
OWNERSHIP = ["followed up personally", "fixed it though it wasn't mine"]
# A marketer's own values, pasted the way the Competencies page takes them: no keywords at all, so
# only the thesaurus (data/words/) can tie "same day" to "Move fast".
OWN_VALUES = """Customer obsession: we start from what the customer needs
Move fast: we act quickly and don't wait for perfect
Own it: we take responsibility for outcomes
One team: we work together across departments
Learn and grow: we learn from mistakes"""


def _neutral_story(words: str) -> Story:
    return _item("X1", "story", f"The new price list was late | I finished it, {words} | Sales had it")


@pytest.mark.parametrize(
    ("words", "starter", "own"),
    [*((w, "Bias for action", "Move fast") for w in SPEED), *((w, "Ownership", "Own it") for w in OWNERSHIP)],
)
def test_speed_and_ownership_words_reach_the_value_they_show(words, starter, own):
    from core.competencies.frameworks import parse_pasted

    framework, _ = parse_pasted(OWN_VALUES)
    assert map_items([_neutral_story(words)], framework)["X1"].suggestions[0].competency == own
    ranked = _ranked("company_values", [_neutral_story(words)])["X1"]
    assert ranked[0] == starter, ranked


@pytest.mark.parametrize(("words", "value"), [*((w, "Bias for action") for w in SPEED),
                                             *((w, "Ownership") for w in OWNERSHIP)])
def test_it_is_the_words_that_count(words, value):
    """The same story without them matches that value far less (at most two thirds as well)."""
    framework = load_builtin(FRAMEWORKS["company_values"])

    def score(text: str) -> float:
        found = map_items([_neutral_story(text)], framework)["X1"].suggestions
        return next((s.score for s in found if s.competency == value), 0.0)

    assert score("at last") <= score(words) * 2 / 3
