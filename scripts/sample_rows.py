"""The row shapes the hand-written sample years are written in (see build_data.py)."""

from __future__ import annotations

import datetime as dt


class Typed(str):
    """A date kept as the text someone typed ("14-Oct-2026"), not a date cell: real files mix both.
    `day` is the date it means (ISO), for ordering the rows."""

    def __new__(cls, text: str, day: str):
        typed = super().__new__(cls, text)
        typed.day = dt.date.fromisoformat(day)
        return typed


def _date(value):
    return value if isinstance(value, Typed) else dt.date.fromisoformat(value)


def sort_date(value) -> dt.date:
    return value.day if isinstance(value, Typed) else value


def story(date, title, challenge, action, result, competencies="", impact=None, kind="win",
          project="", tags="", link="", metric=""):  # fmt: skip
    return {
        "date": _date(date), "title": title, "challenge": challenge,
        "action": action, "result": result, "competencies": competencies, "impact": impact,
        "kind": kind, "project": project, "tags": tags, "link": link, "metric": metric,
    }  # fmt: skip


def praise(date, text, author, role, channel, link="", competencies=""):
    return {
        "date": _date(date), "text": text, "from": author, "role": role,
        "channel": channel, "link": link, "competencies": competencies,
    }  # fmt: skip

