"""Reading YAML: the core schema's values, exact numbers, and positions of any field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ilo_engage.core.problems import FileProblem
from ilo_engage.yamlio import parse, resolve


@pytest.mark.parametrize(
    ("plain", "value"),
    [
        ("no", "no"),  # YAML 1.1 would read false: records follow YAML 1.2
        ("NO", "NO"),  # Norway stays Norway
        ("off", "off"),
        ("yes", "yes"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("0123", 123),
        ("1:20", "1:20"),  # no sexagesimal numbers
        ("0x1F", 31),
        ("0o17", 15),
        ("2015-06-01", date(2015, 6, 1)),
        ("2015-02-30", "2015-02-30"),  # not a date: left for the schema to report
        ("2015-06-01T10:00:00", "2015-06-01T10:00:00"),
        ("39.8", Decimal("39.8")),  # exact, not the float 39.799999…
        ("1e3", Decimal("1e3")),
        ("-7", -7),
        ("Acme", "Acme"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(plain: str, value: object) -> None:
    assert resolve(plain) == value
    assert type(resolve(plain)) is type(value)


def test_quoted_scalars_are_always_strings() -> None:
    data = parse("a: 'true'\nb: \"2015-06-01\"\nc: '0123'\nd: |\n  text\n").data
    assert data == {"a": "true", "b": "2015-06-01", "c": "0123", "d": "text\n"}


def test_positions_reach_a_field_three_levels_down() -> None:
    text = (
        "id: x\n"
        "follow_ups:\n"
        "  - by: a\n"
        "    date: 2015-01-01\n"
        "  - by: b\n"
        "    date: 2015-02-01\n"
    )
    document = parse(text, positions=True)
    span = document.span(("follow_ups", 1, "date"))
    assert (span.line, span.column, span.value_line, span.value_column) == (6, 5, 6, 11)
    assert document.span(("follow_ups", 1)).line == 5


def test_a_missing_field_is_located_at_its_nearest_parent() -> None:
    document = parse("id: x\nneeds_analysis:\n  by: act-emp\n", positions=True)
    assert document.span(("needs_analysis", "date")).line == 2


def test_positions_are_only_kept_when_asked_for() -> None:
    assert parse("id: x\n").positions is None


def test_hostile_nesting_ends_in_a_problem_not_a_recursion_error() -> None:
    with pytest.raises(FileProblem) as caught:
        parse("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert caught.value.code.code == "F018"


def test_a_billion_laughs_file_is_refused_at_its_first_anchor() -> None:
    text = 'a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    with pytest.raises(FileProblem) as caught:
        parse(text)
    assert (caught.value.code.code, caught.value.line) == ("F012", 1)


def test_a_number_with_more_digits_than_python_converts_stays_an_exact_number() -> None:
    assert resolve("9" * 5000) == Decimal("9" * 5000)  # int() refuses more than 4300 digits


@pytest.mark.parametrize(("text", "line", "column"), [
    ("id: x\nname: [open\n", 3, 1),  # after the final line break: the line editors show there
    ("id: x\nname: [open", 2, 12),  # no final line break: the end of the last line, not a line after it
    ("id: x\r\nname: [open\r\n", 3, 1),
    ("id: x\rname: [open", 2, 12),  # a lone CR ends a line for the parser, and so for the positions
])
def test_an_error_at_the_end_of_the_file_is_placed_on_a_line_the_file_has(text: str, line: int, column: int) -> None:
    with pytest.raises(FileProblem) as caught:
        parse(text)
    assert (caught.value.code.code, caught.value.line, caught.value.column) == ("F010", line, column)
