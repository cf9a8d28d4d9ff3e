"""`fmt` and the canonical layout: keys in schema order, block style, quotes where a YAML 1.1
reader would misread a value, comments kept; a file in canonical form is never touched.
And what the tool writes reads back as exactly the record it was given."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from ilo_engage.authoring.drafts import record_text
from ilo_engage.authoring.fmt import format_text
from ilo_engage.cli import app
from ilo_engage.load.dataset import record_files
from ilo_engage.model import kind_named
from ilo_engage.yamlio import parse
from tests.helpers import PROJECT, write

runner = CliRunner()
MESSY = "data/registers/enterprises/messy-foods.yaml"


def invoke(*args: str):  # noqa: ANN201
    return runner.invoke(app, list(args))


def yaml11(text: str) -> Any:
    """The data a YAML 1.1 reader (PyYAML, many CI tools) takes from the text."""
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 1)
    return reader.load(text)


# A file typed by hand: keys out of order, flow collections, comments, and strings
# a YAML 1.1 reader would take for a boolean (yes, NO) or a number (1:20 is 80 there).
HAND_TYPED = """\
# Typed by hand from the enterprise's letter.
name: Messy Foods
country: CH
kind: company # checked with the registry
id: messy-foods
sectors: [yes, food, '0123']
aliases:
- NO
- 1:20
identifiers: {wikidata: Q42}
multinational: false
"""
CANONICAL = """\
# Typed by hand from the enterprise's letter.
id: messy-foods
name: Messy Foods
kind: company # checked with the registry
country: CH
sectors:
  - "yes"
  - food
  - '0123'
multinational: false
identifiers:
  wikidata: Q42
aliases:
  - "NO"
  - "1:20"
