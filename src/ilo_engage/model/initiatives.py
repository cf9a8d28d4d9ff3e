"""Initiatives: business networks, public–private partnerships and programmes (paras 4–22)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .common import Part, Record, Reference
from .language import Language, Translatable, TranslationStatus, original, translations_field
from .types import Amount, CountryCode, CurrencyCode, PartialDate, Slug, Text

Component = Literal["A", "B", "C"]
InitiativeKind = Literal["network", "partnership", "programme"]
InitiativeStatus = Literal["feasibility", "planned", "active", "closed"]
Qualifier = Literal["about", "around", "more than", "over", "approximately"]


class Figure(Part):
    """A number the Office states about an initiative, printed as stored with its qualifier.

    Text refers to it by its key (see `key`) and never repeats the number. The same figure
    (same key) may be recorded again with a later `as_of`: the report uses the latest value
    as of the end of its period and shows the earlier one beside it in the figures annex."""

    key: Slug | None = Field(
        None,
        description="How text refers to the figure: `{key}` in the initiative's summary, `{initiative-id.key}` "
        "in a report text or another record (add `:words` to spell out one to ten, `:number` for the number "
        "alone). Defaults to the label as a slug ('member companies' → member-companies).",
    )
    label: Translatable = Field(description="What is counted, e.g. 'member companies' (a text, or a text per "
                                "language; the key comes from the first language's).")
    value: Amount = Field(description="The number, exactly as stated (e.g. 1261 or 39.8).")
    unit: Translatable = Field(
        description="Its unit, e.g. companies, participants, US$ million, per cent (a text, or a text per language: "
        "the counted noun in each, the currency symbol and the scale as in English, `{en: million workers, fr: "
        "million travailleurs}`; a unit without a noun, such as US$ million or per cent, is the same in every "
        "language and printed in each by the tool).")
    qualifier: Qualifier | None = Field(None, description="How the source hedges it: about, around, more than, ….")
    as_of: PartialDate = Field(description="When the figure held: a year, month or date.")
    source: Text = Field(description="Where it is stated, e.g. `GB.326/INS/3 para 13`.")

    @property
    def ref(self) -> str:
        """The key text uses for the figure: `key`, or the label as a slug."""
        return self.key or slug_of(original(self.label))


def slug_of(label: str) -> str:
    """'participants: enterprise development' → 'participants-enterprise-development'."""
    return "-".join(re.findall(r"[a-z0-9]+", label.lower()))


class Funding(Part):
    """Money committed to an initiative, exact."""

    amount: Amount = Field(description="The amount, in the currency's units.")
    currency: CurrencyCode = Field(description="ISO 4217 code, e.g. USD.")


class Participant(Part):
    """A member or partner of an initiative: a registered enterprise or another organization."""

    enterprise: Slug | None = Field(None, description="Id of a registered enterprise.")
    organization: str | None = Field(None, description="Name of an organization not in the register.")
    role: Text = Field("member", description="Its role: member, co-chair, funder, implementing partner, ….")

    @model_validator(mode="after")
    def _one_of_enterprise_or_organization(self) -> Participant:
        if (self.enterprise is None) == (self.organization is None):
            raise PydanticCustomError(
                "participant", "give either `enterprise` (a registered id) or `organization` (a name), not both or neither"
            )
        return self


Way = Literal["network", "training", "helpdesk", "partnership", "dialogue"]


class Engagement(Part):
    """How a company can work with the ILO through an initiative, as the public guide for companies
    tells it (para 25). Written from what a public source says, never from a contact's record."""

    way: Way = Field(
        description="Which way the guide lists it under: network (join a network), training (use a training "
        "package or course), helpdesk (ask for advice), partnership (a public–private partnership), dialogue "
        "(take part in a dialogue or event)."
    )
    how: Translatable = Field(description="How a company takes part, in a sentence or two.")
    gets: Translatable | None = Field(None, description="What a company gets from it.")
    gives: Translatable | None = Field(None, description="What a company gives or commits to.")
    contact: str | None = Field(
        None, description="A public contact point: a service, office or web page, never a person's name, e-mail "
        "or telephone. Left out, the guide points to the lead units."
    )
    source: Text = Field(description="Where this is stated, e.g. `GB.326/INS/3 para 20`.")


class Initiative(Record):
    """What networks, partnerships and programmes have in common."""

    roster_field: ClassVar[str] = "partners"
    field_order = (
        "name", "kind", "component", "lead_units", "members", "partners", "status", "started", "ended",
        "countries", "topics", "funding", "figures", "summary", "engagement",
    )

    name: Translatable = Field(description="The initiative's name (a text, or a text per language).")
    component: Component = Field(
        description="Strategic component (para 2): A enterprise and supply chain policies and practices; "
        "B international initiatives on enterprise behaviour; C building knowledge and outreach."
    )
    if TYPE_CHECKING:  # each kind declares its own `kind` field (a single value); typed here for all
        kind: InitiativeKind
    lead_units: list[Slug] = Field(default_factory=list, description="Ids of the units that lead it.")
    status: InitiativeStatus = Field(description="feasibility, planned, active or closed.")
    started: PartialDate | None = Field(None, description="When it started: a year, month or date.")
    ended: PartialDate | None = Field(None, description="When it ended, if it has.")
    countries: list[CountryCode] = Field(default_factory=list, description="Countries it works in.")
    topics: list[Slug] = Field(default_factory=list, description="Ids of the topics it concerns.")
    funding: Funding | None = Field(None, description="Money committed to it.")
    figures: list[Figure] = Field(default_factory=list, description="Numbers stated about it, with their sources.")
    summary: Translatable = Field(
        description="What the progress report prints about it, where a report text places it. Figures are "
        "written as placeholders (`{key}`), never as numbers; the text is printed literally otherwise."
    )
    engagement: Engagement | None = Field(
        None, description="How a company can work with the ILO through it: what the public guide for companies "
        "says (para 25). Shown only for a public initiative."
    )
    translations: dict[Language, TranslationStatus] = translations_field()

    def roster(self) -> list[Participant]:
        """Its members or partners."""
        roster: list[Participant] = getattr(self, self.roster_field)
        return roster

    def references(self) -> Iterator[Reference]:
        for i, unit in enumerate(self.lead_units):
            yield ("lead_units", i), "unit", unit
        for i, topic in enumerate(self.topics):
            yield ("topics", i), "topic", topic
        for i, participant in enumerate(self.roster()):
            if participant.enterprise is not None:
                yield (self.roster_field, i, "enterprise"), "enterprise", participant.enterprise


class Network(Initiative):
    """A business network the ILO runs or supports (paras 4–8)."""

    kind: Literal["network"] = Field(description="Always `network` for files in data/networks/.")
    roster_field: ClassVar[str] = "members"

    members: list[Participant] = Field(default_factory=list, description="Its members, with their roles.")


class Partnership(Initiative):
    """A public–private partnership (para 12)."""

    kind: Literal["partnership"] = Field(description="Always `partnership` for files in data/partnerships/.")
    partners: list[Participant] = Field(default_factory=list, description="Its partners, with their roles.")


class Programme(Initiative):
    """A programme, project or service through which the ILO engages enterprises."""

    kind: Literal["programme"] = Field(description="Always `programme` for files in data/programmes/.")
    partners: list[Participant] = Field(default_factory=list, description="Its partners, with their roles.")
