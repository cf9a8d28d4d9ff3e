"""Every bad input of the reliability list gets its code at the right file and line, exit 1, no traceback.

The broken files live in tests/fixtures/broken/ and are laid over the clean
fixture dataset; the expected text output is the golden file beside them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, write
from ilo_engage.cli import app
from ilo_engage.dataset import load
from ilo_engage.checks import check
from ilo_engage.sourcetext import MAX_FILE_BYTES

E = "data/registers/enterprises/"
C = "data/registers/contacts/"

# file → every (code, line, column) expected in it.
EXPECTED = {
    E + "syntax-error.yaml": [("F010", 3, 5)],
    E + "tab-indentation.yaml": [("F010", 6, 1)],
    E + "duplicate-key.yaml": [("F011", 5, 1)],
    E + "anchor.yaml": [("F012", 2, 7)],
    E + "alias.yaml": [("F012", 5, 11)],
    E + "merge-key.yaml": [("F012", 2, 1)],
    E + "python-tag.yaml": [("F013", 2, 7)],
    E + "bool-tag.yaml": [("F013", 5, 16)],
    E + "yaml-directive.yaml": [("F014", 1, 1)],
    E + "tag-directive.yaml": [("F014", 1, 1)],
    E + "several-documents.yaml": [("F015", 5, 1)],
    E + "empty.yaml": [("F016", 1, 1)],
    E + "comments-only.yaml": [("F016", 1, 1)],
    E + "not-a-mapping.yaml": [("F017", 1, 1)],
    E + "invalid-utf8.yaml": [("F002", 2, 10)],
    E + "nul-byte.yaml": [("F003", 2, 10)],
    E + "bidi-override.yaml": [("F003", 2, 12)],
    E + "zero-width.yaml": [("F003", 2, 9)],
    E + "conflict-markers.yaml": [("F004", 2, 1)],
    E + "deep-nesting.yaml": [("F018", 5, 21)],
    E + "wrong-type.yaml": [("S003", 5, 10)],
    E + "bad-enum.yaml": [("S003", 3, 7)],
    E + "bad-country.yaml": [("S003", 4, 10)],
    E + "unknown-key.yaml": [("S002", 1, 1), ("S001", 2, 1)],
    E + "lax-boolean.yaml": [("S003", 5, 16)],
    E + "misnamed.yaml": [("D002", 1, 5)],
    E + "twin.yaml": [("D001", 1, 5)],
    "data/units/twin.yaml": [("D001", 1, 5)],
    "data/units/extension.yml": [("F020", 1, 1)],
    "data/stray.yaml": [("F020", 1, 1)],
    C + "bad-date.yaml": [("S003", 2, 7)],
    C + "2014-01-15-missing-ref-abcd.yaml": [("D003", 4, 13), ("D003", 7, 14)],
    C + "2014-01-16-example-cocoa-1111.yaml": [("D005", 2, 5)],
}


def broken_files() -> list[str]:
    base = FIXTURES / "broken"
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file())


def test_every_broken_fixture_file_has_its_expectation() -> None:
    assert broken_files() == sorted(EXPECTED)


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_bad_input_is_reported_at_its_line(broken_dataset: Path, file: str) -> None:
    problems = [p for p in check(load(broken_dataset)) if p.file == file]
    assert [(p.code, p.line, p.column) for p in problems] == EXPECTED[file]
    assert all(p.severity.value == "error" and p.hint for p in problems)


def test_validate_prints_every_problem_in_one_run(broken_dataset: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--root", str(broken_dataset)])
    golden = (FIXTURES / "broken.expected.txt").read_text(encoding="utf-8")
    assert result.exit_code == 1
    assert result.stdout == golden
    assert "Traceback" not in result.output


def test_the_clean_dataset_stays_clean_beside_the_broken_files(broken_dataset: Path) -> None:
    problems = check(load(broken_dataset))
    assert not [p for p in problems if p.file not in EXPECTED]


def test_a_very_large_file_is_refused_before_parsing(clean_dataset: Path) -> None:
    write(clean_dataset, E + "huge.yaml", "id: huge\nnotes: " + "x" * MAX_FILE_BYTES + "\n")
    problems = check(load(clean_dataset))
    assert [(p.file, p.code, p.line) for p in problems] == [(E + "huge.yaml", "F001", 1)]


def test_a_byte_order_mark_is_tolerated(clean_dataset: Path) -> None:
    path = clean_dataset / E / "example-cocoa.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert check(load(clean_dataset)) == []


def test_a_reference_to_a_file_that_failed_is_not_reported_twice(clean_dataset: Path) -> None:
    (clean_dataset / E / "example-cocoa.yaml").write_text("id: example-cocoa\nname: [broken\n", encoding="utf-8")
    problems = check(load(clean_dataset))
    assert [p.code for p in problems] == ["F010"]


def test_a_repeated_topic_or_country_is_reported_at_the_repeat(clean_dataset: Path) -> None:
    with (clean_dataset / "data/topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write("  - id: osh\n    name: Safety again\n")
    write(clean_dataset, "data/regions.yaml", "regions:\n  - id: a\n    name: A\n    countries: [CI, GH]\n"
          "  - id: b\n    name: B\n    countries: [CH, CI]\n")
    problems = check(load(clean_dataset))
    assert [(p.file, p.code, p.line) for p in problems] == [
        ("data/regions.yaml", "D004", 7),
        ("data/topics.yaml", "D004", 9),
    ]


def test_an_invalid_personal_value_is_reported_without_repeating_it(clean_dataset: Path) -> None:
    contact = clean_dataset / C / "2015-06-01-example-cocoa-ab2c.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("jane@cocoa.example.org", "jane.secret@cocoa"),
                       encoding="utf-8")
    [problem] = check(load(clean_dataset))
    assert problem.code == "S003" and "persons[0].email" in problem.message
    assert "jane.secret" not in problem.message + problem.hint
