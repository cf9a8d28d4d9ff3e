"""Every option that filters or selects, checked through the command line (not only the Python API):
an option the command forgets to pass on fails here.

The clean fixture: ACT/EMP has example-cocoa (CH; contact 2015-06-01 in CI on child labour and
supply chains) and the confidential secret-mining (GH; 2015-08-03, child labour); ACTRAV has
example-cocoa's confidential contact of 2015-09-01 in CI on OSH.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app
from tests.helpers import FIXTURES, write

CLEAN = FIXTURES / "clean"
LEI = "5493001KJTIIGC8Y1R12"


def run(*args: str, root: Path = CLEAN, code: int = 0) -> str:
    result = CliRunner().invoke(app, [*args, "--root", str(root)])
    assert result.exit_code == code, result.output
    return result.stdout


def register(*args: str) -> dict[str, list[tuple[str, int]]]:
    """Each register's enterprises with their contact counts, and its total, as `register --format json` gives them."""
    found = json.loads(run("register", "--format", "json", "--audience", "restricted", *args))
    return {r["register"]: [*((e["enterprise"], e["contacts"]) for e in r["enterprises"]), ("total", r["contacts"])]
            for r in found}


# register


def test_register_without_filters_counts_every_contact() -> None:
    assert register() == {
        "act-emp": [("secret-mining", 1), ("example-cocoa", 1), ("total", 2)],
        "actrav": [("example-cocoa", 1), ("total", 1)],
    }


def test_register_country_keeps_contacts_about_that_country_or_with_an_enterprise_there() -> None:
    assert register("--country", "GH") == {"act-emp": [("secret-mining", 1), ("total", 1)], "actrav": [("total", 0)]}
    # CH is where example-cocoa is, CI what its contacts are about; lower case is accepted.
    assert register("--country", "ch") == register("--country", "CI") == {
        "act-emp": [("example-cocoa", 1), ("total", 1)], "actrav": [("example-cocoa", 1), ("total", 1)],
    }


def test_register_country_is_repeatable() -> None:
    assert register("--country", "GH", "--country", "CH") == register()


def test_register_topic_keeps_contacts_on_that_topic() -> None:
    assert register("--topic", "osh") == {"act-emp": [("total", 0)], "actrav": [("example-cocoa", 1), ("total", 1)]}
    assert register("--topic", "supply-chains", "--topic", "osh") == {
        "act-emp": [("example-cocoa", 1), ("total", 1)], "actrav": [("example-cocoa", 1), ("total", 1)],
    }


def test_register_from_keeps_contacts_from_that_day_on() -> None:
    assert register("--from", "2015-08-03") == {
        "act-emp": [("secret-mining", 1), ("total", 1)], "actrav": [("example-cocoa", 1), ("total", 1)],
    }
    assert register("--from", "2015-08-04") == {"act-emp": [("total", 0)], "actrav": [("example-cocoa", 1), ("total", 1)]}


def test_register_to_keeps_contacts_up_to_that_day() -> None:
    assert register("--to", "2015-08-03") == {
        "act-emp": [("secret-mining", 1), ("example-cocoa", 1), ("total", 2)], "actrav": [("total", 0)],
    }
    assert register("--to", "2015-08-02") == {"act-emp": [("example-cocoa", 1), ("total", 1)], "actrav": [("total", 0)]}


def test_register_bureau_selects_one_register() -> None:
    assert register("actrav") == {"actrav": [("example-cocoa", 1), ("total", 1)]}
    assert register("act-emp") == {"act-emp": [("secret-mining", 1), ("example-cocoa", 1), ("total", 2)]}


