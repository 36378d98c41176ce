"""Import, table-driven over the fixture corpus (made by scripts/make_fixtures.py with LibreOffice)."""

from __future__ import annotations

import datetime as dt

import pytest

from core.ingest.dates import parse_column
from core.ingest.headers import PRAISE_SYNONYMS, STORY_SYNONYMS, match_header, sheet_name_kind
from core.ingest.importer import load_paths, load_uploads
from core.ingest.readers import Limits, detect_delimiter, read_tables
from tests.conftest import FIXTURES

D = dt.date

# fixture -> (stories, praise, rows_read, rows_skipped, file error containing, or None)
COUNTS = [
    ("libreoffice_wins.xlsx", 5, 3, 10, 2, None),
    ("libreoffice_wins.xls", 5, 3, 10, 2, None),
    ("libreoffice_wins.ods", 5, 3, 10, 2, None),
    ("star_serial_dates.xlsx", 3, 0, 3, 0, None),
    ("excel_windows_semicolon.csv", 0, 4, 4, 0, None),
    ("utf8_bom.csv", 6, 0, 7, 1, None),
    ("ambiguous_dates.csv", 3, 0, 3, 0, None),
    ("us_dates.tsv", 0, 3, 3, 0, None),
    ("Recommendations_Received.csv", 0, 3, 3, 0, None),
    ("exported.xlsx", 3, 2, 5, 0, None),
    ("empty.csv", 0, 0, 0, 0, "empty"),
    ("corrupt.xlsx", 0, 0, 0, 0, "damaged"),
    ("encrypted.xlsx", 0, 0, 0, 0, "password-protected"),
    ("password_protected.xlsx", 0, 0, 0, 0, "password-protected"),  # really encrypted (msoffcrypto)
    ("binary_renamed.csv", 0, 0, 0, 0, "not a text file"),
    ("zip_bomb.xlsx", 0, 0, 0, 0, "unsafe"),
    ("needs_mapping.csv", 0, 0, 0, 0, "pick the columns"),
]


@pytest.mark.parametrize(("name", "stories", "praise", "read", "skipped", "error"), COUNTS)
def test_each_fixture_loads_with_the_right_counts(name, stories, praise, read, skipped, error):
    ds = load_paths([FIXTURES / name])
    status = ds.files[0]
    counts = (len(ds.stories), len(ds.praise), ds.rows_read, ds.rows_skipped)
    assert counts == (stories, praise, read, skipped)
    assert ds.rows_read == len(ds.all_items) + ds.rows_skipped
    if error is None:
        assert status.error is None
    else:
        assert error in status.error
        # One clear message for the whole file, as a file-level problem.
        file_level = [p for p in ds.problems if p.row is None and p.severity == "error"]
        assert [p.message for p in file_level] == [status.error]


# fixture, item id -> expected date (and a text snippet proving it is the right row)
DATES = [
    ("libreoffice_wins.xlsx", "S1", D(2025, 1, 14), "Cut CI time"),
    ("libreoffice_wins.xls", "S5", D(2025, 6, 30), "Incident commander"),
    ("libreoffice_wins.ods", "P3", D(2025, 7, 1), "Calm and clear"),
    ("star_serial_dates.xlsx", "S1", D(2025, 1, 15), "Queue at 300"),  # serial 45672
    ("star_serial_dates.xlsx", "S3", D(2025, 3, 15), "Flaky deploys"),  # serial 45731.5 (with a time)
    ("excel_windows_semicolon.csv", "P1", D(2025, 3, 15), "démo"),
    ("excel_windows_semicolon.csv", "P2", D(2025, 4, 3), "Danke"),  # 03/04: day-first like the column
    ("utf8_bom.csv", "S1", D(2025, 1, 10), "status page"),
    ("utf8_bom.csv", "S2", D(2025, 3, 15), "offsite"),  # 15-Mar-2025
    ("utf8_bom.csv", "S3", D(2025, 3, 1), "hiring rubric"),  # March 2025
    ("utf8_bom.csv", "S4", D(2025, 4, 1), "toil"),  # 2025-Q2
    ("utf8_bom.csv", "S5", D(2025, 7, 1), "mentoring"),  # Q3 2025
    ("utf8_bom.csv", "S6", D(2025, 8, 14), "data leak"),  # datetime with a time
    ("ambiguous_dates.csv", "S1", D(2025, 4, 3), "planning"),  # read day-first, with a warning
    ("us_dates.tsv", "P1", D(2025, 1, 5), "API"),  # 01/05: month-first like 03/15
    ("us_dates.tsv", "P3", D(2025, 2, 3), "demo"),
    ("Recommendations_Received.csv", "P1", D(2024, 4, 15), "pleasure"),  # 04/15/24, 09:25 PM
    ("Recommendations_Received.csv", "P2", D(2023, 11, 2), "vague brief"),  # 11/02/23: month-first
    ("exported.xlsx", "S7", D(2025, 2, 1), "Shipped search"),
]


