"""(d) Reporting: the ACT/EMP and ACTRAV registers are derived from the contacts, and each
audience sees only what it may (para 3(d): registers accessible to all ILO staff)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app
from ilo_engage.load.dataset import load
from ilo_engage.lookup.registers import Filters, registers
from ilo_engage.lookup.tables import spreadsheet_csv
from tests.helpers import FIXTURES, write

CANARY = "CANARY-7F3A9C"
PERSONAL = "canary.person@example.org"
CLEAN = FIXTURES / "clean"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--root", str(CLEAN)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_an_enterprise_is_in_the_register_of_the_bureau_its_contacts_entered_through() -> None:
    act_emp, actrav = registers(load(CLEAN), "restricted")
    assert act_emp.bureau.id == "act-emp" and actrav.bureau.id == "actrav"
    assert [row.enterprise for row in act_emp.rows] == ["secret-mining", "example-cocoa"]
    assert [row.enterprise for row in actrav.rows] == ["example-cocoa"]


def test_an_enterprise_in_both_registers_is_flagged_for_the_bureaux_to_share() -> None:
    act_emp, actrav = registers(load(CLEAN), "restricted")
    cocoa = next(row for row in act_emp.rows if row.enterprise == "example-cocoa")
    assert cocoa.in_both_registers and actrav.rows[0].in_both_registers
    assert cocoa.initiatives == ("child-labour-platform",)
    assert (cocoa.first_contact.isoformat(), cocoa.technical_leads) == ("2015-06-01", ("fundamentals",))


def test_staff_see_internal_records_and_counts_of_the_confidential_ones() -> None:
    act_emp, actrav = registers(load(CLEAN), "staff")
    assert [row.enterprise for row in act_emp.rows] == ["example-cocoa"]
    assert (act_emp.not_shown, act_emp.hidden_contacts, act_emp.contacts) == (1, 1, 2)
    # The cocoa company's only ACTRAV contact is confidential: it counts, it is not named.
    assert actrav.rows == [] and actrav.contacts == 1


def test_the_public_sees_only_public_records() -> None:
    act_emp, _ = registers(load(CLEAN), "public")
    assert act_emp.rows == [] and act_emp.contacts == 2


def test_filters_by_country_topic_and_date() -> None:
    dataset = load(CLEAN)
    assert registers(dataset, "restricted", Filters(countries=("GH",)))[0].contacts == 1
    assert registers(dataset, "restricted", Filters(topics=("osh",)))[1].contacts == 1
    from datetime import date

    assert registers(dataset, "restricted", Filters(start=date(2015, 7, 1)))[0].contacts == 1


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json"])
@pytest.mark.parametrize("audience", ["public", "staff"])
def test_no_confidential_record_or_personal_data_in_any_register_format(fmt: str, audience: str) -> None:
    out = run("register", "--format", fmt, "--audience", audience)
    assert CANARY not in out and PERSONAL not in out


@pytest.mark.parametrize("fmt", ["table", "md", "csv", "json"])
def test_personal_data_never_appears_even_for_the_restricted_audience(fmt: str) -> None:
    out = run("register", "--format", fmt, "--audience", "restricted")
    assert PERSONAL not in out and "Carla Canary" not in out
    assert CANARY in out  # the confidential enterprise is named for this audience


def test_json_register_holds_the_rows_and_the_counts() -> None:
    act_emp = json.loads(run("register", "act-emp", "--format", "json"))[0]
    assert act_emp["bureau"] == "ACT/EMP" and act_emp["contacts"] == 2
    assert act_emp["enterprises"][0]["enterprise"] == "example-cocoa"
    assert act_emp["enterprises_not_shown"] == 1


def test_csv_opens_safely_in_a_spreadsheet() -> None:
    text = spreadsheet_csv(["Name"], [["=HYPERLINK(\"http://x\")"], ["+1"], ["-2"], ["@SUM(A1)"], ["Acme"]])
    assert text.startswith("\ufeff")
    cells = [row[0] for row in csv.reader(io.StringIO(text[1:]))]
    assert cells == ["Name", "'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "Acme"]


def test_an_unknown_bureau_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["register", "act-emq", "--root", str(CLEAN)])
    assert result.exit_code == 2 and "act-emp or actrav" in result.stderr


def test_a_register_row_is_derived_from_a_new_contact(clean_dataset: Path) -> None:
    contact = (CLEAN / "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml").read_text(encoding="utf-8")
    write(clean_dataset, "data/registers/contacts/2015-12-01-example-cocoa-zz2z.yaml",
          contact.replace("2015-06-01-example-cocoa-ab2c", "2015-12-01-example-cocoa-zz2z")
          .replace("date: 2015-06-01", "date: 2015-12-01"))
    cocoa = registers(load(clean_dataset), "staff")[0].rows[0]
    assert (cocoa.contacts, cocoa.last_contact.isoformat()) == (2, "2015-12-01")


def test_a_row_is_an_example_when_all_its_contacts_are_even_if_the_enterprise_is_not(clean_dataset: Path) -> None:
    import json

    from typer.testing import CliRunner

    from ilo_engage.cli import app

    for contact in (clean_dataset / "data/registers/contacts").glob("*example-cocoa*.yaml"):
        contact.write_text(contact.read_text(encoding="utf-8") + "example: true\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["register", "act-emp", "--format", "json", "--root", str(clean_dataset)])
    rows = {row["enterprise"]: row for row in json.loads(result.stdout)[0]["enterprises"]}
    assert rows["example-cocoa"]["example"] is True
