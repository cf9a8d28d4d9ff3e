"""The routing rules: every contact followed the engagement procedure of GB.326/INS/3 para 3.

Each rule is one function with a stable code, a severity, and the paragraph it
enforces; it yields (where in the contact, what is wrong and what to do). Contacts
dated before the procedure's start (settings: procedure.start), or taken from a register that
predates it (`pre_procedure: true`), are exempt. A rule
that lacks the data to decide says so (R011) instead of guessing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..load.dataset import Entry
from ..model import Contact, Part
from ..model.procedure import LEAD_KINDS, REFERRED_OR_LATER, UNDER_WAY_OR_CLOSED, is_enterprise_initiated
from ..yamlio import Path
from .base import Context, Finding
from .rules import ERROR, WARNING, Place, Rule, rule
from .timing import (
    DEADLINE_RULES,
    contact_undated_steps,
    referral_in_old_form,
)


@rule("R011", ERROR, "3(a)", "data missing to route the contact",
      "the procedure routes a contact by who made it and whom it engages")
def routing_data_present(contact: Contact, ctx: Context) -> Iterator[Place]:
    """The fields the procedure decides on are filled in."""
    if contact.initiated_by == "ilo-unit":
        if contact.initiating_unit is None:
            yield ("initiated_by",), "an ILO unit made the contact: record which one in `initiating_unit`"
        if contact.counterpart is None:
            yield ("initiated_by",), (
                "an ILO unit made the contact: record in `counterpart` whether it engages management or a "
                "workers' organization, which decides the bureau to consult"
            )
    involves_workers = contact.initiated_by == "workers-organization" or contact.counterpart == "workers-organization"
    if involves_workers and not contact.workers_organization:
        yield ("initiated_by",), "name the workers' organization in `workers_organization`"


@rule("R001", ERROR, "3(a)", "wrong entry point",
      "contact from management enters through ACT/EMP, from a workers' organization through ACTRAV")
def entry_point_matches_initiator(contact: Contact, ctx: Context) -> Iterator[Place]:
    """Management enters through ACT/EMP, a workers' organization through ACTRAV."""
    expected = ctx.office.entry_bureau(contact)
    if expected is None:
        return  # R011 says what is missing
    who = _who(contact)
    if contact.entry_point is None:
        yield ("status",), f"record the entry point: {expected.short} (`entry_point: {expected.id}`) for {who}"
    elif contact.entry_point != expected.id:
        yield ("entry_point",), f"{who} enters through {expected.short} (`{expected.id}`), not `{contact.entry_point}`"


@rule("R002", ERROR, "3(a)", "not shared with the other bureau",
      "ACT/EMP and ACTRAV share information about contacts with each other")
def shared_with_other_bureau(contact: Contact, ctx: Context) -> Iterator[Place]:
    """Once the entry bureau handles a contact (past `received`), it has told the other bureau."""
    if contact.status == "received":
        return
    entry = ctx.office.entry_bureau(contact)
    other = ctx.office.bureau(ctx.office.other_group(entry.group if entry else None))
    if entry and other and other.id not in _shared(contact):
        yield _where_shared(contact), f"record that {entry.short} shared the contact with {other.short} (`{other.id}`)"


@rule("R003", WARNING, "3(a)", "not shared with the group secretariat",
      "each bureau shares information with its group secretariat")
def shared_with_secretariat(contact: Contact, ctx: Context) -> Iterator[Place]:
    """Once the entry bureau handles a contact (past `received`), it has told its group's secretariat."""
    if contact.status == "received":
        return
    entry = ctx.office.entry_bureau(contact)
    secretariat = ctx.office.secretariat(entry.group if entry else None)
    if entry and secretariat and secretariat.id not in _shared(contact):
        yield _where_shared(contact), (
            f"record that {entry.short} shared the contact with the {secretariat.short} (`{secretariat.id}`)"
        )


@rule("R004", ERROR, "3(b)", "needs analysis missing",
      "when an enterprise approaches the ILO, the entry bureau makes an initial demand/needs analysis")
def needs_analysis_by_entry_bureau(contact: Contact, ctx: Context) -> Iterator[Place]:
    """Once past `received`, a contact from an enterprise has a needs analysis by the entry bureau."""
    if not is_enterprise_initiated(contact) or contact.status == "received":
        return
    entry = ctx.office.entry_bureau(contact)
    analysis = contact.needs_analysis
    if analysis is None:
        by = f" by {entry.short}" if entry else ""
        yield ("status",), f"a contact `{contact.status}` needs a `needs_analysis`{by}"
    elif entry and analysis.by != entry.id:
        yield ("needs_analysis", "by"), f"the needs analysis is made by the entry bureau, {entry.short} (`{entry.id}`)"


