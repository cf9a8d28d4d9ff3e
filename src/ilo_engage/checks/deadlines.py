"""The procedure over time: which step an open contact waits for, on whom, since when, until when.

A step is due from the step it follows (the contact, the needs analysis or consultation, the
referral) and has a deadline from the dataset's [deadlines] settings. A pending step is "not yet
due" up to and including its deadline and overdue from the day after. The `due` worklist, the
overdue rules (R015–R019) and the report's assessment all read the steps from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..load.settings import DeadlineSettings
from ..model import Contact
from ..model.procedure import Office, is_enterprise_initiated

ENDED = frozenset({"closed", "declined"})


@dataclass(frozen=True)
class PendingStep:
    """A step an open contact waits for: who owes it, since when, by when, and the command that records it."""

    contact: Contact
    step: str  # share, analyse, consult, refer, follow-up, close
    owner: str | None  # the unit that owes it (None: the record does not tell)
    since: date | None  # None: the step it follows is undated
    deadline: date | None  # None: no deadline (closing) or nothing to count from
    command: str

    def overdue(self, today: date) -> bool:
        return self.deadline is not None and today > self.deadline


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days (Monday to Friday) after `start`."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def pending_steps(contact: Contact, office: Office, deadlines: DeadlineSettings) -> list[PendingStep]:
    """The steps an open contact waits for now, in the procedure's order (none once it has ended)."""
    if contact.status in ENDED:
        return []
    found: list[PendingStep] = []
    entry = office.entry_bureau(contact)
    entry_id = entry.id if entry else contact.entry_point
    cid = contact.id

    def add(step: str, owner: str | None, since: date | None, days: int | None, command: str) -> None:
        deadline = None if since is None or days is None else since + timedelta(days=days)
        found.append(PendingStep(contact, step, owner, since, deadline, f"ilo-engage contact {cid} {command}"))

    if entry is not None:
        other = office.bureau(office.other_group(entry.group))
        secretariat = office.secretariat(entry.group)
        shared = {s.with_ for s in contact.shared_with}
        missing = [u.id for u in (other, secretariat) if u is not None and u.id not in shared]
        if missing:
            deadline = add_working_days(contact.date, deadlines.shared)
            found.append(PendingStep(contact, "share", entry_id, contact.date, deadline,
                                     f"ilo-engage contact {cid} share" +
                                     "".join(f" --with {u}" for u in missing)))
    referred = contact.technical_lead is not None or bool(contact.referred_units)
    if is_enterprise_initiated(contact):
        analysis = contact.needs_analysis
        if analysis is None:
            add("analyse", entry_id, contact.date, deadlines.needs_analysis, 'analyse --summary "…"')
        elif not referred:
            add("refer", entry_id, analysis.date, deadlines.referral, "refer --to " + _lead_hint(contact, office))
    else:
        bureau_id = entry.id if entry else None
        consulted = [c.date for c in contact.consultations if bureau_id is None or c.with_ == bureau_id]
        if not consulted:
            add("consult", contact.initiating_unit, contact.date, deadlines.consultation, 'consult --summary "…"')
        elif not referred:
            add("refer", contact.initiating_unit, min(consulted), deadlines.referral,
                "refer --to " + _lead_hint(contact, office))
    lead = contact.technical_lead
    if contact.status == "referred" and not any(f.by == lead for f in contact.follow_ups):
        add("follow-up", lead, contact.referred_on, deadlines.follow_up, 'follow-up --summary "…"')
    elif contact.status == "in-progress":
        last = max((f.date for f in contact.follow_ups), default=contact.referred_on)
        add("close", lead, last, None, 'close --outcome "…"')
    return found


def overdue_steps(contact: Contact, office: Office, deadlines: DeadlineSettings, today: date) -> list[PendingStep]:
    """The pending steps past their deadline on `today`."""
    return [s for s in pending_steps(contact, office, deadlines) if s.overdue(today)]


def next_change(contact: Contact, office: Office, deadlines: DeadlineSettings, today: date) -> date | None:
    """The first day after `today` on which a pending step becomes overdue (a cached result expires then)."""
    days = [s.deadline + timedelta(days=1) for s in pending_steps(contact, office, deadlines)
            if s.deadline is not None and s.deadline >= today]
    return min(days, default=None)


def _lead_hint(contact: Contact, office: Office) -> str:
    """The best-fitting technical lead for the command, else a placeholder the officer replaces."""
    candidates = office.candidate_leads(contact.topics, contact.countries)
    return candidates[0].unit.id if candidates else "UNIT"
