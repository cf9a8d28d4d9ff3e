"""Every bad input of the reliability list gets its code at the right file and line, exit 1, no traceback.

The broken files live in tests/fixtures/broken/ and are laid over the clean
fixture dataset; the expected text output is the golden file beside them. A few
files show inputs that are accepted (their expectation is no problem at all).
Inputs too large to keep as files are made by the tests below.
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.checks import check
from ilo_engage.cli import app
from ilo_engage.core.sourcetext import MAX_FILE_BYTES
from ilo_engage.load.dataset import load
from ilo_engage.model import Enterprise
from tests.helpers import FIXTURES, huge_sparse_file, run, write

E = "data/registers/enterprises/"
C = "data/registers/contacts/"
N = "data/networks/"

# file → every (code, line, column) expected in it. To add a case: add its file, its line here,
# then rewrite the golden file with `ilo-engage validate` on the overlay, as the test below runs it.
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
    # Accepted: CRLF line ends, a tab inside quotes, the explicit `? key` form of a plain key.
    E + "crlf-line-endings.yaml": [],
    E + "tab-in-quoted-value.yaml": [],
    E + "explicit-key.yaml": [],
    # Line ends: positions count CRLF and a lone CR as one line end, as the parser does.
    E + "crlf-duplicate-key.yaml": [("F011", 5, 1)],
    E + "cr-line-endings.yaml": [("F003", 2, 11)],
    E + "line-separator.yaml": [("F003", 2, 11)],  # U+2028: a line end to the parser, not to editors or git
    E + "next-line.yaml": [("F003", 2, 11)],  # U+0085, likewise
    # Encodings, and characters no file may hold, written as escapes in double quotes.
    E + "utf-16.yaml": [("F002", 1, 1)],
    E + "nul-in-key.yaml": [("F003", 2, 3)],
    E + "escaped-nul.yaml": [("F003", 2, 7)],
    E + "escaped-bidi.yaml": [("F003", 2, 7)],
    E + "escaped-control-in-key.yaml": [("F003", 2, 1)],
    E + "escaped-lone-surrogate.yaml": [("F010", 2, 15)],
    # Documents and the top level.
    E + "only-document-marker.yaml": [("F016", 2, 1)],
    E + "document-end-twice.yaml": [("F015", 6, 1)],  # `...` twice: fmt's parser sees a second document
    E + "top-level-list.yaml": [("F017", 1, 1)],
    E + "top-level-scalar.yaml": [("F017", 1, 1)],
    # Keys: only plain names; a quoted one is a (here unknown) field name like any other.
    E + "quoted-key-with-colon.yaml": [("S001", 5, 1)],
    E + "empty-key.yaml": [("F019", 5, 1)],
    E + "flow-mapping-key.yaml": [("F019", 5, 1)],
    E + "complex-key.yaml": [("F019", 5, 3)],
    E + "anchor-on-key.yaml": [("F012", 2, 1)],
    E + "long-anchor.yaml": [("F012", 2, 7)],  # the message shows the anchor's first 80 characters
    E + "non-specific-tag.yaml": [("F013", 2, 7)],
    E + "local-tag.yaml": [("F013", 4, 10)],
    E + "tag-on-key.yaml": [("F013", 2, 1)],
    # What the C parser lets pass but the round-trip parser (fmt, contact steps) refuses.
    E + "tab-before-colon.yaml": [("F010", 2, 5)],
    E + "tab-in-plain-value.yaml": [("F010", 2, 10)],
    E + "block-scalar-comment.yaml": [("F010", 5, 9)],
    E + "conflict-separator.yaml": [("F004", 5, 1)],
    E + "deep-block-nesting.yaml": [("F018", 17, 25)],
    # Values: strict booleans, ids in lower case, one-line messages whatever the value.
    E + "lax-boolean-zero.yaml": [("S003", 5, 16)],
    E + "lax-boolean-yes.yaml": [("S003", 5, 16)],
    E + "quoted-boolean.yaml": [("S003", 5, 16)],
    E + "upper-case-id.yaml": [("S003", 1, 5)],  # so no two ids differ only in case
    E + "lower-case-country.yaml": [("S003", 4, 10)],
    E + "id-with-newline.yaml": [("S003", 1, 5)],  # `$` matches before a final newline: ids are full-matched
    E + "multiline-country.yaml": [("S003", 4, 10)],
    E + "huge-number.yaml": [("S003", 2, 7)],  # 5000 digits: more than Python's int() reads
    C + "timestamp-date.yaml": [("S003", 2, 7)],
    C + "unknown-nested-key.yaml": [("S001", 11, 5)],
    C + "unknown-person-key.yaml": [("S001", 39, 5)],  # the key (an e-mail address here) is not repeated
    # A warning, not an error: record-like, but ignored (only `.yaml` in lower case is read).
    E + "ignored-upper-case.YAML": [("F022", 1, 1)],
    C + "nested-duplicate-key.yaml": [("F011", 11, 3)],
    N + "figure-1e400.yaml": [("S003", 8, 12)],
    N + "funding-nan.yaml": [("S003", 13, 11)],
    N + "funding-inf.yaml": [("S003", 13, 11)],
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
    assert all(p.severity.value == ("warning" if p.code == "F022" else "error") and p.hint for p in problems)


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


# Inputs made here rather than kept as files


def test_a_very_long_single_line_just_under_the_size_limit_is_read(clean_dataset: Path) -> None:
    head = "id: long-line\nname: Long Line Ltd\nkind: company\ncountry: CH\nnotes: "
    write(clean_dataset, E + "long-line.yaml", head + "x" * (MAX_FILE_BYTES - len(head) - 1) + "\n")
    assert (clean_dataset / E / "long-line.yaml").stat().st_size == MAX_FILE_BYTES
    assert check(load(clean_dataset)) == []


def test_a_list_of_5000_items_is_read(clean_dataset: Path) -> None:
    write(clean_dataset, E + "many-sectors.yaml", "id: many-sectors\nname: Many Sectors Ltd\nkind: company\n"
          "country: CH\nsectors:\n" + "".join(f"  - sector {i}\n" for i in range(5000)))
    dataset = load(clean_dataset)
    assert check(dataset) == []
    assert len(dataset.by_id(Enterprise)["many-sectors"].sectors) == 5000


def test_ids_that_differ_only_in_case_cannot_both_stand(clean_dataset: Path) -> None:
    # Ids are lower case (upper-case-id.yaml above); a file named in other case is a twin of its id.
    (clean_dataset / E / "Example-Cocoa.yaml").write_bytes((clean_dataset / E / "example-cocoa.yaml").read_bytes())
    problems = [(p.file, p.code, p.line, p.column, p.message) for p in check(load(clean_dataset)) if p.code != "D006"]
    assert problems == [
        (E + "Example-Cocoa.yaml", "D001", 2, 5, f"id `example-cocoa` is also used by {E}example-cocoa.yaml"),
        (E + "Example-Cocoa.yaml", "D002", 2, 5, "id `example-cocoa` differs from the file name `Example-Cocoa.yaml`"),
        (E + "example-cocoa.yaml", "D001", 2, 5, f"id `example-cocoa` is also used by {E}Example-Cocoa.yaml"),
    ]


def test_a_figure_of_a_billion_digits_is_refused_not_printed(clean_dataset: Path) -> None:
    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace("value: 9\n", "value: 1e999999999\n"),
                       encoding="utf-8")
    [problem] = check(load(clean_dataset))
    assert (problem.code, problem.line, problem.message) == (
        "S003", 19, "`figures[0].value`: 1E+999999999 has more than 20 digits")
    result = CliRunner().invoke(app, ["report", "progress", "--root", str(clean_dataset)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert "run `ilo-engage validate`" in result.stderr


def test_a_link_to_a_device_that_never_ends_is_refused_without_reading_it(clean_dataset: Path) -> None:
    # git keeps symbolic links: a pull request can add one to /dev/zero, which read() would read forever.
    (clean_dataset / E / "endless.yaml").symlink_to("/dev/zero")
    # It leads outside the dataset: refused by the one rule for links, before anything is opened.
    problems = [(p.file, p.code, p.line, p.column, p.message) for p in check(load(clean_dataset))]
    assert problems == [(E + "endless.yaml", "F021", 1, 1, "a symbolic link that leads outside the dataset: not read")]
    result = CliRunner().invoke(app, ["fmt", "--check", "--root", str(clean_dataset)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{E}endless.yaml:1:1: F021 a symbolic link that leads outside the dataset")


def test_a_fifo_among_the_records_is_refused_without_blocking(clean_dataset: Path) -> None:
    os.mkfifo(clean_dataset / E / "fifo.yaml")
    result = run("validate", "--root", str(clean_dataset))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{E}fifo.yaml:1:1: F005 this is a FIFO (named pipe), not a regular file\n")
    for command in (["register"], ["fmt", "--check"], ["report", "progress"], ["show", "example-cocoa"]):
        result = run(*command, "--root", str(clean_dataset))  # each returns, none blocks
        assert "Traceback" not in result.stderr, command


@pytest.mark.parametrize("source", ["fifo", "/dev/zero", "/dev/null", "folder"])
def test_from_file_refuses_what_is_not_a_regular_file_without_blocking(
    clean_dataset: Path, tmp_path: Path, source: str
) -> None:
    if source == "fifo":
        os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    path = source if source.startswith("/") else str(tmp_path / source)
    result = run("add-enterprise", "--from-file", path, "--no-input", "--root", str(clean_dataset))
    assert (result.returncode, result.stdout) == (2, "")
    kind = {"fifo": "a FIFO (named pipe)", "folder": "a folder"}.get(source, "a device")
    assert result.stderr == f"ilo-engage: cannot read {path}: this is {kind}, not a regular file\n"


def test_from_file_on_standard_input_reads_no_more_than_a_record_may_hold(clean_dataset: Path) -> None:
    with open("/dev/zero", "rb") as endless:
        result = run("add-enterprise", "--from-file", "-", "--no-input", "--root", str(clean_dataset),
                     stdin=endless)
    assert result.returncode == 2
    assert result.stderr == "ilo-engage: the record on standard input has more than 1,048,576 bytes, the limit\n"


def test_from_file_reads_no_more_than_a_record_may_hold(clean_dataset: Path, tmp_path: Path) -> None:
    huge = huge_sparse_file(tmp_path / "huge.yaml")
    tracemalloc.start()
    try:
        result = CliRunner().invoke(app, ["add-enterprise", "--from-file", str(huge), "--no-input",
                                          "--root", str(clean_dataset)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2
    assert result.stderr == (f"ilo-engage: cannot read {huge}: the file has 67,108,864 bytes; "
                             "the limit is 1,048,576\n")
    assert peak < 16 * 1024 * 1024


def test_a_huge_file_is_refused_without_being_read_whole(clean_dataset: Path) -> None:
    huge_sparse_file(clean_dataset / E / "huge.yaml")
    tracemalloc.start()
    try:
        problems = check(load(clean_dataset))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.file, p.code, p.message) for p in problems] == [
        (E + "huge.yaml", "F001", "the file has 67,108,864 bytes; the limit is 1,048,576")]
    assert peak < 16 * 1024 * 1024  # the 64 MiB file was not read whole


# Records given whole with --from-file, in tests/fixtures/from-file/: a field of the wrong shape is
# named (never its value), exit 1, nothing written, no traceback.
FROM_FILE = {
    "enterprise-identifiers-text.yaml": "identifiers: expected a mapping of fields, got text",
    "enterprise-website-number.yaml": "identifiers.website: expected text, got a number",
    "enterprise-alias-number.yaml": "aliases[0]: expected text, got a number",
    "enterprise-name-number.yaml": "name: expected text, got a number",
    "enterprise-country-list.yaml": "country: expected text, got a list",
    "enterprise-kind-number.yaml": "kind: expected one of company, foundation, employers-organization, cooperative, "
                                   "financial-institution, other, got a number",
    "enterprise-lax-boolean.json": "multinational: expected true or false, got text",
    "contact-initiated-by-list.yaml": "initiated_by: expected one of management, workers-organization, ilo-unit, "
                                      "got a list",
    "contact-date-number.yaml": "date: expected a date (YYYY-MM-DD), got a number",
    "initiative-kind-number.yaml": "--kind: 5 is not one of: network, partnership, programme",
    "initiative-lead-units-text.yaml": "lead_units: expected a list, got text",
}


def test_every_from_file_fixture_has_its_expectation() -> None:
    assert sorted(p.name for p in (FIXTURES / "from-file").iterdir()) == sorted(FROM_FILE)


@pytest.mark.parametrize("name", sorted(FROM_FILE))
def test_a_from_file_field_of_the_wrong_shape_is_named_exit_1_nothing_written(clean_dataset: Path, name: str) -> None:
    command = "add-" + name.split("-")[0]
    before = sorted(p for p in (clean_dataset / "data").rglob("*"))
    result = CliRunner().invoke(app, [command, "--from-file", str(FIXTURES / "from-file" / name), "--no-input",
                                      "--root", str(clean_dataset)])
    assert (result.exit_code, result.stdout) == (1, ""), result.output
    assert result.stderr == f"ilo-engage: nothing was written; fix these fields:\n  {FROM_FILE[name]}\n"
    assert sorted(p for p in (clean_dataset / "data").rglob("*")) == before
