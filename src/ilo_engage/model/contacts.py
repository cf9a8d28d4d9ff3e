"""The register of contacts: each approach to or from an enterprise, step by step (para 3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field

from .common import ImportSource, Part, Record, Reference
from .types import CountryCode, Slug, StrictBool, Text, YamlDate

InitiatedBy = Literal["management", "workers-organization", "ilo-unit"]
Counterpart = Literal["management", "workers-organization"]
Channel = Literal["email", "letter", "phone", "meeting", "event", "helpdesk", "web-form", "other"]
Status = Literal["received", "analysed", "referred", "in-progress", "closed", "declined"]


class Sharing(Part):
    """Information about the contact shared by the entry bureau (para 3(a))."""

    with_: Slug = Field(alias="with", description="The unit or secretariat informed.")
    date: YamlDate = Field(description="When it was informed.")


class NeedsAnalysis(Part):
    """The entry bureau's initial demand/needs analysis (para 3(b))."""

    by: Slug = Field(description="The unit that made the analysis: the entry bureau.")
    date: YamlDate = Field(description="When the analysis was made.")
    summary: Text = Field(description="What the enterprise needs, in a few sentences.")


class Referral(Part):
    """The entry bureau's referral of the enterprise to the units that can help (para 3(b))."""

    to: list[Slug] = Field(min_length=1, description="Units the enterprise was guided to; the technical lead among them.")
    # Optional only so that a referral migrated from the old `referred_to` still loads: R014 asks for it.
    date: YamlDate | None = Field(None, description="When the enterprise was referred.")


class Consultation(Part):
    """A consultation with ACT/EMP or ACTRAV by an ILO unit engaging an enterprise (para 3(b))."""

    with_: Slug = Field(alias="with", description="The unit consulted.")
    date: YamlDate = Field(description="When.")
    summary: str | None = Field(None, description="What was agreed.")


class FollowUp(Part):
    """A follow-up by the technical lead with the entry bureau (para 3(c))."""

    by: Slug = Field(description="The unit that followed up: the technical lead.")
    with_: Slug = Field(alias="with", description="The unit it followed up with: the entry bureau.")
    date: YamlDate = Field(description="When.")
    summary: str | None = Field(None, description="What happened.")


class Person(Part):
    """Someone at the enterprise or workers' organization: personal data, never printed."""

    name: Text = Field(description="Full name.")
    role: str | None = Field(None, description="Position or function.")
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = Field(None, description="E-mail.")
    phone: Annotated[str, Field(pattern=r"^\+?[0-9][0-9 ()./-]{3,}$")] | None = Field(
        None, description="Telephone, as a quoted string, e.g. '+41 22 799 6111'."
    )


class Contact(Record):
    """One contact with or from an enterprise and each step of the procedure taken on it."""

    date: YamlDate = Field(description="When the contact was made or received.")
    enterprise: Slug = Field(description="Id of the enterprise (data/registers/enterprises/).")
    initiated_by: InitiatedBy = Field(
        description="Who made the contact: the enterprise's management, a workers' organization, or an ILO unit."
    )
    initiating_unit: Slug | None = Field(None, description="With initiated_by: ilo-unit, the unit that made it.")
    counterpart: Counterpart | None = Field(
        None,
        description="With initiated_by: ilo-unit, whom the unit engages (management or a workers' organization); "
        "this decides whether ACT/EMP or ACTRAV is consulted.",
    )
    workers_organization: str | None = Field(None, description="The workers' organization's name, where one is involved.")
    channel: Channel | None = Field(None, description="How the contact was made.")
    subject: Text = Field(description="What the contact is about, in one line.")
    topics: list[Slug] = Field(default_factory=list, description="Ids of the topics it concerns.")
    countries: list[CountryCode] = Field(default_factory=list, description="Countries it concerns.")
    entry_point: Slug | None = Field(None, description="The bureau the contact entered through: ACT/EMP or ACTRAV.")
    shared_with: list[Sharing] = Field(default_factory=list, description="Sharing of information by the entry bureau.")
    needs_analysis: NeedsAnalysis | None = Field(None, description="The entry bureau's needs analysis.")
    referral: Referral | None = Field(None, description="Where the entry bureau guided the enterprise, and when.")
    referred_to: list[Slug] = Field(
        default_factory=list,
        description="Deprecated: the units referred to, without a date. Still read; `ilo-engage fmt --fix` "
        "rewrites it as `referral`.",
    )
    technical_lead: Slug | None = Field(None, description="The policy department, field office or regional office that leads.")
    consultations: list[Consultation] = Field(default_factory=list, description="Consultations with the bureaux.")
    follow_ups: list[FollowUp] = Field(default_factory=list, description="Follow-ups with the entry bureau.")
    status: Status = Field(description="Where the contact stands in the procedure.")
    outcome: str | None = Field(None, description="What came of it, once closed or declined.")
    closed_on: YamlDate | None = Field(None, description="When the contact was closed or declined.")
    persons: list[Person] = Field(default_factory=list, description="People involved: personal data, never printed.")
    example: StrictBool = Field(
        False, description="true for an invented contact kept to show the tool: never counted in a report's body."
    )
    pre_procedure: StrictBool = Field(
        False, description="true for a contact taken from a register kept before the procedure (e.g. by "
        "`ilo-engage import` with `pre_procedure = true`): counted, never assessed against the procedure's rules."
    )
    imported_from: ImportSource | None = Field(
        None, description="For a record made by `ilo-engage import`, the spreadsheet and row it came from."
    )

    def assessed(self, start: dt.date) -> bool:
        """Whether the procedure's rules apply to the contact: made from the procedure's start
        (`start`), and not taken from a register that predates it."""
        return not self.pre_procedure and self.date >= start

    @property
    def referred_units(self) -> list[str]:
        """The units the enterprise was referred to, in either form (`referral` or the old `referred_to`)."""
        return list(self.referral.to) if self.referral else list(self.referred_to)

    @property
    def referred_on(self) -> dt.date | None:
        """When the enterprise was referred, if recorded."""
        return self.referral.date if self.referral else None

    def references(self) -> Iterator[Reference]:
        yield ("enterprise",), "enterprise", self.enterprise
        units: list[tuple[tuple[str | int, ...], str | None]] = [
            (("initiating_unit",), self.initiating_unit),
            (("entry_point",), self.entry_point),
            (("technical_lead",), self.technical_lead),
        ]
        units += [(("shared_with", i, "with"), step.with_) for i, step in enumerate(self.shared_with)]
        if self.needs_analysis:
            units.append((("needs_analysis", "by"), self.needs_analysis.by))
        units += [(("referred_to", i), unit) for i, unit in enumerate(self.referred_to)]
        if self.referral:
            units += [(("referral", "to", i), unit) for i, unit in enumerate(self.referral.to)]
        units += [(("consultations", i, "with"), step.with_) for i, step in enumerate(self.consultations)]
        for i, step in enumerate(self.follow_ups):
            units += [(("follow_ups", i, "by"), step.by), (("follow_ups", i, "with"), step.with_)]
        for where, unit in units:
            if unit is not None:
                yield where, "unit", unit
        for i, topic in enumerate(self.topics):
            yield ("topics", i), "topic", topic
