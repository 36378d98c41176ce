"""Related stories told together (core/writing/themes.py): which stories of real years are about
the same subject, which must not be, and what the draft does with them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache

import pytest
from draft_corpus import CORPUS
from test_draft_prose import build

from core.commands.draft import load_evidence
from core.model import Story
from core.writing.themes import THEME_MAX, similar_pairs, themes
from tests.conftest import ROOT

YEARS = {
    "engineer": CORPUS / "engineer_2026.csv",
    "marketing": CORPUS / "marketing_fy26.csv",
    "nurse": CORPUS / "nurse_2025.csv",
    "sample_wins": ROOT / "data" / "sample_wins.xlsx",
    "sample_marketing": ROOT / "data" / "sample_marketing.xlsx",
}


@cache
def stories(year: str) -> tuple[Story, ...]:
    """The year's stories without their project and link: only the subject can join them."""
    loaded = load_evidence([str(YEARS[year])]).stories
    return tuple(dataclasses.replace(s, project="", link="") for s in loaded)


def same_theme(year: str, a: str, b: str) -> bool:
    theme = themes(list(stories(year)))
    return theme[a] == theme[b]


@pytest.mark.parametrize(
    ("year", "a", "b", "why"),
    [
        ("engineer", "S4", "S14", "an index for admin search in March, the slow search fixed in December"),
        ("sample_wins", "S4", "S32", "calibrating the system design interview, interviewing for two roles"),
        ("sample_wins", "S13", "S16", "config-driven carrier onboarding proposed, then the adapter built"),
        ("sample_marketing", "S14", "S18", "the Baltic Home customer story, coaching Ravi on its interviews"),
        ("sample_marketing", "S17", "S30", "win/loss interviews, then the persona refresh built on them"),
        ("sample_marketing", "S10", "S15", "the peak campaign plan, then its first wave"),
    ],
)
def test_stories_about_the_same_subject_are_one_theme(year, a, b, why):
    assert same_theme(year, a, b), why


@pytest.mark.parametrize(
    ("year", "a", "b", "shared"),
    [
        ("engineer", "S1", "S4", "orders (the orders DB migration, an index on orders.created_at)"),
        ("engineer", "S7", "S12", "on-call and first (an onboarding guide, mentoring Sam)"),
        ("engineer", "S11", "S12", "on-call (a handover bot, mentoring Sam)"),
        ("engineer", "S2", "S8", "instead and late (settlement batch, the late payouts rewrite)"),
        ("engineer", "S9", "S13", "time zones (flaky tests, a refunds stream)"),
        ("marketing", "S5", "S8", "content and interview (mentoring Aisha, hiring a content lead)"),
        ("marketing", "S1", "S10", "pipeline and opportunities (webinars, budget planning)"),
        ("marketing", "S2", "S8", "five weeks (the rebrand, a hire)"),
        ("nurse", "S2", "S10", "sheet (a par-level sheet, a shift swap sheet)"),
        ("sample_wins", "S2", "S15", "design doc (a billing design doc, a mentee's design doc)"),
        ("sample_wins", "S3", "S39", "load test (API latency, peak readiness)"),
        ("sample_marketing", "S19", "S22", "product marketing (a kickoff deck, a pricing course)"),
    ],
)
def test_stories_sharing_only_common_words_are_not_one_theme(year, a, b, shared):
    assert not same_theme(year, a, b), shared


@pytest.mark.parametrize("year", list(YEARS))
def test_pairs_found_by_subject_alone_agree_with_the_users_own_projects(year):
    """Where the user kept a project column, the subject pairs found without it mostly fall inside
    one project: the similarity finds what the user would group, not word coincidences."""
    loaded = {s.id: s for s in load_evidence([str(YEARS[year])]).stories}
    pairs = similar_pairs(list(stories(year)))
    with_project = [(a, b) for _, a, b in pairs if loaded[a].project and loaded[b].project]
    agree = [(a, b) for a, b in with_project if loaded[a].project == loaded[b].project]
    assert len(agree) >= 2 * len(with_project) / 3, (with_project, agree)


def test_a_subject_never_joins_more_than_theme_max_stories():
    day = dt.date(2026, 3, 1)
    alike = [
        Story(f"S{n}", day, title=f"Admin search slow again ({n})", action="Tuned the admin search index")
        for n in range(1, 7)
    ]
    others = [Story(f"S{n}", day, title="Fixed the printer") for n in range(7, 61)]
    sizes: dict[str, int] = {}
    for key in themes(alike + others).values():
        sizes[key] = sizes.get(key, 0) + 1
    assert max(sizes.values()) == THEME_MAX


def test_a_shared_project_joins_stories_whatever_their_words():
    day = dt.date(2026, 3, 1)
    a = Story("S1", day, title="Kickoff", action="Ran the kickoff", project="Atlas")
    b = Story("S2", day, title="Pricing", action="Wrote the pricing page", project="atlas ")
    c = Story("S3", day, title="Other", action="Fixed the printer")
    theme = themes([a, b, c])
    assert theme["S1"] == theme["S2"] != theme["S3"]


@pytest.mark.parametrize(
    ("name", "together"),
    [
        ("engineer_2026", {"S4", "S14"}),  # by subject: the admin search
        ("marketing_fy26", {"S2", "S3"}),  # by project: the rebrand
    ],
)
def test_the_draft_tells_a_theme_in_one_paragraph_of_one_section(name, together):
    draft, *_ = build(name)
    holding = [
        (s.heading, p)
        for s in draft.sections
        if s.role != "summary"
        for p in s.paragraphs
        if p.kind == "story" and together & set(p.cites)
    ]
    assert len(holding) == 1 and together <= set(holding[0][1].cites), holding
    body = holding[0][1].body
    assert body.index("Later, ") > 0  # told in date order, the later one joined by "Later"