@pytest.mark.parametrize(("name", "item_id", "date", "snippet"), DATES)
def test_dates_are_read_per_column(name, item_id, date, snippet):
    item = load_paths([FIXTURES / name]).by_id()[item_id]
    assert item.date == date
    assert snippet in (item.text + getattr(item, "title", ""))


# fixture -> a problem that must be reported: (sheet, row, column, severity, message snippet)
PROBLEMS = [
    ("libreoffice_wins.xlsx", "My wins", 8, "Date", "error", "'sometime in spring' is not a date"),
    ("libreoffice_wins.ods", "Kudos", 4, "Kudos", "error", "no quote"),
    ("libreoffice_wins.xls", "My wins", 6, "Impact", "warning", "Impact '10' is not a number from 1 to 5"),
    ("libreoffice_wins.xlsx", "My wins", None, "Mood", "warning", "kept with each row"),
    ("libreoffice_wins.xlsx", "Read me", None, None, "warning", "skipped"),
    # Text files count physical lines: the cell on line 2 runs onto line 3, so this row is line 9.
    ("utf8_bom.csv", None, 9, "Date", "error", "'2025-09-31' is not a real date"),
    ("utf8_bom.csv", None, None, "Notes from me", "warning", "isn't one Advocate knows"),
    ("ambiguous_dates.csv", None, None, "Date", "warning", "read as day/month/year"),
    ("Recommendations_Received.csv", None, 6, "Status", "warning", "HIDDEN"),
    ("exported.xlsx", "Stories", 3, "id", "warning", "Id 'S7' is used more than once"),
]


@pytest.mark.parametrize(("name", "sheet", "row", "column", "severity", "snippet"), PROBLEMS)
def test_problems_name_file_sheet_row_and_column(name, sheet, row, column, severity, snippet):
    ds = load_paths([FIXTURES / name])
    found = [
        p
        for p in ds.problems
        if (p.file, p.sheet, p.row, p.column, p.severity) == (name, sheet, row, column, severity)
        and snippet in p.message
    ]
    assert len(found) == 1, [p.as_dict() for p in ds.problems]


def test_files_without_problems_report_none():
    for name in ("star_serial_dates.xlsx", "excel_windows_semicolon.csv", "us_dates.tsv"):
        assert load_paths([FIXTURES / name]).problems == []


def test_star_headers_become_car_and_what_i_did_is_the_action():
    story = load_paths([FIXTURES / "star_serial_dates.xlsx"]).stories[0]
    assert story.challenge == "Queue at 300 tickets\n\nGet it under 50"  # Situation + Task
    assert story.action == "Triaged with a rota"
    assert story.result == "Queue at 40"  # "Outcome/Impact statement"


