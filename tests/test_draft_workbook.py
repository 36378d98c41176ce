"""The round-trip workbook: formula-safe cells, and export -> import gives the same working set."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.ingest.importer import load_uploads
from core.model import Dataset, Praise, Story
from core.writing.workbook import PRAISE_HEADERS, STORY_HEADERS, write_workbook

INJECTIONS = ["=1+1", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://evil","x")', "=cmd|'/c calc'!A0"]


def sheet_xml(data: bytes) -> dict[str, str]:
    """Worksheet name -> its XML, read straight from the xlsx zip."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="/?(?:xl/)?([^"]+)"', rels))
        targets |= {k: v for v, k in re.findall(r'Target="/?(?:xl/)?([^"]+)"[^>]*Id="(rId\d+)"', rels)}
        names = re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="(rId\d+)"', workbook)
        return {name: archive.read("xl/" + targets[rid]).decode() for name, rid in names}


def injection_dataset() -> Dataset:
    stories = [
        Story(
            f"S{i + 1}",
            dt.date(2025, 1, 1 + i),
            title=text,
            challenge=text,
            action=text,
            result=text,
            project=text,
            link=text,
            metric=text,
            tags=(text,),
            extra={"Owner ref": text},
        )
        for i, text in enumerate(INJECTIONS)
    ]
    praise = [
        Praise(
            f"P{i + 1}",
            dt.date(2025, 2, 1 + i),
            text,
            author=text,
            role=text,
            channel=text,
            extra={"Owner ref": text},
        )
        for i, text in enumerate(INJECTIONS)
    ]
    return Dataset(stories=stories, praise=praise)


def test_no_cell_becomes_a_formula():
    data = write_workbook(injection_dataset(), {"S1": ["=evil()"]})
    sheets = sheet_xml(data)
    assert list(sheets) == ["Stories", "Praise", "Mapping"]
    for xml in sheets.values():
        assert "<f>" not in xml and "<f " not in xml
    # Every cell whose text starts with a formula character is a string cell with quotePrefix.
    with zipfile.ZipFile(BytesIO(data)) as archive:
        styles = archive.read("xl/styles.xml").decode()
    xfs = re.findall(r"<xf [^>]*?/?>", styles.split("<cellXfs")[1].split("</cellXfs>")[0])
    quoted = {str(i) for i, xf in enumerate(xfs) if 'quotePrefix="1"' in xf}
    cells = re.findall(
        r'<c r="[A-Z]+\d+"([^>]*)><is><t[^>]*>([^<]*)</t>', sheets["Stories"] + sheets["Praise"]
    )
    risky = [(attrs, text) for attrs, text in cells if text[:1] in "=+-@"]
    assert len(risky) >= len(INJECTIONS) * 10
    for attrs, _text in risky:
        assert 't="inlineStr"' in attrs or 't="s"' in attrs
        assert re.search(r's="(\d+)"', attrs).group(1) in quoted


def test_headers_are_canonical_then_extra_fields():
    data = write_workbook(injection_dataset(), {})
    sheets = sheet_xml(data)
    for name, canonical in (("Stories", STORY_HEADERS), ("Praise", PRAISE_HEADERS)):
        first_row = re.search(r'<row r="1"[^>]*>(.*?)</row>', sheets[name]).group(1)
        headers = re.findall(r"<t[^>]*>([^<]*)</t>", first_row)
        assert headers == [*canonical, "Owner ref"]


def _canonical(item) -> dict:
    data = item.as_dict()
    data.pop("origin")
    return data


def assert_round_trip(dataset: Dataset, overrides: dict[str, list[str]]) -> None:
    back = load_uploads([("advocate-workbook.xlsx", write_workbook(dataset, overrides))])
    assert [p for p in back.problems if p.severity == "error"] == []
    assert [_canonical(i) for i in back.stories] == [_canonical(i) for i in dataset.stories]
    assert [_canonical(i) for i in back.praise] == [_canonical(i) for i in dataset.praise]
    assert back.overrides == overrides


def test_injection_text_round_trips_unchanged():
    assert_round_trip(injection_dataset(), {"S1": ["=evil()", "Delivery"], "P2": []})


# Text as the importer gives it back: no surrounding whitespace (cells are trimmed), no control
# characters other than newline (XML 1.0 can't carry them), "\r" already folded into "\n", no
# direction overrides or byte-order marks (the workbook drops them: test_invisible_controls_are_dropped).
_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Cn", "Zl", "Zp"),
    blacklist_characters="\x85\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)
_PIECES = st.one_of(
    st.text(_CHARS, max_size=6), st.sampled_from(["\n", "=", "+", "-", "@", "_x0041_", ";", ","])
)
_TEXT = st.lists(_PIECES, max_size=6).map(lambda parts: "".join(parts).strip())
_LEADING = st.builds(
    lambda lead, rest: (lead + rest).strip(), st.sampled_from(["=", "+", "-", "@", ""]), _TEXT
)
_NAME = _TEXT.map(lambda t: t.replace(";", " ").replace("\n", " ").strip()).filter(bool)
_NAMES = st.lists(_NAME, max_size=3, unique_by=lambda t: t.strip())
_DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31))
_EXTRA = st.dictionaries(st.sampled_from(["Owner ref", "Zeta field"]), _LEADING.filter(bool), max_size=2)


