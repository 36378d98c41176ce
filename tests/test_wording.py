"""Plain words instead of scores: what a page says about a match or a story."""

from __future__ import annotations

import pytest

from core.wording import COMPETENCY_EXPLAINED, evidence_words, match_words, reasons_hover


@pytest.mark.parametrize(
    ("score", "words"),
    [(0.62, "clear match"), (0.25, "clear match"), (0.2, "likely match"), (0.12, "likely match"),
     (0.06, "possible match"), (0.0, "possible match")],
)  # fmt: skip
def test_match_words(score, words):
    assert match_words(score) == words


@pytest.mark.parametrize(
    ("level", "words"),
    [("strong", "strong evidence"), ("solid", "good evidence"), ("thin", "needs more detail")],
)
def test_evidence_words(level, words):
    assert evidence_words(level) == words


def test_the_explanation_says_skills_and_values_and_the_hover_keeps_the_reasons():
    assert "skills and values you are reviewed on" in COMPETENCY_EXPLAINED
    hover = reasons_hover(["Result is quantified: 40%"], ["Add a link"])
    assert "Result is quantified: 40%" in hover and "Add a link" in hover


@pytest.mark.parametrize(
    ("significance", "words"), [(0.8, "one of the year's big ones"), (0.45, "medium"), (0.2, "smaller")]
)
def test_size_words(significance, words):
    from core.wording import size_words

    assert size_words(significance) == words
