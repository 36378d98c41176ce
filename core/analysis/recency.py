"""How the evidence spreads over the review period, and what recency bias would cost.

At review time people remember the last six weeks. These pure functions measure that: counts
per quarter and month (plain and weighted by story strength), the share of the last quarter
against an even share, thin quarters, the strongest early wins ("forgotten wins") and what a
draft built only from the last 8 weeks would leave out. Evidence outside the period is counted
as such and left out of every measure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from core.analysis.links import link_index
from core.analysis.period import Period, Quarter
from core.analysis.strength import SOLID_AT, Strength, score_story
from core.model import Dataset, Praise, Story

LEANS_AT = 1.5  # the last quarter "leans recent" when it holds >= 1.5x its even share
MEMORY_WEEKS = 8


@dataclass(frozen=True)
class Bucket:
    """Evidence counts of one quarter or month."""

    label: str
    start: dt.date
    end: dt.date
    stories: int = 0
    praise: int = 0
    weighted: float = 0.0  # sum of story strength scores (impact counts inside the score)
    kinds: dict[str, int] = field(default_factory=dict)  # story kind -> count
    story_ids: tuple[str, ...] = ()
    praise_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skew:
    last_label: str
    last_share: float  # share of the period's stories in its last (elapsed) quarter, 0..1
    even_share: float  # what that share would be if stories were spread evenly
    leans_recent: bool
    sentence: str


@dataclass(frozen=True)
class ForgottenWin:
    story: Story
    strength: Strength
    quarter: str
    quote: Praise | None
    why: str


@dataclass(frozen=True)
class MemoryGap:
    window_start: dt.date
    window_end: dt.date
    kept: int  # stories inside the last weeks
    left_out: int  # stories of the period before the window
    left_out_strong: int
    top: list[tuple[Story, Strength]]
    sentence: str


@dataclass(frozen=True)
class Timeline:
    """Everything the Timeline page shows for one dataset and period."""

    period: Period
    quarters: list[Bucket]
    months: list[Bucket]
    outside_stories: int
    outside_praise: int
    skew: Skew
    thin: list[str]  # sentences, e.g. "Q2 2026 has 1 story"
    thin_labels: list[str]
    forgotten: list[ForgottenWin]
    gap: MemoryGap


def score_all(dataset: Dataset) -> dict[str, Strength]:
    """Strength of every story, linked quotes found once for the whole dataset."""
    links = link_index(dataset.stories, dataset.praise)
    return {story.id: score_story(story, links.get(story.id, ()), linked=True) for story in dataset.stories}


def _plural(n: int, word: str) -> str:
    if n == 1:
        return f"1 {word}"
    return f"{n} {word[:-1]}ies" if word.endswith("y") else f"{n} {word}s"


def buckets(
    spans: Iterable[Quarter], stories: list[Story], praise: list[Praise], strengths: dict[str, Strength]
) -> list[Bucket]:
    """Count stories and praise into consecutive date spans (quarters or months)."""
    spans = list(spans)
    rows = [{"stories": [], "praise": [], "weighted": 0.0, "kinds": {}} for _ in spans]
    starts = [span.start for span in spans]

    def find(day: dt.date) -> int | None:
        lo, hi = 0, len(spans) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if day < starts[mid]:
                hi = mid - 1
            elif day > spans[mid].end:
                lo = mid + 1
            else:
                return mid
        return None

    for story in stories:
        index = find(story.date)
        if index is not None:
            row = rows[index]
            row["stories"].append(story.id)
            strength = strengths.get(story.id)
            row["weighted"] += strength.score if strength else 0.0
            row["kinds"][story.story_kind] = row["kinds"].get(story.story_kind, 0) + 1
    for quote in praise:
        index = find(quote.date)
        if index is not None:
            rows[index]["praise"].append(quote.id)
    return [
        Bucket(span.label, span.start, span.end, len(r["stories"]), len(r["praise"]), round(r["weighted"], 4),
               dict(r["kinds"]), tuple(r["stories"]), tuple(r["praise"]))
        for span, r in zip(spans, rows, strict=True)
    ]  # fmt: skip


def _elapsed(quarters: list[Bucket], today: dt.date) -> list[Bucket]:
    """Quarters that have started by `today` (at least the first): future ones can't hold evidence yet."""
    started = [q for q in quarters if q.start <= today]
    return started or quarters[:1]


def even_shares(quarters: list[Bucket]) -> list[float]:
    """Each quarter's share of an even spread: equal, or by length when a quarter is short."""
    days = [(q.end - q.start).days + 1 for q in quarters]
    if min(days) >= 89:
        return [1 / len(quarters)] * len(quarters)
    total = sum(days)
    return [d / total for d in days]


def recency_skew(quarters: list[Bucket], today: dt.date | None = None) -> Skew:
    """The last quarter's share of the stories against an even share, as a sentence."""
    today = today or dt.date.today()
    elapsed = _elapsed(quarters, today)
    last = elapsed[-1]
    total = sum(q.stories for q in elapsed)
    even = even_shares(elapsed)[-1]
    share = last.stories / total if total else 0.0
    spread = "an even year" if len(elapsed) == 4 else f"an even spread over {len(elapsed)} quarters"
    if not total:
        sentence = "There are no stories in this period yet."
    else:
        sentence = f"{last.label} holds {share:.0%} of your stories; {spread} would be {even:.0%}."
    # A lean needs at least one story per quarter on average: 1 story in Q4 is not a pattern.
    leans = total >= len(elapsed) > 1 and share >= LEANS_AT * even
    if leans:
        sentence += " Your evidence leans on recent months: bring the earlier work back into view."
    return Skew(last.label, round(share, 4), round(even, 4), leans, sentence)


