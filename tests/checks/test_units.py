"""A unit's coverage as `validate` checks it: a regional office names a known region, whose countries it
covers (data/regions.yaml), and lists none of its own; no other kind of unit names a region."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from ilo_engage.model.schemas import schema_of
from ilo_engage.model.units import Unit
from tests.helpers import invoke, write

U = "data/units/ro-africa.yaml"
HEAD = "id: ro-africa\nname: ILO Regional Office for Africa\nshort: RO-Africa\n"


def problems(root: Path) -> list[tuple[str, int, str, str]]:
    result = invoke(root, "validate", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return [(p["file"], p["line"], p["code"], p["message"]) for p in json.loads(result.stdout)]


def test_a_regional_office_with_a_known_region_is_valid(clean_dataset: Path) -> None:
    write(clean_dataset, U, HEAD + "kind: regional-office\nregion: africa\nvisibility: public\n")
    assert problems(clean_dataset) == []


def test_a_regional_office_without_a_region_is_refused_at_its_kind(clean_dataset: Path) -> None:
    write(clean_dataset, U, HEAD + "kind: regional-office\nvisibility: public\n")
    result = invoke(clean_dataset, "validate")
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{U}:4:7: S002 a regional office names its region: add `region: <id>` "
                                    "(`ilo-engage list regions` lists them)\n")


def test_a_regional_office_of_an_unknown_region_is_refused_with_the_closest_id(clean_dataset: Path) -> None:
    write(clean_dataset, U, HEAD + "kind: regional-office\nregion: afrika\nvisibility: public\n")
    assert problems(clean_dataset) == [(U, 5, "D003", "no region has the id `afrika`")]
    assert "did you mean `africa`?" in invoke(clean_dataset, "validate").stdout


def test_a_regional_office_lists_no_countries_of_its_own(clean_dataset: Path) -> None:
    write(clean_dataset, U, HEAD + "kind: regional-office\ncountries:\n  - CI\nregion: africa\n")
    assert [p[1:3] for p in problems(clean_dataset)] == [(5, "S003")]


def test_only_a_regional_office_names_a_region(clean_dataset: Path) -> None:
    write(clean_dataset, "data/units/co-accra.yaml", "id: co-accra\nname: CO Accra\nshort: CO-Accra\n"
          "kind: field-office\ncountries:\n  - GH\nregion: africa\n")
    assert problems(clean_dataset) == [("data/units/co-accra.yaml", 7, "S003",
                                        "only a regional office names a region, not a unit of kind field-office: "
                                        "remove `region`, or make the unit's kind regional-office")]


def test_the_json_schema_states_the_same_rule() -> None:
    schema = schema_of("unit", Unit)
    base = {"id": "ro-africa", "name": "RO", "short": "RO", "kind": "regional-office"}
    valid = jsonschema.Draft202012Validator(schema).is_valid
    assert valid({**base, "region": "africa"})
    assert not valid(base)
    assert not valid({**base, "region": "africa", "countries": ["CI"]})
    assert not valid({**base, "kind": "field-office", "region": "africa"})
    assert valid({**base, "kind": "field-office", "countries": ["GH"]})
