"""`route` ranks technical leads by mandate (para 3(c)): a policy department by its topics; a field
office only when it covers a country of the contact, then by topic fit; each candidate says why."""

from __future__ import annotations

import json
from typing import Any

from ilo_engage.model import Unit
from ilo_engage.model.procedure import Office
from tests.helpers import PROJECT, invoke


def unit(uid: str, kind: str, **fields: Any) -> Unit:
    return Unit.model_validate({"id": uid, "name": uid, "short": uid.upper(), "kind": kind, **fields})


OFFICE = Office.of([
    unit("osh-dept", "policy-department", mandates=["osh"]),
    unit("skills-dept", "policy-department", mandates=["skills"]),
    unit("co-dhaka", "field-office", countries=["BD"], mandates=["osh"]),
    unit("co-lima", "field-office", countries=["PE"]),
    unit("dwt-lima", "field-office", countries=["PE", "BO"], mandates=["osh"]),
])


def ranked(topics: list[str], countries: list[str]) -> list[tuple[str, list[str]]]:
    return [(c.unit.id, c.reasons()) for c in OFFICE.candidate_leads(topics, countries)]


def test_a_policy_department_is_a_candidate_by_topic_never_by_country() -> None:
    assert ranked(["skills"], []) == [("skills-dept", ["mandate covers skills"])]
    assert [u for u, _ in ranked([], ["PE"])] == ["co-lima", "dwt-lima"]  # no department for a country alone


def test_a_field_office_is_never_proposed_for_a_country_it_does_not_cover() -> None:
    # CO-Dhaka's mandate lists OSH, but it covers only Bangladesh.
    assert "co-dhaka" not in [u for u, _ in ranked(["osh"], ["PE"])]
    assert "co-dhaka" not in [u for u, _ in ranked(["osh"], [])]


def test_field_offices_covering_the_country_are_ranked_by_topic_fit_and_say_why() -> None:
    assert ranked(["osh"], ["PE"]) == [
        ("dwt-lima", ["mandate covers osh", "covers PE"]),
        ("osh-dept", ["mandate covers osh"]),
        ("co-lima", ["covers PE"]),
    ]


def test_route_on_the_bundled_dataset_leaves_out_an_office_for_another_country() -> None:
    result = invoke(PROJECT, "route", "--initiated-by", "management", "--topic", "osh", "--country", "PE",
                    "--format", "json")
    assert result.exit_code == 0, result.output
    leads = [lead["unit"] for lead in json.loads(result.stdout)["technical_leads"]]
    assert leads == ["labadmin-osh", "dwt-co-lima"]
