"""`route` ranks technical leads by mandate (para 3(c)): a policy department by its topics; a field
office only when it covers a country of the contact, a regional office only for a country of its
region, then by topic fit; at equal fit the country office before the regional office; each
candidate says why."""

from __future__ import annotations

import json
from typing import Any

from ilo_engage.model import Unit
from ilo_engage.model.procedure import Office
from ilo_engage.model.vocabulary import Region
from tests.helpers import PROJECT, invoke


def unit(uid: str, kind: str, **fields: Any) -> Unit:
    return Unit.model_validate({"id": uid, "name": uid, "short": uid.upper(), "kind": kind, **fields})


OFFICE = Office.of([
    unit("osh-dept", "policy-department", mandates=["osh"]),
    unit("skills-dept", "policy-department", mandates=["skills"]),
    unit("co-dhaka", "field-office", countries=["BD"], mandates=["osh"]),
    unit("co-lima", "field-office", countries=["PE"]),
    unit("dwt-lima", "field-office", countries=["PE", "BO"], mandates=["osh"]),
    unit("ro-asia", "regional-office", region="asia", mandates=["smes"]),
    unit("ro-nowhere", "regional-office", region="atlantis"),  # a region not in the vocabulary: covers nothing
], [Region(id="asia", name="Asia and the Pacific", countries=["BD", "NP", "TH"])])


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


def test_a_regional_office_is_a_candidate_for_the_countries_of_its_region_only() -> None:
    assert ranked([], ["TH"]) == [("ro-asia", ["covers TH (its region, Asia and the Pacific)"])]
    assert "ro-asia" not in [u for u, _ in ranked(["smes"], ["PE"])]  # its topic, but not its region
    assert "ro-asia" not in [u for u, _ in ranked(["smes"], [])]
    assert "ro-nowhere" not in [u for u, _ in ranked([], ["TH", "PE", "BD"])]


def test_at_equal_fit_the_country_office_ranks_before_the_regional_office() -> None:
    assert [u for u, _ in ranked([], ["BD"])] == ["co-dhaka", "ro-asia"]


def test_the_regional_office_ranks_first_where_it_covers_more_of_the_contacts_countries_or_topics() -> None:
    assert [u for u, _ in ranked([], ["BD", "NP"])] == ["ro-asia", "co-dhaka"]
    assert [u for u, _ in ranked(["smes"], ["BD"])] == ["ro-asia", "co-dhaka"]
    # Topic fit still comes first: CO-Dhaka's mandate lists OSH.
    assert [u for u, _ in ranked(["osh"], ["BD", "NP"])] == ["co-dhaka", "osh-dept", "ro-asia"]


def test_route_on_the_bundled_dataset_proposes_the_regional_office_for_its_region() -> None:
    result = invoke(PROJECT, "route", "--initiated-by", "management", "--country", "TH", "--format", "json")
    assert result.exit_code == 0, result.output
    leads = json.loads(result.stdout)["technical_leads"]
    assert [(lead["unit"], lead["kind"], lead["countries"]) for lead in leads] == [
        ("ro-asia-pacific", "regional-office", ["TH"])
    ]
    assert leads[0]["reasons"] == ["covers TH (its region, Asia and the Pacific)"]
