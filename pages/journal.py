"""Journal: write a win down the week it happens, save praise the day it arrives, keep the habit.

Everything added here goes into the same dataset the Timeline, Competencies and Draft pages read,
and is saved to the user's workspace at once (nothing is saved in shared mode).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.model import STORY_KINDS, Dataset, Praise, Story
from core.store import journal, reminder
from ui import state
from ui import workspace as ws

state.ensure_routed()

PROMPTS = {
    "challenge": "What was the problem or goal, and why did it matter?",
    "action": "What did *you* do? First person: I decided, I built, I convinced…",
    "result": "What changed because of it? A number if you have one: %, hours, money, people.",
}
KIND_LABELS = {"win": "Win", "struggle": "Struggle", "lesson": "Lesson"}
IMPACTS = [None, 1, 2, 3, 4, 5]
STORY_FIELDS = ("title", "challenge", "action", "result")
PRAISE_FIELDS = ("from", "role", "channel", "text")


def _framework():
    """The framework in use (the General one by default), or None before competencies exist."""
    framework = st.session_state.get(state.FRAMEWORK)
    if framework is not None:
        return framework
    try:
        from core.competencies.frameworks import DEFAULT_FRAMEWORK, load_builtin

        return load_builtin(DEFAULT_FRAMEWORK)
    except Exception:  # the frameworks module or its data may not be there yet
        return None


def _competency_names(framework, *extra) -> list[str]:
    names = list(framework.names) if framework is not None else []
    for values in extra:
        for name in values or ():
            if name not in names:
                names.append(name)
    return names


def _suggest(story: Story, framework) -> list[tuple[str, float, str]]:
    """Live suggestions from the mapping engine: (competency, score, why), best first."""
    if framework is None or not story.text.strip():
        return []
    try:
        from core.competencies.mapping import map_items
    except ImportError:
        return []
    mapping = map_items([story], framework).get(story.id)
    if mapping is None:
        return []
    return [(s.competency, s.score, s.why) for s in mapping.suggestions]


def _coach(story: Story, praise: list[Praise]):
    try:
        from core.analysis.strength import score_story
    except ImportError:
        return None
    return score_story(story, praise)


def _flash(message: str) -> None:
    st.session_state["journal_flash"] = message


def _dataset() -> Dataset:
    return st.session_state.get(state.DATASET) or Dataset()


def _commit(dataset: Dataset, message: str) -> None:
    """Put the changed dataset in session state (every page reads it) and save it at once."""
    st.session_state[state.DATASET] = dataset
    ws.save()
    if ws.STALE not in st.session_state:
        _flash(message)


# ---------------------------------------------------------------------------------------------
# Add a story
# ---------------------------------------------------------------------------------------------


def _draft_story() -> Story:
    get = st.session_state.get
    return Story(
        id="S-new",
        date=get("journal_story_date") or dt.date.today(),
        title=(get("journal_story_title") or "").strip(),
        challenge=(get("journal_story_challenge") or "").strip(),
        action=(get("journal_story_action") or "").strip(),
        result=(get("journal_story_result") or "").strip(),
        story_kind=get("journal_story_kind") or "win",
        impact=get("journal_story_impact"),
        competencies=tuple(get("journal_story_competencies") or ()),
        project=(get("journal_story_project") or "").strip(),
        link=(get("journal_story_link") or "").strip(),
    )


def _save_story() -> None:
    draft = _draft_story()
    if not (draft.title or draft.challenge or draft.action or draft.result):
        st.session_state["journal_story_error"] = (
            "Write at least a title or one of challenge, action, result."
        )
        return
    ws.start_own_data()
    dataset = _dataset()
    fields = {k: v for k, v in draft.__dict__.items() if k not in {"id", "date", "origin", "extra"}}
    story = journal.new_story(dataset, draft.date, **fields)
    _commit(journal.with_item(dataset, story), f"Saved story {story.id}: {story.title or 'untitled'}.")
    for name in ("title", "challenge", "action", "result", "project", "link", "competencies"):
        st.session_state.pop(f"journal_story_{name}", None)
    st.session_state.pop("journal_story_touched", None)
    st.session_state.pop("journal_story_error", None)


def _touched() -> None:
    st.session_state["journal_story_touched"] = True


def story_tab(framework) -> None:
    st.session_state.setdefault("journal_story_date", dt.date.today())
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.text_input(
            "Title", key="journal_story_title", placeholder="e.g. Cut release time from 2 days to 2 hours"
        )
        for name, prompt in PROMPTS.items():
            st.text_area(name.capitalize(), key=f"journal_story_{name}", placeholder=prompt, height=90)
        cols = st.columns(3)
        cols[0].date_input("Date", key="journal_story_date", format="YYYY-MM-DD")
        cols[1].selectbox("Kind", STORY_KINDS, format_func=KIND_LABELS.get, key="journal_story_kind")
        cols[2].selectbox(
            "Impact (1-5)",
            IMPACTS,
            format_func=lambda v: "not rated" if v is None else str(v),
            key="journal_story_impact",
        )
        with st.expander("More details (project, link)"):
            st.text_input("Project", key="journal_story_project")
            st.text_input("Link (ticket, doc, PR)", key="journal_story_link")

    draft = _draft_story()
    suggestions = _suggest(draft, framework)
    with right:
        st.markdown("**Competencies**")
        if not st.session_state.get("journal_story_touched"):
            # Pre-fill with the engine's best suggestions until the user picks their own.
            st.session_state["journal_story_competencies"] = [
                c for c, score, _why in suggestions[:2] if score > 0
            ]
        options = _competency_names(framework, st.session_state.get("journal_story_competencies"))
        st.multiselect(
            "This story shows",
            options,
            key="journal_story_competencies",
            on_change=_touched,
            help="Suggested from your words as you type; change them freely.",
        )
        if suggestions:
            for competency, score, why in suggestions[:3]:
                st.caption(f"{_escape(competency)} ({score:.0%}): {_escape(why)}")
        elif framework is not None and draft.text:
            st.caption("No suggestion yet: describe what you did in a sentence or two.")

        st.markdown("**Strength coach**")
        strength = _coach(draft, _dataset().praise) if draft.text else None
        if strength is None:
            st.caption("Write the story to see how convincing it reads.")
        else:
            st.progress(strength.score, text=f"{strength.level.capitalize()} ({strength.score:.0%})")
            for tip in strength.tips:
                st.markdown(f"- {_escape(tip)}")
            for reason in strength.reasons:
                st.caption(f"✓ {_escape(reason)}")

    if st.session_state.get("journal_story_error"):
        st.error(st.session_state["journal_story_error"])
    st.button("Save story", type="primary", key="journal_save_story", on_click=_save_story)


# ---------------------------------------------------------------------------------------------
# Add praise by pasting it
# ---------------------------------------------------------------------------------------------


def _read_paste() -> None:
    parsed = journal.parse_pasted(st.session_state.get("journal_paste", ""))
    st.session_state["journal_praise_from"] = parsed.author
    st.session_state["journal_praise_date"] = parsed.date or dt.date.today()
    st.session_state["journal_praise_channel"] = parsed.channel
    st.session_state["journal_praise_text"] = parsed.text
    st.session_state["journal_praise_found"] = parsed.found or ["nothing but the text: fill in the rest"]


def _save_praise() -> None:
    get = st.session_state.get
    text = (get("journal_praise_text") or "").strip()
    if not text:
        st.session_state["journal_praise_error"] = "The quote is empty: paste the message or type the words."
        return
    ws.start_own_data()
    dataset = _dataset()
    praise = journal.new_praise(
        dataset,
        get("journal_praise_date") or dt.date.today(),
        text,
        author=(get("journal_praise_from") or "").strip(),
        role=(get("journal_praise_role") or "").strip(),
        channel=(get("journal_praise_channel") or "").strip(),
    )
    who = f" from {praise.author}" if praise.author else ""
    _commit(journal.with_item(dataset, praise), f"Saved praise {praise.id}{who}.")
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
        st.caption(_escape("Read from the message: " + "; ".join(found) + ". Check and edit before saving."))
    st.session_state.setdefault("journal_praise_date", dt.date.today())
    cols = st.columns(3)
    cols[0].text_input("From", key="journal_praise_from")
    cols[1].text_input("Their role", key="journal_praise_role", placeholder="e.g. my manager, client")
    cols[2].text_input("Channel", key="journal_praise_channel", placeholder="email, Slack, review…")
    st.date_input("Date", key="journal_praise_date", format="YYYY-MM-DD")
    st.text_area("Quote", key="journal_praise_text", height=120)
    if st.session_state.get("journal_praise_error"):
        st.error(st.session_state["journal_praise_error"])
    st.button("Save praise", type="primary", key="journal_save_praise", on_click=_save_praise)


# ---------------------------------------------------------------------------------------------
# Edit or delete
# ---------------------------------------------------------------------------------------------


def _label(item) -> str:
    words = item.title if isinstance(item, Story) else f"“{item.text}” {item.author}".strip()
    words = " ".join((words or item.text).split())
    return f"{item.id} · {item.date.isoformat()} · {words[:70]}{'…' if len(words) > 70 else ''}"


PICKER_ALL = 1000  # up to this many items the picker lists them all (its own type-ahead finds one)
PICKER_SHOWN = 200  # above it, a search box and at most this many matches (20,000 options cost 0.1 s)
_MEMO = "journal_memo"  # {name: (the Dataset it was built from, value)}


def _per_dataset(name: str, dataset: Dataset, extra, compute):
    """`compute()` once per dataset object (and `extra`): edits build new Dataset objects, never
    change one in place, and the memo holds the object so its id cannot be reused meanwhile."""
    memo = st.session_state.setdefault(_MEMO, {})
    hit = memo.get(name)
    if hit is not None and hit[0] is dataset and hit[1] == extra:
        return hit[2]
    value = compute()
    memo[name] = (dataset, extra, value)
    return value


def _labels(dataset: Dataset) -> dict[str, tuple[object, str]]:
    """{id: (item, label)}, newest first: the edit picker's options."""
    items = sorted(dataset.items, key=lambda i: (i.date, i.id), reverse=True)
    return {i.id: (i, _label(i)) for i in items}


