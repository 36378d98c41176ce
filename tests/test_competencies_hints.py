"""A story's Theme/Skill cell as a competency hint: matched tolerantly, suggested with its reason,
reported when nothing in the framework fits."""

from __future__ import annotations

import datetime as dt

import pytest

from core.commands.map import build_payload
from core.competencies.frameworks import load_builtin
from core.competencies.hints import HINT_SCORE, HintMatcher
from core.competencies.mapping import assigned, map_items, unmatched_hints
from core.ingest.importer import load_paths
from core.model import Story
from tests.conftest import FIXTURES
from tests.test_draft_page import download, downloads  # noqa: F401  (a fixture)

GENERAL = load_builtin("General professional").names
VALUES = load_builtin("Company values (starter)").names
FRENCH = ["Créativité", "Esprit d'équipe", "Qualité du service"]
TWO_LEADERSHIPS = ["Technical leadership", "People leadership", "Delivery"]


@pytest.mark.parametrize(
    "names, label, expected",
    [
        (GENERAL, "Leadership", "Leadership & mentoring"),  # one word of the name
        (GENERAL, "LEADERSHIP", "Leadership & mentoring"),  # case
        (GENERAL, "comms", "Communication"),  # abbreviation
        (GENERAL, "Customer focus ", "Customer focus"),  # trailing space
        (GENERAL, "customer-focused", "Customer focus"),  # another form of the words
        (GENERAL, "problem-solving", "Problem solving"),  # hyphen
        (GENERAL, "Problem solver", "Problem solving"),  # stem
        (GENERAL, "Collaborating", "Collaboration"),  # stem
        (GENERAL, "Mentored", "Leadership & mentoring"),  # stem of one word
        (GENERAL, "learnings", "Growth & learning"),  # plural
        (GENERAL, "Learning and growth", "Growth & learning"),  # order and "and"
        (GENERAL, "Teamwork", "Collaboration"),  # workplace synonym (data/words/thesaurus.txt)
        (GENERAL, "Délivering results", "Delivering results"),  # a stray accent
        (GENERAL, "Comunication", "Communication"),  # typo
        (GENERAL, "Synergy", None),  # nothing fits
        (GENERAL, "", None),
        (VALUES, "bias to action", "Bias for action"),
        (VALUES, "INTEGRITY", "Integrity"),
        (VALUES, "Customers", "Customer focus"),  # plural of one word
        (FRENCH, "creativite", "Créativité"),  # accents folded
        (FRENCH, "esprit d equipe", "Esprit d'équipe"),
        (FRENCH, "qualite", "Qualité du service"),
        (TWO_LEADERSHIPS, "Leadership", None),  # two names fit equally: not guessed
        (TWO_LEADERSHIPS, "people leader", "People leadership"),
    ],
)
def test_a_theme_label_is_matched_tolerantly_or_not_at_all(names, label, expected):
    assert HintMatcher(names).match(label) == expected


@pytest.mark.parametrize(
    "theme, matched, missed",
    [
        ("Ownership, learnings", [("Ownership", "Ownership"), ("Growth & learning", "learnings")], []),
        ("comms; Synergy", [("Communication", "comms")], ["Synergy"]),
        ("Communication, comms", [("Communication", "Communication")], []),  # one name once
        ("", [], []),
    ],
)
def test_a_cell_listing_several_themes_reads_each(theme, matched, missed):
    assert HintMatcher(GENERAL).read(theme) == (matched, missed)


@pytest.fixture(scope="module")
def theme_sheet():
    dataset = load_paths([FIXTURES / "theme_hints.csv"])
    return dataset, map_items(dataset.items, load_builtin("General professional"))