def test_register_json_gives_every_field_of_a_row() -> None:
    act_emp = json.loads(run("register", "act-emp", "--format", "json"))
    # The register's timing is pinned number by number in tests/lookup/test_registers_timing.py.
    timing = {key: act_emp[0].pop(key) for key in ("as_of", "step_times", "overdue_by_unit", "open")}
    assert timing["as_of"] == date.today().isoformat()
    assert act_emp == [{
        "register": "act-emp",
        "bureau": "ACT/EMP",
        "enterprises": [{
            "enterprise": "example-cocoa",
            "name": "Example Cocoa Trading S.A.",
            "country": "CH",
            "sectors": ["cocoa"],
            "contacts": 1,
            "first_contact": "2015-06-01",
            "last_contact": "2015-06-01",
            "topics": ["child-labour", "supply-chains"],
            "technical_leads": ["fundamentals"],
            "initiatives": ["child-labour-platform"],
            # Its ACTRAV contact is confidential: staff are not told it is in both registers.
            "in_both_registers": False,
            "example": False,
        }],
        "enterprises_not_shown": 1,
        "contacts_not_shown": 1,
        "contacts": 2,
    }]


@pytest.mark.parametrize(("audience", "act_emp"), [
    ("public", {"enterprises": [], "enterprises_not_shown": 2, "contacts_not_shown": 2, "contacts": 2}),
    ("staff", {"enterprises": ["example-cocoa"], "enterprises_not_shown": 1, "contacts_not_shown": 1, "contacts": 2}),
    ("restricted", {"enterprises": ["secret-mining", "example-cocoa"], "enterprises_not_shown": 0,
                    "contacts_not_shown": 0, "contacts": 2}),
])
def test_register_audience_selects_what_is_named(audience: str, act_emp: dict[str, Any]) -> None:
    found = json.loads(run("register", "act-emp", "--format", "json", "--audience", audience))[0]
    found["enterprises"] = [e["enterprise"] for e in found["enterprises"]]
    assert {k: found[k] for k in act_emp} == act_emp


def test_register_formats_are_told_apart() -> None:
    table, md, csv = (run("register", "act-emp", "--format", f) for f in ("table", "md", "csv"))
    assert csv.startswith("\ufeff") and "example-cocoa" in csv.splitlines()[1]
    assert md.count("|") > 10 and not md.startswith("\ufeff")
    assert len({table, md, csv}) == 3


# route


def route(*args: str) -> dict[str, Any]:
    return json.loads(run("route", "--format", "json", *args))


def test_route_topic_and_country_select_the_candidate_leads() -> None:
    assert route("--initiated-by", "management")["technical_leads"] == []
    by_topic = route("--initiated-by", "management", "--topic", "child-labour")["technical_leads"]
    assert [(c["unit"], c["topics"], c["countries"]) for c in by_topic] == [("fundamentals", ["child-labour"], [])]
    by_country = route("--initiated-by", "management", "--country", "CI")["technical_leads"]
    assert [(c["unit"], c["topics"], c["countries"]) for c in by_country] == [("co-abidjan", [], ["CI"])]


def test_route_initiated_by_and_counterpart_select_the_bureau() -> None:
    management = route("--initiated-by", "management")
    assert (management["entry_point"], management["share_with"], management["needs_analysis_by"], management["consult"]) \
        == ("act-emp", ["actrav", "employers-secretariat"], "act-emp", None)
    union = route("--initiated-by", "workers-organization")
    assert (union["entry_point"], union["needs_analysis_by"], union["consult"]) == ("actrav", "actrav", None)
    unit = route("--initiated-by", "ilo-unit", "--counterpart", "workers-organization")
    assert (unit["entry_point"], unit["share_with"], unit["needs_analysis_by"], unit["consult"]) \
        == ("actrav", ["act-emp", "workers-secretariat"], None, "actrav")


def test_route_enterprise_gives_its_history_and_audience_limits_it() -> None:
    assert route("--initiated-by", "management")["already_engaged"] is None
    staff = route("--initiated-by", "management", "--enterprise", "example-cocoa")["already_engaged"]
    assert ([c["id"] for c in staff["contacts"]], staff["contacts_not_shown"]) == (["2015-06-01-example-cocoa-ab2c"], 1)
    restricted = route("--initiated-by", "management", "--enterprise", "example-cocoa", "--audience", "restricted")
    assert [c["id"] for c in restricted["already_engaged"]["contacts"]] == [
        "2015-09-01-example-cocoa-m4nx", "2015-06-01-example-cocoa-ab2c"]


