"""Timeline figures, built from `core.analysis.recency` buckets by pure functions (pages only display them).

Colours come from the Okabe-Ito palette, which stays distinguishable for the common kinds of
colour blindness; past eight competencies, bars also get a hatch pattern. Quarters run in
chronological order and carry the period's own labels ("FY26 Q1"). Nothing here loads anything
from the network (no map tiles, no web fonts).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from core.analysis.recency import Bucket
from core.text import plot_text

OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
KIND_COLOURS = {"win": "#009E73", "struggle": "#D55E00", "lesson": "#0072B2"}
KIND_NAMES = {"win": "Wins", "struggle": "Struggles", "lesson": "Lessons"}
PRAISE_COLOUR = "#E69F00"
UNMAPPED = "No competency"
UNMAPPED_COLOUR = "#BBBBBB"
PATTERNS = ("", "/", "x", ".", "\\", "+", "-", "|")
# Competency colours skip the praise orange so a competency is never mistaken for praise.
COMPETENCY_COLOURS = tuple(c for c in OKABE_ITO if c != PRAISE_COLOUR)
_EDGE = {"width": 0.5, "color": "#333333"}


def _layout(fig: go.Figure, labels: list[str], title: str) -> go.Figure:
    fig.update_layout(
        title=title,
        barmode="group",
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 40, "r": 10, "t": 50, "b": 40},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
        yaxis={"title": "items", "rangemode": "tozero"},
        font={"family": "sans-serif"},
    )
    return fig


Assignments = Mapping[str, Sequence[str]]  # {evidence id: [competency, ...]}


def _series(quarters: Sequence[Bucket], assignments: Assignments | None) -> dict[str, list[int]]:
    """Story counts per group (competency or kind) per quarter, groups in a stable order."""
    if assignments is None:
        kinds = [k for k in KIND_COLOURS if any(q.kinds.get(k) for q in quarters)]
        kinds += sorted({k for q in quarters for k in q.kinds} - set(KIND_COLOURS))
        return {k: [q.kinds.get(k, 0) for q in quarters] for k in kinds}
    counts: dict[str, list[int]] = {}
    for index, quarter in enumerate(quarters):
        for story_id in quarter.story_ids:
            names = list(dict.fromkeys(assignments.get(story_id) or [])) or [UNMAPPED]
            for name in names:
                counts.setdefault(name, [0] * len(quarters))[index] += 1
    order = sorted(n for n in counts if n != UNMAPPED)
    if UNMAPPED in counts:
        order.append(UNMAPPED)
    return {name: counts[name] for name in order}


def group_colours(names: Sequence[str], by_kind: bool) -> dict[str, tuple[str, str]]:
    """{group: (colour, hatch pattern)}: kinds keep fixed colours, competencies cycle Okabe-Ito."""
    out = {}
    competencies = [n for n in names if n != UNMAPPED]
    for name in names:
        if by_kind:
            out[name] = (KIND_COLOURS.get(name, UNMAPPED_COLOUR), "")
        elif name == UNMAPPED:
            out[name] = (UNMAPPED_COLOUR, "")
        else:
            cycle, i = divmod(competencies.index(name), len(COMPETENCY_COLOURS))
            out[name] = (COMPETENCY_COLOURS[i], PATTERNS[cycle % len(PATTERNS)])
    return out


def quarter_bars(
    quarters: Sequence[Bucket],
    assignments: Assignments | None = None,
    title: str = "Evidence per quarter",
) -> go.Figure:
    """Stories stacked by competency (when `assignments` {id: [competency]} is given) or by kind,
    beside a praise bar, one pair per quarter.

    A story that counts for two competencies adds to both, so stacked heights can exceed the
    story count; the hover text says so.
    """
    labels = [q.label for q in quarters]
    series = _series(quarters, assignments)
    colours = group_colours(list(series), by_kind=assignments is None)
    fig = go.Figure()
    base = [0] * len(quarters)
    for name, values in series.items():
        colour, pattern = colours[name]
        fig.add_bar(
            x=labels,
            y=values,
            base=list(base),
            name=plot_text(KIND_NAMES.get(name, name) if assignments is None else name),
            offsetgroup="stories",
            legendgroup="stories",
            marker={"color": colour, "pattern": {"shape": pattern}, "line": _EDGE},
            customdata=[[q.stories, q.weighted] for q in quarters],
            hovertemplate="%{x}: %{y} " + plot_text(name)
            + "<br>%{customdata[0]} stories in all, %{customdata[1]:.0f} counting how convincing each is"
            "<extra></extra>",
        )  # fmt: skip
        base = [b + v for b, v in zip(base, values, strict=True)]
    fig.add_bar(
        x=labels,
        y=[q.praise for q in quarters],
        name="Praise",
        offsetgroup="praise",
        marker={"color": PRAISE_COLOUR, "pattern": {"shape": "/"}, "line": _EDGE},
        hovertemplate="%{x}: %{y} quotes<extra></extra>",
    )
    return _layout(fig, labels, title)


def month_strip(months: Sequence[Bucket], title: str = "Month by month") -> go.Figure:
    """A two-row strip (stories, praise) with one cell per month; darker = more evidence."""
    labels = [m.label for m in months]
    z = [[m.stories for m in months], [m.praise for m in months]]
    fig = go.Figure(
        go.Heatmap(
            x=labels,
            y=["Stories", "Praise"],
            z=z,
            text=z,
            texttemplate="%{text}",
            colorscale="Blues",  # one hue, light to dark: readable without colour vision
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="%{x}: %{z} %{y}<extra></extra>",
        )
    )
    fig.update_layout(
        title=title,
        height=200,
        margin={"l": 60, "r": 10, "t": 40, "b": 30},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
        yaxis={"autorange": "reversed"},
    )
    return fig
