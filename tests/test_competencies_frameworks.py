"""Frameworks: the built-ins, the user's CSV / YAML / pasted text, and precise reports on bad files."""

from __future__ import annotations

import pytest

from core.competencies.frameworks import (
    DEFAULT_FRAMEWORK,
    builtin_names,
    framework_key,
    load_builtin,
    merge_frameworks,
    parse_framework,
    parse_pasted,
)
from tests.conftest import SHARED_DATA


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def test_builtins_listed_default_first_and_loadable():
    names = builtin_names()
    assert names[0] == DEFAULT_FRAMEWORK
    assert {"General professional", "Software engineer (IC)", "People manager"} <= set(names)
    for name in names:
        framework = load_builtin(name)
        assert framework.name == name
        assert len(framework.competencies) >= 5
        assert all(c.description for c in framework.competencies)


@pytest.mark.parametrize("spelling", ["general professional", "GENERAL PROFESSIONAL", "general"])
def test_builtin_found_by_any_case_or_file_stem(spelling):
    assert load_builtin(spelling).name == "General professional"


def test_unknown_builtin_is_a_key_error():
    with pytest.raises(KeyError):
        load_builtin("no such framework")


CSV_ISSUE_SHAPE = b"""competency,description,level,expectation,keywords
Communication,Explains things clearly,Junior,Writes clear status updates,writing;updates
Communication,,Junior,Asks questions early,
Communication,,Senior,Presents to leadership,presenting
Delivery,Ships what matters,Junior,Finishes tasks on time,shipping;deadlines
"""


def test_csv_many_rows_per_competency_and_level_are_gathered():
    framework, problems = parse_framework("ladder.csv", CSV_ISSUE_SHAPE)
    assert problems == []
    assert framework.names == ["Communication", "Delivery"]
    assert framework.levels == ["Junior", "Senior"]
    comm = framework.competencies[0]
    assert comm.description == "Explains things clearly"
    assert comm.expectations == {
        "Junior": ["Writes clear status updates", "Asks questions early"],
        "Senior": ["Presents to leadership"],
    }
    assert comm.keywords == ("writing", "updates", "presenting")
    assert framework.name == "Ladder"


def test_csv_flattened_framework_competency_level_text_shape():
    data = b"framework,competency,level,text,category\nacme-ladder,Impact,L1,I finish my tasks,Results\n"
    data += b"acme-ladder,Impact,L2,I finish projects,Results\nacme-ladder,Craft,L1,I write tests,Craft\n"
    framework, problems = parse_framework("acme.csv", data)
    assert errors(problems) == []
    assert framework.name == "acme-ladder"
    assert framework.names == ["Impact", "Craft"]
    assert framework.competencies[0].expectations == {
        "L1": ["I finish my tasks"],
        "L2": ["I finish projects"],
    }


def test_csv_description_and_summary_shape():
    data = b"framework,competency,track_id,category,description,level,summary\n"
    data += b'x,Mobile,MOBILE,Building,"Builds phone apps",1,"Works within an existing app"\n'
    data += b'x,Mobile,MOBILE,Building,"Builds phone apps",2,"Extends the app architecture"\n'
    framework, problems = parse_framework("tracks.csv", data)
    assert errors(problems) == []
    mobile = framework.competencies[0]
    assert mobile.description == "Builds phone apps"
    assert mobile.expectations == {
        "1": ["Works within an existing app"],
        "2": ["Extends the app architecture"],
    }


def test_csv_semicolon_delimited_and_utf8_bom():
    data = "\ufeffcompetency;description\nKommunikation;Erklärt klar\n".encode()
    framework, problems = parse_framework("de.csv", data)
    assert errors(problems) == []
    assert framework.competencies[0].description == "Erklärt klar"


YAML_OK = b"""
name: Acme ladder
levels: [L1, L2]
competencies:
  - name: Communication
    description: Explains clearly
    keywords: [writing, presenting]
    expectations:
      L1: [Writes clear updates]
      L2:
        - Presents to leadership
        - Writes design docs
  - name: Delivery
    description: Ships
"""


def test_yaml_framework():
    framework, problems = parse_framework("acme.yaml", YAML_OK)
    assert problems == []
    assert framework.name == "Acme ladder"
    assert framework.levels == ["L1", "L2"]
    comm = framework.competencies[0]
    assert comm.keywords == ("writing", "presenting")
    assert comm.expectations["L2"] == ["Presents to leadership", "Writes design docs"]
    assert framework.competencies[1].expectations == {}


