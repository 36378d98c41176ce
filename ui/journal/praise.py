"""Journal tab "Add praise": paste an e-mail or a chat message, check what was read, save it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.ingest.pasted import parse_pasted
from core.store import journal
from ui import workspace as ws
from ui.journal.common import commit, dataset
from ui.safe import md


def _read_paste() -> None:
    parsed = parse_pasted(st.session_state.get("journal_paste", ""))
    st.session_state["journal_praise_from"] = parsed.author
    st.session_state["journal_praise_date"] = parsed.date or dt.date.today()
    st.session_state["journal_praise_channel"] = parsed.channel
    if parsed.role:  # Slack's "Lena Okoro (Events)": the team in brackets
        st.session_state["journal_praise_role"] = parsed.role
    st.session_state["journal_praise_text"] = parsed.text
    st.session_state["journal_praise_found"] = parsed.found or ["nothing but the text: fill in the rest"]


def _save_praise() -> None:
    get = st.session_state.get
    text = (get("journal_praise_text") or "").strip()
    if not text:
        st.session_state["journal_praise_error"] = "The quote is empty: paste the message or type the words."
        return
    ws.start_own_data()
    current = dataset()
    praise = journal.new_praise(
        current,
        get("journal_praise_date") or dt.date.today(),
        text,
        author=(get("journal_praise_from") or "").strip(),
        role=(get("journal_praise_role") or "").strip(),
        channel=(get("journal_praise_channel") or "").strip(),
    )
    who = f" from {praise.author}" if praise.author else ""
    commit(
        journal.with_item(current, praise),
        f"Saved praise {praise.id}{who}.",
        f"Added praise {praise.id}{who}",
    )
    for name in ("paste", "praise_from", "praise_role", "praise_channel", "praise_text", "praise_found"):
        st.session_state.pop(f"journal_{name}", None)
    st.session_state.pop("journal_praise_error", None)


def praise_tab() -> None:
    st.text_area(
        "Paste the message",
        key="journal_paste",
        height=140,
        placeholder="Paste an email (with its From: and Date: lines), a Slack message, or any note.",
    )
    st.button("Read the message", key="journal_read_paste", on_click=_read_paste)
    found = st.session_state.get("journal_praise_found")
    if found:
        st.caption(md("Read from the message: " + "; ".join(found) + ". Check and edit before saving."))
    st.session_state.setdefault("journal_praise_date", dt.date.today())
    cols = st.columns(3)
    cols[0].text_input("From", key="journal_praise_from")
    cols[1].text_input("Their role", key="journal_praise_role", placeholder="e.g. my manager, client")
    cols[2].text_input("Channel", key="journal_praise_channel", placeholder="email, Slack, review…")
    st.date_input("Date", key="journal_praise_date", format="YYYY-MM-DD")
    st.text_area("Quote", key="journal_praise_text", height=120)
    if st.session_state.get("journal_praise_error"):
        st.error(md(st.session_state["journal_praise_error"]))
    st.button("Save praise", type="primary", key="journal_save_praise", on_click=_save_praise)