def _pick_ids(labels: dict) -> list[str] | None:
    """The ids the picker lists: all of them, or above PICKER_ALL the search box's matches."""
    ids = list(labels)
    if len(ids) <= PICKER_ALL:
        return ids
    query = st.text_input(
        "Find an item", key="journal_edit_find", placeholder="Words, an id (S12) or a date (2024-03)"
    ).strip().casefold()
    matches = [i for i, (_, label) in labels.items() if query in label.casefold()] if query else ids
    exact = next((i for i in (query.upper(), query) if i in labels), None)
    if exact is not None:  # "P42" finds P42 first, before P420..P429
        matches = [exact, *(i for i in matches if i != exact)]
    more = len(matches) > PICKER_SHOWN
    st.caption(
        f"{len(matches):,} of {len(ids):,} items match"
        + (f"; the first {PICKER_SHOWN} are listed, type to narrow." if more else ".")
    )
    if not matches:
        return None
    shown = matches[:PICKER_SHOWN]
    current = st.session_state.get("journal_edit")
    if current in labels and current not in shown and (not query or current in matches):
        shown.insert(0, current)  # the item being edited stays listed
    return shown


def edit_tab(framework) -> None:
    dataset = _dataset()
    if not dataset.items:
        st.info("Nothing to edit yet: add a story or some praise first.")
        return
    labels = _per_dataset("labels", dataset, None, lambda: _labels(dataset))
    ids = _pick_ids(labels)
    if not ids:
        return
    if len(labels) > PICKER_ALL and st.session_state.get("journal_edit") not in ids:
        st.session_state.pop("journal_edit", None)  # the matches changed: start from the first
    chosen = st.selectbox("Item", ids, format_func=lambda i: labels[i][1], key="journal_edit")
    item = labels[chosen][0]
    origin = item.origin
    if origin is not None:
        where = (
            origin.file
            + (f", sheet {origin.sheet}" if origin.sheet else "")
            + (f", row {origin.row}" if origin.row else "")
        )
        st.caption(f"From {_escape(where)}.")
    key = f"journal_edit_{item.id}"
    with st.form(key):
        date = st.date_input("Date", value=item.date, format="YYYY-MM-DD")
        if isinstance(item, Story):
            title = st.text_input("Title", value=item.title)
            challenge = st.text_area("Challenge", value=item.challenge, height=80)
            action = st.text_area("Action", value=item.action, height=80)
            result = st.text_area("Result", value=item.result, height=80)
            description = item.description
            if item.description:
                description = st.text_area("Description", value=item.description, height=80)
            cols = st.columns(2)
            kind = cols[0].selectbox(
                "Kind",
                STORY_KINDS,
                index=STORY_KINDS.index(item.story_kind) if item.story_kind in STORY_KINDS else 0,
                format_func=KIND_LABELS.get,
            )
            impact = cols[1].selectbox(
                "Impact (1-5)",
                IMPACTS,
                index=IMPACTS.index(item.impact) if item.impact in IMPACTS else 0,
                format_func=lambda v: "not rated" if v is None else str(v),
            )
            competencies = st.multiselect(
                "Competencies (from your input)",
                _competency_names(framework, item.competencies),
                default=list(item.competencies),
            )
            changes = {
                "date": date,
                "title": title.strip(),
                "challenge": challenge.strip(),
                "action": action.strip(),
                "result": result.strip(),
                "description": description.strip(),
                "story_kind": kind,
                "impact": impact,
                "competencies": tuple(competencies),
            }
        else:
            cols = st.columns(3)
            author = cols[0].text_input("From", value=item.author)
            role = cols[1].text_input("Their role", value=item.role)
            channel = cols[2].text_input("Channel", value=item.channel)
            text = st.text_area("Quote", value=item.text, height=120)
            changes = {
                "date": date,
                "author": author.strip(),
                "role": role.strip(),
                "channel": channel.strip(),
                "text": text.strip(),
            }
        saved = st.form_submit_button("Save changes", type="primary")
    if saved:
        if isinstance(item, Praise) and not changes["text"]:
            st.error("A quote cannot be empty; delete the item instead.")
        else:
            import dataclasses

            _commit(
                journal.with_item(dataset, dataclasses.replace(item, **changes)),
                f"Saved changes to {item.id}.",
            )
            st.rerun()

    confirm = st.checkbox(f"Yes, delete {item.id}", key=f"journal_delete_confirm_{item.id}")
    if st.button(f"Delete {item.id}", key=f"journal_delete_{item.id}", disabled=not confirm):
        dataset = journal.without_item(dataset, item.id)
        overrides = dict(st.session_state.get(state.OVERRIDES) or {})
        overrides.pop(item.id, None)
        st.session_state[state.OVERRIDES] = overrides
        _commit(dataset, f"Deleted {item.id}.")
        st.rerun()


