"""Capture wins as they happen: number new items, add, change and delete them, and count
evidence per review year once a workspace spans several. (Reading a pasted message is
core.ingest.pasted.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from core.model import Dataset, Evidence, Origin, Praise, Story
from core.store.merge import next_id

JOURNAL_ORIGIN = Origin("journal")


# ---------------------------------------------------------------------------------------------
# New, changed and deleted items
# ---------------------------------------------------------------------------------------------


def new_story(dataset: Dataset, date: dt.date, **fields) -> Story:
    """A story written in the journal: the next S-number, origin "journal"."""
    fields = {k: v for k, v in fields.items() if k not in {"id", "origin"}}
    for key in ("competencies", "tags"):
        if key in fields:
            fields[key] = tuple(fields[key] or ())
    return Story(id=next_id(dataset.all_items, "S"), date=date, origin=JOURNAL_ORIGIN, **fields)


def new_praise(dataset: Dataset, date: dt.date, text: str, **fields) -> Praise:
    """A quote saved in the journal: the next P-number, origin "journal"."""
    fields = {k: v for k, v in fields.items() if k not in {"id", "origin"}}
    if "competencies" in fields:
        fields["competencies"] = tuple(fields["competencies"] or ())
    return Praise(id=next_id(dataset.all_items, "P"), date=date, text=text, origin=JOURNAL_ORIGIN, **fields)


def with_item(dataset: Dataset, item: Evidence) -> Dataset:
    """A new Dataset with `item` added, or replacing the item with its id (an edit)."""
    stories = [s for s in dataset.stories if s.id != item.id]
    praise = [p for p in dataset.praise if p.id != item.id]
    if isinstance(item, Story):
        old = [s.id for s in dataset.stories]
        stories.insert(old.index(item.id) if item.id in old else len(stories), item)
    else:
        old = [p.id for p in dataset.praise]
        praise.insert(old.index(item.id) if item.id in old else len(praise), item)
    return dataclasses.replace(dataset, stories=stories, praise=praise, rows_read=len(stories) + len(praise))


def without_item(dataset: Dataset, item_id: str) -> Dataset:
    stories = [s for s in dataset.stories if s.id != item_id]
    praise = [p for p in dataset.praise if p.id != item_id]
    overrides = {k: v for k, v in dataset.overrides.items() if k != item_id}
    return dataclasses.replace(
        dataset, stories=stories, praise=praise, overrides=overrides, rows_read=len(stories) + len(praise)
    )


# ---------------------------------------------------------------------------------------------
# Year over year
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewYear:
    label: str
    start: dt.date
    end: dt.date  # inclusive
    stories: int
    praise: int
    wins: int


def _shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def review_years(dataset: Dataset, anchor: dt.date | None = None) -> list[ReviewYear]:
    """Evidence counted per 12-month review period, aligned on `anchor` (the chosen period's
    start; 1 January when none), from the earliest to the latest evidence, empty years included."""
    dates = [item.date for item in dataset.items]
    if not dates:
        return []
    anchor = anchor or dt.date(max(dates).year, 1, 1)
    start = anchor
    while start > min(dates):
        start = _shift_year(start, -1)
    while _shift_year(start, 1) <= min(dates):
        start = _shift_year(start, 1)
    years = []
    while start <= max(dates):
        end = _shift_year(start, 1) - dt.timedelta(days=1)
        stories = [s for s in dataset.stories if start <= s.date <= end]
        praise = [p for p in dataset.praise if start <= p.date <= end]
        calendar = start.month == 1 and start.day == 1
        label = str(start.year) if calendar else f"{start:%b %Y} – {end:%b %Y}"
        wins = sum(1 for s in stories if s.story_kind == "win")
        years.append(ReviewYear(label, start, end, len(stories), len(praise), wins))
        start = _shift_year(start, 1)
    return years


def spans_several_years(years: list[ReviewYear]) -> bool:
    return sum(1 for y in years if y.stories or y.praise) > 1


def year_over_year_figure(years: list[ReviewYear]):
    """Grouped bars of stories and praise per review year (Okabe-Ito colours, colour-blind safe)."""
    import plotly.graph_objects as go

    labels = [y.label for y in years]
    fig = go.Figure()
    fig.add_bar(name="Stories", x=labels, y=[y.stories for y in years], marker_color="#0072B2")
    fig.add_bar(name="Praise", x=labels, y=[y.praise for y in years], marker_color="#E69F00")
    fig.update_layout(
        barmode="group",
        title="Evidence per review year",
        xaxis={"title": "Review year", "type": "category", "categoryorder": "array", "categoryarray": labels},
        yaxis={"title": "Items", "rangemode": "tozero"},
        legend={"orientation": "h"},
        margin={"t": 50, "l": 40, "r": 20, "b": 40},
    )
    return fig
