"""Adding records and recording the steps of the procedure, through the command line.

Every command checks the new text against the whole dataset before writing, never
overwrites a file, and writes nothing at all when it refuses. Each test starts from a
copy of the clean dataset (see conftest.py).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ilo_engage.checks.scan import CACHE_FOLDER
from ilo_engage.yamlio import parse
from tests.helpers import invoke, write

CONTACTS = "data/registers/contacts"
ENTERPRISES = "data/registers/enterprises"
WORKERS_CONTACT = "2015-09-01-example-cocoa-m4nx"  # from a workers' organization, `received`
REFERRED_CONTACT = "2015-08-03-secret-mining-q2zz"  # from management, `referred`


def files(root: Path) -> dict[str, bytes]:
    """Every file of a dataset with its bytes, to tell what a command wrote (the validation cache aside)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and CACHE_FOLDER not in p.parts}


def new_files(before: dict[str, bytes], root: Path) -> list[str]:
    return sorted(set(files(root)) - set(before))


def record(root: Path, relpath: str) -> dict[str, Any]:
    return parse((root / relpath).read_text(encoding="utf-8")).data


def contact_file(contact_id: str) -> str:
    return f"{CONTACTS}/{contact_id}.yaml"


def add_contact(root: Path, *extra: str) -> str:
    """Add a contact from management about child labour in Côte d'Ivoire; its id."""
    result = invoke(root, "add-contact", "--no-input", "--enterprise", "example-cocoa", "--date", "2015-10-01",
                    "--initiated-by", "management", "--subject", "Due diligence on child labour",
                    "--topic", "child-labour", "--country", "ci", *extra)
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip()).stem


def step(root: Path, contact_id: str, *args: str):  # noqa: ANN201
    return invoke(root, "contact", contact_id, *args)


def validate(root: Path) -> int:
    """validate's exit status (0: no errors, though there may be warnings)."""
    return invoke(root, "validate").exit_code


# add-contact


def test_add_contact_writes_one_new_file_named_by_date_enterprise_and_4_base32_characters(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-contact", "--no-input", "--enterprise", "example-cocoa",
                    "--initiated-by", "management", "--subject", "Due diligence: cocoa suppliers",
                    "--topic", "child-labour", "--topic", "supply-chains", "--country", "ci", "--date", "2015-10-01")
    assert result.exit_code == 0, result.stderr
    [written] = new_files(before, clean_dataset)
    assert result.stdout == written + "\n"
    assert re.fullmatch(r"data/registers/contacts/2015-10-01-example-cocoa-[a-z2-7]{4}\.yaml", written)
    assert record(clean_dataset, written) == {
        "id": Path(written).stem,
        "date": date(2015, 10, 1),
        "enterprise": "example-cocoa",
        "initiated_by": "management",
        "channel": "email",
        "subject": "Due diligence: cocoa suppliers",
        "topics": ["child-labour", "supply-chains"],
        "countries": ["CI"],
        "entry_point": "act-emp",
        "status": "received",
        "visibility": "internal",
    }
    assert {k: v for k, v in files(clean_dataset).items() if k != written} == before  # nothing else touched
    assert validate(clean_dataset) == 0


def test_a_contact_from_a_workers_organization_enters_through_actrav(clean_dataset: Path) -> None:
    result = invoke(clean_dataset, "add-contact", "--no-input", "--enterprise", "example-cocoa",
                    "--initiated-by", "workers-organization", "--workers-organization", "Cocoa Workers Union",
                    "--subject", "Working time on plantations", "--topic", "osh", "--date", "2015-10-01")
    assert result.exit_code == 0, result.stderr
    written = record(clean_dataset, result.stdout.strip())
    assert (written["entry_point"], written["workers_organization"]) == ("actrav", "Cocoa Workers Union")
    assert validate(clean_dataset) == 0


