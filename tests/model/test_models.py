"""The data contract: what each kind of record accepts and refuses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from ilo_engage.model import Contact, Enterprise, Network, Unit

ENTERPRISE = {"id": "acme", "name": "Acme", "kind": "company", "country": "CH"}
CONTACT = {
    "id": "2015-06-01-acme-ab2c",
    "date": date(2015, 6, 1),
    "enterprise": "acme",
    "initiated_by": "management",
    "subject": "Advice",
    "status": "received",
}
NETWORK = {"id": "net", "name": "Net", "kind": "network", "component": "A", "status": "active", "summary": "S."}


def errors(model: type, data: dict) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in caught.value.errors()]


def test_a_minimal_enterprise_is_valid_and_internal_by_default() -> None:
    enterprise = Enterprise.model_validate(ENTERPRISE)
    assert enterprise.visibility == "internal"
    assert enterprise.multinational is None


@pytest.mark.parametrize("lax", ["no", "off", "false", 0, 1, "yes"])
def test_booleans_are_strict(lax: object) -> None:
    assert errors(Enterprise, {**ENTERPRISE, "multinational": lax}) == [(("multinational",), "bool_type")]


@pytest.mark.parametrize("visibility", ["Public", "secret", True, None])
def test_visibility_never_fails_open(visibility: object) -> None:
    assert errors(Enterprise, {**ENTERPRISE, "visibility": visibility}) == [(("visibility",), "literal_error")]


def test_unknown_keys_are_errors_at_every_level() -> None:
    data = {**CONTACT, "colour": "red", "needs_analysis": {"by": "act-emp", "date": "2015-06-02", "summary": "S", "x": 1}}
    assert sorted(errors(Contact, data)) == [(("colour",), "extra_forbidden"), (("needs_analysis", "x"), "extra_forbidden")]


@pytest.mark.parametrize("value", [20150601, "1 June 2015", "2015-6-1", "2015-02-30"])
def test_dates_are_yaml_dates_or_iso_strings_only(value: object) -> None:
    # Pydantic alone would read 20150601 as a Unix timestamp in 1970.
    assert errors(Contact, {**CONTACT, "date": value})[0][0] == ("date",)


def test_a_quoted_iso_date_is_accepted() -> None:
    assert Contact.model_validate({**CONTACT, "date": "2015-06-01"}).date == date(2015, 6, 1)


@pytest.mark.parametrize("country", ["ch", "Switzerland", "XX", "UK"])
def test_countries_are_iso_3166_alpha_2(country: str) -> None:
    assert errors(Enterprise, {**ENTERPRISE, "country": country}) == [(("country",), "country_code")]


def test_norway_is_a_country_not_a_boolean() -> None:
    assert Enterprise.model_validate({**ENTERPRISE, "country": "NO"}).country == "NO"


@pytest.mark.parametrize("bad_id", ["Acme", "acme_foods", "-acme", "acme--foods", "a" * 65])
def test_ids_are_lower_case_slugs(bad_id: str) -> None:
    assert errors(Enterprise, {**ENTERPRISE, "id": bad_id}) == [(("id",), "id_format")]


def test_money_and_figures_are_exact() -> None:
    network = Network.model_validate(
        {
            **NETWORK,
            "funding": {"amount": Decimal("39.8"), "currency": "USD"},
            "figures": [{"label": "companies", "value": 120, "unit": "companies", "qualifier": "around",
                         "as_of": 2016, "source": "GB.326/INS/3 para 12"}],
        }
    )
    assert network.funding is not None and network.funding.amount == Decimal("39.8")
    assert network.figures[0].as_of == "2016"


def test_a_figure_qualifier_is_one_of_the_papers_words() -> None:
    figure = {"label": "x", "value": 1, "unit": "u", "qualifier": "roughly", "as_of": 2015, "source": "s"}
    assert errors(Network, {**NETWORK, "figures": [figure]}) == [(("figures", 0, "qualifier"), "literal_error")]


def test_a_member_is_either_a_registered_enterprise_or_a_named_organization() -> None:
    both = {"enterprise": "acme", "organization": "Acme"}
    neither = {"role": "member"}
    assert errors(Network, {**NETWORK, "members": [both, neither]}) == [
        (("members", 0), "participant"),
        (("members", 1), "participant"),
    ]


def test_the_folder_decides_the_initiative_kind() -> None:
    assert errors(Network, {**NETWORK, "kind": "partnership"}) == [(("kind",), "literal_error")]


def test_records_list_the_ids_they_refer_to_with_where_they_stand() -> None:
    contact = Contact.model_validate(
        {**CONTACT, "entry_point": "act-emp", "topics": ["osh"],
         "follow_ups": [{"by": "fundamentals", "with": "act-emp", "date": "2015-07-01"}]}
    )
    assert list(contact.references()) == [
        (("enterprise",), "enterprise", "acme"),
        (("entry_point",), "unit", "act-emp"),
        (("follow_ups", 0, "by"), "unit", "fundamentals"),
        (("follow_ups", 0, "with"), "unit", "act-emp"),
        (("topics", 0), "topic", "osh"),
    ]


def test_units_are_data_with_mandates_and_countries() -> None:
    unit = Unit.model_validate(
        {"id": "co-abidjan", "name": "CO Abidjan", "short": "CO-Abidjan", "kind": "field-office", "countries": ["CI"]}
    )
    assert unit.countries == ["CI"]
    assert errors(Unit, {"id": "u", "name": "U", "short": "U", "kind": "division"}) == [(("kind",), "literal_error")]


def test_field_names_put_id_first_and_the_common_fields_last() -> None:
    names = Unit.field_names()
    assert names[0] == "id"
    assert names[-3:] == ["visibility", "sources", "notes"]