def test_workbook_fields_kinds_lists_and_extras():
    ds = load_paths([FIXTURES / "libreoffice_wins.xlsx"])
    by_title = {s.title: s for s in ds.stories}
    assert by_title["Cut CI time"].competencies == ("Technical excellence", "Efficiency")
    assert by_title["Incident commander"].competencies == ("Leadership", "Communication")
    assert by_title["Cut CI time"].impact == 4
    assert by_title["Missed the Q1 launch"].story_kind == "struggle"  # "failure"
    assert by_title["Missed the Q1 launch"].impact is None  # 10 is out of range: left empty
    assert by_title["Learned Terraform"].story_kind == "lesson"  # "learning"
    assert by_title["Onboarded two juniors"].story_kind == "win"  # default
    assert by_title["Cut CI time"].extra == {"Mood": "proud"}
    assert by_title["Cut CI time"].origin.sheet == "My wins" and by_title["Cut CI time"].origin.row == 4
    assert [p.author for p in ds.praise] == ["Priya Shah", "Tom Becker", "Sam O'Neil"]


def test_cp1252_accents_and_multiline_cells_survive():
    praise = load_paths([FIXTURES / "excel_windows_semicolon.csv"]).praise
    assert [p.author for p in praise] == ["José Müller", "Zoë Françoise", "Søren Åberg", "Chloé Dubois"]
    assert "–" in praise[2].text  # an en dash, cp1252 0x96
    story = load_paths([FIXTURES / "utf8_bom.csv"]).stories[0]
    assert story.result == "Support tickets down 30%\nand fewer escalations"
    assert story.tags == ("ops", "comms")
    assert story.origin.row == 2


def test_linkedin_export_becomes_praise():
    praise = load_paths([FIXTURES / "Recommendations_Received.csv"]).praise
    first, _second, hidden = praise
    assert first.author == "Maria Gonzalez"
    assert first.role == "Engineering Manager at Acme Corp"
    assert first.channel == "LinkedIn"
    assert first.text.startswith("I had the pleasure") and "\n\nAlex is a rare engineer" in first.text
    assert (first.hidden, hidden.hidden) == (False, True)


def test_exported_workbook_keeps_ids_hidden_flags_and_mapping():
    ds = load_paths([FIXTURES / "exported.xlsx"])
    assert [s.id for s in ds.stories] == ["S7", "S1", "S2"]  # duplicate S7 renumbered, blank id numbered
    assert [p.id for p in ds.praise] == ["P1", "P2"]
    assert [p.hidden for p in ds.praise] == [False, True]
    assert ds.stories[0].tags == ("backend", "perf") and ds.stories[0].metric == "p95 300ms"
    assert ds.overrides == {"S7": ["Technical excellence", "Ownership"], "P2": []}


def test_ids_are_sequential_in_load_order_across_files():
    ds = load_paths([FIXTURES / "ambiguous_dates.csv", FIXTURES / "libreoffice_wins.xlsx"])
    assert [s.id for s in ds.stories] == [f"S{i}" for i in range(1, 9)]
    assert [s.origin.file for s in ds.stories[:3]] == ["ambiguous_dates.csv"] * 3
    assert [p.id for p in ds.praise] == ["P1", "P2", "P3"]


def test_bad_files_do_not_stop_the_good_ones():
    names = ["empty.csv", "corrupt.xlsx", "libreoffice_wins.xlsx", "encrypted.xlsx", "binary_renamed.csv"]
    ds = load_paths([FIXTURES / n for n in names])
    assert (len(ds.stories), len(ds.praise)) == (5, 3)
    assert [f.error is None for f in ds.files] == [False, False, True, False, False]


def test_missing_path_is_reported_not_raised(tmp_path):
    ds = load_paths([tmp_path / "nope.xlsx"])
    assert "No such file" in ds.files[0].error