# ---------------------------------------------------------------------------------------------
# Reminder, year over year, workspaces
# ---------------------------------------------------------------------------------------------


def reminder_tab() -> None:
    st.write("A weekly calendar event, “Log this week's wins”, keeps the habit going outside Advocate.")
    cols = st.columns(2)
    day = cols[0].selectbox(
        "Day", range(7), index=4, format_func=lambda d: reminder.WEEKDAYS[d], key="journal_reminder_day"
    )
    at = cols[1].time_input("Time", value=dt.time(16, 30), key="journal_reminder_time", step=900)
    st.download_button(
        "Download weekly reminder (.ics)",
        data=reminder.weekly_reminder(day, at),
        file_name="advocate-weekly-wins.ics",
        mime="text/calendar",
        key="journal_reminder_download",
        icon=":material/event_repeat:",
    )
    st.caption("Open the file with your calendar app (Outlook, Google Calendar, Apple Calendar…).")


def years_tab() -> None:
    dataset = _dataset()
    if not dataset.items:
        st.info("Add evidence to see it year by year.")
        return
    period = st.session_state.get(state.PERIOD)

    def review_years():
        anchor = getattr(period, "start", None)
        if anchor is None:
            from core.analysis.period import default_period

            anchor = default_period([i.date for i in dataset.items]).start
        return journal.review_years(dataset, anchor)

    years = _per_dataset("years", dataset, getattr(period, "start", None), review_years)
    if not journal.spans_several_years(years):
        st.info(
            "Your evidence fits in one review period. The year-over-year view appears once this "
            "workspace spans more than one, so keep journaling into next year."
        )
        return
    st.plotly_chart(journal.year_over_year_figure(years), key="journal_years_chart")
    st.dataframe(
        [{"Review year": y.label, "Stories": y.stories, "Wins": y.wins, "Praise": y.praise} for y in years],
        hide_index=True,
    )