def test_without_prompts_every_missing_or_invalid_field_is_reported_in_one_message_and_nothing_is_written(
    clean_dataset: Path,
) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-contact", "--no-input", "--enterprise", "example-cocoa",
                    "--topic", "nope", "--country", "XX", "--channel", "fax")
    assert result.exit_code == 2  # fields missing: a usage error, even beside values the data refuses
    assert result.stdout == ""
    assert result.stderr == (
        "ilo-engage: nothing was written; fix these fields:\n"
        "  --initiated-by: missing (who made the contact)\n"
        "  --subject: missing (subject, in one line)\n"
        "  --topic: no topic has the id `nope`; `ilo-engage list topics` lists them\n"
        "  --country: 'XX' is not an ISO 3166-1 alpha-2 country code\n"
        "  --channel: 'fax' is not one of: email, letter, phone, meeting, event, helpdesk, web-form, other\n"
    )
    assert files(clean_dataset) == before


def test_a_bad_date_is_listed_with_the_other_invalid_fields(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-contact", "--no-input", "--enterprise", "example-cocoa",
                    "--initiated-by", "management", "--date", "2015-13-01")
    assert files(clean_dataset) == before
    assert result.exit_code == 2
    assert "--date: " in result.stderr
    assert "--subject: missing" in result.stderr


def test_dry_run_prints_the_record_and_writes_nothing(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-contact", "--no-input", "--dry-run", "--enterprise", "example-cocoa",
                    "--initiated-by", "management", "--subject", "Dry run", "--date", "2015-10-01")
    assert result.exit_code == 0, result.stderr
    assert files(clean_dataset) == before
    printed = parse(result.stdout).data
    assert re.fullmatch(r"2015-10-01-example-cocoa-[a-z2-7]{4}", printed.pop("id"))
    assert printed == {"date": date(2015, 10, 1), "enterprise": "example-cocoa", "initiated_by": "management",
                       "channel": "email", "subject": "Dry run", "entry_point": "act-emp", "status": "received",
                       "visibility": "internal"}


FROM_YAML = """\
enterprise: example-cocoa
date: 2015-10-01
initiated_by: management
subject: 'Given whole: as YAML'
topics: [osh]
"""
FROM_JSON = json.dumps({"enterprise": "example-cocoa", "date": "2015-10-01", "initiated_by": "management",
                        "subject": "Given whole: as JSON", "topics": ["osh"]})


@pytest.mark.parametrize(("source", "text", "subject"), [
    ("yaml", FROM_YAML, "Given whole: as YAML"),
    ("json", FROM_JSON, "Given whole: as JSON"),
    ("stdin", FROM_JSON, "Given whole: as JSON"),
])
def test_a_contact_can_be_given_whole_from_a_yaml_or_json_file_or_standard_input(
    clean_dataset: Path, tmp_path: Path, source: str, text: str, subject: str
) -> None:
    before = files(clean_dataset)
    if source == "stdin":
        result = invoke(clean_dataset, "add-contact", "--from-file", "-", input=text)
    else:
        given = tmp_path / f"contact.{source}"
        given.write_text(text, encoding="utf-8")
        result = invoke(clean_dataset, "add-contact", "--from-file", str(given))
    assert result.exit_code == 0, result.stderr
    [written] = new_files(before, clean_dataset)
    assert result.stdout == written + "\n"
    data = record(clean_dataset, written)
    assert (data["date"], data["subject"], data["topics"], data["entry_point"]) == (
        date(2015, 10, 1), subject, ["osh"], "act-emp")
    assert validate(clean_dataset) == 0


def test_options_given_beside_a_file_override_its_fields(clean_dataset: Path) -> None:
    result = invoke(clean_dataset, "add-contact", "--from-file", "-", "--subject", "From the option", input=FROM_YAML)
    assert result.exit_code == 0, result.stderr
    assert record(clean_dataset, result.stdout.strip())["subject"] == "From the option"


def test_an_ilo_units_own_contact_can_be_added_and_then_its_consultation_recorded(clean_dataset: Path) -> None:
    result = invoke(clean_dataset, "add-contact", "--no-input", "--enterprise", "example-cocoa",
                    "--initiated-by", "ilo-unit", "--initiating-unit", "fundamentals", "--counterpart", "management",
                    "--subject", "Invitation to the Child Labour Platform", "--topic", "child-labour",
                    "--date", "2015-10-01")
    assert result.exit_code == 0, result.stderr
    contact_id = Path(result.stdout.strip()).stem
    assert step(clean_dataset, contact_id, "consult", "--summary", "Agreed", "--date", "2015-10-02").exit_code == 0