def test_duplicate_rows_across_files_load_once():
    data = (FIXTURES / "utf8_bom.csv").read_bytes()
    ds = load_uploads([("a.csv", data), ("b.csv", data + b"\r\n")])  # same rows, not the same file
    assert len(ds.stories) == 6
    assert ds.rows_read == 14 and ds.rows_skipped == 2 + 6
    assert ds.rows_read == len(ds.all_items) + ds.rows_skipped
    dupes = [p for p in ds.problems if "loaded once" in p.message]
    assert len(dupes) == 6 and {p.file for p in dupes} == {"b.csv"}
    assert dupes[0].row == 2 and "row 2" in dupes[0].message and "a.csv" in dupes[0].message


def test_every_fixture_together_accounts_for_every_row():
    ds = load_paths(sorted(FIXTURES.iterdir()))
    assert ds.rows_read == len(ds.all_items) + ds.rows_skipped
    for status in ds.files:
        assert status.rows_read == status.stories + status.praise + status.rows_skipped
    skipped_rows = [p for p in ds.problems if p.row is not None and p.severity == "error"]
    duplicates = [p for p in ds.problems if "loaded once" in p.message]
    assert len(skipped_rows) + len(duplicates) == ds.rows_skipped
    assert len({i.id for i in ds.items}) == len(ds.items)


def test_unrecognised_columns_ask_for_a_mapping_then_load():
    name, data = "needs_mapping.csv", (FIXTURES / "needs_mapping.csv").read_bytes()
    first = load_uploads([(name, data)])
    status = first.files[0]
    assert status.needs_mapping == "story"
    assert status.columns == ["Day logged", "Thing I'm proud of", "Who noticed"]
    mapping = {name: {"date": "Day logged", "description": "Thing I'm proud of"}}
    second = load_uploads([(name, data)], column_mapping=mapping)
    assert second.files[0].error is None and second.files[0].needs_mapping is None
    assert [(s.date, s.description) for s in second.stories] == [
        (D(2025, 2, 2), "Paired with QA on the release"),
        (D(2025, 2, 20), "Fixed the flaky login test"),
    ]
    assert (second.stories[0].noticed_by, second.stories[0].extra) == ("Lena", {})
    as_praise = load_uploads(
        [(name, data)], column_mapping={name: {"date": "Day logged", "text": "Thing I'm proud of"}}
    )
    assert len(as_praise.praise) == 2 and not as_praise.stories


def test_mapping_naming_missing_columns_is_an_error():
    name, data = "needs_mapping.csv", (FIXTURES / "needs_mapping.csv").read_bytes()
    ds = load_uploads([(name, data)], column_mapping={name: {"date": "When", "description": "What"}})
    assert "'When'" in ds.files[0].error and not ds.items


# ------------------------------------------------------------------ limits and readers


@pytest.mark.parametrize(
    ("name", "limits", "snippet"),
    [
        ("utf8_bom.csv", Limits(max_bytes=100), "over the 0.0 MB limit"),
        ("utf8_bom.csv", Limits(max_rows=3), "more than 3 rows"),
        ("libreoffice_wins.xlsx", Limits(max_rows=4), "more than 4 rows"),
        ("libreoffice_wins.ods", Limits(max_rows=4), "more than 4 rows"),
        ("zip_bomb.xlsx", Limits(), "would unpack to 120.0 MB"),
    ],
)
def test_limits_refuse_the_file_with_one_message(name, limits, snippet):
    ds = load_uploads([(name, (FIXTURES / name).read_bytes())], limits=limits)
    assert snippet in ds.files[0].error and not ds.items


def test_huge_csv_is_refused_before_it_is_all_parsed():
    data = b"Date,Description\n" + b"2025-01-01,x\n" * 1_000_000
    with pytest.raises(Exception, match="more than 50,000 rows"):
        read_tables("big.csv", data, Limits(max_bytes=50 * 1024 * 1024))