def thin_quarters(quarters: list[Bucket], today: dt.date | None = None) -> list[tuple[str, str]]:
    """(label, sentence) for each started quarter with at most 1 story or under half the average."""
    elapsed = _elapsed(quarters, today or dt.date.today())
    average = sum(q.stories for q in elapsed) / len(elapsed)
    out = []
    for quarter in elapsed:
        if quarter.stories <= 1 or quarter.stories < average / 2:
            what = "no stories" if quarter.stories == 0 else _plural(quarter.stories, "story")
            if quarter.stories > 1:
                what += f", under half of an average quarter's {average:.0f}"
            out.append((quarter.label, f"{quarter.label} has {what}"))
    return out


def first_half_end(period: Period) -> dt.date:
    """The last day of the period's first half: after its first half of quarters, or mid-way."""
    n = len(period.quarters)
    if n >= 2 and n % 2 == 0:
        return period.quarters[n // 2 - 1].end
    return period.start + (period.end - period.start) // 2


def forgotten_wins(
    stories: list[Story],
    period: Period,
    strengths: dict[str, Strength],
    links: dict[str, list[Praise]] | None = None,
    limit: int = 5,
) -> list[ForgottenWin]:
    """The strongest wins (solid or strong) of the period's first half, strongest first."""
    links = links or {}
    half_end = first_half_end(period)
    early = [
        s for s in stories
        if s.story_kind == "win" and period.start <= s.date <= half_end and strengths[s.id].score >= SOLID_AT
    ]  # fmt: skip
    early.sort(key=lambda s: (-strengths[s.id].score, s.date, s.id))
    out = []
    for story in early[:limit]:
        strength = strengths[story.id]
        quarter = period.quarter_of(story.date)
        label = quarter.label if quarter else ""
        quotes = [q for q in links.get(story.id, ()) if q.text.strip()]
        why = f"{strength.level.capitalize()} ({strength.score:.0%}): " + "; ".join(strength.reasons)
        out.append(ForgottenWin(story, strength, label, quotes[0] if quotes else None, why))
    return out


def memory_gap(
    stories: list[Story],
    period: Period,
    strengths: dict[str, Strength],
    today: dt.date | None = None,
    weeks: int = MEMORY_WEEKS,
    limit: int = 5,
) -> MemoryGap:
    """What a draft built only from the last `weeks` weeks (to the period end or today) leaves out."""
    window_end = min(period.end, today or dt.date.today())
    window_start = max(period.start, window_end - dt.timedelta(weeks=weeks) + dt.timedelta(days=1))
    inside = [s for s in stories if period.contains(s.date)]
    kept = [s for s in inside if window_start <= s.date <= window_end]
    left = [s for s in inside if s.date < window_start]
    left.sort(key=lambda s: (-strengths[s.id].score, s.date, s.id))
    strong = sum(1 for s in left if strengths[s.id].level == "strong")
    span = f"{window_start.day} {window_start:%b} – {window_end.day} {window_end:%b %Y}"
    if not left:
        sentence = f"A draft from the last {weeks} weeks only ({span}) would miss nothing."
    else:
        sentence = (
            f"A draft from the last {weeks} weeks only ({span}) would use {_plural(len(kept), 'story')} "
            f"and leave out {len(left)}"
            + (f", {strong} of them strong." if strong else ".")
        )
    top = [(s, strengths[s.id]) for s in left[:limit]]
    return MemoryGap(window_start, window_end, len(kept), len(left), strong, top, sentence)


def analyse(
    dataset: Dataset,
    period: Period,
    strengths: dict[str, Strength] | None = None,
    links: dict[str, list[Praise]] | None = None,
    today: dt.date | None = None,
) -> Timeline:
    """Every measure of the Timeline page in one pass (strengths and links can be passed in cached)."""
    today = today or dt.date.today()
    if links is None:
        links = link_index(dataset.stories, dataset.praise)
    if strengths is None:
        strengths = {s.id: score_story(s, links.get(s.id, ()), linked=True) for s in dataset.stories}
    quarters = buckets(period.quarters, dataset.stories, dataset.praise, strengths)
    months = buckets(period.months(), dataset.stories, dataset.praise, strengths)
    outside_stories = sum(1 for s in dataset.stories if not period.contains(s.date))
    outside_praise = sum(1 for p in dataset.praise if not period.contains(p.date))
    thin = thin_quarters(quarters, today) if any(q.stories for q in quarters) else []
    return Timeline(
        period=period,
        quarters=quarters,
        months=months,
        outside_stories=outside_stories,
        outside_praise=outside_praise,
        skew=recency_skew(quarters, today),
        thin=[sentence for _, sentence in thin],
        thin_labels=[label for label, _ in thin],
        forgotten=forgotten_wins(dataset.stories, period, strengths, links),
        gap=memory_gap(dataset.stories, period, strengths, today),
    )


def summary_json(dataset: Dataset, period: Period, today: dt.date | None = None) -> dict:
    """The timeline part of `check --json`: period, quarters and recency, as issue 3 gives them."""
    timeline = analyse(dataset, period, today=today)
    return {
        "period": period.as_dict(),
        "quarters": [
            {
                "label": q.label,
                "start": q.start.isoformat(),
                "end": q.end.isoformat(),
                "stories": q.stories,
                "praise": q.praise,
            }
            for q in timeline.quarters
        ],
        "recency": {
            "last_quarter_share": timeline.skew.last_share,
            "even_share": timeline.skew.even_share,
            "thin_quarters": timeline.thin_labels,
            "forgotten_wins": [win.story.id for win in timeline.forgotten],
        },
    }