def test_a_long_subject_is_written_exactly_as_given(clean_dataset: Path) -> None:
    # 95 characters, then two spaces where the text is folded (at 98 columns), then more
    subject = ("Request from the company for advice on due diligence for child labour among its cocoa suppliers"
               "  in Côte d'Ivoire and Ghana.")
    result = invoke(clean_dataset, "add-contact", "--no-input", "--enterprise", "example-cocoa",
                    "--initiated-by", "management", "--subject", subject, "--date", "2015-10-01")
    assert result.exit_code == 0, result.stderr
    assert record(clean_dataset, result.stdout.strip())["subject"] == subject


# add-enterprise and add-initiative


@pytest.mark.parametrize("options", [
    ["--name", "EXAMPLE COCOA TRADING SA"],  # the registered name, in other case and punctuation
    ["--name", "Cocoa Traders of Geneva", "--website", "https://cocoa.example.org"],  # the registered website
    ["--name", "Example Cocoa", "--id", "other-id"],  # a registered alias
])
def test_a_likely_duplicate_enterprise_is_refused_naming_the_one_registered(
    clean_dataset: Path, options: list[str]
) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-enterprise", "--no-input", "--kind", "company", "--country", "ch", *options)
    assert result.exit_code == 1
    assert result.stderr == (
        "ilo-engage: this looks like an enterprise already registered: Example Cocoa Trading S.A. "
        "(`example-cocoa`, CH). Nothing was written; use --not-duplicate (and another --id) if it is a different one.\n"
    )
    assert files(clean_dataset) == before


def test_an_enterprise_declared_not_a_duplicate_is_written_under_its_own_id(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-enterprise", "--no-input", "--name", "EXAMPLE COCOA TRADING SA",
                    "--kind", "company", "--country", "ci", "--not-duplicate", "--id", "other-id")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{ENTERPRISES}/other-id.yaml\n"
    assert new_files(before, clean_dataset) == [f"{ENTERPRISES}/other-id.yaml"]
    assert (clean_dataset / ENTERPRISES / "other-id.yaml").read_text(encoding="utf-8") == (
        "id: other-id\nname: EXAMPLE COCOA TRADING SA\nkind: company\ncountry: CI\nvisibility: internal\n"
    )
    assert "D006 same name as `example-cocoa`" in result.stderr  # still a warning
    assert validate(clean_dataset) == 0


def test_an_enterprise_id_is_made_from_its_name(clean_dataset: Path) -> None:
    result = invoke(clean_dataset, "add-enterprise", "--no-input", "--name", "Société Générale de Cacao S.A.",
                    "--kind", "company", "--country", "fr", "--sector", "cocoa")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{ENTERPRISES}/societe-generale-de-cacao.yaml\n"


def test_add_initiative_writes_a_network_into_the_networks_folder(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-initiative", "--no-input", "--kind", "network", "--name", "Cocoa Network",
                    "--component", "A", "--lead-unit", "fundamentals", "--topic", "child-labour",
                    "--summary", "Enterprises that work against child labour in cocoa.")
    assert result.exit_code == 0, result.stderr
    assert new_files(before, clean_dataset) == ["data/networks/cocoa-network.yaml"]
    assert result.stdout == "data/networks/cocoa-network.yaml\n"
    assert record(clean_dataset, "data/networks/cocoa-network.yaml") == {
        "id": "cocoa-network", "name": "Cocoa Network", "kind": "network", "component": "A",
        "lead_units": ["fundamentals"], "status": "active", "topics": ["child-labour"],
        "summary": "Enterprises that work against child labour in cocoa.", "visibility": "internal",
    }
    assert validate(clean_dataset) == 0