"""


def test_fmt_rewrites_a_file_into_the_canonical_layout_keeping_its_comments(clean_dataset: Path) -> None:
    path = write(clean_dataset, MESSY, HAND_TYPED)
    result = invoke("fmt", "--root", str(clean_dataset))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"reformatted {MESSY}\n"
    assert result.stderr == f"1 file reformatted, {len(record_files(clean_dataset)) - 1} unchanged.\n"
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert parse(CANONICAL).data == parse(HAND_TYPED).data  # the same record
    assert yaml11(CANONICAL) == parse(CANONICAL).data  # which a YAML 1.1 reader now reads the same
    assert yaml11(HAND_TYPED)["sectors"][0] is True and yaml11(HAND_TYPED)["aliases"] == [False, 80]
    assert invoke("validate", "--root", str(clean_dataset)).exit_code == 0


def test_fmt_leaves_a_file_in_canonical_form_byte_for_byte_and_untouched(clean_dataset: Path) -> None:
    path = write(clean_dataset, MESSY, HAND_TYPED)
    assert invoke("fmt", "--root", str(clean_dataset)).exit_code == 0
    formatted, stamp = path.read_bytes(), path.stat().st_mtime_ns
    os.utime(path, ns=(stamp - 10**9, stamp - 10**9))  # a rewrite, however quick, would move it
    result = invoke("fmt", "--root", str(clean_dataset))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"0 files reformatted, {len(record_files(clean_dataset))} unchanged.\n"
    assert path.read_bytes() == formatted
    assert path.stat().st_mtime_ns == stamp - 10**9


def test_fmt_check_lists_the_files_that_would_change_and_writes_nothing(clean_dataset: Path) -> None:
    path = write(clean_dataset, MESSY, HAND_TYPED)
    other = write(clean_dataset, "data/registers/enterprises/out-of-order.yaml",
                  "name: Out Of Order\nid: out-of-order\nkind: company\ncountry: CH\n")
    stamps = {p: p.stat().st_mtime_ns for p in (path, other)}
    result = invoke("fmt", "--check", "--root", str(clean_dataset))
    assert result.exit_code == 1
    assert result.stdout == (
        "would reformat data/registers/enterprises/messy-foods.yaml\n"
        "would reformat data/registers/enterprises/out-of-order.yaml\n"
    )
    assert result.stderr == f"2 files to reformat, {len(record_files(clean_dataset)) - 2} unchanged.\n"
    assert path.read_text(encoding="utf-8") == HAND_TYPED
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_fmt_check_limited_to_a_path_checks_only_that_path(clean_dataset: Path) -> None:
    write(clean_dataset, MESSY, HAND_TYPED)
    assert invoke("fmt", "--check", "--root", str(clean_dataset), str(clean_dataset / "data/units")).exit_code == 0
    assert invoke("fmt", "--check", "--root", str(clean_dataset), str(clean_dataset / MESSY)).exit_code == 1


def test_fmt_reports_a_file_it_cannot_read_and_leaves_it_alone(clean_dataset: Path) -> None:
    broken = "id: broken\nname: [unclosed\n"
    path = write(clean_dataset, "data/registers/enterprises/broken.yaml", broken)
    result = invoke("fmt", "--root", str(clean_dataset))
    assert result.exit_code == 1
    assert result.stdout.startswith("data/registers/enterprises/broken.yaml:3:1: F010 ")
    assert path.read_text(encoding="utf-8") == broken


def test_fmt_reports_a_date_not_in_the_calendar_at_its_line_and_leaves_the_file_alone(clean_dataset: Path) -> None:
    contact = sorted((clean_dataset / "data/registers/contacts").glob("*.yaml"))[0]
    text = contact.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("date: "))
    bad = text.replace("\ndate: ", "\ndate: 2015-02-30 #", 1)
    contact.write_text(bad, encoding="utf-8")
    result = invoke("fmt", "--root", str(clean_dataset))
    assert result.exit_code == 1
    relpath = contact.relative_to(clean_dataset).as_posix()
    assert result.stdout.startswith(f"{relpath}:{line}:7: S003 '2015-02-30' is not a day of the calendar")
    assert "internal error" not in result.output and contact.read_text(encoding="utf-8") == bad


def test_fmt_removes_every_blank_line_before_the_record_in_one_run(clean_dataset: Path) -> None:
    # The round trip dropped one leading blank line per run, so `fmt --check` failed after `fmt` (found by test_fuzz).
    path = write(clean_dataset, MESSY, "\n \n\n" + HAND_TYPED)
    assert invoke("fmt", "--root", str(clean_dataset)).exit_code == 0
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert invoke("fmt", "--check", "--root", str(clean_dataset)).exit_code == 0


def test_fmt_keeps_folded_text_with_a_line_opening_with_a_tab_exactly(clean_dataset: Path) -> None:
    # Written back folded, the line lost its meaning as an indented line: the text changed (found by test_fuzz).
    text = "id: tabbed\nname: Tabbed\nkind: company\ncountry: CH\nnotes: >-\n  One line\n  \t  indented by a tab\n"
    path = write(clean_dataset, "data/registers/enterprises/tabbed.yaml", text)
    assert invoke("fmt", "--root", str(clean_dataset)).exit_code == 0
    assert path.read_text(encoding="utf-8") == text.replace(">-", "|-")
    assert parse(path.read_text(encoding="utf-8")).data["notes"] == parse(text).data["notes"] == \
        "One line\n\t  indented by a tab"


@pytest.mark.parametrize("check", [False, True], ids=["fmt", "fmt-check"])
def test_fmt_reports_a_file_it_cannot_open_and_formats_the_others(clean_dataset: Path, check: bool) -> None:
    # A dangling symbolic link: listed as a record file, but it cannot be read (an internal error before).
    (clean_dataset / "data/units/gone.yaml").symlink_to(clean_dataset / "nowhere.yaml")
    path = write(clean_dataset, MESSY, HAND_TYPED)
    result = invoke("fmt", *(["--check"] if check else []), "--root", str(clean_dataset))
    assert result.exit_code == 1
    assert result.stdout == (
        "data/units/gone.yaml:1:1: F000 cannot read the file: No such file or directory\n"
        "    hint: check the file's permissions\n"
        f"{'would reformat' if check else 'reformatted'} {MESSY}\n"
    )
    assert path.read_text(encoding="utf-8") == (HAND_TYPED if check else CANONICAL)


def test_the_clean_fixture_and_the_bundled_dataset_are_in_canonical_form(clean_dataset: Path) -> None:
    assert invoke("fmt", "--check", "--root", str(clean_dataset)).exit_code == 0
    result = invoke("fmt", "--check", "--root", str(PROJECT))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


# What the tool writes reads back as the record it was given (property-based)

# Values that are strings to the tool's YAML 1.2 reader but not to a YAML 1.1 one, or that
# YAML gives a meaning: each must be written so that both read it back as the same text.
TRICKY = [
    "no", "NO", "No", "yes", "Yes", "on", "OFF", "y", "n", "true", "null", "Null", "~", "0123", "0o17", "0x1F",
    "0b101", "1:20", "12:30:45", "1_000", "3.14", ".5", "+.5", "1e5", ".inf", ".NaN", "2015-06-01", "2015-6-1",
    "=", "<<", "-", "- item", "? x", "#hash", "a #b", "a#b", "key: value", "a: b: c", "'quoted'", '"double"',
    "it's", "  leading spaces", "trailing space ", "@at", "`tick", "!bang", "&amp", "*star", "%pct", "|pipe",
    ">gt", "[x]", "{y}", "a, b", "Côte d'Ivoire", "日本語の会社", "emoji 🙂", "ILO–IOE", "non\u00a0breaking",
    "two\nlines", "\tfirst line tabbed\nsecond", "first\n\tsecond tabbed", "ends with a line break\n", "\n\nopens blank",
]
_CHARACTERS = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))
_WORD = st.text(_CHARACTERS.filter(lambda c: not c.isspace()), min_size=1, max_size=12)
TEXT = st.one_of(
    st.sampled_from(TRICKY),
    st.text(_CHARACTERS, min_size=1, max_size=40),  # short: quoted as needed
    st.lists(_WORD, min_size=15, max_size=40).map(" ".join),  # long: folded over lines
)
SLUG = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
COUNTRY = st.sampled_from(["CH", "CI", "GH", "NO", "ZM", "FR", "BR", "IN"])
DAY = st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31))
VISIBILITY = st.sampled_from(["public", "internal", "confidential"])

ENTERPRISE = st.fixed_dictionaries(
    {"id": SLUG, "name": TEXT, "kind": st.sampled_from(["company", "foundation", "employers-organization",
                                                         "cooperative", "financial-institution", "other"]),
     "country": COUNTRY},
    optional={
        "sectors": st.lists(TEXT, min_size=1, max_size=3),
        "size": st.sampled_from(["sme", "large"]),
        "multinational": st.booleans(),
        "identifiers": st.fixed_dictionaries({}, optional={
            "lei": st.from_regex(r"[A-Z0-9]{18}[0-9]{2}", fullmatch=True),
            "website": st.from_regex(r"https?://[a-z0-9.\-/?=&#:]{1,30}", fullmatch=True),
            "wikidata": st.from_regex(r"Q[0-9]{1,8}", fullmatch=True),
        }).filter(bool),
        "aliases": st.lists(TEXT, min_size=1, max_size=3),
        "visibility": VISIBILITY,
        "sources": st.lists(TEXT, min_size=1, max_size=2),
        "notes": TEXT,
    },
)
CONTACT = st.fixed_dictionaries(
    {"id": SLUG, "date": DAY, "enterprise": SLUG,
     "initiated_by": st.sampled_from(["management", "workers-organization", "ilo-unit"]),
     "subject": TEXT,
     "status": st.sampled_from(["received", "analysed", "referred", "in-progress", "closed", "declined"])},
    optional={
        "initiating_unit": SLUG,
        "counterpart": st.sampled_from(["management", "workers-organization"]),
        "workers_organization": TEXT,
        "channel": st.sampled_from(["email", "letter", "phone", "meeting", "event", "helpdesk", "web-form", "other"]),
        "topics": st.lists(SLUG, min_size=1, max_size=3),
        "countries": st.lists(COUNTRY, min_size=1, max_size=3),
        "entry_point": SLUG,
        "shared_with": st.lists(st.fixed_dictionaries({"with": SLUG, "date": DAY}), min_size=1, max_size=2),
        "needs_analysis": st.fixed_dictionaries({"by": SLUG, "date": DAY, "summary": TEXT}),
        "referred_to": st.lists(SLUG, min_size=1, max_size=2),
        "technical_lead": SLUG,
        "consultations": st.lists(st.fixed_dictionaries({"with": SLUG, "date": DAY}, optional={"summary": TEXT}),
                                  min_size=1, max_size=2),
        "follow_ups": st.lists(st.fixed_dictionaries({"by": SLUG, "with": SLUG, "date": DAY},
                                                     optional={"summary": TEXT}), min_size=1, max_size=2),
        "outcome": TEXT,
        "persons": st.lists(st.fixed_dictionaries({"name": TEXT}, optional={
            "role": TEXT,
            "email": st.from_regex(r"[a-z0-9.]{1,10}@[a-z]{1,8}\.[a-z]{2,4}", fullmatch=True),
            "phone": st.from_regex(r"\+?[0-9][0-9 ]{4,12}", fullmatch=True),
        }), min_size=1, max_size=2),
        "visibility": VISIBILITY,
        "sources": st.lists(TEXT, min_size=1, max_size=2),
        "notes": TEXT,
    },
)
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_written_as_given(kind_name: str, data: dict[str, Any]) -> None:
    kind = kind_named(kind_name)
    original = kind.model.model_validate(data)
    text = record_text(kind, data)
    read_back = parse(text).data
    assert kind.model.model_validate(read_back) == original, text
    assert yaml11(text) == read_back, text  # no value a YAML 1.1 reader would misread
    assert format_text(text, kind.model) == text  # written in canonical form already
    assert format_text(format_text(text, kind.model), kind.model) == text


@PROPERTY
@given(ENTERPRISE)
def test_a_new_enterprise_reads_back_as_the_record_given_and_is_in_canonical_form(data: dict[str, Any]) -> None:
    assert_written_as_given("enterprise", data)


@PROPERTY
@given(CONTACT)
def test_a_new_contact_reads_back_as_the_record_given_and_is_in_canonical_form(data: dict[str, Any]) -> None:
    assert_written_as_given("contact", data)


# Long text is folded over lines of 100 columns; folding must not change it.
_SENTENCE = "Request from the company for advice on due diligence for child labour among its cocoa suppliers"
FOLD_BREAKERS = {
    "two spaces at the fold": _SENTENCE + "  in Côte d'Ivoire and Ghana.",
    "a trailing space": _SENTENCE + " in Côte d'Ivoire and Ghana. ",
    "leading spaces": "  " + _SENTENCE + " in Côte d'Ivoire and Ghana.",
    "a tab": _SENTENCE.replace(" for child", "\tfor child") + " in Côte d'Ivoire and Ghana.",
    "a carriage return": _SENTENCE.replace(" for child", "\rfor child") + " in Côte d'Ivoire and Ghana.",
}


@pytest.mark.parametrize("text", list(FOLD_BREAKERS.values()), ids=list(FOLD_BREAKERS))
def test_long_text_with_unusual_spacing_reads_back_unchanged(text: str) -> None:
    data = {"id": "x", "name": text, "kind": "company", "country": "CH"}
    assert parse(record_text(kind_named("enterprise"), data)).data["name"] == text
