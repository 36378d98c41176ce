"""Messages where they belong: a kudos e-mail or a Slack copy dropped on Import becomes praise,
read by the same reader as Journal -> Add praise; tables saved as .txt still load as tables."""

from __future__ import annotations

import datetime as dt

import pytest

from core.ingest.importer import load_paths, load_uploads
from core.ingest.messages import looks_like_message, read_message
from core.ingest.pasted import parse_pasted
from tests.conftest import FIXTURES

MESSAGES = FIXTURES / "messages"
TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("name", "author", "role", "date", "channel", "starts", "ends"),
    [
        ("kudos_outlook.txt", "Hannah Schulz", "", dt.date(2026, 6, 24), "email", "Hi Sofia,",
         "saved at least two deals."),
        ("kudos.eml", "Daniel Reyes", "", dt.date(2026, 3, 13), "email", "Hi Sofia,",
         "the smoothest launch this team has run."),
        ("slack_dated.txt", "Lena Okoro", "Events", dt.date(2026, 10, 3), "Slack", "Best booth",
         "pulled people in all day."),
        ("slack_time.txt", "Grace Liu", "", TODAY, "Slack", "Wave 1 is 35%",
         "on the checklist!"),
        ("note_no_date.txt", "Laura", "", None, "", "Hi Sofia,", "Thank you!"),
    ],
)  # fmt: skip
def test_message_files_are_read_like_a_pasted_message(name, author, role, date, channel, starts, ends):
    message = read_message(name, (MESSAGES / name).read_bytes(), TODAY)
    assert message is not None
    read = message.praise
    assert (read.author, read.role, read.date, read.channel) == (author, role, date, channel)
    # greeting kept, sign-off, signature, reactions and "(edited)" dropped
    assert read.text.startswith(starts) and read.text.endswith(ends), read.text


@pytest.mark.parametrize("name", ["praise_table.txt", "list_not_signed.txt"])
def test_tables_and_unsigned_notes_are_not_messages(name):
    assert read_message(name, (MESSAGES / name).read_bytes(), TODAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From: a@b.example\nSubject: thanks\n\nGreat work", True),
        ("On Tue, Mar 4, 2026 at 10:42 AM Jane Doe <jane@x.example> wrote:\nThanks!", True),
        ("Jane Doe  10:42 AM\nGreat launch", True),
        ("Jane Doe (Sales) - Oct 3, 2026\nGreat launch", True),
        ("Hello team,\nThe webinar went well.\nBest,\nSam", True),
        ("date,text,from\n2026-01-01,Great,Sam", False),
        ("Date;Quote;Who\n2026-01-01;Great;Sam", False),
        ("Hello team,\nThe webinar went well.", False),  # no sign-off: could be anything
        ("From the start of the year I kept this list\nlaunch\nwebinar", False),
        ("", False),
    ],
)
def test_looks_like_message(text, expected):
    assert looks_like_message(text) is expected


@pytest.mark.parametrize(
    ("header", "author", "role", "date"),
    [
        ("Lena Okoro (Events) - Oct 3, 2026", "Lena Okoro", "Events", dt.date(2026, 10, 3)),
        ("Lena Okoro (Events) — October 3rd, 2026", "Lena Okoro", "Events", dt.date(2026, 10, 3)),
        ("Lena Okoro  Oct 3, 2026 at 4:15 PM", "Lena Okoro", "", dt.date(2026, 10, 3)),
        ("Lena Okoro  10:42 AM", "Lena Okoro", "", TODAY),
        ("Lena Okoro — Yesterday at 10:42", "Lena Okoro", "", TODAY - dt.timedelta(days=1)),
        ("Lena Okoro\nOct 3, 2026", "Lena Okoro", "", dt.date(2026, 10, 3)),
    ],
)
def test_slack_copies_give_the_sender_and_the_date(header, author, role, date):
    read = parse_pasted(f"{header}\nBest booth we've ever had.", TODAY)
    assert (read.author, read.role, read.date, read.channel) == (author, role, date, "Slack")
    assert read.text == "Best booth we've ever had."


def test_an_email_txt_and_an_eml_import_as_praise_beside_a_spreadsheet():
    loaded = load_paths([MESSAGES / "kudos_outlook.txt", MESSAGES / "kudos.eml", FIXTURES / "utf8_bom.csv"])
    by_file = {p.origin.file: p for p in loaded.praise}
    outlook = by_file["kudos_outlook.txt"]
    assert (outlook.author, outlook.date, outlook.channel) == ("Hannah Schulz", dt.date(2026, 6, 24), "email")
    assert outlook.extra == {"subject": "ShipFast price cut - thank you"}
    assert by_file["kudos.eml"].author == "Daniel Reyes"
    assert not [f for f in loaded.files if f.needs_mapping or f.error]
    assert loaded.rows_read == len(loaded.stories) + len(loaded.praise) + loaded.rows_skipped


def test_a_message_without_a_date_is_reported_with_where_to_add_it():
    loaded = load_paths([MESSAGES / "note_no_date.txt"])
    assert (len(loaded.praise), loaded.rows_read, loaded.rows_skipped) == (0, 1, 1)
    [problem] = loaded.problems
    assert problem.severity == "error" and "Journal → Add praise" in problem.message
    assert not loaded.files[0].needs_mapping


def test_a_table_saved_as_txt_still_loads_as_a_table():
    loaded = load_paths([MESSAGES / "praise_table.txt"])
    assert [p.author for p in loaded.praise] == ["Dan", "Amy"]


def test_a_damaged_eml_gets_one_plain_message():
    loaded = load_uploads([("broken.eml", b"not an e-mail at all")])
    assert loaded.files[0].error and "From:" in loaded.files[0].error


@pytest.mark.parametrize(("name", "warned"), [("slack_time.txt", True), ("slack_dated.txt", False),
                                              ("kudos_outlook.txt", False)])
def test_a_slack_copy_with_only_a_time_says_its_date_was_taken_as_today(name, warned):
    loaded = load_paths([MESSAGES / name])
    assert len(loaded.praise) == 1
    warnings = [p.message for p in loaded.problems if p.severity == "warning"]
    assert bool(warnings) is warned and all("taken as today" in w for w in warnings)
