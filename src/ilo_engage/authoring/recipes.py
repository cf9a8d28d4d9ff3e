"""New contacts, enterprises and initiatives: their fields, and the procedure applied to them."""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

from ..checks.base import Facts
from ..checks.scan import Workspace
from ..core import layout
from ..core.errors import IloEngageError
from ..model import Contact, Enterprise
from ..model.contacts import Channel, InitiatedBy, Status
from ..model.enterprises import EnterpriseKind, Size
from ..model.initiatives import Component, InitiativeStatus
from ..model.procedure import Office
from ..model.types import Visibility, country_codes
from .drafts import new_contact_id, slug_for
from .fields import Spec

INITIATIVE_KINDS = tuple(place.kind for place in layout.INITIATIVES)  # network, partnership, programme


class LikelyDuplicate(IloEngageError):
    """The enterprise seems to be registered already: nothing was written."""


def _unit_check(office: Office) -> Any:
    def check(value: str) -> str | None:
        if value in office.units:
            return None
        from ..core.audience import may_name
        from ..core.suggest import unknown_id

        # Suggested as staff may see them: a confidential unit's id is never offered.
        return unknown_id("unit", value, office.units, offered=lambda i: may_name(office.units[i], "staff"))
    return check


def _unknown_enterprise(space: Workspace, value: str) -> str:
    from ..core.suggest import offered_file, unknown_id

    known = space.ids(Enterprise)
    # A confidential enterprise's id is never suggested (read from its file's visibility line).
    return unknown_id("enterprise", value, known, offered=lambda i: offered_file(space.root / known[i].file))


def _country_check(value: str) -> str | None:
    return None if value in country_codes() else f"{value!r} is not an ISO 3166-1 alpha-2 country code"


def _date(value: str) -> date:
    """A date written YYYY-MM-DD; ValueError (with what to write) otherwise."""
    from ..core.dates import parse_date

    return parse_date(value)


def contact_specs(space: Workspace, today: date) -> list[Spec]:
    """The fields of a new contact, in the order they are asked for."""
    enterprises = space.ids(Enterprise)
    topics = [t.id for t in space.context_records.topics()]
    office = space.ctx.office
    by_unit = lambda v: v.get("initiated_by") == "ilo-unit"  # noqa: E731
    involves_workers = lambda v: "workers-organization" in (v.get("initiated_by"), v.get("counterpart"))  # noqa: E731
    return [
        # Checked, never listed: some enterprises are confidential (see audience.py).
        Spec("enterprise", "--enterprise", "Enterprise (id)", required=lambda v: True,
             check=lambda value: None if value in enterprises else _unknown_enterprise(space, value)),
        Spec("date", "--date", "Date of the contact (YYYY-MM-DD)", default=lambda v: today, convert=_date),
        Spec("initiated_by", "--initiated-by", "Who made the contact", required=lambda v: True,
             choices=lambda: get_args(InitiatedBy)),
        Spec("initiating_unit", "--initiating-unit", "ILO unit that made it (id)", required=by_unit,
             check=_unit_check(office), relevant=by_unit),
        Spec("counterpart", "--counterpart", "Whom the unit engages", required=by_unit,
             choices=lambda: ("management", "workers-organization"), relevant=by_unit),
        Spec("workers_organization", "--workers-organization", "Workers' organization (name)",
             required=involves_workers, relevant=involves_workers),
        Spec("subject", "--subject", "Subject, in one line", required=lambda v: True),
        Spec("topics", "--topic", "Topics (ids, comma-separated)", many=True, choices=lambda: topics, kind="topic"),
        Spec("countries", "--country", "Countries (ISO codes, comma-separated)", many=True, check=_country_check,
             convert=str.upper),
        Spec("channel", "--channel", "Channel", choices=lambda: get_args(Channel), default=lambda v: "email"),
        Spec("status", "--status", "Status", choices=lambda: get_args(Status), default=lambda v: "received"),
        Spec("technical_lead", "--technical-lead", "Technical lead (unit id)", check=_unit_check(office)),
        Spec("visibility", "--visibility", "Visibility", choices=lambda: get_args(Visibility),
             default=lambda v: "internal"),
    ]