# find and show


@pytest.fixture
def with_lei(clean_dataset: Path) -> Path:
    """The clean dataset plus a public enterprise that has an LEI."""
    write(clean_dataset, "data/registers/enterprises/lei-holding.yaml",
          f"id: lei-holding\nname: Ledger Holding AG\nkind: company\ncountry: DE\nsectors:\n  - finance\n"
          f"identifiers:\n  lei: {LEI}\n  website: https://ledger.example.com\n")
    return clean_dataset


def test_find_matches_an_lei(with_lei: Path) -> None:
    found = json.loads(run("find", LEI, "--format", "json", root=with_lei))
    assert found == [{"id": "lei-holding", "name": "Ledger Holding AG", "kind": "company", "country": "DE", "contacts": 0}]


def test_find_matches_a_website_and_an_id_exactly(with_lei: Path) -> None:
    assert [e["id"] for e in json.loads(run("find", "https://ledger.example.com", "--format", "json", root=with_lei))] \
        == ["lei-holding"]
    assert [e["id"] for e in json.loads(run("find", "lei-holding", "--format", "json", root=with_lei))] == ["lei-holding"]


def test_find_an_lei_that_no_enterprise_has_exits_1(with_lei: Path) -> None:
    result = CliRunner().invoke(app, ["find", "5493001KJTIIGC8Y1R99", "--root", str(with_lei)])
    assert result.exit_code == 1
    assert "no enterprise matches '5493001KJTIIGC8Y1R99'" in result.stderr


def test_find_lists_the_best_match_first(clean_dataset: Path) -> None:
    write(clean_dataset, "data/registers/enterprises/cocoa-example-partners.yaml",
          "id: cocoa-example-partners\nname: Cocoa Example Partners\nkind: company\ncountry: FR\n")
    write(clean_dataset, "data/registers/enterprises/example-cocoa-export.yaml",
          "id: example-cocoa-export\nname: Example Cocoa Export\nkind: company\ncountry: GH\n")

    def ids(text: str) -> list[str]:
        return [e["id"] for e in json.loads(run("find", text, "--format", "json", root=clean_dataset))]

    # example-cocoa has the alias "Example Cocoa": an exact match.
    assert ids("example cocoa") == ["example-cocoa", "example-cocoa-export", "cocoa-example-partners"]
    assert ids("cocoa example") == ["cocoa-example-partners", "example-cocoa-export", "example-cocoa"]


@pytest.mark.parametrize(("audience", "cocoa", "mining"), [
    ("public", [], []), ("staff", ["example-cocoa"], []), ("restricted", ["example-cocoa"], ["secret-mining"]),
])
def test_find_audience_selects_what_is_named(audience: str, cocoa: list[str], mining: list[str]) -> None:
    for text, ids in (("example cocoa", cocoa), ("secret mining", mining)):
        result = CliRunner().invoke(app, ["find", text, "--format", "json", "--audience", audience, "--root", str(CLEAN)])
        assert (result.exit_code, [e["id"] for e in json.loads(result.stdout)]) == (0 if ids else 1, ids)


@pytest.mark.parametrize(("audience", "contacts"), [
    ("staff", ["2015-06-01-example-cocoa-ab2c"]),
    ("restricted", ["2015-09-01-example-cocoa-m4nx", "2015-06-01-example-cocoa-ab2c"]),
])
def test_show_audience_selects_the_contacts(audience: str, contacts: list[str]) -> None:
    dossier = json.loads(run("show", "example-cocoa", "--format", "json", "--audience", audience))
    assert [c["id"] for c in dossier["contacts"]] == contacts


# validate


def test_validate_paths_select_the_files_reported(clean_dataset: Path) -> None:
    contact = clean_dataset / "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("outcome: The company joined the Child Labour Platform.\n", ""),
                       encoding="utf-8")
    everything = CliRunner().invoke(app, ["validate", "--format", "json", "--root", str(clean_dataset)])
    assert [p["code"] for p in json.loads(everything.stdout)] == ["R012"]
    elsewhere = CliRunner().invoke(app, ["validate", "--format", "json", "--root", str(clean_dataset),
                                         str(clean_dataset / "data/units")])
    assert (elsewhere.exit_code, json.loads(elsewhere.stdout)) == (0, [])


