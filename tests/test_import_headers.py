"""Header reading: the synonym table in data/header_synonyms.csv and what each header becomes."""

from __future__ import annotations

import datetime as dt

import pytest

from core.ingest.headers import PRAISE_SYNONYMS, STORY_SYNONYMS, SYNONYM_ROWS, match_header
from core.ingest.importer import load_paths, load_uploads
from tests.conftest import FIXTURES


@pytest.mark.parametrize(("sheet", "field", "header"), SYNONYM_ROWS, ids=lambda v: str(v))
def test_every_synonym_in_the_table_names_its_field(sheet, field, header):
    """Each row of the data file is honoured (a later row never silently shadows an earlier one)."""
    both = (STORY_SYNONYMS, PRAISE_SYNONYMS)
    kinds = {"any": both, "story": (STORY_SYNONYMS,), "praise": (PRAISE_SYNONYMS,)}
    for table in kinds[sheet]:
        assert match_header(header.title(), table) == field


# The headers people wrote in the files that lost their Challenge (issue 13), as written.
PEOPLE_HEADERS = [
    ("What happened", "challenge"),
    ("Context", "challenge"),
    ("Situation", "challenge"),
    ("Problem", "challenge"),
    ("Background", "challenge"),
    ("Impact", "result"),
    ("Outcome", "result"),
    ("Result/metric", "result"),
    ("Win", "title"),
    ("Accomplishment", "title"),
    ("Month", "date"),
    ("When", "date"),
    ("Who noticed", "noticed_by"),
    ("Lesson", "lesson"),
    ("Learned", "lesson"),
    ("Theme", "theme"),
    ("Skill", "theme"),
    ("Organisation", "organisation"),
    ("Company", "organisation"),
    ("Impact (1-5)", "impact"),
]


@pytest.mark.parametrize(("header", "field"), PEOPLE_HEADERS)
def test_story_headers_people_write(header, field):
    assert match_header(header, STORY_SYNONYMS) == field


def test_what_happened_sheet_keeps_its_challenge_and_every_note():
    ds = load_paths([FIXTURES / "google_sheets_what_happened.csv"])
    assert (len(ds.stories), ds.rows_read, ds.rows_skipped) == (2, 2, 0)
    first, second = ds.stories
    assert (first.date, first.challenge, first.action, first.result) == (
        dt.date(2026, 2, 3),
        "Checkout errors doubled after the release",
        "Rolled back and added a canary stage",
        "Errors back to 0.1% within an hour",
    )
    assert (first.noticed_by, first.lesson, first.theme, first.organisation) == (
        "Priya (SRE lead)", "Canary first", "Ownership", "Parcelwise",
    )  # fmt: skip
    assert first.link == "https://example.com/inc/42" and first.extra == {}
    assert second.theme == "Customer focus, Data" and second.competencies == ()
    assert not [p for p in ds.problems if "isn't one Advocate knows" in p.message]


@pytest.mark.parametrize(
    ("text", "attribute", "expected"),
    [
        # A metric is the result when there is no result column, and stays the metric beside one.
        ("Date,Action,Metric\n2026-01-05,a,+12% NPS\n", "result", ["+12% NPS"]),
        ("Date,Action,Result,Metric\n2026-01-05,a,NPS up,+12%\n", "metric", ["+12%"]),
        # A date and a win: the win is the story's text.
        ("Date,Win\n2026-01-05,Shipped search\n", "description", ["Shipped search"]),
        ("Date,Win,What I did\n2026-01-05,Shipped search,Paired\n", "title", ["Shipped search"]),
        # Impact in words is the result; Impact as scores stays the 1-5 rating.
        ("Date,Action,Impact\n2026-01-05,a,Saved $2M\n", "result", ["Saved $2M"]),
        ("Date,Action,Impact\n2026-01-05,a,4\n2026-01-06,b,Low\n", "impact", [4, None]),
    ],
)
def test_columns_that_depend_on_the_sheet(text, attribute, expected):
    ds = load_uploads([("inline.csv", text.encode())])
    assert [getattr(s, attribute) for s in ds.stories] == expected


def test_new_fields_survive_the_workbook_round_trip():
    from core.writing.workbook import write_workbook

    ds = load_paths([FIXTURES / "google_sheets_what_happened.csv"])
    back = load_uploads([("export.xlsx", write_workbook(ds))])
    fields = ("noticed_by", "lesson", "theme", "organisation", "challenge", "result")
    assert [[getattr(s, f) for f in fields] for s in back.stories] == [
        [getattr(s, f) for f in fields] for s in ds.stories
    ]


# ------------------------------------------------------------------ story banks without dates

UNDATED_NOTE = (
    "No date column: these stories were loaded without dates. Give each a month (Import or Timeline page) "
    "to place it on the Timeline; until then they stay out of period figures."
)


@pytest.mark.parametrize(("name", "count"), [("star_story_bank.csv", 2), ("star_bank_organisation.csv", 3)])
def test_story_banks_without_dates_load_as_undated(name, count):
    ds = load_paths([FIXTURES / name])
    assert (len(ds.stories), len(ds.undated), ds.rows_read, ds.rows_skipped) == (0, count, count, 0)
    assert all(s.date is None and s.when == "no date" for s in ds.undated)
    assert [p.message for p in ds.problems if p.column is None] == [UNDATED_NOTE]


def test_star_bank_columns_land_in_their_fields():
    ds = load_paths([FIXTURES / "star_bank_organisation.csv"])
    first = ds.undated[0]
    assert (first.organisation, first.theme, first.lesson) == (
        "Parcelwise", "Ownership", "Alert on the symptom, not the cause",
    )  # fmt: skip
    assert first.challenge == "Duplicate charges hit 300 customers\n\nStop the bleeding and refund"
    assert first.extra == {"Framing": "Tell me about a time you owned a problem"}
    assert [s.id for s in ds.undated] == ["S1", "S2", "S3"]


def test_undated_stories_survive_the_workbook_round_trip():
    from core.writing.workbook import write_workbook

    ds = load_paths([FIXTURES / "star_story_bank.csv"])
    back = load_uploads([("export.xlsx", write_workbook(ds))])
    assert [(s.title, s.date) for s in back.undated] == [(s.title, None) for s in ds.undated]
    assert back.rows_skipped == 0


def test_a_sheet_with_one_story_column_and_no_date_still_asks_for_columns():
    """Only clearly CAR/STAR sheets load undated; 'Competency, Description' is not a story bank."""
    ds = load_uploads([("values.csv", b"Competency,Description\nOwnership,Acts like an owner\n")])
    assert ds.files[0].needs_mapping and not ds.undated
