"""Is this file a message? A kudos e-mail saved as .txt or .eml, or a Slack copy, is one piece of
praise, not a table: offering it the column-matching form (with fields like "Hidden" and "Link")
is the wrong question to ask.

Detection is deliberately narrow: e-mail header lines (From: plus Date:/Sent:/Subject:), a
Gmail "On ... wrote:" line, a Slack header ("Lena Okoro (Events) - Oct 3, 2026", "Name  10:42
AM"), or a greeting on the first line and a sign-off near the end of a text that is not a table.
Everything else goes on to the spreadsheet readers. The fields are read by the very reader
behind Journal -> Add praise (core.ingest.pasted.parse_pasted), so both places agree.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import html
import re
from dataclasses import dataclass
from pathlib import PurePath

from core.ingest.headers import PRAISE_SYNONYMS, STORY_SYNONYMS, match_header
from core.ingest.pasted import SIGN_OFF, PastedPraise, parse_pasted
from core.ingest.readers import ReadError, decode_text

MESSAGE_EXTENSIONS = (".eml",)  # always a message; .txt files are looked at, not assumed
TEXT_MESSAGE_EXTENSIONS = (".txt",)

_HEADER_LINE = re.compile(r"^(from|date|sent|subject|to|cc)\s*:\s*\S", re.IGNORECASE)
_WROTE = re.compile(r"^on .+ wrote:\s*$", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_DAY_NAMED = re.compile(r"\b(?:\d{4}|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                        r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)  # fmt: skip
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|thanks|thank you|congrats|"
    r"congratulations|kudos|shout[- ]?out)\b[^\n]{0,60}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Message:
    """One message read from a file: the praise fields, and how they were found."""

    praise: PastedPraise
    subject: str = ""
    dated_today: bool = False  # the copy shows only a time ("10:42 AM", "Today at 10:42")


def is_message_name(name: str) -> bool:
    return PurePath(name).suffix.lower() in MESSAGE_EXTENSIONS + TEXT_MESSAGE_EXTENSIONS


def read_message(name: str, data: bytes, today: dt.date | None = None) -> Message | None:
    """The message in a .eml or message-like .txt file, or None when it should be read as a table.

    Raises ReadError for a .eml that can't be read (it can't be a table either).
    """
    suffix = PurePath(name).suffix.lower()
    if suffix in MESSAGE_EXTENSIONS:
        return _read_eml(data, today)
    if suffix not in TEXT_MESSAGE_EXTENSIONS:
        return None
    try:
        text = decode_text(data)
    except ReadError:
        return None  # the table reader gives the user its own clear message
    if not looks_like_message(text):
        return None
    read = parse_pasted(text, today)
    head = "\n".join(text.strip().splitlines()[:2])
    dated_today = read.channel == "Slack" and bool(_TIME.search(head)) and not _DAY_NAMED.search(head)
    return Message(read, _subject(text), dated_today)


def looks_like_message(text: str) -> bool:
    """True for text that reads as an e-mail, a chat copy or a note with a greeting and sign-off."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    if not lines or _is_table(lines):
        return False
    head = lines[:6]
    headers = {m[1].lower() for m in (_HEADER_LINE.match(line) for line in head) if m}
    if "from" in headers and headers & {"date", "sent", "subject"}:
        return True
    if _WROTE.match(lines[0]):
        return True
    if len(lines) >= 2 and parse_pasted("\n".join(lines[:8])).channel == "Slack":
        return True
    tail = lines[-3:]
    return bool(_GREETING.match(lines[0])) and any(SIGN_OFF.match(line) for line in tail)


def _is_table(lines: list[str]) -> bool:
    """A header row the importer knows ("date,text,from"), or tab-separated columns."""
    first = lines[0]
    if first.count("\t") >= 1 and len(lines) > 1 and lines[1].count("\t") == first.count("\t"):
        return True
    cells = [c.strip().strip('"') for c in re.split(r"[,;\t|]", first)]
    known = sum(1 for c in cells if match_header(c, STORY_SYNONYMS) or match_header(c, PRAISE_SYNONYMS))
    return len(cells) >= 2 and known >= 2


def _subject(text: str) -> str:
    for line in text.splitlines()[:8]:
        m = re.match(r"^subject\s*:\s*(.*)$", line.strip(), re.IGNORECASE)
        if m:
            return m[1].strip()
    return ""


def _read_eml(data: bytes, today: dt.date | None) -> Message:
    """A saved e-mail (RFC 822): its headers and plain-text body, given to the paste reader."""
    try:
        parsed = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the e-mail package raises many types on damaged input
        raise ReadError("The e-mail file can't be read: save the message again from your mail app.") from exc
    if not parsed.get("from"):
        raise ReadError("The e-mail file has no From: line: save the message again from your mail app.")
    body = ""
    part = parsed.get_body(preferencelist=("plain", "html"))
    if part is not None:
        try:
            body = part.get_content()
        except (LookupError, UnicodeError, ValueError):
            body = ""
        if part.get_content_type() == "text/html":
            body = _html_text(body)
    lines = [f"From: {parsed['from']}"]
    if parsed.get("date"):
        lines.append(f"Date: {parsed['date']}")
    subject = str(parsed.get("subject") or "").strip()
    if subject:
        lines.append(f"Subject: {subject}")
    return Message(parse_pasted("\n".join(lines) + "\n\n" + body.strip(), today), subject)


def _html_text(markup: str) -> str:
    """The words of an HTML e-mail body: tags dropped, paragraphs and line breaks kept."""
    markup = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>", "\n", markup)
    text = html.unescape(re.sub(r"<[^>]+>", " ", markup))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