def test_a_record_whose_file_exists_is_never_overwritten(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    given = "id: other-id\nname: Other\nkind: company\ncountry: CH\n"
    first = invoke(clean_dataset, "add-enterprise", "--from-file", "-", input=given)
    assert first.exit_code == 0, first.stderr
    written = files(clean_dataset)
    second = invoke(clean_dataset, "add-enterprise", "--from-file", "-", "--not-duplicate", "--name", "Changed",
                    input=given)
    assert second.exit_code == 1
    assert files(clean_dataset) == written != before


# The steps of the procedure on a contact


OFFICER_NOTE = "# Officer's note: the enterprise called back on 2 October; see the shared drive."
SUBJECT_COMMENT = "  # as the enterprise put it"


def test_a_contact_walks_from_received_to_closed_keeping_the_officers_comments(clean_dataset: Path) -> None:
    contact_id = add_contact(clean_dataset)
    path = clean_dataset / contact_file(contact_id)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [OFFICER_NOTE + "\n", *(line.rstrip("\n") + SUBJECT_COMMENT + "\n" if line.startswith("subject:") else line
                                    for line in lines)]
    path.write_text("".join(lines), encoding="utf-8")
    officer_text = path.read_text(encoding="utf-8")
    unchanged_part = officer_text[: officer_text.index("status:")]  # steps add their fields from here on

    def status() -> str:
        return record(clean_dataset, contact_file(contact_id))["status"]

    walk = [
        (("share", "--date", "2015-10-02"), "received"),
        (("analyse", "--summary", "Wants guidance on due diligence.", "--date", "2015-10-05"), "analysed"),
        (("refer", "--to", "fundamentals", "--date", "2015-10-06"), "referred"),
        (("follow-up", "--summary", "Sent the Child Labour Guidance Tool.", "--date", "2015-10-20"), "in-progress"),
        (("close", "--outcome", "The company joined the Child Labour Platform."), "closed"),
    ]
    for args, expected in walk:
        result = step(clean_dataset, contact_id, *args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout == contact_file(contact_id) + "\n"
        assert status() == expected, args
        text = path.read_text(encoding="utf-8")
        assert text.startswith(unchanged_part), args
        assert text.splitlines()[0] == OFFICER_NOTE
        assert "subject: Due diligence on child labour" + SUBJECT_COMMENT + "\n" in text

    final = record(clean_dataset, contact_file(contact_id))
    assert {k: final.get(k) for k in ("shared_with", "needs_analysis", "referral", "technical_lead", "follow_ups",
                                      "outcome", "referred_to")} == {
        "shared_with": [{"with": "actrav", "date": date(2015, 10, 2)},
                        {"with": "employers-secretariat", "date": date(2015, 10, 2)}],
        "needs_analysis": {"by": "act-emp", "date": date(2015, 10, 5), "summary": "Wants guidance on due diligence."},
        "referral": {"to": ["fundamentals"], "date": date(2015, 10, 6)},
        "referred_to": None,
        "technical_lead": "fundamentals",
        "follow_ups": [{"by": "fundamentals", "with": "act-emp", "date": date(2015, 10, 20),
                        "summary": "Sent the Child Labour Guidance Tool."}],
        "outcome": "The company joined the Child Labour Platform.",
    }
    assert validate(clean_dataset) == 0


ILO_UNIT_CONTACT = """\
id: 2015-10-05-example-cocoa-unit
date: 2015-10-05
enterprise: example-cocoa
initiated_by: ilo-unit
initiating_unit: fundamentals
counterpart: management
subject: Invitation to join the Child Labour Platform
topics:
  - child-labour
entry_point: act-emp
consultations:
  - with: act-emp
    date: 2015-10-05
status: received
"""


@pytest.mark.parametrize(("contact_id", "first", "refused", "message"), [
    (WORKERS_CONTACT, [], ["refer", "--to", "fundamentals", "--date", "2015-09-05"],
     f"ilo-engage: record the needs analysis first: `ilo-engage contact {WORKERS_CONTACT} analyse --summary …`\n"),
    (WORKERS_CONTACT, [["analyse", "--summary", "Needs advice on working time.", "--date", "2015-09-03"]],
     ["follow-up", "--summary", "Called them", "--date", "2015-09-05"],
     f"ilo-engage: {WORKERS_CONTACT} is `analysed`: a follow-up comes after the referral to a technical lead "
     f"(`ilo-engage contact {WORKERS_CONTACT} refer --to UNIT`)\n"),
    (REFERRED_CONTACT, [], ["close", "--outcome", "Done"],
     f"ilo-engage: {REFERRED_CONTACT} is `referred`: a contact closes once in progress (after a follow-up, "
     f"`ilo-engage contact {REFERRED_CONTACT} follow-up`); "
     "use --declined to decline it\n"),
    ("2015-10-05-example-cocoa-unit", [], ["analyse", "--summary", "Needs", "--date", "2015-10-06"],
     "ilo-engage: an ILO unit's own contact has no needs analysis: record the consultation with the bureau instead: "
     "`ilo-engage contact 2015-10-05-example-cocoa-unit consult --summary …`\n"),
], ids=["refer-before-analyse", "follow-up-before-refer", "close-before-in-progress", "analyse-an-ilo-units-contact"])
def test_a_step_the_procedure_does_not_allow_yet_is_refused_and_the_file_is_unchanged(
    clean_dataset: Path, contact_id: str, first: list[list[str]], refused: list[str], message: str
) -> None:
    write(clean_dataset, contact_file("2015-10-05-example-cocoa-unit"), ILO_UNIT_CONTACT)
    assert validate(clean_dataset) == 0
    for args in first:
        assert step(clean_dataset, contact_id, *args).exit_code == 0
    before = files(clean_dataset)
    result = step(clean_dataset, contact_id, *refused)
    assert result.exit_code == 1
    assert (result.stdout, result.stderr) == ("", message)
    assert files(clean_dataset) == before


def test_close_declined_ends_an_analysed_contact(clean_dataset: Path) -> None:
    assert step(clean_dataset, WORKERS_CONTACT, "analyse", "--summary", "Wants a meeting.",
                "--date", "2015-09-03").exit_code == 0
    result = step(clean_dataset, WORKERS_CONTACT, "close", "--declined", "--outcome", "The union withdrew its request.")
    assert result.exit_code == 0, result.stderr
    data = record(clean_dataset, contact_file(WORKERS_CONTACT))
    assert (data["status"], data["outcome"]) == ("declined", "The union withdrew its request.")
    assert validate(clean_dataset) == 0


def test_a_step_whose_result_breaks_a_rule_is_refused_with_the_problem_and_the_file_unchanged(
    clean_dataset: Path,
) -> None:
    contact_id = add_contact(clean_dataset)
    assert step(clean_dataset, contact_id, "share", "--date", "2015-10-02").exit_code == 0
    assert step(clean_dataset, contact_id, "analyse", "--summary", "Needs advice.", "--date", "2015-10-05").exit_code == 0
    before = files(clean_dataset)
    result = step(clean_dataset, contact_id, "refer", "--to", "act-emp", "--date", "2015-10-06")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{contact_file(contact_id)}:" in result.stderr
    assert "R007 ACT/EMP is a bureau; a policy department, field office or regional office leads; `route` proposes" \
        in result.stderr
    assert result.stderr.endswith("ilo-engage: the record has errors: nothing was written\n")
    assert files(clean_dataset) == before


def test_a_step_dated_before_the_contact_is_refused(clean_dataset: Path) -> None:
    contact_id = add_contact(clean_dataset)
    before = files(clean_dataset)
    result = step(clean_dataset, contact_id, "analyse", "--summary", "Needs advice.", "--date", "2015-09-30")
    assert result.exit_code == 1
    assert "R010 step dated out of order: 2015-09-30 is before the contact (2015-10-01)" in result.stderr
    assert files(clean_dataset) == before


def test_a_step_on_a_contact_that_does_not_exist_is_refused(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = step(clean_dataset, "2015-10-01-example-cocoa-zzzz", "share")
    assert result.exit_code == 1
    assert result.stderr == ("ilo-engage: no contact has the id `2015-10-01-example-cocoa-zzzz`; "
                             "`ilo-engage list contacts` lists them\n")
    assert files(clean_dataset) == before


# Bad input given to the commands


@pytest.mark.parametrize(("subject", "problem"), [
    # Written raw by the YAML writer: the check of the file's text finds it (the file used to be written).
    ("Invoice \u202egnp.exe", ":6:18: F003 forbidden character U+202E"),
    # Written as an escape, "\a": the reader finds it.
    ("Invoice \x07 bell", ":6:10: F003 forbidden character U+0007 (written as an escape)"),
], ids=["bidi-override", "bell"])
def test_a_subject_with_a_control_or_bidi_character_is_refused_and_nothing_is_written(
    clean_dataset: Path, subject: str, problem: str
) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-contact", "--no-input", "--enterprise", "example-cocoa", "--date", "2015-10-01",
                    "--initiated-by", "management", "--subject", subject)
    assert (result.exit_code, result.stdout) == (1, "")
    assert re.fullmatch(r"data/registers/contacts/2015-10-01-example-cocoa-[a-z2-7]{4}\.yaml" + re.escape(problem)
                        + r"\n    hint: .*\nilo-engage: the record has errors: nothing was written\n", result.stderr)
    assert files(clean_dataset) == before


def test_a_step_whose_text_holds_a_bidi_override_is_refused_and_the_file_is_unchanged(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = step(clean_dataset, WORKERS_CONTACT, "analyse", "--summary", "Needs \u202eadvice", "--date", "2015-09-03")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"{contact_file(WORKERS_CONTACT)}:22:18: F003 forbidden character U+202E\n"
                             "    hint: delete the invisible character; retype the text around it if unsure\n"
                             "ilo-engage: the record has errors: nothing was written\n")
    assert files(clean_dataset) == before


@pytest.mark.parametrize(("given", "message"), [
    ("missing", "cannot read {path}: No such file or directory"),
    ("folder", "cannot read {path}: this is a folder, not a regular file"),
    (b"subject: Caf\xe9\n", "cannot read {path}: it is not UTF-8 text"),
    ('{"subject":' * 50_000, "the JSON given is not valid: maximum recursion depth exceeded while decoding a JSON "
                              "object from a unicode string"),
    ('{"subject": ' + "9" * 5000 + "}", "the JSON given is not valid: Exceeds the limit (4300 digits) for integer "
                                        "string conversion: value has 5000 digits; use sys.set_int_max_str_digits() "
                                        "to increase the limit"),
], ids=["missing-file", "a-folder", "latin-1", "json-nested-too-deep", "json-number-too-long"])
def test_a_from_file_that_cannot_be_read_is_a_usage_error_in_one_line(
    clean_dataset: Path, tmp_path: Path, given: str | bytes, message: str
) -> None:
    path = tmp_path / "given.json"
    if given == "folder":
        path.mkdir()
    elif isinstance(given, bytes):
        path.write_bytes(given)
    elif given != "missing":
        path.write_text(given, encoding="utf-8")
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-contact", "--from-file", str(path))
    assert (result.exit_code, result.stdout) == (2, "")  # it was an internal error (3) for all but the Latin-1
    assert result.stderr == "ilo-engage: " + message.format(path=path) + "\n"
    assert files(clean_dataset) == before


def test_a_contact_file_the_round_trip_parser_refuses_stops_a_step_with_its_position(
    clean_dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reader refuses what the round-trip parser refuses (see test_fuzz.py); should they ever
    # disagree again, a step says where, rather than failing as an internal error.
    from ilo_engage.core.problems import YAML_SYNTAX, FileProblem
    from ilo_engage.yamlio import roundtrip

    def refuse(text: str) -> None:
        raise FileProblem(YAML_SYNTAX, 7, 3, "found something the round-trip parser refuses")

    monkeypatch.setattr(roundtrip, "load", refuse)
    before = files(clean_dataset)
    result = step(clean_dataset, WORKERS_CONTACT, "analyse", "--summary", "Needs advice.", "--date", "2015-09-03")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (f"ilo-engage: {contact_file(WORKERS_CONTACT)}:7:3: found something the round-trip parser "
                             "refuses\n")
    assert files(clean_dataset) == before