def contact_record(space: Workspace, values: dict[str, Any]) -> dict[str, Any]:
    """A new contact from gathered fields, with what the procedure decides filled in:
    its id, and its entry point (the bureau for whoever made the contact, para 3(a))."""
    office = space.ctx.office
    record = dict(values)
    day = record["date"] if isinstance(record["date"], date) else _date(str(record["date"]))
    record["date"] = day
    if not record.get("entry_point"):
        # Only the fields entry_bureau reads (a partial record: never validated, never written).
        probe = Contact.model_construct(**{"initiated_by": record["initiated_by"], "counterpart": record.get("counterpart")})
        bureau = office.entry_bureau(probe)
        record["entry_point"] = bureau.id if bureau else None
    if not record.get("id"):
        record["id"] = new_contact_id(day, record["enterprise"], set(space.ids(Contact)))
    return {"id": record.pop("id"), **record}


def enterprise_specs() -> list[Spec]:
    """The fields of a new enterprise."""
    return [
        Spec("name", "--name", "Name", required=lambda v: True),
        Spec("kind", "--kind", "Kind", required=lambda v: True, choices=lambda: get_args(EnterpriseKind)),
        Spec("country", "--country", "Country of headquarters (ISO code)", required=lambda v: True,
             check=_country_check, convert=str.upper),
        Spec("sectors", "--sector", "Sectors (comma-separated)", many=True),
        Spec("size", "--size", "Size", choices=lambda: get_args(Size)),
        Spec("visibility", "--visibility", "Visibility", choices=lambda: get_args(Visibility),
             default=lambda v: "internal"),
    ]


def likely_duplicates(space: Workspace, record: dict[str, Any]) -> list[Facts]:
    """Registered enterprises a new one seems to repeat: same id, name or alias (normalised), website or LEI."""
    from ..checks.base import enterprise_names
    probe = Enterprise.model_construct(  # only the fields enterprise_names reads
        **{"name": record.get("name", ""), "aliases": record.get("aliases") or [], "identifiers": None},
    )
    keys = set(enterprise_names(probe))
    identifiers = record.get("identifiers") or {}
    if identifiers.get("website"):
        keys.add(("website", identifiers["website"].split("://", 1)[-1].removeprefix("www.").rstrip("/").lower()))
    if identifiers.get("lei"):
        keys.add(("LEI", identifiers["lei"]))
    return [f for f in space.index.of_kind(Enterprise) if f.id == record.get("id") or keys & set(f.names)]


def named_record(values: dict[str, Any]) -> dict[str, Any]:
    """A new enterprise or initiative, its id made from its name unless given."""
    record = dict(values)
    record.setdefault("id", slug_for(record["name"]))
    if not record["id"]:
        from .fields import FieldsInvalid

        raise FieldsInvalid(["--id: no id can be made from this name (letters a-z and digits): give one"])
    return {"id": record.pop("id"), **record}


def initiative_specs(space: Workspace) -> list[Spec]:
    """The fields of a new initiative."""
    topics = [t.id for t in space.context_records.topics()]
    office = space.ctx.office
    return [
        Spec("kind", "--kind", "Kind", required=lambda v: True, choices=lambda: INITIATIVE_KINDS),
        Spec("name", "--name", "Name", required=lambda v: True),
        Spec("component", "--component", "Strategic component (A, B or C)", required=lambda v: True,
             choices=lambda: get_args(Component)),
        Spec("lead_units", "--lead-unit", "Lead units (ids, comma-separated)", many=True, check=_unit_check(office)),
        Spec("status", "--status", "Status", choices=lambda: get_args(InitiativeStatus), default=lambda v: "active"),
        Spec("started", "--started", "Started (a year, YYYY-MM or a date)"),
        Spec("countries", "--country", "Countries (ISO codes, comma-separated)", many=True, check=_country_check,
             convert=str.upper),
        Spec("topics", "--topic", "Topics (ids, comma-separated)", many=True, choices=lambda: topics, kind="topic"),
        Spec("summary", "--summary", "Summary, a paragraph the report prints", required=lambda v: True),
        Spec("visibility", "--visibility", "Visibility", choices=lambda: get_args(Visibility),
             default=lambda v: "internal"),
    ]