@st.composite
def working_sets(draw):
    stories = []
    for index in range(draw(st.integers(0, 4))):
        fields = {name: draw(_LEADING) for name in ("title", "challenge", "action", "result", "description")}
        if not any(fields[k] for k in ("challenge", "action", "result", "description")):
            fields["action"] = "=" + draw(_NAME)
        stories.append(
            Story(
                f"S{index + 1}",
                draw(_DATES),
                **fields,
                competencies=tuple(draw(_NAMES)),
                impact=draw(st.one_of(st.none(), st.integers(1, 5))),
                story_kind=draw(st.sampled_from(["win", "struggle", "lesson"])),
                project=draw(_LEADING),
                tags=tuple(draw(_NAMES)),
                link=draw(_LEADING),
                metric=draw(_LEADING),
                extra=draw(_EXTRA),
            )
        )
    praise = []
    for index in range(draw(st.integers(0 if stories else 1, 4))):
        praise.append(
            Praise(
                f"P{index + 1}",
                draw(_DATES),
                draw(_LEADING.filter(bool)),
                author=draw(_LEADING),
                role=draw(_LEADING),
                channel=draw(_LEADING),
                link=draw(_LEADING),
                competencies=tuple(draw(_NAMES)),
                hidden=draw(st.booleans()),
                extra=draw(_EXTRA),
            )
        )
    ids = [i.id for i in [*stories, *praise]]
    overrides = draw(st.dictionaries(st.sampled_from(ids), _NAMES, max_size=len(ids)))
    return Dataset(stories=stories, praise=praise), overrides


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(working_sets())
def test_export_then_import_gives_back_the_same_working_set(case):
    dataset, overrides = case
    assert_round_trip(dataset, overrides)


@pytest.mark.parametrize(
    ("competencies", "note"),
    [
        (("Communication, clarity",), "a single name with a comma stays one name"),
        (("A", "B, C"), "several names, one with a comma"),
        ((), "no names"),
    ],
)
def test_list_cells_round_trip(competencies, note):
    story = Story("S1", dt.date(2025, 1, 1), action="did", competencies=competencies, tags=competencies)
    assert_round_trip(Dataset(stories=[story]), {"S1": list(competencies)})


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Invoice \u202egnp.exe\u202c", "Invoice gnp.exe"),
        ("\u2066isolated\u2069 name", "isolated name"),
        ("\ufeffBOM and \x07bell", "BOM and bell"),
        ("C1 \x9bcontrol", "C1 control"),
    ],
)
def test_invisible_controls_are_dropped(text, kept):
    """Direction overrides and invisible controls never reach the workbook: a cell shows what it says."""
    dataset = Dataset(stories=[Story("S1", dt.date(2025, 3, 1), title=text, action=text)],
                      praise=[Praise("P1", dt.date(2025, 3, 2), text, author=text, role=text)])
    back = load_uploads([("advocate-workbook.xlsx", write_workbook(dataset))])
    assert (back.stories[0].title, back.stories[0].action) == (kept, kept)
    assert (back.praise[0].text, back.praise[0].author, back.praise[0].role) == (kept, kept, kept)
