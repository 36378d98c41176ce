"""Read a pasted e-mail or chat message into praise fields (Journal -> Add praise, and the
message files dropped on Import).

Pasted text is only ever a *suggestion*: the page shows what was read and the user edits it
before saving, so the parser prefers leaving a field empty to guessing.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field

from core.text import MONTH_NUMBERS

MONTHS = MONTH_NUMBERS  # the project's one month table (core.text)
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass
class PastedPraise:
    """What could be read from a pasted message; `found` says where each field came from."""

    text: str
    author: str = ""
    date: dt.date | None = None
    channel: str = ""
    found: list[str] = field(default_factory=list)
    role: str = ""  # Slack's "Name (Team)": the team in brackets


# ---------------------------------------------------------------------------------------------
# Dates as they appear in email headers and chat copies
# ---------------------------------------------------------------------------------------------

_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?"
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"


def parse_loose_date(text: str, today: dt.date) -> dt.date | None:
    """A date from an email or chat header: RFC 2822, Outlook, Gmail, ISO, or Today/Yesterday."""
    text = text.strip()
    if not text:
        return None
    with_tz = email.utils.parsedate_tz(text)
    if with_tz and with_tz[0] > 1900:
        try:
            return dt.date(with_tz[0], with_tz[1], with_tz[2])
        except ValueError:
            pass
    low = text.lower()
    if re.search(r"\btoday\b", low) or re.fullmatch(_TIME, text):
        return today
    if re.search(r"\byesterday\b", low):
        return today - dt.timedelta(days=1)
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)", text)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    # "March 4, 2025", "Mar 4th", "Tue, Mar 4, 2025 at 10:42 AM"
    m = re.search(rf"\b({_MONTH_NAME})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", low)
    if m and m[1].rstrip(".")[:3] in MONTHS:
        return _with_year(int(m[3]) if m[3] else None, MONTHS[m[1].rstrip(".")[:3]], int(m[2]), today)
    # "4 March 2025", "4th Mar"
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAME})(?:,?\s+(\d{{4}}))?", low)
    if m and m[2].rstrip(".")[:3] in MONTHS:
        return _with_year(int(m[3]) if m[3] else None, MONTHS[m[2].rstrip(".")[:3]], int(m[1]), today)
    for index, name in enumerate(WEEKDAY_NAMES):  # Slack: "Monday at 10:42"
        if re.search(rf"\b{name}\b", low):
            back = (today.weekday() - index) % 7
            return today - dt.timedelta(days=back)
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _with_year(year: int | None, month: int, day: int, today: dt.date) -> dt.date | None:
    """A date without a year is this year's, unless that is still ahead: then last year's."""
    if year is not None:
        return _safe_date(year, month, day)
    date = _safe_date(today.year, month, day)
    if date is not None and date > today:
        date = _safe_date(today.year - 1, month, day)
    return date


# ---------------------------------------------------------------------------------------------
# Pasted messages
# ---------------------------------------------------------------------------------------------

_HEADER = re.compile(r"^(from|date|sent|subject|to|cc|bcc|reply-to)\s*:\s*(.*)$", re.IGNORECASE)
_SLACK_SEP = r"(?:\s{2,}|\s+[—–-]\s+|\s*\n\s*)"
_DAY_WITH_YEAR = rf"{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
_SLACK = re.compile(
    rf"^(?P<name>[^\n:<>@]{{2,60}}?){_SLACK_SEP}(?P<when>(?:(?:today|yesterday|"
    rf"(?:mon|tues|wednes|thurs|fri|satur|sun)day|{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
    rf"\s+at\s+)?{_TIME}|{_DAY_WITH_YEAR}(?:\s+at\s+{_TIME})?)\s*$",  # "Oct 3, 2026": an older message
    re.IGNORECASE,
)
_TEAM = re.compile(r"^(?P<name>.+?)\s*\((?P<team>[^()]{1,40})\)$")  # Slack's "Lena Okoro (Events)"
_BRACKET = re.compile(
    rf"^\[(?P<when>[^\]]*{_TIME}[^\]]*)\]\s*(?P<name>[^:\n]{{2,60}}):\s*(?P<text>.*)$", re.IGNORECASE
)
_WROTE_END = r",? (?P<name>[^<>]+?)\s*(?:<[^>]*>)?\s*wrote:\s*$"
_WROTE_TIMED = re.compile(rf"^on (?P<when>.+?{_TIME}){_WROTE_END}", re.IGNORECASE)
_WROTE = re.compile(rf"^on (?P<when>.+?\d{{4}}){_WROTE_END}", re.IGNORECASE)


def clean_sender(value: str) -> str:
    """'"Doe, Jane" <jane@x.com>' -> 'Jane Doe'; a bare address stays an address."""
    value = value.strip()
    angle = re.match(r'^"?(?P<name>[^"<]*?)"?\s*<(?P<addr>[^>]*)>', value)
    if angle:  # also 'Doe, Jane <jane@x.com>', which parseaddr splits at the comma
        name, addr = angle["name"], angle["addr"]
    elif "@" not in value:
        name, addr = value, ""
    else:
        name, addr = email.utils.parseaddr(value)
    name = name.strip().strip('"').strip()
    if not name:
        return addr or value.strip()
    if name.count(",") == 1 and "@" not in name:  # Outlook's "Last, First"
        last, first = (part.strip() for part in name.split(","))
        name = f"{first} {last}".strip()
    return name


def _body_lines(lines: list[str]) -> list[str]:
    """Drop quoted replies, signatures and reply headers from the end of a message."""
    out = []
    for line in lines:
        stripped = line.strip()
        if stripped in {"--", "-- "} or line.startswith("-- ") or _WROTE.match(stripped):
            break
        if re.match(r"^-{2,}\s*(original message|forwarded message)", stripped, re.I):
            break
        if stripped.startswith(">"):
            continue
        out.append(line.rstrip())
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return out


def parse_pasted(text: str, today: dt.date | None = None) -> PastedPraise:
    """Suggested sender, date, quote and channel from a pasted email, Slack message or note."""
    today = today or dt.date.today()
    raw = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    lines = raw.split("\n")

    # Email: a block of header lines at the top (From:/Date:/Sent:/Subject:...).
    headers: dict[str, str] = {}
    index = 0
    while index < len(lines):
        m = _HEADER.match(lines[index].strip())
        if not m:
            if headers and not lines[index].strip():
                index += 1
            break
        headers.setdefault(m[1].lower(), m[2].strip())
        index += 1
    if "from" in headers and len(headers) >= 2:
        body, _ = _split_sign_off(_body_lines(lines[index:]))
        result = PastedPraise(text="\n".join(body), channel="email")
        result.author = clean_sender(headers["from"])
        result.found.append("sender from the From: line")
        for key in ("date", "sent"):
            if key in headers and result.date is None:
                result.date = parse_loose_date(headers[key], today)
                if result.date:
                    result.found.append(f"date from the {key.capitalize()}: line")
        if headers.get("subject"):
            result.found.append(f"subject: {headers['subject']}")
        return result

    # Gmail reply quote: "On Tue, Mar 4, 2025 at 10:42 AM Jane Doe <jane@x.com> wrote:"
    wrote = _WROTE_TIMED.match(lines[0].strip()) or _WROTE.match(lines[0].strip())
    if wrote:
        result = PastedPraise(text="\n".join(_body_lines(lines[1:])), channel="email")
        result.author = clean_sender(wrote["name"])
        result.date = parse_loose_date(wrote["when"], today)
        result.found.append("sender and date from the 'wrote:' line")
        return result

    # Slack/Teams: "[10:42 AM] Jane Doe: message"
    bracket = _BRACKET.match(lines[0].strip())
    if bracket:
        body = [bracket["text"], *lines[1:]]
        result = PastedPraise(text="\n".join(_body_lines(body)), channel="Slack")
        result.author = bracket["name"].strip()
        result.date = parse_loose_date(bracket["when"], today)
        result.found.append("sender and time from the chat header")
        return result

    # Slack copy: "Jane Doe  10:42 AM" or "Jane Doe — Today at 10:42" (or the time on line 2).
    for header_lines in (1, 2):
        head = "\n".join(lines[:header_lines]).strip()
        slack = _SLACK.match(head)
        if slack and len(lines) > header_lines:
            body = [line for line in lines[header_lines:] if not _is_reaction(line)]
            result = PastedPraise(text="\n".join(_body_lines(body)), channel="Slack")
            result.author = slack["name"].strip()
            team = _TEAM.match(result.author)
            if team:
                result.author, result.role = team["name"].strip(), team["team"].strip()
            result.date = parse_loose_date(slack["when"], today)
            result.found.append("sender and date from the Slack header")
            return result

    # Plain text: maybe signed at the end ("— Jane Doe", or "Thanks,\nJane").
    body = _body_lines(lines)
    result = PastedPraise(text="\n".join(body))
    if len(body) > 1:
        sign = re.match(r"^\s*(?:[—–~-]+)\s*(.+)$", body[-1])
        if sign and len(sign[1]) <= 60:
            result.author = sign[1].split(",")[0].strip()
            result.text = "\n".join(body[:-1]).rstrip()
            result.found.append("sender from the signature line")
        else:
            kept, name = _split_sign_off(body)
            if name:
                result.author, result.text = name, "\n".join(kept)
                result.found.append("sender from the sign-off")
    result.text = result.text.strip().strip('"“”').strip()
    return result


SIGN_OFF = re.compile(
    r"^(?:thanks|thank you|many thanks|thanks again|best|best wishes|best regards|kind regards|regards|"
    r"warm regards|warmly|cheers|all the best|with thanks|take care)[,.!]*$",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,3}$")  # "Jane", "Jane O'Neill"


def _split_sign_off(body: list[str]) -> tuple[list[str], str]:
    """("Thanks,", "Jane") closing a message: the lines before it and the name, else (body, "")."""
    if len(body) > 2 and SIGN_OFF.match(body[-2].strip()) and _NAME.match(body[-1].strip()):
        kept = body[:-2]
        while kept and not kept[-1].strip():
            kept.pop()
        return kept, body[-1].strip()
    return body, ""


def _is_reaction(line: str) -> bool:
    """Slack copies include reaction counts (":tada: 3") and "(edited)" marks."""
    stripped = line.strip()
    return bool(re.fullmatch(r"(?::[\w+-]+:\s*\d*\s*)+", stripped)) or stripped == "(edited)"