def test_the_sheets_theme_becomes_the_first_suggestion_with_its_reason(theme_sheet):
    dataset, mappings = theme_sheet
    assert len(dataset.stories) == 9 and not dataset.problems
    top = {item_id: (m.suggestions[0].competency, m.suggestions[0].why) for item_id, m in mappings.items()}
    assert top["S1"] == ("Leadership & mentoring", 'your sheet\'s Theme column says "Leadership"')
    assert top["S2"] == ("Communication", 'your sheet\'s Theme column says "comms"')
    assert top["S3"] == ("Customer focus", 'your sheet\'s Theme column says "Customer focus"')
    assert top["S4"] == ("Problem solving", 'your sheet\'s Theme column says "problem-solving"')
    assert top["S5"] == ("Collaboration", 'your sheet\'s Theme column says "Teamwork"')
    assert top["S9"] == ("Delivering results", 'your sheet\'s Theme column says "Délivering results"')
    assert [s.why for s in mappings["S6"].suggestions[:2]] == [
        'your sheet\'s Theme column says "Ownership"',
        'your sheet\'s Theme column says "learnings"',
    ]
    for item_id in ("S7", "S8"):  # no usable theme: the words alone suggest
        assert not mappings[item_id].suggestions[0].why.startswith("your sheet")
    assert all(len(m.suggestions) <= 3 for m in mappings.values())


def test_a_hint_counts_as_a_suggestion_not_a_confirmation(theme_sheet):
    _, mappings = theme_sheet
    chosen = assigned(mappings, {})
    assert chosen["S2"] == ["Communication"] and chosen["S6"] == ["Ownership", "Growth & learning"]
    assert mappings["S2"].confirmed == [] and mappings["S2"].suggestions[0].score >= HINT_SCORE
    assert assigned(mappings, {"S2": ["Ownership"]})["S2"] == ["Ownership"]  # the user's word wins


def test_a_theme_no_competency_fits_is_reported_not_dropped(theme_sheet):
    dataset, mappings = theme_sheet
    assert unmatched_hints(mappings) == {"Synergy": ["S7"]}
    payload = build_payload(dataset, load_builtin("General professional"), _year())
    assert payload["not_in_framework"] == {"competencies": {}, "themes": {"Synergy": ["S7"]}}


def test_praise_and_stories_without_a_theme_are_unchanged():
    story = Story(id="S1", date=dt.date(2026, 3, 1), title="Fixed the flaky build", action="Split the suite")
    plain = map_items([story], load_builtin("General professional"))["S1"]
    assert plain.unmatched_hints == [] and not any(s.why.startswith("your sheet") for s in plain.suggestions)


def _year():
    from core.analysis.period import parse_period

    return parse_period("2026", [])


def test_the_competencies_page_shows_the_hint_and_reports_the_unmatched_theme(app):
    app.file_uploader[0].upload("theme_hints.csv", (FIXTURES / "theme_hints.csv").read_bytes(), "text/csv")
    at = app.run()
    assert not at.exception
    at = at.switch_page("pages/competencies.py").run()
    assert not at.exception
    table = at.dataframe[-1].value.set_index("id")  # the evidence table
    assert table.loc["S2", "why"] == 'your sheet\'s Theme column says "comms"'
    assert list(table.loc["S2", "counts for"]) == ["Communication"]
    assert table.loc["S2", "source"] == "suggested"
    assert table.loc["S5", "suggested"].startswith("Collaboration (clear match)")
    warning = next(w.value for w in at.warning if "Theme column" in w.value)
    assert "no competency of this framework fits" in warning and "Synergy (S7)" in warning


def test_a_story_bank_without_dates_opens_competencies_with_its_themes(app, downloads):  # noqa: F811
    """Organisation,Theme,...,Result,Lesson: every story undated, so none counts in coverage; the
    page still opens on them, each Theme is its story's suggestion, and the interview stories group
    them under it."""
    bank = (FIXTURES / "star_bank_organisation.csv").read_bytes()
    app.file_uploader[0].upload("star_bank_organisation.csv", bank, "text/csv")
    at = app.run().switch_page("pages/competencies.py").run()
    assert not at.exception
    expander = next(e for e in at.expander if e.label.startswith("Stories without a date"))
    assert expander.label == "Stories without a date (3): counted once each has a month"
    table = at.dataframe[-1].value.set_index("id")
    assert table.loc["S1", "why"] == 'your sheet\'s Theme column says "Ownership"'
    assert table.loc["S1", "counts for"] == "Ownership"
    interview = download(at, downloads, "Interview stories (.md)")[0].decode("utf-8")
    ownership = interview.split("## Ownership", 1)[1].split("\n## ", 1)[0]
    assert "Wrote the dedupe job over the weekend" in ownership