def test_validate_select_and_ignore_pick_codes_by_prefix(clean_dataset: Path) -> None:
    contact = clean_dataset / "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("outcome: The company joined the Child Labour Platform.\n", "")
                       .replace("technical_lead: fundamentals\n", "technical_lead: actrav\n"), encoding="utf-8")

    def codes(*args: str) -> list[str]:
        result = CliRunner().invoke(app, ["validate", "--format", "json", "--root", str(clean_dataset), *args])
        return sorted(p["code"] for p in json.loads(result.stdout))

    everything = codes()
    assert "R012" in everything and "R007" in everything
    assert codes("--select", "R012") == ["R012"]
    assert codes("--select", "R01") == sorted(c for c in everything if c.startswith("R01"))
    assert codes("--ignore", "R012") == [c for c in everything if c != "R012"]
    assert codes("--select", "R", "--ignore", "R0") == []


# report


COCOA, MINING = "Example Cocoa Trading S.A.", "Canary Mining CANARY-7F3A9C Ltd"


@pytest.mark.parametrize(("report", "audience", "named"), [
    ("register", "public", []), ("register", "staff", [COCOA]), ("register", "restricted", [COCOA, MINING]),
    # The progress report names no enterprise of the register: members are listed only in the
    # participants annex, which this report text does not ask for, and never an example record.
    ("progress", "public", []), ("progress", "staff", []), ("progress", "restricted", []),
])
def test_report_audience_selects_the_enterprises_named(report: str, audience: str, named: list[str]) -> None:
    text = run("report", report, "--audience", audience)
    assert [name for name in (COCOA, MINING) if name in text] == named


# register: which bureau's register a contact is in, and the counts in the titles


def contact_file(root: Path, relpath: str, **changes: str | None) -> None:
    """Rewrite a top-level field of a fixture contact (None removes it)."""
    path = root / relpath
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for key, value in changes.items():
        lines = [(f"{key}: {value}\n" if value is not None else "") if line.startswith(f"{key}:") else line
                 for line in lines]
    path.write_text("".join(lines), encoding="utf-8")


COCOA_CONTACT = "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"


def test_a_contact_is_in_the_register_of_its_recorded_entry_point(clean_dataset: Path) -> None:
    contact_file(clean_dataset, COCOA_CONTACT, entry_point="actrav")  # wrong (R001), but what was done
    found = json.loads(run("register", "--format", "json", "--audience", "restricted", root=clean_dataset))
    assert [(r["register"], [e["enterprise"] for e in r["enterprises"]]) for r in found] == [
        ("act-emp", ["secret-mining"]), ("actrav", ["example-cocoa"])]


@pytest.mark.parametrize("entry_point", [None, "fundamentals"], ids=["not recorded", "not a bureau"])
def test_without_a_bureau_as_entry_point_a_contact_is_in_the_register_the_procedure_gives(
    clean_dataset: Path, entry_point: str | None
) -> None:
    contact_file(clean_dataset, COCOA_CONTACT, entry_point=entry_point)
    found = json.loads(run("register", "act-emp", "--format", "json", "--audience", "restricted", root=clean_dataset))
    assert [e["enterprise"] for e in found[0]["enterprises"]] == ["secret-mining", "example-cocoa"]


def test_register_titles_count_enterprises_and_contacts_shown_or_not() -> None:
    md = run("register", "--format", "md", "--audience", "staff")
    titles = [line for line in md.splitlines() if line.startswith(("## ", "Not shown"))]
    assert titles == [
        "## Register of ACT/EMP: 2 enterprises, 2 contacts",
        "Not shown to this audience: 1 enterprise, 1 contact.",
        "## Register of ACTRAV: 1 enterprise, 1 contact",
        "Not shown to this audience: 1 enterprise, 1 contact.",
    ]
    table = run("register", "act-emp", "--audience", "restricted")
    assert "Register of ACT/EMP: 2 enterprises, 2 contacts" in table and "Not shown" not in table