@rule("R009", WARNING, "3(b)", "late needs analysis",
      "the needs analysis is the entry bureau's first step; make it promptly")
def needs_analysis_on_time(contact: Contact, ctx: Context) -> Iterator[Place]:
    """A needs analysis later than the configured number of days is a warning."""
    analysis, limit = contact.needs_analysis, ctx.settings.needs_analysis_days
    if analysis and (analysis.date - contact.date).days > limit:
        days = (analysis.date - contact.date).days
        yield ("needs_analysis", "date"), f"the needs analysis came {days} days after the contact (more than {limit})"


@rule("R005", ERROR, "3(b)", "referral missing",
      "the entry bureau guides the enterprise to the relevant policy department")
def referred_to_a_technical_lead(contact: Contact, ctx: Context) -> Iterator[Place]:
    """Once `referred` or later, the contact has a technical lead, and an enterprise's contact a referral to it."""
    if contact.status not in REFERRED_OR_LATER:
        return
    if contact.technical_lead is None:
        yield ("status",), f"a contact `{contact.status}` names its `technical_lead`"
    if not is_enterprise_initiated(contact):
        return
    if not contact.referred_units:
        yield ("status",), f"a contact `{contact.status}` records in `referral` where the enterprise was guided"
    elif contact.technical_lead and contact.technical_lead not in contact.referred_units:
        where: Path = ("referral", "to") if contact.referral else ("referred_to",)
        yield where, f"the technical lead `{contact.technical_lead}` is not among the units referred to"


@rule("R006", ERROR, "3(b)", "bureau not consulted",
      "an ILO department that seeks to engage with enterprises does so in consultation with ACT/EMP or ACTRAV")
def ilo_initiative_consults_bureau(contact: Contact, ctx: Context) -> Iterator[Place]:
    """Once past `received`, a contact made by an ILO unit records a consultation with the bureau
    matching its counterpart (the unit consults before it engages further)."""
    if is_enterprise_initiated(contact) or contact.status == "received":
        return
    bureau = ctx.office.entry_bureau(contact)
    if bureau and bureau.id not in {step.with_ for step in contact.consultations}:
        where: Path = ("consultations",) if contact.consultations else ("counterpart",)
        yield where, f"record the consultation with {bureau.short} (`{bureau.id}`), the bureau for {_who(contact)}"


@rule("R007", ERROR, "3(c)", "technical lead outside its mandate",
      "policy departments and field offices lead on activities under their mandates")
def technical_lead_within_mandate(contact: Contact, ctx: Context) -> Iterator[Place]:
    """The technical lead is a policy department whose mandate covers a topic of the contact, or a field
    or regional office covering one of its countries."""
    lead = ctx.office.units.get(contact.technical_lead or "")
    if lead is None:
        return  # none named (R005) or unknown (D003)
    if lead.kind in LEAD_KINDS and not contact.topics and not contact.countries:
        yield ("technical_lead",), "cannot check the lead's mandate: record the contact's `topics` or `countries`"
    elif lead.kind not in LEAD_KINDS or not ctx.office.candidate(lead, contact.topics, contact.countries).fits:
        yield ("technical_lead",), ctx.office.outside_mandate(lead, contact.topics, contact.countries)


@rule("R008", ERROR, "3(c)", "follow-up missing",
      "the technical lead consults and follows up with ACT/EMP or ACTRAV")
def lead_follows_up_with_entry_bureau(contact: Contact, ctx: Context) -> Iterator[Place]:
    """Once `in-progress` or `closed`, the technical lead has followed up with the entry bureau."""
    entry = ctx.office.entry_bureau(contact)
    lead = contact.technical_lead
    if contact.status not in UNDER_WAY_OR_CLOSED or entry is None or lead is None:
        return
    if not any(step.by == lead and step.with_ == entry.id for step in contact.follow_ups):
        yield ("follow_ups",) if contact.follow_ups else ("status",), (
            f"record a follow-up by the technical lead `{lead}` with {entry.short} (`{entry.id}`)"
        )


@rule("R010", ERROR, "3", "step dated out of order",
      "each step comes on or after the contact and the step it follows, and not in the future")
