"""The command line as a newcomer meets it (issue 17): version, --root in either place, dates,
plain help that fits 80 columns, and the same exit status for the same mistake everywhere."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pytest
import typer
from typer.testing import CliRunner

from ilo_engage import __version__
from ilo_engage.cli import app
from ilo_engage.cli.help import root_after_command

RECEIVED = "2015-09-01-example-cocoa-m4nx"


def run(*args: str, columns: int = 80):  # noqa: ANN201
    return CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version(option: str) -> None:
    result = run(option)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"ilo-engage {__version__}\n", "")


def test_root_goes_before_or_after_the_command(clean_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no dataset here: only --root can find it
    before = run("--root", str(clean_dataset), "validate")
    after = run("validate", "--root", str(clean_dataset))
    assert (before.exit_code, before.stdout, before.stderr) == (after.exit_code, after.stdout, after.stderr)
    assert before.exit_code == 0
    assert run(f"--root={clean_dataset}", "find", "cocoa").exit_code == 0


def test_root_moves_after_the_command_but_before_the_end_of_options() -> None:
    assert root_after_command(["--root", "d", "validate", "x"]) == ["validate", "x", "--root", "d"]
    assert root_after_command(["--root=d", "fmt", "--", "-f"]) == ["fmt", "--root=d", "--", "-f"]
    assert root_after_command(["validate", "--root", "d"]) == ["validate", "--root", "d"]


@pytest.mark.parametrize(("value", "message"), [
    ("2026-02-30", "2026-02-30 is not a date (February 2026 has 28 days)"),
    ("2024-02-30", "2024-02-30 is not a date (February 2024 has 29 days)"),
    ("2026-13-01", "2026-13-01 is not a date (there is no month 13)"),
    ("21/11/2026", "'21/11/2026': write dates as YYYY-MM-DD, e.g. 2026-11-21"),
])
def test_a_date_option_says_what_is_wrong_the_same_way_in_every_command(
    clean_dataset: Path, value: str, message: str
) -> None:
    root = ["--root", str(clean_dataset)]
    step = run("contact", RECEIVED, "analyse", "--summary", "x", "--date", value, *root)
    assert (step.exit_code, step.stdout) == (2, "")
    assert step.stderr == (
        "Usage: ilo-engage contact ID analyse [OPTIONS]\n"
        "Try 'ilo-engage contact ID analyse -h' for help.\n\n"
        f"Error: Invalid value for '--date': {message}\n"
    )
    register = run("register", "--from", value, *root)
    assert (register.exit_code, register.stderr.splitlines()[-1]) == (2, f"Error: Invalid value for '--from': {message}")
    report = run("report", "progress", "--to", value, *root)
    assert (report.exit_code, report.stderr.splitlines()[-1]) == (2, f"Error: Invalid value for '--to': {message}")
    added = run("add-contact", "--no-input", "--enterprise", "example-cocoa", "--initiated-by", "management",
                "--subject", "S", "--topic", "osh", "--date", value, *root)
    assert (added.exit_code, added.stderr) == (
        2, f"ilo-engage: nothing was written; fix these fields:\n  --date: {message}\n")


def commands(group: object = None, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group, as typed (a group's ID argument as `X`)."""
    group = group or typer.main.get_command(app)
    found = [path]
    for name, command in getattr(group, "commands", {}).items():
        args = ("X",) if any(p.param_type_name == "argument" for p in command.params) and hasattr(command, "commands") else ()
        found += commands(command, (*path, name, *args))
    return found


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "ilo-engage")
def test_help_is_plain_and_fits_80_columns(path: tuple[str, ...]) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    for internal in ("<bool>", "<str>", "<list", "<Path", "<%", "{ID}", "[[", "╭"):
        assert internal not in text
    # No word is cut: every sentence of every option's help is found whole once lines are joined.
    joined = " ".join(text.split())
    command = typer.main.get_command(app)
    for name in [p for p in path if p != "X"]:
        command = command.commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        if param.help:
            assert " ".join(param.help.split()) in joined


def test_a_step_help_at_80_columns() -> None:
    assert run("contact", "X", "analyse", "--help").stdout == """\
Usage: ilo-engage contact ID analyse [OPTIONS]

  Record the entry bureau's needs analysis; the contact becomes `analysed` (para
  3(b)).

Options:
  --summary TEXT     What happened, in a few sentences.
  --by UNIT          Default: the entry bureau.
  --date YYYY-MM-DD  When (default today).
  --root DIR         The dataset's folder (the one holding ilo-engage.toml).
                     Default: found by walking up from the current folder.
                     [environment: ILO_ENGAGE_ROOT]
  -h, --help         Show this message and exit.
"""