def workspaces_tab() -> None:
    store = ws.store()
    dataset = _dataset()
    if store.shared:
        st.warning(ws.SHARED_NOTICE)
    else:
        st.caption(f"Saved on this computer in `{store.path}`.")
    if ws.is_users_data():
        _workbook_download(dataset)
    if store.shared:
        return

    current = ws.active_name()
    try:
        infos = _workspace_list(store)
    except Exception as exc:  # a damaged file: offer only to delete it
        st.error(f"The saved workspaces could not be read ({exc}); nothing is being saved.")
        _delete_all_section()
        return
    if infos:
        st.dataframe(
            [
                {
                    "Workspace": w.name + (" (open)" if w.name == current else ""),
                    "Stories": w.stories,
                    "Praise": w.praise,
                    "Last saved (UTC)": (w.updated or "").replace("T", " ")[:16],
                }
                for w in infos
            ],
            hide_index=True,
        )
    names = [w.name for w in infos] or [current]
    cols = st.columns(2)
    with cols[0]:
        target = st.selectbox(
            "Switch to", names, index=names.index(current) if current in names else 0, key="ws_switch"
        )
        if st.button("Open workspace", key="ws_switch_button", disabled=target == current):
            ws.switch(target)
            _flash(f"Opened workspace “{target}”.")
            st.rerun()
        new_name = st.text_input("New workspace", key="ws_new_name", placeholder="e.g. Acme 2026")
        if st.button("Create and open", key="ws_create"):
            _run(lambda: ws.create(new_name), f"Created workspace “{new_name.strip()}”.")
    with cols[1]:
        renamed = st.text_input("Rename this workspace to", key="ws_rename_to")
        if st.button("Rename", key="ws_rename", disabled=not renamed.strip()):
            _run(lambda: ws.rename(current, renamed), f"Renamed to “{renamed.strip()}”.")
        confirm = st.checkbox(f"Yes, delete workspace “{current}”", key="ws_delete_confirm")
        if st.button("Delete this workspace", key="ws_delete", disabled=not confirm):
            _run(lambda: ws.delete(current), f"Deleted workspace “{current}”.")

    _delete_all_section()