def test_register_json_keeps_names_as_written(clean_dataset: Path) -> None:
    enterprise = clean_dataset / "data/registers/enterprises/example-cocoa.yaml"
    enterprise.write_text(enterprise.read_text(encoding="utf-8").replace(
        "name: Example Cocoa Trading S.A.", "name: Société Ivoirienne du Cacao"), encoding="utf-8")
    assert '"name": "Société Ivoirienne du Cacao"' in run("register", "act-emp", "--format", "json", root=clean_dataset)


# show: the dossier's text, line by line


def test_show_of_an_enterprise_with_nothing_recorded_says_none(with_lei: Path) -> None:
    assert run("show", "lei-holding", root=with_lei) == (
        "Ledger Holding AG (lei-holding)\ncompany, DE; finance\n\nContacts (0 shown)\n\n"
        "Initiatives\n  none\n\nUnits involved\n  none\n"
    )


def test_show_md_lists_only_the_initiatives_the_enterprise_joined(with_lei: Path) -> None:
    write(with_lei, "data/registers/contacts/2015-10-05-lei-holding-ab2c.yaml",
          "id: 2015-10-05-lei-holding-ab2c\ndate: 2015-10-05\nenterprise: lei-holding\ninitiated_by: ilo-unit\n"
          "initiating_unit: fundamentals\ncounterpart: management\nsubject: Invitation\nstatus: received\n")
    write(with_lei, "data/registers/contacts/2015-10-01-lei-holding-cd3e.yaml",
          "id: 2015-10-01-lei-holding-cd3e\ndate: 2015-10-01\nenterprise: lei-holding\ninitiated_by: management\n"
          "channel: email\nsubject: Question\nstatus: received\n")
    assert run("show", "lei-holding", "--format", "md", root=with_lei) == (
        "# Ledger Holding AG (lei-holding)\ncompany, DE; finance\n\n## Contacts (2 shown)\n"
        "- 2015-10-05 2015-10-05-lei-holding-ab2c: Invitation [received; via fundamentals]\n"
        "- 2015-10-01 2015-10-01-lei-holding-cd3e: Question [received; via ?]\n\n"
        "## Initiatives\n- none\n\n## Units involved\n- fundamentals\n"
    )


def test_show_json_keeps_names_as_written(clean_dataset: Path) -> None:
    enterprise = clean_dataset / "data/registers/enterprises/example-cocoa.yaml"
    enterprise.write_text(enterprise.read_text(encoding="utf-8").replace(
        "name: Example Cocoa Trading S.A.", "name: Société Ivoirienne du Cacao"), encoding="utf-8")
    assert '"name": "Société Ivoirienne du Cacao"' in run("show", "example-cocoa", "--format", "json", root=clean_dataset)


# report progress


def contacts_in(*args: str) -> str:
    """What the progress report says the registers record over the period the options select."""
    text = CliRunner().invoke(app, ["report", "progress", *args, "--root", str(CLEAN)]).stdout
    found = [line for line in text.splitlines() if "the registers record" in line]
    assert len(found) == 1, text
    return found[0].split(", the registers record ")[1].split(" (")[0]


@pytest.mark.parametrize(("args", "recorded"), [
    (["--from", "2015-06-01", "--to", "2015-08-03"], "2 contacts with 2 enterprises"),  # both ends kept
    (["--from", "2015-06-02", "--to", "2015-09-01"], "2 contacts with 2 enterprises"),
    (["--from", "2015-06-02", "--to", "2015-08-31"], "1 contact with 1 enterprise"),
    (["--period", "2014-15"], "3 contacts with 2 enterprises"),
    ([], "3 contacts with 2 enterprises"),
], ids=["both ends", "from", "from and to", "period", "default"])
def test_report_from_to_and_period_select_the_contacts_counted(args: list[str], recorded: str) -> None:
    assert contacts_in(*args) == recorded
