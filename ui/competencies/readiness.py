"""Competencies: level readiness. Pick your level; per competency, every expectation at it and the
next with the evidence that shows it (and why) or "no evidence yet"; confirm or reject each match,
link a story the mapper missed, and see the gaps. The rating stays the user's (Draft page)."""

from __future__ import annotations

import streamlit as st

from core.competencies.frameworks import framework_key
from core.competencies.readiness import NO_EVIDENCE, framework_levels
from core.digest import content_hash
from ui import readiness as rd
from ui.competencies.common import preview
from ui.safe import md

K_LEVEL = "rd_level"
SHOWN = 5  # matches listed per expectation (the rest are counted)


def _pick_level(framework) -> str | None:
    levels = framework_levels(framework)
    if not levels:
        st.info("This framework has no levels: level readiness needs expectations per level.")
        return None
    saved = rd.level_for(framework)
    key = f"{K_LEVEL}_{framework_key(framework)[:12]}"  # another framework: another level list
    st.selectbox(
        "My level",
        levels,
        format_func=md,  # a level name comes from the user's own framework file
        key=key,
        index=levels.index(saved) if saved else None,
        placeholder="Choose your level",
        on_change=lambda: rd.update(level=st.session_state.get(key)),
        help="Your current level in this framework: readiness shows it and the next one.",
    )
    return rd.level_for(framework)


def _match_row(row, match, items) -> None:
    item = items.get(match.item_id)
    name = preview(item) if item is not None else match.item_id
    key = content_hash(row.expectation.key, match.item_id)
    text, ok, no = st.columns([5, 1, 1])
    status = " (confirmed)" if match.status == "confirmed" else ""
    text.markdown(f"{md(match.item_id)}: {md(name)}{status}  \n{md(match.why)}")
    ok.button(
        "Confirm",
        key=f"rd_ok_{key}",
        disabled=match.status == "confirmed",
        on_click=rd.set_verdict,
        args=(row.expectation.key, match.item_id, True),
    )
    no.button(
        "Reject",
        key=f"rd_no_{key}",
        on_click=rd.set_verdict,
        args=(row.expectation.key, match.item_id, False),
    )


def _link_form(result, items) -> None:
    """Confirm an item the mapper did not suggest: the user knows which story shows what."""
    rows = [r for c in result.competencies for lv in c.levels.values() for r in lv]
    with st.form("rd_link", clear_on_submit=True, border=False):
        st.markdown("**A story shows an expectation the app missed?**")
        which = st.selectbox(
            "Expectation",
            range(len(rows)),
            key="rd_link_exp",
            format_func=lambda i: md(
                f"{rows[i].expectation.competency} · {rows[i].expectation.level} · {rows[i].expectation.text}"
            ),
        )
        # An id, not a list of every item: a year of 20,000 items would be sent on every rerun.
        item = st.text_input("Story or quote id (as in the tables: S12, P4)", key="rd_link_item").strip()
        if st.form_submit_button("Link it") and which is not None and item:
            if item not in items:
                st.error(f"No story or quote {md(item)} in this review period.")
                return
            rd.set_verdict(rows[which].expectation.key, item, True)
            st.rerun()


def readiness_section(dataset, framework, period):
    """Render the section; the readiness result (None before a level is picked) for what follows."""
    st.subheader("Level readiness")
    st.caption(
        "Pick your level: every expectation at it and at the next one, with the stories and quotes "
        "that show it, or no evidence yet. Confirm or reject each match; the rating stays yours "
        "(Draft page)."
    )
    if _pick_level(framework) is None:
        return None
    with st.spinner("Matching your evidence to each expectation..."):
        result = rd.current(dataset, framework, period)
    items = {i.id: i for i in dataset.items}
    for comp in result.competencies:
        with st.expander(md(comp.summary)):
            for level, rows in comp.levels.items():
                st.markdown(f"**At {md(level)}**")
                for row in rows:
                    st.markdown(f"- {md(row.expectation.text)}")
                    if not row.matches:
                        st.caption(md(NO_EVIDENCE))
                    for match in row.matches[:SHOWN]:
                        _match_row(row, match, items)
                    if len(row.matches) > SHOWN:
                        st.caption(f"and {len(row.matches) - SHOWN} more")
                    for item_id in row.rejected:
                        st.caption(f"Rejected: {md(item_id)}")
                        st.button(
                            "Undo",
                            key=f"rd_undo_{content_hash(row.expectation.key, item_id)}",
                            on_click=rd.set_verdict,
                            args=(row.expectation.key, item_id, None),
                        )
    target = result.next_level or result.level
    gaps = result.gaps(target)
    if gaps:
        st.markdown(f"**Still without evidence at {md(target)}** (add a story before the review)")
        st.markdown("\n".join(f"- {md(e.competency)}: {md(e.text)}" for e in gaps))
    else:
        st.success(f"Every expectation at {md(target)} has evidence.")
    _link_form(result, items)
    return result