@pytest.mark.parametrize(
    ("text", "ext", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ".csv", ","),
        ("a;b;c\n1,5;2;3\n", ".csv", ";"),
        ("a\tb\tc\n1\t2\t3\n", ".txt", "\t"),
        ('date,text\n2025-01-01,"one; two; three"\n', ".csv", ","),
        ("only one column\nvalue\n", ".tsv", "\t"),
    ],
)
def test_delimiter_detection(text, ext, delimiter):
    assert detect_delimiter(text, ext) == delimiter


def test_workbook_renamed_csv_is_read_as_a_workbook():
    data = (FIXTURES / "libreoffice_wins.xlsx").read_bytes()
    ds = load_uploads([("wins.csv", data)])
    assert (len(ds.stories), len(ds.praise)) == (5, 3)
    assert any("is a spreadsheet workbook" in p.message for p in ds.problems)


def test_utf16_text_export_is_decoded():
    data = "Date\tQuote\tFrom\n2025-02-01\tMerci beaucoup\tRenée\n".encode("utf-16")
    ds = load_uploads([("unicode.txt", data)])
    assert [(p.text, p.author) for p in ds.praise] == [("Merci beaucoup", "Renée")]


# ------------------------------------------------------------------ dates, headers


@pytest.mark.parametrize(
    ("values", "expected", "order"),
    [
        (["2025-03-15", "2025-03-15T09:30:00"], [D(2025, 3, 15)] * 2, None),
        (["15/03/2025", "03/04/2025"], [D(2025, 3, 15), D(2025, 4, 3)], "day-first"),
        (["03/15/2025", "03/04/2025"], [D(2025, 3, 15), D(2025, 3, 4)], "month-first"),
        (["15.03.2025", "1.4.25"], [D(2025, 3, 15), D(2025, 4, 1)], "day-first"),
        (["15-Mar-2025", "Mar 15, 2025", "15 March 2025"], [D(2025, 3, 15)] * 3, None),
        (["March 2025", "Sept 2024", "2025-03"], [D(2025, 3, 1), D(2024, 9, 1), D(2025, 3, 1)], None),
        (["2025-Q1", "Q4 2024", "Q2-2025"], [D(2025, 1, 1), D(2024, 10, 1), D(2025, 4, 1)], None),
        (["45731", 45731.75, dt.datetime(2025, 3, 15, 10, 0)], [D(2025, 3, 15)] * 3, None),
        (["04/15/24, 09:25 PM"], [D(2024, 4, 15)], "month-first"),
    ],
)
def test_date_formats(values, expected, order):
    result = parse_column(values, "Date")
    assert result.dates == expected and result.errors == {}
    assert result.order == order


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "missing"),
        ("next week", "not a date we can read"),
        ("2025-02-30", "not a real date"),
        (2025, "not a date"),
        ("13/13/2025", "not a real date"),
    ],
)
def test_unreadable_dates_are_reported_not_guessed(value, reason):
    result = parse_column(["2025-01-01", value], "When")
    assert result.dates[1] is None and reason in result.errors[1]


def test_ambiguous_column_warns_which_reading_was_used():
    result = parse_column(["03/04/2025", "05/06/2025"], "When")
    assert result.dates == [D(2025, 4, 3), D(2025, 6, 5)]
    assert "'When'" in result.warning and "day/month/year" in result.warning
    assert parse_column(["03/04/2025"], "When", order="month-first").dates == [D(2025, 3, 4)]


def test_a_value_against_the_columns_order_is_an_error():
    result = parse_column(["15/03/2025", "16/03/2025", "03/17/2025"], "Date")
    assert result.order == "day-first" and result.dates[2] is None
    assert "day/month/year like the rest of column 'Date'" in result.errors[2]