def test_pasted_text_one_per_line():
    text = "Communication: explains clearly\n\n- Ownership – sees things through\n* Craft\n# a comment\n"
    framework, problems = parse_pasted(text)
    assert problems == []
    assert framework.names == ["Communication", "Ownership", "Craft"]
    assert framework.competencies[0].description == "explains clearly"
    assert framework.competencies[1].description == "sees things through"


BROKEN = [
    # (file name, bytes, severity, row, column, words in the message)
    ("no_comp.csv", b"name_of_thing,description\nA,b\n", "error", 1, "competency", "no column of competency"),
    ("empty.csv", b"", "error", None, None, "empty"),
    (
        "blank_name.csv",
        b"competency,description\nA,ok\n,orphan description\n",
        "error",
        3,
        "competency",
        "empty",
    ),
    ("binary.csv", b"PK\x03\x04\x00\x00garbage", "error", None, None, "binary"),
    (
        "bad.yaml",
        b"name: x\ncompetencies:\n  - name: A\n   description: [unclosed\n",
        "error",
        4,
        None,
        "not valid",
    ),
    ("list.yaml", b"- just\n- a list\n", "error", 1, "(top)", "mapping"),
    ("nocomps.yaml", b"name: X\nlevels: [1]\n", "error", 1, "competencies", "missing"),
    (
        "noname.yaml",
        b"competencies:\n  - description: nameless\n  - name: B\n",
        "error",
        2,
        "competencies[0].name",
        "missing competency name",
    ),
    (
        "badexp.yaml",
        b"competencies:\n  - name: A\n    expectations:\n      L1: {nested: map}\n",
        "error",
        4,
        "competencies[0].expectations.L1",
        "list of texts",
    ),
    (
        "unknown.yaml",
        b"competencies:\n  - name: A\n    colour: blue\n",
        "warning",
        3,
        "competencies[0].colour",
        "unknown key",
    ),
    (
        "levels.yaml",
        b"levels: [L1]\ncompetencies:\n  - name: A\n    expectations:\n      L9: [x]\n",
        "warning",
        5,
        "competencies[0].expectations.L9",
        "not in 'levels'",
    ),
    ("notes.docx", b"anything", "error", None, None, "unsupported"),
]


@pytest.mark.parametrize(
    ("name", "data", "severity", "row", "column", "words"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_bad_framework_files_get_precise_problems(name, data, severity, row, column, words):
    _, problems = parse_framework(name, data)
    match = [p for p in problems if p.severity == severity and words in p.message]
    assert match, problems
    assert match[0].file == name
    assert (match[0].row, match[0].column) == (row, column)
    assert not any("`" in p.message for p in problems)  # shown as plain text: backticks would show


def test_bad_row_is_reported_and_the_rest_kept():
    framework, problems = parse_framework("half.csv", b"competency,description\nA,ok\n,lost\nB,fine\n")
    assert framework.names == ["A", "B"]
    assert [(p.row, p.severity) for p in problems] == [(3, "error")]


@pytest.mark.parametrize(
    ("text", "row", "words"),
    [
        ("A: fine\n: no name here\n", 2, "no competency name"),
        (
            "This is a whole paragraph that someone pasted without any structure at all, "
            "far too long to be a name\n",
            1,
            "sentence",
        ),
        ("\n\n", None, "no competencies"),
    ],
)
def test_pasted_text_problems_name_the_line(text, row, words):
    _, problems = parse_pasted(text)
    assert any(p.row == row and words in p.message for p in problems), problems


def test_merge_and_fingerprint():
    a, _ = parse_framework("a.csv", b"competency,description,level,expectation\nX,defines x,1,does x\n")
    b, _ = parse_framework("b.csv", b"competency,level,text\nx,1,also does x\n")
    merged = merge_frameworks("both", [a, b])
    assert merged.names == ["X"]
    assert merged.competencies[0].expectations == {"1": ["does x", "also does x"]}
    assert framework_key(a) != framework_key(merged)
    same, _ = parse_framework("a.csv", b"competency,description,level,expectation\nX,defines x,1,does x\n")
    assert framework_key(a) == framework_key(same)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="shared evaluation data not present")
@pytest.mark.parametrize(
    "name", ["snowflake-tracks.csv", "snowflake-signals.csv", "dropbox-software-engineer.csv"]
)
def test_shared_framework_files_load_without_errors(name):
    path = SHARED_DATA / name
    framework, problems = parse_framework(path.name, path.read_bytes())
    assert framework is not None and errors(problems) == []
    assert all(c.expectations for c in framework.competencies)
