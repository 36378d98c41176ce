"""The writing that reuses level readiness: the rating argued in the draft, the promotion case,
interview stories, talking points and the About paragraph. None of them may invent a word."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx import Document

from core.analysis.period import parse_period
from core.competencies.frameworks import load_builtin, parse_framework
from core.competencies.mapping import assigned, map_items
from core.competencies.readiness import readiness
from core.ingest.importer import load_paths
from core.model import Dataset, Story
from core.writing.argument import ARGUMENT_WORDS
from core.writing.blocks import plain_text
from core.writing.draft import build_draft
from core.writing.exports import to_markdown as draft_markdown
from core.writing.interview import INTERVIEW_WORDS, QUESTIONS, answers, interview_blocks, interview_docx
from core.writing.promotion import PROMOTION_WORDS, promotion_blocks, promotion_docx, promotion_markdown
from core.writing.prose import JOINING_WORDS
from core.writing.talking_points import TALKING_WORDS, about_paragraph, talking_blocks
from tests.conftest import FIXTURES, ROOT

HERE = FIXTURES / "readiness"
FIXED = ARGUMENT_WORDS | PROMOTION_WORDS | INTERVIEW_WORDS | TALKING_WORDS | JOINING_WORDS


@pytest.fixture(scope="module")
def ladder_case():
    framework, _ = parse_framework("ladder.yaml", (HERE / "ladder.yaml").read_bytes())
    data = load_paths([HERE / "wins.csv", HERE / "praise.csv"])
    chosen = assigned(map_items(data.items, framework), {})
    return data, framework, chosen, readiness(data.items, framework, "Senior", assignments=chosen)


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_draft_argues_the_picked_rating_with_the_next_level_expectations_met(ladder_case):
    data, framework, chosen, result = ladder_case
    period = parse_period(None, [i.date for i in data.items])
    draft = build_draft(data, framework, chosen, period, ratings={"Execution": "Staff"}, readiness=result)
    text = draft_markdown(draft)
    section = text.split("## Execution")[1].split("## ")[0]
    paragraph = next(
        line for line in section.splitlines() if line.startswith("I rate my Execution work at Staff")
    )
    assert "At Staff I have shown 1 of 2 expectations" in paragraph
    assert "“Delivers programmes spanning several teams with many dependencies” (data migration)" in paragraph
    assert paragraph.endswith("[S3, May 2026]")
    assert "Rescues projects" not in paragraph  # an expectation without evidence is never claimed
    # an unrated competency, or a draft without readiness, has no rating paragraph
    assert "I rate my Mentoring" not in text
    plain = draft_markdown(build_draft(data, framework, chosen, period, ratings={"Execution": "Staff"}))
    assert "I rate my" not in plain


def test_a_rating_that_is_not_a_level_is_argued_from_the_next_level(ladder_case):
    data, framework, chosen, result = ladder_case
    period = parse_period(None, [i.date for i in data.items])
    draft = build_draft(data, framework, chosen, period, ratings={"Mentoring": "Exceeds"}, readiness=result)
    text = draft_markdown(draft)
    assert "I rate my Mentoring work at Exceeds. At Staff I have shown 1 of 2 expectations" in text
    assert "(as Lena Okoro, Director noted)" in text


def test_promotion_case_lists_each_next_level_expectation_with_evidence_a_table_and_gaps(ladder_case):
    data, _, _, result = ladder_case
    md = promotion_markdown(result, data.by_id())
    assert md.startswith("# Promotion case: Senior to Staff")
    assert "| Execution | 2 of 3 | 1 of 2 |" in md
    staff = md.split("## Execution")[1].split("### What is expected at Senior")[0]
    assert "**Delivers programmes spanning several teams with many dependencies.**" in staff
    assert "I ran the programme across the teams and tracked every dependency." in staff
    assert "[S3, May 2026]" in staff
    assert "**Rescues projects heading off track and gets them back on schedule.** No evidence yet." in staff
    gaps = md.split("## Gaps")[1]
    assert "Mentoring: Shapes hiring standards across the department." in gaps
    docx = _docx_text(promotion_docx(result, data.by_id()))
    assert (
        "Promotion case: Senior to Staff" in docx and "Shapes hiring standards across the department." in docx
    )
    assert "2 of 3" in docx  # the summary table


def test_interview_answers_each_question_once_in_star_form_citing_its_story():
    data = load_paths([ROOT / "data" / "sample_wins.xlsx"])
    got = answers(data.stories)
    assert [a.question.key for a in got] == [q.key for q in QUESTIONS]
    ids = [a.story.id for a in got if a.story]
    assert len(ids) == len(set(ids)) == len(QUESTIONS)  # every question answered, no story twice
    failure = next(a for a in got if a.question.key == "failure")
    assert failure.story.story_kind in ("struggle", "lesson")
    grow = next(a for a in got if a.question.key == "grow")
    assert re.search(r"mentor|onboard|coach|taught|teach", grow.story.text, re.I)
    labels = [label for label, _ in got[0].star()]
    assert labels[:3] == ["Situation and task.", "Action.", "Result."]
    text = plain_text(interview_blocks(data.stories, {}, []))
    for a in got:
        assert f"[{a.story.id}, " in text


def test_a_question_no_story_fits_says_so_and_bullets_are_grouped_by_theme(ladder_case):
    data, framework, chosen, _ = ladder_case
    wins = [s for s in data.stories if s.id in ("S1", "S4")]
    blocks = interview_blocks(wins, chosen, framework.names)
    text = plain_text(blocks)
    assert "No story fits this question yet: log one in the Journal." in text
    headings = [b.text for b in blocks if b.kind == "h2"]
    assert headings == ["Execution", "Mentoring"]
    docx = _docx_text(interview_docx(wins, chosen, framework.names))
    assert "Resume bullets by theme" in docx and "Led the project of four people from plan to launch" in docx


def test_talking_points_keep_the_users_words_and_list_gaps_as_questions(ladder_case):
    data, _, _, result = ladder_case
    wants = "A promotion to Staff by March, with the payments area as my scope."
    blocks = talking_blocks(data.stories, data.praise, {"Execution": "Staff"}, result, wants)
    text = plain_text(blocks)
    assert wants in text
    assert "I rate my Execution work at Staff." in text
    assert (
        "“Priya grew two senior colleagues into owners of the billing area and the search area.” — Lena Okoro"
        in text
    )
    assert (
        "Execution: “Rescues projects heading off track and gets them back on schedule”? No story yet" in text
    )
    lead = next(b for b in blocks if b.kind == "ul")
    assert len(lead.items) == 3


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _source_words(data: Dataset, framework, extra: str = "") -> set[str]:
    parts = [framework.name, *framework.levels, extra, *[i.id for i in data.items]]  # ids: the citations
    for c in framework.competencies:
        parts += [c.name, c.description, *[t for texts in c.expectations.values() for t in texts]]
    for s in data.stories:
        parts += [s.title, s.challenge, s.action, s.result, s.description, s.metric, s.lesson, s.theme]
    for p in data.praise:
        parts += [p.text, p.author, p.role]
    return _words(" ".join(parts)) | {"rd", "st", "nd", "th"}


@pytest.mark.parametrize(
    "sample, framework_name, level",
    [
        ("sample_wins.xlsx", "Software engineer (IC)", "IC3"),
        ("sample_marketing.xlsx", "General professional", "Proficient"),
    ],
)
def test_no_export_says_a_word_that_is_not_in_the_evidence_the_framework_or_the_fixed_list(
    sample, framework_name, level
):
    data = load_paths([ROOT / "data" / sample])
    framework = load_builtin(framework_name)
    chosen = assigned(map_items(data.items, framework), {})
    result = readiness(data.items, framework, level, assignments=chosen)
    wants = "More scope"
    ratings = {c: framework.levels[-1] for c in framework.names[:3]}
    texts = {
        "promotion": plain_text(promotion_blocks(result, data.by_id())),
        "interview": plain_text(interview_blocks(data.stories, chosen, framework.names)),
        "talking": plain_text(talking_blocks(data.stories, data.praise, ratings, result, wants)),
        "about": about_paragraph(data.stories, chosen, framework.names),
    }
    allowed = _source_words(data, framework, wants + " " + " ".join(ratings.values())) | FIXED
    for name, text in texts.items():
        assert _words(text) - allowed == set(), name


def test_hostile_text_stays_inert_in_the_markdown_exports():
    import datetime as dt

    from markdown_it import MarkdownIt

    story = Story(
        "S1",
        dt.date(2026, 3, 1),
        title="<script>alert(1)</script>",
        challenge="[x](javascript:alert(1))",
        action="Led the <img src=x onerror=alert(1)> project",
        result="Shipped it",
    )
    html = MarkdownIt().render(interview_markdown_for([story]))
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html


def interview_markdown_for(stories):
    from core.writing.interview import interview_markdown

    return interview_markdown(stories, {}, [])


def test_fixture_paths_exist():
    assert Path(HERE / "labels.csv").is_file()


def _story(sid, title, challenge, action, result, kind="win"):
    import datetime as dt

    return Story(
        sid,
        dt.date(2026, 5, 1),
        title=title,
        challenge=challenge,
        action=action,
        result=result,
        story_kind=kind,
    )


QUESTION_STORIES = [
    _story(
        "S1",
        "Payments platform",
        "Checkout lost 4% of orders",
        "Rebuilt the payments platform",
        "Revenue up $2.1M a year across all markets",
    ),
    _story(
        "S2",
        "Missed launch",
        "I missed the launch date by two weeks",
        "Told the team early and re-planned",
        "Shipped late; I now estimate with buffers",
        kind="struggle",
    ),
    _story(
        "S3",
        "Mentoring Ana",
        "Ana was new and stuck",
        "Mentored her weekly and coached her on design",
        "She led her first project alone",
    ),
    _story(
        "S4",
        "Scope dispute",
        "Product and design disagreed about scope",
        "Ran a session to resolve the conflict",
        "Both sides agreed on one plan",
    ),
    _story(
        "S5",
        "Release train",
        "Four teams shipped on different days",
        "Persuaded the other teams to join one release train without being their lead",
        "One release a week",
    ),
    _story(
        "S6",
        "Pricing research",
        "Nobody knew why trials did not convert and the brief was unclear",
        "Interviewed ten customers",
        "Found the two blockers",
    ),
]


@pytest.mark.parametrize(
    "question, expected",
    [
        ("impact", "S1"),
        ("failure", "S2"),
        ("grow", "S3"),
        ("conflict", "S4"),
        ("lead", "S5"),
        ("ambiguity", "S6"),
    ],
)
def test_each_behavioural_question_gets_the_story_written_for_it(question, expected):
    got = {a.question.key: a.story.id for a in answers(QUESTION_STORIES)}
    assert got[question] == expected