def steps_dated_in_order(contact: Contact, ctx: Context) -> Iterator[Place]:
    """No step is dated before the contact, before the step it follows, or after today."""
    if contact.date > ctx.today:
        yield ("date",), f"the contact is dated {contact.date}, in the future"
    for where, when in _step_dates(contact):
        if when < contact.date:
            yield where, f"this step is dated {when}, before the contact ({contact.date})"
        elif when > ctx.today:
            yield where, f"this step is dated {when}, in the future"
        else:
            yield from _before_what_it_follows(contact, where, when)


@rule("R012", WARNING, "3(d)", "outcome missing",
      "the registers report what came of each engagement")
def ended_contact_has_outcome(contact: Contact, ctx: Context) -> Iterator[Place]:
    """A closed or declined contact says what came of it."""
    if contact.status in ("closed", "declined") and not contact.outcome:
        yield ("status",), f"a contact `{contact.status}` records its `outcome` in a sentence"


# Every routing rule, in the order of the procedure.
ROUTING_RULES: tuple[Rule, ...] = (
    routing_data_present,
    entry_point_matches_initiator,
    shared_with_other_bureau,
    shared_with_secretariat,
    needs_analysis_by_entry_bureau,
    needs_analysis_on_time,
    referred_to_a_technical_lead,
    ilo_initiative_consults_bureau,
    technical_lead_within_mandate,
    lead_follows_up_with_entry_bureau,
    steps_dated_in_order,
    ended_contact_has_outcome,
    referral_in_old_form,
    contact_undated_steps,
    *DEADLINE_RULES,
)


def procedure_followed(entry: Entry[Part], ctx: Context) -> Iterator[Finding]:
    """A contact from the procedure's start date on, against every routing rule."""
    contact = entry.record
    if not isinstance(contact, Contact) or not contact.assessed(ctx.settings.start):
        return
    for each in ROUTING_RULES:
        for where, message in each.check(contact, ctx):
            yield Finding(each.code, where, message)


def breaches(contact: Contact, ctx: Context) -> set[str]:
    """The codes of the rules a contact breaks (none if it predates the procedure)."""
    if not contact.assessed(ctx.settings.start):
        return set()
    return {rule.code.code for rule in ROUTING_RULES if any(True for _ in rule.check(contact, ctx))}


def _who(contact: Contact) -> str:
    if contact.initiated_by == "ilo-unit":
        return {"management": "engaging management", "workers-organization": "engaging a workers' organization"}.get(
            contact.counterpart or "", "this contact"
        )
    return {"management": "a contact from management", "workers-organization": "a contact from a workers' organization"}[
        contact.initiated_by
    ]


def _shared(contact: Contact) -> set[str]:
    return {step.with_ for step in contact.shared_with}


def _where_shared(contact: Contact) -> Path:
    return ("shared_with",) if contact.shared_with else ("entry_point",) if contact.entry_point else ("status",)


def _step_dates(contact: Contact) -> Iterator[tuple[Path, date]]:
    for i, step in enumerate(contact.shared_with):
        yield ("shared_with", i, "date"), step.date
    if contact.needs_analysis:
        yield ("needs_analysis", "date"), contact.needs_analysis.date
    for i, consultation in enumerate(contact.consultations):
        yield ("consultations", i, "date"), consultation.date
    for i, follow_up in enumerate(contact.follow_ups):
        yield ("follow_ups", i, "date"), follow_up.date
    if contact.referral and contact.referral.date:
        yield ("referral", "date"), contact.referral.date
    if contact.closed_on:
        yield ("closed_on",), contact.closed_on


def preceding_step(contact: Contact, step: str) -> tuple[str, date] | None:
    """The latest dated step that `step` (refer, follow-up, close) must not come before: its name and date."""
    earlier: list[tuple[date, str]] = []
    if step in ("refer", "follow-up", "close") and contact.needs_analysis:
        earlier.append((contact.needs_analysis.date, "the needs analysis"))
    if step == "refer" and not is_enterprise_initiated(contact) and contact.consultations:
        earlier.append((min(c.date for c in contact.consultations), "the first consultation"))
    if step in ("follow-up", "close") and contact.referred_on:
        earlier.append((contact.referred_on, "the referral"))
    if step == "close":
        earlier += [(s.date, "a follow-up") for s in contact.follow_ups]
    if not earlier:
        return None
    when, name = max(earlier)
    return name, when


def _before_what_it_follows(contact: Contact, where: Path, when: date) -> Iterator[Place]:
    step = {"referral": "refer", "follow_ups": "follow-up", "closed_on": "close"}.get(str(where[0]))
    before = preceding_step(contact, step) if step else None
    if before and when < before[1]:
        yield where, f"this step is dated {when}, before {before[0]} ({before[1]})"
