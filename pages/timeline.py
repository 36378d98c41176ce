"""Timeline: how the evidence spreads over the review period, and the early wins memory drops.

The period picker (ui/period_picker.py) lives on this page and stores the Period every page reads
in ui.state.PERIOD (None = the default).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.competencies.frameworks import framework_key
from core.wording import evidence_words
from ui import state
from ui.cache import dataset_fingerprint, overrides_key, quarter_chart, timeline_view
from ui.choices import framework_in_use
from ui.period_picker import period_picker
from ui.safe import md
from ui.scores import period_scores
from ui.undated import render_undated

K_COLOUR = "tl_colour"
COLOUR_LABELS = {"Competency": "Skill or value (competency)", "Kind": "Win, struggle or lesson"}
CONVINCING = (
    "Each story counts by how convincing it is: one with the challenge, what you did, a result in "
    "numbers and a quote or link backing it counts fully; a one-line note counts for less."
)


def _colouring() -> tuple[str, tuple]:
    """(key, (framework, overrides)) for colouring by competency."""
    framework = framework_in_use()
    overrides = st.session_state.get(state.OVERRIDES) or {}
    return f"{framework_key(framework)}:{overrides_key(overrides)}", (framework, overrides)


@st.fragment
def quarter_bars(fingerprint: str, dataset, period, today, quarters) -> None:
    """The bars per quarter and how to colour them. A fragment: changing the colouring reruns
    and re-sends this chart only, not the page's measures, the month strip or the cards."""
    colour_key, colour = "", None
    try:
        colour_key, colour = _colouring()
    except Exception as exc:  # a framework failure must not take the timeline down
        st.caption(f"Colouring by competency is unavailable: {md(exc)}")
    options = ["Competency", "Kind"] if colour is not None else ["Kind"]
    colour_by = st.radio("Colour stories by", options, format_func=COLOUR_LABELS.get, key=K_COLOUR,
                         horizontal=True)
    if colour_by != "Competency":
        colour_key, colour = "", None
    try:
        bars = quarter_chart(fingerprint, dataset, period, today, colour_key, colour, quarters)
    except Exception as exc:  # e.g. a framework the mapper cannot use: colour by kind instead
        if colour is None:
            raise
        st.caption(f"Colouring by competency failed ({md(exc)}); coloured by kind instead.")
        bars = quarter_chart(fingerprint, dataset, period, today, "", None, quarters)
    st.plotly_chart(bars, width="stretch", config={"displaylogo": False})


def _card(win) -> None:
    story = win.story
    with st.container(border=True):
        st.markdown(f"**{md(story.title or story.id)}**")
        words = evidence_words(win.strength.level)
        st.caption(f"{md(story.id)} · {md(story.when)} · {md(win.quarter)} · {md(words)}")
        if story.result or story.description:
            st.markdown(md(story.result or story.description))
        if win.quote is not None:
            who = ", ".join(x for x in (win.quote.author, win.quote.role) if x)
            st.markdown("> " + md(win.quote.text).replace("\n", "\n> "))
            if who:
                st.caption(f"— {md(who)}")
        st.caption("Why it's strong: " + md("; ".join(win.strength.reasons)))


if (held := st.session_state.get(state.DATASET)) is not None and held.undated and not held.items:
    st.title("Timeline")  # only undated stories so far: nothing to chart until they get a month
    render_undated("timeline")
    st.stop()
dataset = state.require_data()
st.title("Timeline")
st.caption("How your evidence spreads over the review period, and the early wins memory tends to drop.")
render_undated("timeline")

dates = [item.date for item in dataset.items]
period = period_picker(dates)
st.markdown(f"**Period:** {md(period.label)} ({period.start:%d %b %Y} – {period.end:%d %b %Y})")
for note in period.notes:
    st.caption(md(note))

fingerprint = dataset_fingerprint(dataset)
scores = period_scores(fingerprint, dataset, period)  # only this period's stories, kept by content
today = dt.date.today()
timeline, strip = timeline_view(fingerprint, dataset, period, today, scores)
in_stories = sum(q.stories for q in timeline.quarters)
in_praise = sum(q.praise for q in timeline.quarters)
cols = st.columns(4)
cols[0].metric("Stories in period", in_stories)
cols[1].metric("Praise in period", in_praise)
weighted = sum(q.weighted for q in timeline.quarters)
cols[2].metric("Stories, by how convincing", f"{weighted:.0f} of {in_stories}", help=CONVINCING)
cols[3].metric("Outside this period", timeline.outside_stories + timeline.outside_praise)
if timeline.outside_stories or timeline.outside_praise:
    st.caption(
        f"{timeline.outside_stories:d} stories and {timeline.outside_praise:d} quotes fall outside this "
        "period: kept, but left out of these measures and the draft."
    )

(st.warning if timeline.skew.leans_recent else st.info)(md(timeline.skew.sentence))
if timeline.thin:
    thin = md("; ".join(timeline.thin))
    st.warning(f"Quarters with little evidence: {thin}. Anything from then worth writing down?")

quarter_bars(fingerprint, dataset, period, today, timeline.quarters)
st.plotly_chart(strip, width="stretch", config={"displaylogo": False})
with st.expander("Numbers per quarter"):
    st.dataframe(
        [
            {"Quarter": q.label, "From": q.start, "To": q.end, "Stories": q.stories,
             "Stories, by how convincing": round(q.weighted, 1), "Praise": q.praise}
            for q in timeline.quarters
        ],
        hide_index=True,
    )  # fmt: skip
    st.caption(CONVINCING)

st.subheader("Forgotten wins")
if timeline.forgotten:
    st.caption("Your strongest wins from the first half of the period: make sure the draft remembers them.")
    for column, win in zip(st.columns(min(3, len(timeline.forgotten))) * 2, timeline.forgotten, strict=False):
        with column:
            _card(win)
else:
    st.caption("No wins with good or strong evidence in the first half of the period.")

st.subheader("Memory gap")
st.markdown(md(timeline.gap.sentence))
for story, strength in timeline.gap.top:
    title = md(story.title or story.id)
    st.markdown(f"- **{title}** ({md(story.id)}, {md(story.when)}, {md(evidence_words(strength.level))})")
