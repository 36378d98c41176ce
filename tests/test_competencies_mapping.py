"""Mapping evidence to competencies: suggestions with reasons, explicit names, what counts."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from core.competencies import engine
from core.competencies.mapping import ItemMapping, NameMatcher, Suggestion, accepted, assigned, map_items
from core.model import Competency, Framework, Praise, Story
from core.text import fold_accents

DAY = dt.date(2025, 3, 3)

FRAMEWORK = Framework(
    "Test ladder",
    [
        Competency(
            "Recruiting",
            "Hires great people for the team",
            ("interviewing", "hiring"),
            {"L1": ["Interviews candidates and writes fair feedback"], "L2": ["Improves the hiring process"]},
        ),
        Competency(
            "Reliability",
            "Keeps production systems up",
            ("incident", "on-call"),
            {
                "L1": ["Handles on-call pages calmly"],
                "L2": ["Writes postmortems that prevent repeat incidents"],
            },
        ),
        Competency(
            "Communication",
            "Explains things clearly to any audience",
            ("writing", "presenting"),
            {"L1": ["Writes clear status updates"], "L2": ["Presents design docs to leadership"]},
        ),
    ],
    ["L1", "L2"],
)


def story(sid: str, text: str, competencies=()) -> Story:
    return Story(sid, DAY, title=text, competencies=tuple(competencies))


NAMES = [
    "Communication", "Technical excellence", "Delivering results", "Leadership & mentoring", "Customer focus",
    "Project management", "Collaboration", "Growth & learning",
]  # fmt: skip


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("communication", "Communication"),
        ("  COMMUNICATION ", "Communication"),
        ("Comms", "Communication"),
        ("comm.", "Communication"),
        ("Communications", "Communication"),
        ("Comunication", "Communication"),  # typo
        ("Tech excellence", "Technical excellence"),
        ("technical-excellence", "Technical excellence"),
        ("Technical Excelence", "Technical excellence"),
        ("TE", "Technical excellence"),  # initials
        ("PM", "Project management"),
        ("Proj mgmt", "Project management"),
        ("Leadership and mentoring", "Leadership & mentoring"),
        ("leadership/mentoring", "Leadership & mentoring"),
        ("mentoring", "Leadership & mentoring"),
        ("Customer", "Customer focus"),
        ("cust focus", "Customer focus"),
        ("Colaboration", "Collaboration"),
        ("Collab", "Collaboration"),
        ("Delivery", "Delivering results"),
        ("Astrophysics", None),
        ("", None),
        ("C", None),
    ],
)
def test_explicit_names_match_tolerantly(label, expected):
    assert NameMatcher(NAMES).match(label) == expected


def test_ambiguous_label_is_not_guessed():
    matcher = NameMatcher(["Technical leadership", "Team leadership"])
    assert matcher.match("leadership") is None
    assert matcher.match("tech leadership") == "Technical leadership"


def test_top_suggestion_and_reason_name_the_matched_words_and_expectation():
    result = map_items([story("S1", "Interviewed twelve candidates and wrote feedback for each")], FRAMEWORK)[
        "S1"
    ]
    top = result.suggestions[0]
    assert top.competency == "Recruiting"
    assert '"candidates"' in top.why and '"feedback"' in top.why
    assert 'resembles "Interviews candidates and writes fair feedback"' in top.why


@pytest.mark.parametrize(
    ("text", "competency", "word"),
    [
        ("Ran the incident call during the outage and wrote the postmortem", "Reliability", '"postmortem"'),
        (
            "Presented the quarterly plan to leadership with a short design doc",
            "Communication",
            '"leadership"',
        ),
        ("Hiring: ran the onsite interviewing loop for the new team", "Recruiting", '"interviewing"'),
    ],
)
def test_each_story_lands_on_its_competency(text, competency, word):
    top = map_items([story("S1", text)], FRAMEWORK)["S1"].suggestions[0]
    assert top.competency == competency
    assert word in top.why


def test_praise_is_mapped_like_stories():
    quote = Praise("P1", DAY, "Her status updates are the clearest writing on the team")
    top = map_items([quote], FRAMEWORK)["P1"].suggestions[0]
    assert top.competency == "Communication"
    assert '"updates"' in top.why


def test_related_words_reach_a_competency_through_concepts():
    framework = Framework(
        "f", [Competency("Hiring", "Grows the team by hiring"), Competency("Quality", "Tests code")]
    )
    top = map_items([story("S1", "Interviewed candidates at the career fair")], framework)["S1"].suggestions[
        0
    ]
    assert top.competency == "Hiring"
    assert "related ideas: recruiting" in top.why


def test_scores_are_ranked_and_within_0_1():
    result = map_items(
        [story("S1", "Wrote the incident postmortem and presented it to leadership")], FRAMEWORK
    )
    scores = [s.score for s in result["S1"].suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 for s in scores)
    assert {s.competency for s in result["S1"].suggestions[:2]} == {"Reliability", "Communication"}


def test_an_item_maps_the_same_whatever_else_is_mapped():
    alone = map_items([story("S1", "Interviewed candidates")], FRAMEWORK)["S1"]
    crowd = map_items(
        [story("S0", "Wrote postmortems"), story("S1", "Interviewed candidates"), story("S2", "Presented")],
        FRAMEWORK,
    )["S1"]
    assert [(s.competency, s.score) for s in alone.suggestions] == [
        (s.competency, s.score) for s in crowd.suggestions
    ]


def test_explicit_competencies_are_confirmed_and_unknown_ones_reported():
    result = map_items([story("S1", "Anything", ["comms", "Astrophysics", "communication"])], FRAMEWORK)["S1"]
    assert result.confirmed == ["Communication"]
    assert result.unmatched == ["Astrophysics"]


def test_text_without_known_words_gets_no_suggestion():
    assert map_items([story("S1", "zzqx")], FRAMEWORK)["S1"].suggestions == []


def test_tokeniser_keeps_distinct_words_apart():
    words = [
        "internationalisation",
        "internationalisations",
        "naïve",
        "naive",
        "a1",
        "b1",
        "Deploy",
        "deploy",
        "decommissioned",  # 14 letters: the second 8-byte half of the key tells them apart
        "decommissioner",
        "migrate",  # under 8 letters, sharing their start
        "migrated",
    ]
    corpus = engine.tokenise([" ".join(words)])
    assert sorted(corpus.types) == sorted({fold_accents(w) for w in words})  # naïve = naive
    counts = dict(zip(corpus.typ.tolist(), corpus.cnt.tolist(), strict=True))
    assert counts[corpus.types.index("deploy")] == 2


def test_why_is_kept_when_pickled():
    import pickle

    suggestion = map_items([story("S1", "Interviewed candidates")], FRAMEWORK)["S1"].suggestions[0]
    copy = pickle.loads(pickle.dumps(suggestion))
    assert copy == suggestion and copy.why == suggestion.why


def s(name: str, score: float) -> Suggestion:
    return Suggestion(name, score, "")


@pytest.mark.parametrize(
    ("suggestions", "expected"),
    [
        ([], []),
        ([s("A", 0.05), s("B", 0.04)], []),  # below the floor: nothing is counted without the user
        ([s("A", 0.40), s("B", 0.20)], ["A"]),  # a weak second guess does not count
        ([s("A", 0.40), s("B", 0.38), s("C", 0.10)], ["A", "B"]),  # about two things equally
        ([s("A", 0.30), s("B", 0.29), s("C", 0.28)], ["A", "B", "C"]),
    ],
)
def test_accepted_suggestions_rule(suggestions, expected):
    assert accepted(suggestions) == expected


def test_assigned_overrides_then_confirmed_then_suggestions():
    mappings = {
        "S1": ItemMapping("S1", ["Communication"], [s("Recruiting", 0.5)]),
        "S2": ItemMapping("S2", [], [s("Recruiting", 0.5)]),
        "S3": ItemMapping("S3", ["Communication"], []),
        "S4": ItemMapping("S4", [], [s("Reliability", 0.5)]),
    }
    overrides = {"S3": [], "S4": ["Communication", "Recruiting"]}
    assert assigned(mappings, overrides) == {
        "S1": ["Communication"],  # confirmed from the input beats the suggestion
        "S2": ["Recruiting"],  # accepted suggestion
        "S3": [],  # the user said: supports none
        "S4": ["Communication", "Recruiting"],  # the user's choice wins
    }
    assert assigned(mappings, None)["S3"] == ["Communication"]


def test_a_names_only_framework_still_maps_and_explains():
    names_only = Framework("pasted", [Competency("Communication"), Competency("Ownership")])
    items = [
        story("S1", "I owned the release and communicated it"),
        story("S2", ""),
        Praise("P1", DAY, "🎉 ✨ ☕"),
    ]
    result = map_items(items, names_only)
    top = result["S1"].suggestions[0]
    assert top.competency == "Communication"
    assert top.why == 'matched "communicated"'  # one Snowball stem for the whole word family
    assert result["S2"].suggestions == [] and result["P1"].suggestions == []


def test_an_empty_framework_maps_nothing():
    assert map_items([story("S1", "anything")], Framework("empty", [])) == {"S1": ItemMapping("S1", [], [])}


@pytest.mark.parametrize(("n_docs", "n_cols"), [(1, 1), (3, 5), (2_500, 1_900), (70_000, 40), (40, 70_000)])
def test_pairs_are_counted_and_summed_as_numpy_unique_and_bincount_do(n_docs, n_cols):
    """The (document, word) and (document, feature) tallies: by two 16-bit counting sorts for a
    chunk of items, by np.unique beyond 65,536 documents or columns; the same either way, to the
    last bit of each weighted sum."""
    rng = np.random.default_rng(n_docs + n_cols)
    doc = np.sort(rng.integers(0, n_docs, 5_000))
    col = rng.integers(0, n_cols, 5_000)
    weights = rng.random(5_000)
    expected_keys, inverse, expected_counts = np.unique(doc * n_cols + col, return_inverse=True,
                                                        return_counts=True)
    keys, counts = engine._pair_counts(doc, col, n_docs, n_cols)
    assert keys.tolist() == expected_keys.tolist()
    assert counts.tolist() == expected_counts.tolist()
    keys, sums = engine._pair_counts(doc, col, n_docs, n_cols, weights)
    assert keys.tolist() == expected_keys.tolist()
    assert sums.tolist() == np.bincount(inverse.ravel(), weights=weights).tolist()


def test_scores_do_not_depend_on_the_words_a_model_has_seen_before():
    """Each block keeps the features of the words it has met, for the next chunks: a fresh model
    and one that has scored other texts give the same scores."""
    texts = ["Interviewed candidates and ran the on-call rota", "Wrote postmortems, naïve retries fixed"]
    warm = engine.build_model(FRAMEWORK)
    engine.item_scores(warm, engine.tokenise(["Presented the roadmap to candidates", "on-call postmortems"]))
    assert all(block.known for block in warm.blocks)
    fresh = engine.build_model(FRAMEWORK)
    corpus = engine.tokenise(texts)
    assert engine.item_scores(warm, corpus)[0].tolist() == engine.item_scores(fresh, corpus)[0].tolist()
