"""Units of the Office: bureaux, policy departments, field offices, regional offices, secretariats."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from .common import Record, Reference
from .language import Language, Translatable, TranslationStatus, translations_field
from .types import RECORD_CONFIG, CountryCode, Slug, Text

UnitKind = Literal["bureau", "policy-department", "field-office", "regional-office", "secretariat", "other"]
Group = Literal["employers", "workers"]


# What `validate` checks in checks/records.py (unit_coverage), stated for JSON Schema validators too:
# a regional office names its region and lists no countries; no other kind names a region.
_COVERAGE_BY_KIND: JsonDict = {
    "if": {"properties": {"kind": {"const": "regional-office"}}, "required": ["kind"]},
    "then": {"required": ["region"], "properties": {"countries": {"maxItems": 0}}},
    "else": {"not": {"required": ["region"]}},
}


class Unit(Record):
    """A unit of the Office, or a group secretariat, that takes part in the procedure. A technical lead
    (para 3(c)) is a policy department, a candidate for a contact on a topic of its `mandates`; a field
    office, a candidate only for a contact in one of its `countries`; or a regional office, a candidate
    only for a contact in a country of its `region`. `route` and `due` rank the candidates by the
    contact's topics in their mandates, then by the contact's countries they cover, then the nearer
    office first (a country office before the regional office covering the same countries: the
    regional office comes first where it covers more of the contact's countries, or matches more of
    its topics), then by short name. `validate` refuses a regional office without a `region` (S002),
    with one not in data/regions.yaml (D003) or with `countries` of its own (S003), and a `region` on
    any other kind of unit (S003)."""

    model_config = ConfigDict(**RECORD_CONFIG, json_schema_extra=_COVERAGE_BY_KIND)

    name: Translatable = Field(description="The unit's full name (a text, or a text per language).")
    short: Text = Field(description="The unit's short name as the Office writes it, e.g. ACT/EMP.")
    kind: UnitKind = Field(
        description="bureau (ACT/EMP, ACTRAV), policy-department, field-office (a country office or decent "
        "work team, for the countries it lists), regional-office (for the countries of its region), secretariat "
        "(the Employers' and Workers' group secretariats) or other."
    )
    group: Group | None = Field(
        None,
        description="For a bureau or group secretariat, the constituents it serves: employers (ACT/EMP, "
        "the Employers' secretariat) or workers (ACTRAV, the Workers' secretariat).",
    )
    mandates: list[Slug] = Field(
        default_factory=list, description="Ids of the topics the unit leads on (from data/topics.yaml)."
    )
    countries: list[CountryCode] = Field(
        default_factory=list, description="For a field office, the countries it covers."
    )
    region: Slug | None = Field(
        None,
        description="For a regional office (and only for one), the id of its region (from data/regions.yaml): "
        "it covers the region's countries, so they are not listed in `countries`.",
    )
    translations: dict[Language, TranslationStatus] = translations_field()

    def references(self) -> Iterator[Reference]:
        for i, topic in enumerate(self.mandates):
            yield ("mandates", i), "topic", topic
        if self.region is not None:
            yield ("region",), "region", self.region