def _workspace_list(store) -> list:
    """store.list(), read again only when the database file (or its write-ahead log) changed:
    counting 20,000 rows on every rerun cost 40 ms. Another tab's save changes the files too."""
    def stamp(path):
        try:
            stat = path.stat()
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    path = store.path
    key = (str(path), stamp(path), stamp(path.with_name(path.name + "-wal")))
    memo = st.session_state.setdefault(_MEMO, {})
    hit = memo.get("workspaces")
    if hit is not None and hit[1] == key:
        return hit[2]
    infos = store.list()
    memo["workspaces"] = (None, key, infos)
    return infos


def _delete_all_section() -> None:
    st.divider()
    st.markdown("**Delete all my data**")
    st.caption("Removes the database file with every workspace from this computer. It cannot be undone.")
    sure = st.checkbox(
        "I understand: delete every workspace and all my evidence", key="ws_delete_all_confirm"
    )
    if st.button("Delete all my data", key="ws_delete_all", type="primary", disabled=not sure):
        removed = ws.delete_all()
        st.session_state.pop("ws_delete_all_confirm", None)
        _flash(
            f"Deleted {len(removed)} file(s): " + ", ".join(removed)
            if removed
            else "There was nothing saved."
        )
        st.rerun()


def _run(action, message: str) -> None:
    try:
        action()
    except ValueError as exc:
        st.error(str(exc))
        return
    _flash(message)
    st.rerun()


def _workbook_download(dataset: Dataset) -> None:
    try:
        from core.writing.workbook import write_workbook
    except ImportError:
        return
    if not dataset.items:
        return
    overrides = dict(st.session_state.get(state.OVERRIDES) or {})
    st.download_button(
        "Download the workbook (.xlsx)",
        data=lambda: write_workbook(dataset, overrides),  # built only when clicked
        file_name="advocate-workspace.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="ws_export",
        help="Stories, Praise and your competency choices: it imports back into Advocate unchanged.",
    )


def _escape(text: str) -> str:
    """User-derived text shown with st.markdown: escape markdown so it stays inert."""
    out = text
    for char in "\\`*_[]<>#|~$":
        out = out.replace(char, "\\" + char)
    return out


# ---------------------------------------------------------------------------------------------

st.title("Journal")
st.caption(
    "Write a win down the week it happens and save praise the day it arrives: review season gets easy."
)
if ws.is_shared():
    st.warning(ws.SHARED_NOTICE, icon=":material/cloud_off:")
elif not ws.is_users_data():
    st.info(
        "You are looking at the sample data. Your first entry starts your own journal in place of "
        "the sample, saved on this computer."
    )
if ws.STALE in st.session_state:
    st.warning(st.session_state[ws.STALE], icon=":material/sync_problem:")
    st.button("Load the saved version", key="journal_reload", on_click=ws.reload_saved)
if st.session_state.get("journal_flash"):
    st.success(_escape(st.session_state.pop("journal_flash")))

framework = _framework()
tabs = st.tabs(
    ["Add a story", "Add praise", "Edit or delete", "Weekly reminder", "Year over year", "Workspaces"]
)
with tabs[0]:
    story_tab(framework)
with tabs[1]:
    praise_tab()
with tabs[2]:
    edit_tab(framework)
with tabs[3]:
    reminder_tab()
with tabs[4]:
    years_tab()
with tabs[5]:
    workspaces_tab()
