"""`show`, `find` and `route`: who in the Office is already talking to a company (para 24),
and what the procedure asks of a new contact (para 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.checks import check
from ilo_engage.cli import app
from ilo_engage.core.names import normalise
from ilo_engage.load.dataset import load
from tests.helpers import FIXTURES, write

CLEAN = FIXTURES / "clean"
CANARY = "CANARY-7F3A9C"
PERSONAL = "canary.person@example.org"


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, [*args, "--root", str(CLEAN)])
    assert result.exit_code == code, result.output
    return result.stdout


@pytest.mark.parametrize(("written", "plain"), [
    ("Nestlé S.A.", "nestle"), ("NESTLE", "nestle"), ("Procter & Gamble Co.", "procter and gamble"),
    ("H&M Hennes & Mauritz AB", "h and m hennes and mauritz"), ("Unilever PLC", "unilever"),
])
def test_names_match_whatever_the_accents_case_and_legal_form(written: str, plain: str) -> None:
    assert normalise(written) == plain


def test_find_by_name_alias_or_website() -> None:
    for query in ("Example Cocoa Trading S.A.", "éxample cocoa", "EXAMPLE", "https://cocoa.example.org"):
        assert json.loads(run("find", query, "--format", "json"))[0]["id"] == "example-cocoa"


def test_find_never_names_a_confidential_enterprise_for_staff() -> None:
    assert CANARY not in run("find", "Canary Mining", code=1)
    assert json.loads(run("find", "Canary Mining", "--format", "json", "--audience", "restricted"))[0]["id"] == \
        "secret-mining"


def test_find_tolerates_legal_suffixes(clean_dataset: Path) -> None:
    write(clean_dataset, "data/registers/enterprises/nestle.yaml",
          "id: nestle\nname: Nestlé\nkind: company\ncountry: CH\n")
    result = CliRunner().invoke(app, ["find", "Nestlé S.A.", "--format", "json", "--root", str(clean_dataset)])
    assert [m["id"] for m in json.loads(result.stdout)] == ["nestle"]


def test_validate_warns_of_likely_duplicate_enterprises(clean_dataset: Path) -> None:
    write(clean_dataset, "data/registers/enterprises/example-cocoa-trading.yaml",
          "id: example-cocoa-trading\nname: EXAMPLE COCOA TRADING SA\nkind: company\ncountry: CH\n")
    problems = [(p.file, p.code, p.severity.value) for p in check(load(clean_dataset))]
    assert problems == [
        ("data/registers/enterprises/example-cocoa-trading.yaml", "D006", "warning"),
        ("data/registers/enterprises/example-cocoa.yaml", "D006", "warning"),
    ]


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_show_gives_the_dossier_newest_first_without_confidential_or_personal_data(fmt: str) -> None:
    out = run("show", "example-cocoa", "--format", fmt)
    if fmt == "json":
        assert json.loads(out)["initiatives"] == [
            {"id": "child-labour-platform", "name": "Child Labour Platform", "kind": "network", "status": "active"}]
    else:
        assert "Child Labour Platform (network, active)\n" in out
    assert CANARY not in out and PERSONAL not in out and "Jane Example" not in out


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_show_lists_the_contacts_newest_first(fmt: str) -> None:
    out = run("show", "example-cocoa", "--format", fmt, "--audience", "restricted")
    if fmt == "json":
        assert [c["date"] for c in json.loads(out)["contacts"]] == ["2015-09-01", "2015-06-01"]
    else:
        assert 0 < out.index("2015-09-01 2015-09-01-example-cocoa-m4nx: Union letter") \
            < out.index("2015-06-01 2015-06-01-example-cocoa-ab2c: Advice on child labour")


def test_show_counts_the_contacts_it_does_not_show() -> None:
    dossier = json.loads(run("show", "example-cocoa", "--format", "json"))
    assert [c["id"] for c in dossier["contacts"]] == ["2015-06-01-example-cocoa-ab2c"]
    assert dossier["contacts_not_shown"] == 1
    restricted = json.loads(run("show", "example-cocoa", "--format", "json", "--audience", "restricted"))
    assert [c["date"] for c in restricted["contacts"]] == ["2015-09-01", "2015-06-01"]  # newest first
    assert PERSONAL not in json.dumps(restricted)


def test_show_of_a_confidential_enterprise_is_refused_like_an_unknown_one() -> None:
    result = CliRunner().invoke(app, ["show", "secret-mining", "--root", str(CLEAN)])
    assert result.exit_code == 1
    assert "no enterprise has the id `secret-mining`" in result.stderr and CANARY not in result.output


def test_route_a_contact_from_management() -> None:
    out = run("route", "--initiated-by", "management", "--topic", "child-labour", "--country", "CI")
    assert out.splitlines()[:6] == [
        "Entry point: ACT/EMP (act-emp) — GB.326/INS/3 para 3(a)",
        "Share with: ACTRAV (actrav), Employers' secretariat (employers-secretariat) — para 3(a)",
        "Needs analysis: by ACT/EMP, before referral — para 3(b)",
        "Technical lead candidates, best fit first — para 3(c):",
        "  1. FUNDAMENTALS (fundamentals, policy-department): mandate covers Child labour",
        "  2. CO-Abidjan (co-abidjan, field-office): covers CI",
    ]


def test_route_an_ilo_unit_engaging_a_workers_organization_consults_actrav() -> None:
    advice = json.loads(run("route", "--initiated-by", "ilo-unit", "--counterpart", "workers-organization",
                            "--topic", "osh", "--format", "json"))
    assert (advice["entry_point"], advice["consult"], advice["needs_analysis_by"]) == ("actrav", "actrav", None)
    assert advice["share_with"] == ["act-emp", "workers-secretariat"]
    assert advice["technical_leads"] == []


def test_route_tells_whether_and_with_whom_the_enterprise_is_engaged() -> None:
    out = run("route", "--initiated-by", "management", "--enterprise", "example-cocoa")
    assert "Already engaged: Example Cocoa Trading S.A. has 2 contacts (1 not shown)" in out
    assert "units involved: act-emp, actrav, employers-secretariat, fundamentals" in out
    assert CANARY not in out


def test_route_refuses_what_it_cannot_decide() -> None:
    result = CliRunner().invoke(app, ["route", "--initiated-by", "ilo-unit", "--root", str(CLEAN)])
    assert result.exit_code == 2 and "--counterpart" in result.stderr
    result = CliRunner().invoke(app, ["route", "--initiated-by", "management", "--topic", "child-labor",
                                      "--root", str(CLEAN)])
    assert result.exit_code == 2 and "did you mean `child-labour`?" in result.stderr
