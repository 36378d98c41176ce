"""Framework files written in people's words: a values list or a skills matrix saved as CSV."""

from __future__ import annotations

import pytest

from core.competencies.frameworks import parse_framework
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("name", "competencies", "description"),
    [
        ("company_values.csv", ["Customer obsession", "Bias for action", "Earn trust"],
         "We start from the customer and work backwards, even when it is slower."),
        ("skills_matrix.csv", ["Stakeholder management", "Data analysis"],
         "Keeps the people who matter informed"),
    ],
)  # fmt: skip
def test_values_and_skills_lists_load_as_frameworks(name, competencies, description):
    framework, problems = parse_framework(name, (FIXTURES / name).read_bytes())
    assert framework is not None and not [p for p in problems if p.severity == "error"]
    assert framework.names == competencies
    assert framework.competencies[0].description == description


@pytest.mark.parametrize("header", ["Principle,Description", "Skill,Description", "Values,Meaning"])
def test_other_words_for_the_name_column(header):
    framework, _problems = parse_framework("f.csv", f"{header}\nOwnership,Acts like an owner\n".encode())
    assert framework is not None and framework.names == ["Ownership"]


def test_a_missing_name_column_is_said_in_plain_words():
    framework, problems = parse_framework("f.csv", b"Thing,Notes\nA,b\n")
    assert framework is None
    assert problems[0].message == (
        "no column of competency names: call it Competency, Value, Skill or Principle "
        "(found: 'Thing', 'Notes')"
    )
    assert "`" not in problems[0].message
