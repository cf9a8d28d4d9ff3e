"""The later steps of the procedure on a recorded contact: share, analyse, refer, consult,
follow up, close. Each appends its step with date and unit to the contact's file, advances
its status, keeps the officer's comments and layout, and is refused when the procedure
does not allow it yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..checks.routing import preceding_step
from ..checks.scan import Workspace
from ..core.errors import IloEngageError, UsageError
from ..core.problems import FileProblem
from ..core.sourcetext import decode, read
from ..core.writer import digest_of
from ..load.dataset import load_text
from ..model import Contact, Unit, kind_named
from ..model.procedure import Office, is_enterprise_initiated
from ..yamlio import roundtrip
from .drafts import Draft, draft


class StepRefused(IloEngageError):
    """The procedure does not allow this step yet: nothing was written."""


class OptionMissing(UsageError):
    """The step needs an option that was not given (a usage error): nothing was written."""


@dataclass(frozen=True)
class StepRequest:
    """What an officer asks for: the step and its options (None: the procedure's default)."""

    step: str
    day: date
    units: list[str] = field(default_factory=list)  # share --with, refer --to
    unit: str | None = None  # analyse --by, consult --with, follow-up --by
    lead: str | None = None  # refer --lead
    with_unit: str | None = None  # follow-up --with
    summary: str | None = None
    outcome: str | None = None
    declined: bool = False


def take_step(space: Workspace, contact_id: str, request: StepRequest) -> Draft:
    """The contact's file with the step recorded, checked against the dataset (not yet written)."""
    facts = space.ids(Contact).get(contact_id)
    if facts is None:
        from ..core.suggest import offered_file, unknown_id

        known = space.ids(Contact)
        raise IloEngageError(unknown_id("contact", contact_id, known,
                                        offered=lambda i: offered_file(space.root / known[i].file)))
    # Read once: the record, its layout and the hash the write compares against come from the same bytes.
    try:
        original = read(space.root / facts.file)
        text = decode(original)
    except (FileProblem, OSError):
        text = None
    record = load_text(text, facts.file, kind_named("contact"))[0] if text is not None else None
    if not isinstance(record, Contact) or text is None:  # (no text: no record either)
        raise IloEngageError(f"{facts.file} has errors; run `ilo-engage validate {facts.file}`")
    contact = record
    office = space.ctx.office
    try:
        document = roundtrip.load(text)
    except FileProblem as exc:  # the round-trip parser refuses what the reader let through
        raise IloEngageError(f"{facts.file}:{exc.line}:{exc.column}: {exc.message}") from None
    _refuse_out_of_order(contact, request)
    apply = {"share": _share, "analyse": _analyse, "refer": _refer, "consult": _consult,
             "follow-up": _follow_up, "close": _close}[request.step]
    apply(document, contact, office, request)
    return draft(space, facts.file, roundtrip.dump(document), digest_of(original))


def _share(doc: Any, contact: Contact, office: Office, r: StepRequest) -> None:
    entry = office.entry_bureau(contact)
    already = {s.with_ for s in contact.shared_with}
    units = [u for u in r.units if u not in already] if r.units else [
        u.id for u in _sharing_due(office, entry) if u.id not in already
    ]
    if not units:
        raise StepRefused(f"{contact.id} is already shared with {', '.join(sorted(already))}; name --with to share more")
    for unit in units:
        _append(doc, "shared_with", {"with": unit, "date": r.day})


def _analyse(doc: Any, contact: Contact, office: Office, r: StepRequest) -> None:
    if not is_enterprise_initiated(contact):
        raise StepRefused("an ILO unit's own contact has no needs analysis: record the consultation with the "
                          f"bureau instead: `ilo-engage contact {contact.id} consult --summary …`")
    if contact.needs_analysis is not None or contact.status != "received":
        raise StepRefused(f"{contact.id} is `{contact.status}` and already past its needs analysis")
    by = r.unit or _required(office.entry_bureau(contact), "--by").id
    _set(doc, "needs_analysis", {"by": by, "date": r.day, "summary": _text(r.summary, "--summary")})
    doc["status"] = "analysed"


def _refer(doc: Any, contact: Contact, office: Office, r: StepRequest) -> None:
    if contact.status not in ("received", "analysed"):
        raise StepRefused(f"{contact.id} is `{contact.status}`: it has been referred already")
    if is_enterprise_initiated(contact) and contact.status != "analysed":
        raise StepRefused(f"record the needs analysis first: `ilo-engage contact {contact.id} analyse --summary …`")
    bureau = office.entry_bureau(contact)
    if not is_enterprise_initiated(contact) and bureau and bureau.id not in {c.with_ for c in contact.consultations}:
        raise StepRefused(f"consult {bureau.short} first: `ilo-engage contact {contact.id} consult --summary …`")
    lead = r.lead or (r.units[0] if r.units else None)
    if lead is None:
        raise OptionMissing("name the unit to refer to with --to (and --lead if it is not the first)")
    units = list(dict.fromkeys([*contact.referred_to, *(r.units or [lead])]))
    if lead not in units:
        units.append(lead)
    if "referred_to" in doc:  # the old form becomes the new one as the referral is recorded
        del doc["referred_to"]
    _set(doc, "referral", {"to": units, "date": r.day})
    _set(doc, "technical_lead", lead)
    doc["status"] = "referred"


def _consult(doc: Any, contact: Contact, office: Office, r: StepRequest) -> None:
    if contact.status in ("closed", "declined"):
        raise StepRefused(f"{contact.id} is `{contact.status}`")
    unit = r.unit or _required(office.entry_bureau(contact), "--with").id
    _append(doc, "consultations", {"with": unit, "date": r.day, "summary": r.summary})


def _follow_up(doc: Any, contact: Contact, office: Office, r: StepRequest) -> None:
    if contact.status not in ("referred", "in-progress"):
        raise StepRefused(f"{contact.id} is `{contact.status}`: a follow-up comes after the referral to a technical lead"
                          f"{_first(contact, 'refer --to UNIT')}")
    by = r.unit or _required_id(contact.technical_lead, "--by")
    with_unit = r.with_unit or _required_id(contact.entry_point, "--with")
    _append(doc, "follow_ups", {"by": by, "with": with_unit, "date": r.day, "summary": r.summary})
    doc["status"] = "in-progress"


def _close(doc: Any, contact: Contact, office: Office, r: StepRequest) -> None:
    if contact.status in ("closed", "declined"):
        raise StepRefused(f"{contact.id} is `{contact.status}` already")
    if not r.declined and contact.status != "in-progress":
        raise StepRefused(
            f"{contact.id} is `{contact.status}`: a contact closes once in progress (after a follow-up"
            f"{_first(contact, 'follow-up', ', `', '`')}); use --declined to decline it"
        )
    _set(doc, "outcome", roundtrip.folded(_text(r.outcome, "--outcome"), 2))
    _set(doc, "closed_on", r.day)
    doc["status"] = "declined" if r.declined else "closed"


def _first(contact: Contact, step: str, before: str = " (`", after: str = "`)") -> str:
    """The command of the step to take first, when the contact is at the status before it."""
    if step.startswith("refer") and contact.status not in ("analysed", "received"):
        return ""
    if step == "follow-up" and contact.status not in ("referred",):
        return ""
    return f"{before}ilo-engage contact {contact.id} {step}{after}"


def _refuse_out_of_order(contact: Contact, r: StepRequest) -> None:
    """A step dated before the contact or before the step it follows is refused with rule R010's code."""
    if r.day < contact.date:
        raise StepRefused(f"R010 step dated out of order: {r.day} is before the contact ({contact.date})")
    before = preceding_step(contact, {"refer": "refer", "follow-up": "follow-up", "close": "close"}.get(r.step, ""))
    if before and r.day < before[1]:
        raise StepRefused(f"R010 step dated out of order: {r.day} is before {before[0]} ({before[1]})")


def _sharing_due(office: Office, entry: Unit | None) -> list[Unit]:
    if entry is None:
        return []
    found = [office.bureau(office.other_group(entry.group)), office.secretariat(entry.group)]
    return [u for u in found if u is not None]


def _required(unit: Unit | None, option: str) -> Unit:
    if unit is None:
        raise StepRefused(f"the record does not tell which bureau: give {option}")
    return unit


def _required_id(value: str | None, option: str) -> str:
    if value is None:
        raise StepRefused(f"the record does not tell which unit: give {option}")
    return value


def _text(value: str | None, option: str) -> str:
    if not value or not value.strip():
        raise OptionMissing(f"give {option} TEXT")
    return value.strip()


def _set(doc: Any, key: str, value: Any) -> None:
    roundtrip.set_field(doc, key, value, Contact.field_names())


def _append(doc: Any, key: str, item: Any) -> None:
    roundtrip.append_item(doc, key, item, Contact.field_names())


# The step that records what a routing rule finds missing: a refused step names the command to run first.
_STEP_FOR = {"R002": "share", "R003": "share", "R004": "analyse --summary …", "R005": "refer --to UNIT",
             "R006": "consult --summary …", "R008": "follow-up"}


def steps_first(contact_id: str, codes: list[str]) -> list[str]:
    """The commands recording the steps a refused step's problems ask for, in the procedure's order."""
    wanted = {_STEP_FOR[c] for c in codes if c in _STEP_FOR}
    return [f"ilo-engage contact {contact_id} {step}" for step in dict.fromkeys(_STEP_FOR.values()) if step in wanted]
