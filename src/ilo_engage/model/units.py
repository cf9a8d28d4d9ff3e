"""Units of the Office: bureaux, policy departments, field offices, secretariats."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from .common import Record, Reference
from .language import Language, Translatable, TranslationStatus, translations_field
from .types import CountryCode, Slug, Text

UnitKind = Literal["bureau", "policy-department", "field-office", "secretariat", "other"]
Group = Literal["employers", "workers"]


class Unit(Record):
    """A unit of the Office, or a group secretariat, that takes part in the procedure."""

    name: Translatable = Field(description="The unit's full name (a text, or a text per language).")
    short: Text = Field(description="The unit's short name as the Office writes it, e.g. ACT/EMP.")
    kind: UnitKind = Field(
        description="bureau (ACT/EMP, ACTRAV), policy-department, field-office, secretariat "
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
    translations: dict[Language, TranslationStatus] = translations_field()

    def references(self) -> Iterator[Reference]:
        for i, topic in enumerate(self.mandates):
            yield ("mandates", i), "topic", topic
