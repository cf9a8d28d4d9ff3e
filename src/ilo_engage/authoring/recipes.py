"""New contacts, enterprises and initiatives: their fields, and the procedure applied to them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..checks.base import Facts
from ..checks.scan import Workspace
from ..core import layout
from ..core.errors import IloEngageError, UsageError
from ..model import Contact, Enterprise
from ..model.contacts import Channel, InitiatedBy, Status
from ..model.enterprises import EnterpriseKind, Size
from ..model.initiatives import Component, InitiativeStatus
from ..model.procedure import Office
from ..model.types import Visibility, _Date, _PartialDate, country_codes
from ..yamlio import parse
from .drafts import new_contact_id, slug_for
from .fields import Spec

INITIATIVE_KINDS = tuple(place.kind for place in layout.INITIATIVES)  # network, partnership, programme


class LikelyDuplicate(IloEngageError):
    """The enterprise seems to be registered already: nothing was written."""


def read_given(source: str) -> str:
    """The text --from-file names (`-`: standard input), read no further than the size limit of a
    record file. Only a regular file or standard input: a FIFO or a device is refused without
    blocking (the file is opened non-blocking and looked at before any read)."""
    import sys

    from ..core.problems import FileProblem
    from ..core.sourcetext import MAX_FILE_BYTES, read

    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise UsageError(f"the record on standard input has more than {MAX_FILE_BYTES:,} bytes, the limit")
        else:
            data = read(source)
    except FileProblem as exc:
        raise UsageError(f"cannot read {source}: {exc.message}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {source}: {exc.strerror}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"cannot read {source}: it is not UTF-8 text") from None


def read_record_file(text: str) -> dict[str, Any]:
    """A record given whole, as YAML or JSON (for --from-file)."""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError; too many digits; nesting too deep
            raise UsageError(f"the JSON given is not valid: {exc}") from None
    else:
        from ..core.problems import FileProblem

        try:
            data = parse(text).data
        except FileProblem as exc:
            raise UsageError(f"the YAML given is not valid (line {exc.line}): {exc.message}") from None
    if not isinstance(data, dict):
        raise UsageError("the record given must be a mapping of fields")
    return data


def given_record(text: str, what: str) -> dict[str, Any]:
    """The fields --from-file gives, each of the shape its field takes (text, a list, a mapping,
    a number, true/false); FieldsInvalid naming every one that is not, before any is used."""
    from ..model import KINDS
    from .fields import FieldsInvalid

    data = read_record_file(text)
    checked, name = data, what
    if what == "initiative":  # its kind names its model; a wrong kind is the kind's own problem
        name = data["kind"] if isinstance(data.get("kind"), str) and data["kind"] in INITIATIVE_KINDS else "network"
        checked = {k: v for k, v in data.items() if k != "kind"}
    model = next(kind.model for kind in KINDS if kind.name == name)
    problems = shape_problems(model, checked)
    if problems:
        raise FieldsInvalid(problems)
    return data


def shape_problems(model: type[BaseModel], data: dict[str, Any], prefix: str = "") -> list[str]:
    """Where the given values do not have the shape of the model's fields (unknown keys are left
    to the record's own checks, which name them with their line)."""
    fields = {info.alias or name: info.annotation for name, info in model.model_fields.items()}
    found: list[str] = []
    for key, value in data.items():
        if isinstance(key, str) and key in fields:
            found += _shape(fields[key], value, f"{prefix}{key}")
    return found


def _shape(annotation: Any, value: Any, where: str) -> list[str]:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        if _PartialDate in args[1:]:  # a year as a number, or text: its own check says more
            return []
        return _shape(date if _Date in args[1:] else args[0], value, where)
    if origin in (Union, UnionType):
        options = [a for a in args if a is not type(None)]
        if value is None and len(options) < len(args):
            return []
        results = [_shape(option, value, where) for option in options]
        return [] if any(not r for r in results) else results[0]
    if origin is Literal:
        if any(type(value) is type(a) for a in args):
            return []
        return [f"{where}: expected one of {', '.join(map(str, args))}, got {_what(value)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {_what(value)}"]
        return [p for i, item in enumerate(value) for p in _shape(args[0] if args else Any, item, f"{where}[{i}]")]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(value, dict):
            return [f"{where}: expected a mapping of fields, got {_what(value)}"]
        return shape_problems(annotation, value, f"{where}.")
    expected: dict[Any, tuple[str, Callable[[Any], bool]]] = {str: ("text", lambda v: isinstance(v, str)),
                bool: ("true or false", lambda v: isinstance(v, bool)),
                date: ("a date (YYYY-MM-DD)", lambda v: isinstance(v, (date, str))),
                int: ("a number", _is_number), Decimal: ("a number", _is_number), float: ("a number", _is_number)}
    if annotation in expected:
        words, fits = expected[annotation]
        return [] if fits(value) else [f"{where}: expected {words}, got {_what(value)}"]
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _what(value: Any) -> str:
    """What a given value is, in words (never the value itself: it may be personal data)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if _is_number(value):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, date):
        return "a date"
    return type(value).__name__


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