@pytest.mark.parametrize(
    ("header", "synonyms", "field"),
    [
        ("Situation", STORY_SYNONYMS, "challenge"),
        ("TASK", STORY_SYNONYMS, "challenge"),
        ("What I did", STORY_SYNONYMS, "action"),
        ("Outcome/Impact statement", STORY_SYNONYMS, "result"),
        ("Impact (1-5)", STORY_SYNONYMS, "impact"),
        ("Date *", STORY_SYNONYMS, "date"),
        ("Date (required)", STORY_SYNONYMS, "date"),
        ("Kudos", PRAISE_SYNONYMS, "text"),
        ("Quote", PRAISE_SYNONYMS, "text"),
        ("Who", PRAISE_SYNONYMS, "from"),
        ("Giver", PRAISE_SYNONYMS, "from"),
        ("Creation Date", PRAISE_SYNONYMS, "date"),
        ("Mood", STORY_SYNONYMS, None),
    ],
)
def test_header_synonyms(header, synonyms, field):
    assert match_header(header, synonyms) == field


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Stories", "story"), ("Brag doc", "story"), ("Wins 2025", "story"), ("Kudos", "praise"),
     ("Recommendations_Received", "praise"), ("Instructions", "notes"), ("Read me", "notes"),
     ("Mapping", "mapping"), ("Sheet1", None)],
)  # fmt: skip
def test_sheet_names(name, kind):
    assert sheet_name_kind(name) == kind


# ------------------------------------------------------------------ small inline files, field rules

INLINE = [
    # (csv text, attribute, expected values in row order)
    ("sep=;\nDate;Description\n2025-01-01;Excel's sep line\n", "origin_row", [2]),
    ("Date,What I did,Impact\n2025-01-01,a,High\n2025-01-02,b,4/5\n2025-01-03,c,3.0\n", "impact",
     [None, 4, 3]),
    ("Date,What I did,Impact\n2025-01-01,a,Customers renewed early\n2025-01-02,b,Churn fell a third\n",
     "result", ["Customers renewed early", "Churn fell a third"]),
    ("Date,Action,Type\n2025-01-01,a,Setback\n2025-01-02,b,Lesson learned\n2025-01-03,c,WIN\n",
     "story_kind", ["struggle", "lesson", "win"]),
    ("Date,Action,Kind\n2025-01-01,a,meh\n", "story_kind", ["win"]),
    ("Date,Action,Competencies,Labels\n2025-01-01,a,\"Leadership, Delivery\",x;y;x\n", "lists",
     [(("Leadership", "Delivery"), ("x", "y"))]),
    ("Date,Action,Skills\n2025-01-01,a,\"Leadership, Delivery\"\n", "theme", ["Leadership, Delivery"]),
    ("Date,Quote,Who,Private\n2025-01-01,q1,A,yes\n2025-01-02,q2,B,\n2025-01-03,q3,C,FALSE\n", "hidden",
     [True, False, False]),
    ("Date,Feedback,First name,Last name\n2025-01-01,q,Ada,Lovelace\n", "author", ["Ada Lovelace"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "attribute", "expected"), INLINE)
def test_field_rules(text, attribute, expected):
    ds = load_uploads([("inline.csv", text.encode())])
    assert ds.rows_skipped == 0
    getters = {
        "origin_row": lambda i: i.origin.row,
        "lists": lambda i: (i.competencies, i.tags),
    }
    get = getters.get(attribute, lambda i: getattr(i, attribute))
    assert [get(i) for i in ds.items] == expected


def test_a_story_row_without_any_story_text_is_reported():
    ds = load_uploads([("x.csv", b"Date,Title,Action\n2025-01-01,Only a title,\n")])
    assert not ds.stories and ds.rows_skipped == 1
    (problem,) = ds.problems
    assert (problem.row, problem.column, problem.severity) == (2, "Action", "error")
    assert "no challenge, action, result or description" in problem.message


def test_old_xls_renamed_xlsx_still_opens():
    ds = load_uploads([("renamed.xlsx", (FIXTURES / "libreoffice_wins.xls").read_bytes())])
    assert ds.files[0].error is None and (len(ds.stories), len(ds.praise)) == (5, 3)
