"""Resume bullets (core/writing/bullets.py) on real rows of the draft corpus and the sample years:
a past-tense verb first, the result with its figure, the user's own words only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from draft_corpus import CORPUS, ROOT

from core.commands.draft import load_evidence
from core.model import Story
from core.writing.bullets import JOINING_WORDS, ing_form, resume_bullet
from core.writing.sentences import is_past_verb, split_sentences

FILES = [
    CORPUS / "engineer_2026.csv",
    CORPUS / "marketing_fy26.csv",
    CORPUS / "nurse_2025.csv",
    ROOT / "data" / "sample_wins.xlsx",
    ROOT / "data" / "sample_marketing.xlsx",
]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
WORD = re.compile(r"[A-Za-z]+")
_STORIES = {path.name: load_evidence([str(path)]).by_id() for path in FILES}
ALL = [(name, item) for name, items in _STORIES.items() for item in items.values() if item.kind == "story"]


@pytest.mark.parametrize(
    ("file", "story_id", "expected"),
    [
        # a bare-figure result, a `;` list of what I did
        (
            "engineer_2026.csv",
            "S3",
            "Right-sized the RDS instances, archived cold partitions to S3 and turned off 3 forgotten "
            "staging clusters (-$9k/month, 22% of the team's AWS spend).",
        ),
        # a fragment (no subject) and a result that is a change, not a clause
        ("engineer_2026.csv", "S4", "Added an index on orders.created_at (admin search 8s -> 300ms)."),
        # 'Was incident commander: restored in 38 min' before: the later sentence keeps its figure
        (
            "engineer_2026.csv",
            "S5",
            "Was incident commander; paged payments + the provider, switched traffic to the backup "
            "provider, kept the status page updated every 15 min (restored in 38 min).",
        ),
        # 'I wrote ...' loses its subject; a result with its own subject follows 'so'
        (
            "engineer_2026.csv",
            "S6",
            "Wrote the nomination, collected 4 peer quotes and walked her manager through the evidence, "
            "so she got it.",
        ),
        # the action already says 'so': the result follows a semicolon, never '..., so ..., so'
        (
            "engineer_2026.csv",
            "S2",
            "Rewrote the settlement batch to run per merchant in parallel (8 workers) and added a "
            "checkpoint so a failure resumes instead of restarting; settlement now finishes by 3am.",
        ),
        # a result without a subject ('Adopted by 4 teams') in brackets
        (
            "engineer_2026.csv",
            "S10",
            "Wrote the retries & idempotency doc for the platform team (adopted by 4 teams).",
        ),
        # what I did in the context column, nothing else
        ("engineer_2026.csv", "S14", "Fixed the slow admin search."),
        # the result is something I did: result first, then how, after 'by'
        (
            "marketing_fy26.csv",
            "S8",
            "Hired Jonas in five weeks by writing the role, running the interview loop with two peers, "
            "and building a writing exercise based on a real brief.",
        ),
        # no verb leads what I did: the user's own sentence, as written
        (
            "marketing_fy26.csv",
            "S5",
            "Weekly editing sessions on her drafts, paired on two customer stories, and I introduced her "
            "to the product team so she could interview engineers herself; Aisha published her first solo "
            "customer story in October and it is now our most-read post of the year.",
        ),
        # a result that starts with a word used once ('Leadership'): its own sentence on the line
        (
            "marketing_fy26.csv",
            "S10",
            "Built a channel-by-channel model of cost per opportunity and proposed cutting two "
            "low-return channels. Leadership approved the plan without changes.",
        ),
        # a sentence cut short by a lower-case full stop ('. taped it'): one verb list
        (
            "nurse_2025.csv",
            "S2",
            "Made a par-level sheet and taped it inside the door, so no more missing saline on nights.",
        ),
        ("nurse_2025.csv", "S3", "Did the Q1 falls audit for the ward (3 falls vs 7 last quarter)."),
        # no result
        ("nurse_2025.csv", "S10", "Set up a shared sheet for shift swaps."),
        # a result missing its 'were' is a fragment: in brackets, never after 'so'
        (
            "nurse_2025.csv",
            "S9",
            "Organised staff flu clinic (80% of ward staff vaccinated, first time over 75%).",
        ),
        # the title is what I did (no action column), then the result
        ("nurse_2025.csv", "S1", "Precepted 2 new grads, so both signed off on time."),
        # a trailing bracket inside the result, and a fragment whose only past form is an adjective
        (
            "sample_marketing.xlsx",
            "S16",
            "Worked with Lena Okoro from events on a booth demo built around the returns calculator, "
            "and booked 25 meetings before the show "
            "(140 conversations and 38 qualified leads over two days).",
        ),
        # a later result sentence with a figure is kept
        (
            "sample_wins.xlsx",
            "S6",
            "Moved invoice generation into the new billing service, split the run into per-account jobs "
            "on the queue, and built a reconciliation report that compared old and new output line by "
            "line for two weeks, so the run went from 6 hours to 25 minutes; the reconciliation also "
            "caught $38k a year of under-billing from a broken discount rule nobody knew about.",
        ),
        # 'The same day I wrote ...': no verb made up to lead it
        (
            "sample_marketing.xlsx",
            "S9",
            "The same day I wrote a one-page answer with a total-cost comparison that Kenji from finance "
            "checked, posted it in the sales channel by 5pm, and ran a 20-minute drop-in call the next "
            "morning, so sales had an answer within a day, and we lost none of the 9 open deals that "
            "mentioned the price cut.",
        ),
        # a name used once stays a name ('Kenji'), in its own sentence
        ("sample_wins.xlsx", "S36", "Pulled it from the billing service. Kenji got what he needed."),
    ],
)
def test_a_real_row_becomes_this_bullet(file, story_id, expected):
    assert resume_bullet(_STORIES[file][story_id]) == expected


D = dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("story", "expected"),
    [
        (Story("S1", D, title="Hiring loop"), "Hiring loop."),  # title only
        (Story("S1", D, title="Hiring loop", result="We hired 4 engineers"), "We hired 4 engineers."),
        (Story("S1", D, result="I hired 4 engineers."), "Hired 4 engineers."),  # result only
        (
            Story("S1", D, action="wrote the runbook!!", result="-$9k/month"),
            "Wrote the runbook (-$9k/month).",
        ),
        (Story("S1", D, action="Wrote the runbook."), "Wrote the runbook."),  # no full stop doubled
        (
            Story("S1", D, action="I led the migration. Then more.", result="Costs fell 30%. Also."),
            "Led the migration. Costs fell 30%.",
        ),
        (
            Story("S1", D, action="Led the move (9.6 to 14).", result="Zero downtime."),
            "Led the move (9.6 to 14) — zero downtime.",
        ),
        (
            Story("S1", D, action="Led the cutover", result="Cut the bill by 22%"),
            "Cut the bill by 22% by leading the cutover.",
        ),
        (
            Story("S1", D, action="Shipped NPS survey", result="NPS rose by 12"),
            "Shipped NPS survey, so NPS rose by 12.",
        ),
        (Story("S1", D), ""),
    ],
)
def test_edge_cases_of_what_people_write(story, expected):
    assert resume_bullet(story) == expected


@pytest.mark.parametrize(
    ("verb", "expected"),
    [
        ("Right-sized", "right-sizing"),
        ("wrote", "writing"),
        ("planned", "planning"),
        ("carried", "carrying"),
        ("agreed", "agreeing"),
        ("re-cut", "re-cutting"),
        ("was", ""),
        ("forgot", ""),
    ],
)
def test_ing_forms(verb, expected):
    assert ing_form(verb) == expected


def _own_words(story) -> set[str]:
    words = {w.lower() for w in WORD.findall(story.text)}
    return words | {ing_form(w) for w in words} | set(JOINING_WORDS)


@pytest.mark.parametrize(("file", "story"), ALL, ids=[f"{f}-{s.id}" for f, s in ALL])
def test_every_bullet_leads_with_a_verb_keeps_its_numbers_and_adds_nothing(file, story):
    bullet = resume_bullet(story)
    assert "\n" not in bullet and not bullet.endswith("..") and bullet.endswith((".", "!", "?"))
    first = bullet.split()[0]
    own = [
        split_sentences(t)[0][:20] for t in (story.action, story.description, story.title, story.result) if t
    ]
    assert is_past_verb(first) or any(bullet.startswith(o) for o in own), bullet
    told = " ".join(t for t in (story.action, story.result) if t) or story.title or story.description
    assert set(NUMBER.findall(told)) <= set(NUMBER.findall(bullet)), bullet
    assert {w.lower() for w in WORD.findall(bullet)} <= _own_words(story), bullet