def test_register_help_names_the_bureau_and_the_choices_whole() -> None:
    text = run("register", "--help").stdout
    assert text.startswith("Usage: ilo-engage register [OPTIONS] [BUREAU]\n")
    assert "  --audience public|staff|restricted\n" in text
    assert "  --from YYYY-MM-DD " in text


# Missing or malformed options are usage errors (2) wherever they are missing; refusals for a
# reason in the data are 1 (tests/cli/test_exit_codes.py holds the table of every command).
@pytest.mark.parametrize("args", [
    ["add-contact", "--no-input", "--enterprise", "example-cocoa"],
    ["add-initiative", "--no-input", "--name", "Cocoa Platform"],
    ["report", "progress", "--format", "docx"],
    ["contact", RECEIVED, "analyse"],
    ["contact", RECEIVED, "analyse", "--summary", "x", "--date", "21/11/2026"],
], ids=" ".join)
def test_missing_or_malformed_options_exit_2(clean_dataset: Path, args: list[str]) -> None:
    result = run(*args, "--root", str(clean_dataset))
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_at_a_prompt_exits_130(clean_dataset: Path) -> None:
    child = pexpect.spawn(sys.executable, ["-m", "ilo_engage", "add-contact", "--root", str(clean_dataset)],
                          env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"}, encoding="utf-8", timeout=60)
    child.expect_exact("Enterprise (id): ")
    time.sleep(0.5)  # the prompt printed is not yet the prompt reading: let it start waiting for input
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert re.search(r"ilo-engage: interrupted", child.before or "")


# One suggestion for an unknown id, in every command (item 3).
def test_an_unknown_topic_gets_the_same_suggestion_in_route_and_add_contact(clean_dataset: Path) -> None:
    root = ["--root", str(clean_dataset)]
    route = run("route", "--initiated-by", "management", "--topic", "child-labor", *root)
    assert (route.exit_code, route.stderr) == (2, "ilo-engage: no topic has the id `child-labor`; did you mean `child-labour`?\n")
    added = run("add-contact", "--no-input", "--enterprise", "example-cocoa", "--initiated-by", "management",
                "--subject", "S", "--topic", "child-labor", *root)
    assert (added.exit_code, added.stderr) == (1, "ilo-engage: nothing was written; fix these fields:\n"
                                               "  --topic: no topic has the id `child-labor`; did you mean `child-labour`?\n")


def test_an_unknown_enterprise_is_suggested_or_registered(clean_dataset: Path) -> None:
    root = ["--root", str(clean_dataset)]
    args = ["add-contact", "--no-input", "--initiated-by", "management", "--subject", "S", *root]
    typo = run(*args, "--enterprise", "example-coco")
    assert typo.stderr == (
        "ilo-engage: nothing was written; fix these fields:\n"
        "  --enterprise: no enterprise has the id `example-coco`; did you mean `example-cocoa`? "
        "To register a new one: `ilo-engage add-enterprise --name NAME --kind KIND --country CODE`\n")
    new = run(*args, "--enterprise", "northwind-cocoa-traders")
    assert new.stderr == (
        "ilo-engage: nothing was written; fix these fields:\n"
        "  --enterprise: no enterprise has the id `northwind-cocoa-traders`; `ilo-engage list enterprises` lists "
        "them. To register a new one: `ilo-engage add-enterprise --name NAME --kind KIND --country CODE`\n")
    shown = run("show", "example-coco", *root)
    assert shown.stderr.startswith("ilo-engage: no enterprise has the id `example-coco`; did you mean `example-cocoa`?")


def test_a_contact_id_missing_a_character_is_suggested_unless_confidential(clean_dataset: Path) -> None:
    root = ["--root", str(clean_dataset)]
    result = run("contact", "2015-06-01-example-cocoa-ab2", "share", *root)
    assert (result.exit_code, result.stderr) == (
        1, "ilo-engage: no contact has the id `2015-06-01-example-cocoa-ab2`; "
           "did you mean `2015-06-01-example-cocoa-ab2c`?\n")
    hidden = run("contact", "2015-09-01-example-cocoa-m4n", "share", *root)  # a confidential contact
    assert "m4nx" not in hidden.stderr


def test_on_an_empty_register_the_message_says_so(clean_dataset: Path) -> None:
    for path in (clean_dataset / "data/registers/enterprises").iterdir():
        path.unlink()
    result = run("add-contact", "--no-input", "--initiated-by", "management", "--subject", "S",
                 "--enterprise", "acme", "--root", str(clean_dataset))
    assert "  --enterprise: no enterprise has the id `acme`; no enterprise is registered yet. To register" in result.stderr


# `list` (item 4).
def test_list_topics_prints_every_topic_whole(clean_dataset: Path) -> None:
    result = run("list", "topics", "--root", str(clean_dataset))
    assert (result.exit_code, result.stdout) == (0, """\

  Id              Topic
 ────────────────────────────────────────────────
  child-labour    Child labour
  supply-chains   Decent work in supply chains
  osh             Occupational safety and health

""")


def test_list_enterprises_and_contacts_leave_out_what_the_audience_may_not_see(clean_dataset: Path) -> None:
    root = ["--root", str(clean_dataset)]
    staff = run("list", "enterprises", "--format", "json", *root)
    assert [e["id"] for e in json.loads(staff.stdout)] == ["example-cocoa"]
    restricted = run("list", "enterprises", "--format", "json", "--audience", "restricted", *root)
    assert [e["id"] for e in json.loads(restricted.stdout)] == ["example-cocoa", "secret-mining"]
    contacts = run("list", "contacts", "--format", "csv", *root)
    assert contacts.stdout.splitlines()[1:] == [
        "2015-06-01-example-cocoa-ab2c,closed,Advice on child labour due diligence in the cocoa supply chain"]


@pytest.mark.parametrize("what", ["units", "regions", "countries"])
def test_list_of_each_vocabulary(clean_dataset: Path, what: str) -> None:
    result = run("list", what, "--format", "json", "--root", str(clean_dataset))
    listed = json.loads(result.stdout)
    first = {"units": "act-emp", "regions": "africa", "countries": "AD"}[what]
    assert next(iter(listed[0].values())) == first


# Tables fit the terminal and never cut an id (item 8).
@pytest.mark.parametrize("columns", [200, 150, 100, 80, 60])
def test_the_register_fits_the_terminal_and_keeps_every_id_whole(clean_dataset: Path, columns: int) -> None:
    text = run("register", "act-emp", "--root", str(clean_dataset), columns=columns).stdout
    assert max(len(line) for line in text.splitlines()) <= columns
    for word in ("(example-cocoa)", "child-labour-platform", "fundamentals", "supply-chains"):
        assert word in text


def test_a_narrow_register_is_stacked(clean_dataset: Path) -> None:
    assert run("register", "act-emp", "--root", str(clean_dataset), "--today", "2016-01-21",
               columns=80).stdout == """\
Register of ACT/EMP: 2 enterprises, 2 contacts

Enterprise       Example Cocoa Trading S.A. (example-cocoa)
Country          CH
Sectors          cocoa
Contacts         1
First            2015-06-01
Last             2015-06-01
Topics           child-labour, supply-chains
Technical leads  fundamentals
Initiatives      child-labour-platform
In both

Not shown to this audience: 1 enterprise, 1 contact.
As of 2016-01-21: 1 contact open, 0 steps overdue.
Time per step, in days from the step it follows

  Step              Contacts   Median days   Longest days
 ─────────────────────────────────────────────────────────
  sharing           2          1             1
  needs analysis    2          5.5           9
  referral          2          7             7
  first follow-up   1          76            76
  closing           1          181           181

"""


# A refused step names the command to run first (item 10, first half).
def test_a_step_refused_by_the_procedure_names_the_command_to_run_first(clean_dataset: Path) -> None:
    root = ["--root", str(clean_dataset)]
    added = run("add-contact", "--no-input", "--enterprise", "example-cocoa", "--initiated-by", "management",
                "--subject", "S", "--topic", "osh", "--date", "2015-11-20", *root)
    contact = Path(added.stdout.strip()).stem
    refused = run("contact", contact, "analyse", "--summary", "Needs", "--date", "2015-11-21", *root)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[-1] == (
        f"ilo-engage: the record has errors: nothing was written (run first: `ilo-engage contact {contact} share`)")
    assert run("contact", contact, "share", "--date", "2015-11-21", *root).exit_code == 0
    assert run("contact", contact, "analyse", "--summary", "Needs", "--date", "2015-11-21", *root).exit_code == 0


# fmt --diff (item 12).
def test_fmt_diff_prints_what_would_change_and_writes_nothing(clean_dataset: Path) -> None:
    messy = clean_dataset / "data/registers/enterprises/messy.yaml"
    messy.write_text("name: Messy\nid: messy\nkind: company\ncountry: CH\n", encoding="utf-8")
    result = run("fmt", "--diff", "--root", str(clean_dataset))
    assert (result.exit_code, result.stdout) == (1, """\
--- a/data/registers/enterprises/messy.yaml
+++ b/data/registers/enterprises/messy.yaml
@@ -1,4 +1,4 @@
+id: messy
 name: Messy
-id: messy
 kind: company
 country: CH
""")
    assert messy.read_text(encoding="utf-8") == "name: Messy\nid: messy\nkind: company\ncountry: CH\n"
    messy.write_text("name: Messy\nid: messy\nkind: company\ncountry: CH", encoding="utf-8")  # no last newline
    assert run("fmt", "--diff", "--root", str(clean_dataset)).stdout.endswith(
        "-country: CH\n\\ No newline at end of file\n+country: CH\n")
    assert run("fmt", "--diff", "--root", str(clean_dataset), str(clean_dataset / "data/registers/contacts")).exit_code == 0


# --as-of in the user's words (item 13): see tests/reports/test_as_of.py.


# Placeholders left in the report text (item 14).
def test_a_fresh_report_text_is_flagged_and_refused_unless_draft(tmp_path: Path) -> None:
    root = tmp_path / "new"
    assert run("init", str(root)).exit_code == 0
    checked = run("validate", "--strict", "--root", str(root))
    assert checked.exit_code == 1
    assert ("data/reports/progress.yaml:12:10: T007 [GB.xxx/INS/x] is still to be written\n"
            "    hint: replace the text in square brackets that `ilo-engage init` left; `report` refuses it unless "
            "--draft\n") in checked.stdout
    assert checked.stdout.count(" T007 ") == 14
    assert run("validate", "--root", str(root)).exit_code == 0  # a warning
    refused = run("report", "progress", "--root", str(root))
    assert (refused.exit_code, refused.stdout, refused.stderr) == (1, "", (
        "ilo-engage: the report text still has 14 passages to write (first: data/reports/progress.yaml:11: "
        "[number] is still to be written); replace them (`ilo-engage validate` lists them), or render a draft "
        "with --draft\n"))
    draft = run("report", "progress", "--draft", "--root", str(root))
    assert draft.exit_code == 0 and "[GB.xxx/INS/x]" in draft.stdout


@pytest.mark.parametrize(("text", "found"), [
    ("[GB.xxx/INS/x]", ["GB.xxx/INS/x"]), ("(a) [first request]; and", ["first request"]),
    ("see [the paper](https://www.ilo.org/gb) and [^1]", []), ("no brackets", []), ("[.] x", ["."]),
])
def test_what_counts_as_a_placeholder_left(text: str, found: list[str]) -> None:
    from ilo_engage.checks.report_template import UNFILLED

    assert UNFILLED.findall(text) == found


# validate: every check in one run (item 9).
CONTACT = "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"


def test_references_are_checked_beside_schema_errors(clean_dataset: Path) -> None:
    path = clean_dataset / CONTACT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2015-06-01\n", "date: 2015-06-31\n", 1)
                    .replace("enterprise: example-cocoa\n", "enterprise: example-cocoa-tarders\n", 1)
                    .replace("  - child-labour\n", "  - child-labor\n", 1), encoding="utf-8")
    expected = (
        f"{CONTACT}:3:7: S003 `date`: '2015-06-31' is not a day of the calendar\n"
        "    hint: write a real date as YYYY-MM-DD, e.g. 2015-06-01\n"
        f"{CONTACT}:4:13: D003 no enterprise has the id `example-cocoa-tarders`\n"
        "    hint: add the enterprise to data/registers/enterprises/ or correct the id\n"
        f"{CONTACT}:9:5: D003 no topic has the id `child-labor`\n"
        "    hint: did you mean `child-labour`?\n"
    )
    for _ in range(2):  # read afresh, then from the cache
        result = run("validate", "--root", str(clean_dataset))
        assert (result.exit_code, result.stdout) == (1, expected)


def test_an_unknown_enterprise_is_not_also_a_wrong_contact_id(clean_dataset: Path) -> None:
    path = clean_dataset / CONTACT
    path.write_text(path.read_text(encoding="utf-8").replace(
        "enterprise: example-cocoa\n", "enterprise: example-cocoa-tarders\n", 1), encoding="utf-8")
    result = run("validate", "--root", str(clean_dataset))
    assert (result.exit_code, result.stdout) == (1, (
        f"{CONTACT}:4:13: D003 no enterprise has the id `example-cocoa-tarders`\n"
        "    hint: add the enterprise to data/registers/enterprises/ or correct the id\n"))


def test_due_suggests_a_unit_as_every_command_does(clean_dataset: Path) -> None:
    result = run("due", "--unit", "act-em", "--root", str(clean_dataset))
    assert (result.exit_code, result.stderr) == (2, "ilo-engage: no unit has the id `act-em`; did you mean `act-emp`?\n")
