"""The draft: which stories it tells, what it cites, what it refuses to claim, and its limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from core.analysis.period import calendar_year
from core.analysis.strength import score_story
from core.model import Competency, Dataset, Framework, Praise, Story
from core.writing.draft import DraftOptions, build_draft, paragraph_text

PERIOD = calendar_year(2025)
FRAMEWORK = Framework(
    "Test",
    [
        Competency(
            "Delivery", expectations={"Senior": ["Ships large projects"], "Staff": ["Sets direction"]}
        ),
        Competency("Communication"),
        Competency("Mentoring"),
    ],
    levels=["Senior", "Staff"],
)


def strong(sid: str, day: dt.date, topic: str = "checkout", **kw) -> Story:
    """A story with challenge, action, a quantified result and impact: scores 'strong'."""
    fields = {
        "title": f"{topic.title()} rebuild {sid}",
        "challenge": f"The {topic} flow failed for 7% of users",
        "action": f"Rebuilt the {topic} flow with my team",
        "result": f"Failures fell to 1% and saved 40 hours a month for {topic}",
        "impact": 5,
        **kw,
    }
    return Story(sid, day, **fields)


def weak(sid: str, day: dt.date, **kw) -> Story:
    """Only an action, no result: scores 'thin'."""
    return Story(sid, day, title=f"Small task {sid}", action="helped with a task", **kw)


def draft_for(stories, praise=(), assignments=None, **options):
    dataset = Dataset(stories=list(stories), praise=list(praise))
    if assignments is None:
        assignments = {item.id: ["Delivery"] for item in dataset.items}
    return build_draft(dataset, FRAMEWORK, assignments, PERIOD, DraftOptions(**options))


def section(draft, name):
    return next(s for s in draft.sections if s.heading == name)


def story_ids(sec):
    return [c for p in sec.paragraphs if p.kind == "story" for c in p.cites]


def test_the_strongest_stories_are_told_not_the_weak_ones():
    stories = [
        weak("S1", dt.date(2025, 1, 5)),
        strong("S2", dt.date(2025, 2, 5)),
        weak("S3", dt.date(2025, 4, 5)),
        strong("S4", dt.date(2025, 5, 5), topic="billing"),
        strong("S5", dt.date(2025, 8, 5), topic="search"),
    ]
    scores = {s.id: score_story(s).score for s in stories}
    assert scores["S2"] > scores["S1"] and scores["S4"] > scores["S3"]  # the premise
    told = story_ids(section(draft_for(stories), "Delivery"))
    assert sorted(told) == ["S2", "S4", "S5"]


def test_every_citation_is_a_loaded_item_inside_the_period():
    stories = [
        strong("S1", dt.date(2024, 11, 1), topic="legacy"),
        strong("S2", dt.date(2025, 2, 1)),
        strong("S3", dt.date(2026, 1, 10), topic="future"),
        weak("S4", dt.date(2025, 9, 1)),
        Story(
            "S5",
            dt.date(2025, 6, 1),
            title="Outage",
            challenge="I missed an alert",
            result="I learned to test alerts",
            story_kind="lesson",
        ),
    ]
    praise = [
        Praise("P1", dt.date(2024, 12, 1), "Legacy rebuild was great", author="Old"),
        Praise("P2", dt.date(2025, 3, 1), "The checkout rebuild was superb", author="Bo"),
    ]
    draft = draft_for(stories, praise)
    loaded = {s.id: s for s in stories} | {p.id: p for p in praise}
    cited = {c for sec in draft.all_sections for p in sec.paragraphs for c in p.cites}
    assert cited == set(draft.citations)
    assert cited <= set(loaded)
    assert all(PERIOD.contains(loaded[c].date) for c in cited)
    assert {"S1", "S3", "P1"}.isdisjoint(cited)
    assert {"S2", "P2", "S5"} <= cited
    for item_id, citation in draft.citations.items():
        assert citation.date == loaded[item_id].date
        assert citation.quarter == PERIOD.quarter_of(loaded[item_id].date).label
        assert citation.label == f"[{item_id}, {loaded[item_id].date.strftime('%b %Y')}]"


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_LABEL = re.compile(r"\[[SP]\d+, \w{3} \d{4}\]")


def _numbers(text: str) -> set[str]:
    return set(_NUMBER.findall(_LABEL.sub("", text)))


def test_no_number_in_the_draft_that_the_evidence_does_not_contain():
    stories = [
        strong("S1", dt.date(2025, 2, 1)),
        strong("S2", dt.date(2025, 5, 1), topic="billing", project="Atlas 2", metric="NPS +12"),
        weak("S3", dt.date(2025, 11, 1)),
    ]
    praise = [Praise("P1", dt.date(2025, 6, 1), "Cut our invoice time by 3 days", author="Kim", role="CFO")]
    for tone in ("numbers", "story"):
        for length in ("brief", "standard", "detailed"):
            draft = draft_for(stories, praise, tone=tone, length=length)
            by_id = {s.id: s.text + " " + s.project for s in stories} | {p.id: p.text for p in praise}
            allowed_facts = _numbers(PERIOD.label + " " + " ".join(q.label for q in PERIOD.quarters))
            for sec in draft.all_sections:
                # Counts the draft may state about a section: how many stories and quotes it rests on.
                counts = {str(n) for n in range(len(stories) + len(praise) + 1)}
                for p in sec.paragraphs:
                    text = paragraph_text(p, draft.citations)
                    cited_text = " ".join(by_id[c] for c in p.cites)
                    extra = _numbers(text) - _numbers(cited_text) - allowed_facts
                    if p.kind in ("claim", "note"):
                        extra -= counts
                    assert not extra, f"{p.kind} paragraph states {extra} not in its evidence: {text}"


@pytest.mark.parametrize(("word_limit", "char_limit"), [(40, None), (None, 250), (25, 200), (1000, None)])
def test_sections_fit_the_limit_at_sentence_boundaries(word_limit, char_limit):
    stories = [strong(f"S{i}", dt.date(2025, 1 + 3 * i, 2), topic=f"area{i}") for i in range(4)]
    praise = [
        Praise(
            "P1",
            dt.date(2025, 3, 1),
            "The area0 rebuild was excellent. It changed our quarter.",
            author="Ann",
        )
    ]
    full = draft_for(stories, praise)
    draft = draft_for(stories, praise, word_limit=word_limit, char_limit=char_limit)
    for trimmed, original in zip(draft.all_sections, full.all_sections, strict=True):
        if word_limit:
            assert trimmed.words <= word_limit
        if char_limit:
            assert trimmed.chars <= char_limit
        over = (word_limit and original.words > word_limit) or (char_limit and original.chars > char_limit)
        assert (trimmed.trimmed_from is not None) == bool(over)
        if over:
            assert trimmed.trimmed_from == (original.words, original.chars)
            assert "trimmed at a sentence boundary" in trimmed.count_label
        # Every kept sentence is a whole sentence of the untrimmed section, and citations stay.
        all_sentences = {s for p in original.paragraphs for s in p.sentences}
        for p in trimmed.paragraphs:
            assert set(p.sentences) <= all_sentences
            if p.kind == "story":
                assert p.cites


def test_rating_helper_gives_figures_and_never_picks_a_rating():
    stories = [
        strong("S1", dt.date(2025, 2, 1)),
        weak("S2", dt.date(2025, 2, 20)),
        strong("S3", dt.date(2025, 11, 1), topic="search"),
    ]
    praise = [Praise("P1", dt.date(2025, 8, 1), "Nice", author="A")]
    draft = draft_for(stories, praise)
    helper = next(h for h in draft.helpers if h.competency == "Delivery")
    assert (helper.stories, helper.praise) == (3, 1)
    assert helper.strength == {"strong": 2, "solid": 0, "thin": 1}
    assert helper.quarters == [("Q1 2025", 2), ("Q2 2025", 0), ("Q3 2025", 1), ("Q4 2025", 1)]
    assert helper.spread == 3
    assert helper.expectations == {"Senior": ["Ships large projects"], "Staff": ["Sets direction"]}
    assert all(h.rating is None for h in draft.helpers) and all(s.rating is None for s in draft.sections)
    rated = build_draft(
        Dataset(stories=stories, praise=praise),
        FRAMEWORK,
        {i.id: ["Delivery"] for i in [*stories, *praise]},
        PERIOD,
        ratings={"Delivery": "Staff"},
    )
    assert section(rated, "Delivery").rating == "Staff"
    assert all(s.competency != "Communication" for s in rated.sections)


def test_recency_audit_counts_citations_per_quarter():
    stories = [
        strong("S1", dt.date(2025, 2, 1)),
        strong("S2", dt.date(2025, 11, 1), topic="billing"),
        strong("S3", dt.date(2025, 12, 1), topic="search"),
    ]
    draft = draft_for(stories)
    per_quarter = {}
    for citation in draft.citations.values():
        per_quarter[citation.quarter] = per_quarter.get(citation.quarter, 0) + 1
    assert dict(draft.audit.quarters) == {q.label: per_quarter.get(q.label, 0) for q in PERIOD.quarters}
    assert draft.audit.total == len(draft.citations)
    assert draft.audit.last_quarter_share == pytest.approx(
        per_quarter.get("Q4 2025", 0) / len(draft.citations)
    )
    assert "Q4 2025" in draft.audit.statement


def test_draft_options_reject_unknown_values():
    with pytest.raises(ValueError, match="tone"):
        DraftOptions(tone="loud")
    with pytest.raises(ValueError, match="word_limit"):
        DraftOptions(word_limit=0)
    assert DraftOptions.from_dict(
        DraftOptions(length="brief", questions=[" Q1 ", ""]).as_dict()
    ) == DraftOptions(length="brief", questions=["Q1"])


def test_sample_year_draft_states_only_numbers_from_its_evidence():
    """The bundled sample, mapped as the app maps it: the same guarantee on real-looking writing."""
    from core.analysis.period import default_period
    from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin
    from core.competencies.mapping import assigned, map_items
    from core.ingest.importer import load_paths
    from tests.conftest import ROOT

    dataset = load_paths([str(ROOT / "data" / "sample_wins.xlsx")])
    framework = load_builtin(DEFAULT_FRAMEWORK)
    period = default_period([i.date for i in dataset.items])
    assignments = assigned(map_items(dataset.items, framework), dataset.overrides)
    by_id = dataset.by_id()
    labels = _numbers(period.label + " " + " ".join(q.label for q in period.quarters))
    for tone in ("numbers", "story"):
        draft = build_draft(
            dataset, framework, assignments, period, DraftOptions(tone=tone, length="detailed")
        )
        assert draft.citations and all(period.contains(by_id[c].date) for c in draft.citations)
        for sec in draft.all_sections:
            for p in sec.paragraphs:
                cited = " ".join(by_id[c].text + " " + getattr(by_id[c], "project", "") for c in p.cites)
                extra = _numbers(paragraph_text(p, draft.citations)) - _numbers(cited) - labels
                if p.kind in ("claim", "note"):
                    extra = {n for n in extra if float(n.replace(",", "")) > len(dataset.items)}
                assert not extra, (p.kind, extra, paragraph_text(p, draft.citations))


def test_sections_follow_the_framework_order_and_empty_ones_become_goals():
    draft = draft_for([strong("S1", dt.date(2025, 2, 1))])
    assert [s.heading for s in draft.sections] == ["2025 in brief", "Delivery", "Next year"]
    goals = draft.growth.paragraphs
    assert [p.body for p in goals] == ["Next year I want to grow my Communication and Mentoring work."]
    assert any("No evidence for Communication" in c for c in draft.checklist)


@pytest.mark.parametrize(
    ("last_quarter", "earlier", "told_earlier"),
    [
        (5, 1, 0),  # a much weaker early story never pushes out one of the year's strongest
        (0, 3, 3),
    ],
)
def test_recency_is_a_preference_never_a_reason_to_drop_a_top_story(last_quarter, earlier, told_earlier):
    stories = [
        strong(f"S{i}", dt.date(2025, 10 + i % 3, 1 + i), topic=f"topic{i}") for i in range(last_quarter)
    ]
    stories += [weak(f"S{10 + i}", dt.date(2025, 1 + 3 * i, 10)) for i in range(earlier)]
    told = story_ids(section(draft_for(stories), "Delivery"))
    assert sum(1 for i in told if int(i[1:]) >= 10) == told_earlier


def test_a_near_tie_goes_to_the_earlier_story():
    stories = [strong(f"S{i}", dt.date(2025, 11, 1 + i), topic=f"t{i}") for i in range(3)]
    stories.append(strong("S9", dt.date(2025, 2, 1), topic="t9"))
    told = story_ids(section(draft_for(stories), "Delivery"))
    assert "S9" in told and len(told) == 3


def test_thin_evidence_is_a_checklist_item_never_text_in_the_draft():
    draft = draft_for([weak("S1", dt.date(2025, 3, 1))])
    assert any("rests on one piece of evidence" in c for c in draft.checklist)
    assert all(p.kind != "note" for s in draft.sections for p in s.paragraphs)
    assert not any("Note" in p.body or "thin" in p.body for s in draft.sections for p in s.paragraphs)


@pytest.mark.parametrize(
    ("tone", "first"), [("story", "When the checkout flow failed"), ("numbers", "Failures fell")]
)
def test_stories_are_told_as_first_person_prose_in_the_tone_asked(tone, first):
    story = strong("S1", dt.date(2025, 2, 1))
    paragraph = next(
        p for p in section(draft_for([story], tone=tone), "Delivery").paragraphs if p.kind == "story"
    )
    assert paragraph.body.startswith(first)
    assert "I rebuilt the checkout flow with my team" in paragraph.body
    assert not re.search(r"\b(?:The result|The challenge|What I did):", paragraph.body)


def test_questions_are_answered_by_intent_and_no_story_answers_two():
    mentoring = Story(
        "S1",
        dt.date(2025, 2, 1),
        title="Mentored Priya",
        action="Mentored Priya through her first on-call rotation",
        result="She now leads the rota",
    )
    retries = Story(
        "S2",
        dt.date(2025, 5, 1),
        title="Retries doc",
        action="Wrote the retries doc for the year ahead",
        result="Adopted by 4 teams",
    )
    migration = Story(
        "S3",
        dt.date(2025, 7, 1),
        title="Orders migration",
        action="Led the orders DB migration",
        result="Zero downtime across all accounts",
    )
    struggle = Story(
        "S4",
        dt.date(2025, 9, 1),
        title="Late estimate",
        challenge="My estimate slipped by a month",
        result="I now spike the riskiest part first",
        story_kind="struggle",
    )
    praise = [
        Praise(
            "P1",
            dt.date(2025, 6, 1),
            "Your migration plan was the calmest I have seen. Thanks, Lee",
            author="Lee Park",
        )
    ]
    questions = [
        "What were your key contributions this year?",
        "How have you helped others on your team grow?",
        "What would you like to improve next year?",
    ]
    draft = draft_for([mentoring, retries, migration, struggle], praise, questions=questions)
    contributions, grew, improve = draft.sections
    assert [s.intent for s in draft.sections] == ["contributions", "grew_others", "improve"]
    assert story_ids(grew) == ["S1"]
    assert "S3" in story_ids(contributions) and "S1" not in story_ids(contributions)
    assert improve.cites == ["S4"] and all(p.kind != "quote" for p in improve.paragraphs)
    assert "S4" not in draft.top_stories
    quotes = [p for s in draft.sections for p in s.paragraphs if p.kind == "quote"]
    assert [q.body for q in quotes] == ["Your migration plan was the calmest I have seen."]


def test_hidden_praise_is_not_quoted_and_quotes_carry_attribution():
    praise = [
        Praise("P1", dt.date(2025, 3, 1), "Hidden words of thanks", author="Bo", hidden=True),
        Praise(
            "P2",
            dt.date(2025, 4, 1),
            "Brilliant checkout work that saved our quarter",
            author="Ann Lee",
            role="Head of Support",
            channel="Slack",
        ),
    ]
    draft = draft_for([strong("S1", dt.date(2025, 2, 1))], praise)
    quotes = [p for p in section(draft, "Delivery").paragraphs if p.kind == "quote"]
    assert [q.cites for q in quotes] == [["P2"]]
    assert quotes[0].attribution == "Ann Lee, Head of Support"


def test_pinned_stories_are_told_and_left_out_ones_are_listed_with_why():
    stories = [strong(f"S{i}", dt.date(2025, 1 + i, 2), topic=f"t{i}") for i in range(6)]
    stories.append(weak("S9", dt.date(2025, 12, 1)))
    draft = draft_for(stories, pinned=["S9"], left_out=["S0"])
    told = {c for s in draft.sections for c in s.told}
    assert "S9" in told and "S0" not in told
    left = {x.id: x.why for x in draft.left_out}
    assert left["S0"] == "You left it out."
    assert [x.significance for x in draft.left_out] == sorted(
        (x.significance for x in draft.left_out), reverse=True
    )


def test_a_period_without_evidence_cites_nothing_and_says_so_on_the_checklist():
    draft = draft_for([strong("S1", dt.date(2023, 2, 1))], [Praise("P1", dt.date(2023, 3, 1), "Old praise")])
    assert draft.citations == {} and draft.top_stories == []
    assert all(not s.cites for s in draft.sections)
    assert draft.audit.total == 0 and "no evidence" in draft.audit.statement
    assert draft.checklist


def test_pins_and_left_out_stories_are_kept_with_the_draft_options():
    options = DraftOptions(pinned=["S3", "S3"], left_out=["S2", "S3"])
    assert (options.pinned, options.left_out) == (["S3"], ["S2"])  # a pin wins over leaving out
    assert DraftOptions.from_dict(options.as_dict()) == options
    assert DraftOptions.from_dict({"tone": "numbers-old", "pinned": ["S1"]}).tone == "story"
