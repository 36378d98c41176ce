"""Coverage: how much evidence each competency has in each quarter, and the gaps in words.

A review is read competency by competency, so a competency with nothing in half the year,
or held up by a single quote, is where the self-evaluation will be weakest: the gaps list
says so in plain sentences, each with a question to help the user recall a story.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.analysis.period import Period
from core.model import Framework, Praise, Story
from core.text import plot_text

PRAISE_WEIGHT = 0.5  # a quote backs a competency up, but it is not the user's own story


@dataclass
class Cell:
    competency: str
    quarter: str
    count: int = 0
    stories: int = 0
    praise: int = 0
    strength: float = 0.0  # sum of story strength scores (0..1 each) + PRAISE_WEIGHT per quote
    ids: list[str] = field(default_factory=list)


@dataclass
class Coverage:
    competencies: list[str]  # framework order
    quarters: list[str]  # chronological labels
    cells: dict[tuple[str, str], Cell]
    outside: int = 0  # items dated outside the period (not counted)

    def cell(self, competency: str, quarter: str) -> Cell:
        return self.cells[(competency, quarter)]

    def total(self, competency: str) -> Cell:
        """All quarters of one competency added up."""
        out = Cell(competency, "all")
        for quarter in self.quarters:
            c = self.cells[(competency, quarter)]
            out.count += c.count
            out.stories += c.stories
            out.praise += c.praise
            out.strength += c.strength
            out.ids += c.ids
        return out

    def rows(self) -> list[dict]:
        """[{competency, quarter, count}] in framework then chronological order (the CLI's shape)."""
        return [
            {"competency": c, "quarter": q, "count": self.cells[(c, q)].count}
            for c in self.competencies
            for q in self.quarters
        ]

    def matrix(self, measure: str = "count") -> list[list[float]]:
        return [[getattr(self.cells[(c, q)], measure) for q in self.quarters] for c in self.competencies]


@dataclass(frozen=True)
class Gap:
    competency: str
    kind: str  # "none" | "half" | "single" | "praise_only"
    message: str
    prompt: str

    def as_dict(self) -> dict:
        return {
            "competency": self.competency,
            "kind": self.kind,
            "message": self.message,
            "prompt": self.prompt,
        }


def coverage(
    items: list[Story | Praise],
    framework: Framework,
    assignments: dict[str, list[str]],
    period: Period,
    strengths: dict[str, float] | None = None,
) -> Coverage:
    """Count (and weigh) every item inside the period under each competency it counts for.

    `assignments` is core.competencies.mapping.assigned(); names not in the framework are ignored here
    (map_items reports them). `strengths` (story id -> 0..1) weighs stories; without it a
    story weighs 1.
    """
    names = framework.names
    labels = [q.label for q in period.quarters]
    cells = {(c, q): Cell(c, q) for c in names for q in labels}
    known = set(names)
    outside = 0
    for item in items:
        quarter = period.quarter_of(item.date) if period.contains(item.date) else None
        if quarter is None:
            outside += 1
            continue
        for comp in dict.fromkeys(assignments.get(item.id, ())):
            if comp not in known:
                continue
            cell = cells[(comp, quarter.label)]
            cell.count += 1
            cell.ids.append(item.id)
            if isinstance(item, Story):
                cell.stories += 1
                cell.strength += (strengths or {}).get(item.id, 1.0)
            else:
                cell.praise += 1
                cell.strength += PRAISE_WEIGHT
    return Coverage(names, labels, cells, outside)


def gaps(cov: Coverage, framework: Framework) -> list[Gap]:
    """Where the evidence is thin, in framework order, each with a prompt to recall a story."""
    out: list[Gap] = []
    by_name = {c.name: c for c in framework.competencies}
    quarters = cov.quarters
    half = (len(quarters) + 1) // 2
    halves = (("first half", quarters[:half]), ("second half", quarters[half:])) if len(quarters) >= 2 else ()
    for name in cov.competencies:
        total = cov.total(name)
        hint = _hint(by_name.get(name))
        if total.count == 0:
            out.append(
                Gap(name, "none", f"No evidence for {name} in the review period.",
                    f"Think of a time this period when you {hint}: what was the situation, what did you do, "
                    "and what changed because of it?")
            )  # fmt: skip
            continue
        for label, qs in halves:
            if qs and sum(cov.cell(name, q).count for q in qs) == 0:
                span = qs[0] if len(qs) == 1 else f"{qs[0]} – {qs[-1]}"
                out.append(
                    Gap(name, "half", f"No evidence for {name} in the {label} ({span}).",
                        f"Anything from {span} where you {hint}? Even a small example shows it was steady.")
                )  # fmt: skip
        if total.count == 1:
            what = "one praise quote" if total.praise else "one story"
            out.append(
                Gap(name, "single", f"{name} rests on {what}.",
                    f"Recall a second, different example where you {hint}, so it reads as a pattern.")
            )  # fmt: skip
        elif total.stories == 0:
            quotes = f"{total.praise} quote{'s' if total.praise != 1 else ''}"
            out.append(
                Gap(name, "praise_only", f"{name} has no story, only praise ({quotes}).",
                    "What did you actually do that earned that praise? Write it as a story: "
                    "the challenge, your action, the result.")
            )  # fmt: skip
    return out


def _hint(comp) -> str:
    """A short "you ..." clause from the competency's description or its name."""
    if comp is None:
        return "showed it"
    text = (comp.description or "").strip().rstrip(".")
    if text:
        first = text.split(". ")[0]
        if len(first) > 120:
            first = first[:117].rsplit(" ", 1)[0] + "..."
        return f"showed {comp.name.lower()} ({first[0].lower() + first[1:]})"
    return f"showed {comp.name.lower()}"


def heatmap_figure(cov: Coverage, measure: str = "count", title: str | None = None):
    """Competency x quarter heatmap: framework order top to bottom, quarters left to right.

    A single-hue sequential scale (white to dark blue) reads the same for every kind of colour
    vision and makes empty cells stand out as white; each cell is labelled with its number.
    """
    import plotly.graph_objects as go

    z = cov.matrix(measure)
    text = [
        [(f"{v:.1f}" if measure == "strength" and v else str(int(v)) if v else "") for v in row] for row in z
    ]
    unit = "weighted by how convincing" if measure == "strength" else "items"
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=cov.quarters,
            y=[plot_text(name) for name in cov.competencies],
            text=text,
            texttemplate="%{text}",
            colorscale=[
                [0.0, "#f7fbff"],
                [0.25, "#c6dbef"],
                [0.5, "#6baed6"],
                [0.75, "#2171b5"],
                [1.0, "#08306b"],
            ],
            zmin=0,
            zmax=max([max(row) for row in z if row] + [1]),
            xgap=2,
            ygap=2,
            hovertemplate="%{y}<br>%{x}: %{z} " + unit + "<extra></extra>",
            colorbar={"title": {"text": unit}},
        )
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="top")
    fig.update_layout(
        title=title,
        height=max(260, 40 * len(cov.competencies) + 120),
        margin={"l": 10, "r": 10, "t": 60 if title else 40, "b": 10},
        plot_bgcolor="white",
    )
    return fig
