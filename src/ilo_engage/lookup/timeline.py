"""One contact over time: its dated steps, who took them, and the steps it waits for."""

from __future__ import annotations

from datetime import date

from ..checks import context
from ..checks.deadlines import PendingStep, pending_steps
from ..core.audience import Audience, may_name
from ..load.dataset import Dataset
from ..model import Contact

STEP_NAMES = {"share": "sharing", "analyse": "needs analysis", "consult": "consultation of the bureau",
              "refer": "referral", "follow-up": "first follow-up", "close": "closing"}


def next_step_line(step: PendingStep, today: date) -> str:
    """One waiting step in a sentence: what, by whom, until when, and the command that records it."""
    who = f" by {step.owner}" if step.owner else ""
    if step.deadline is None:
        when = "" if step.step == "close" else " (no deadline: the step it follows is undated)"
    elif step.overdue(today):
        when = f", overdue since {step.deadline}"
    else:
        when = f", due by {step.deadline}"
    return f"Next: {STEP_NAMES[step.step]}{who}{when}: {step.command}"


def status_lines(contact: Contact, steps: list[PendingStep], today: date) -> list[str]:
    """What `contact ID STEP` says after recording a step: the new status and each step now due."""
    lines = [f"{contact.id} is now `{contact.status}`."]
    lines += [next_step_line(s, today) for s in steps]
    if not steps and contact.status in ("closed", "declined"):
        lines.append("Nothing more is due on it.")
    return lines


def timeline(contact: Contact) -> list[tuple[date, str]]:
    """Every dated step of a contact, oldest first: (day, who did what)."""
    who = contact.initiating_unit if contact.initiated_by == "ilo-unit" else contact.initiated_by
    steps: list[tuple[date, str]] = [(contact.date, f"contact made by {who}" + (
        f", entered through {contact.entry_point}" if contact.entry_point else ""))]
    steps += [(s.date, f"{contact.entry_point or 'the entry bureau'} shared it with {s.with_}") for s in contact.shared_with]
    if contact.needs_analysis:
        steps.append((contact.needs_analysis.date, f"needs analysis by {contact.needs_analysis.by}"))
    steps += [(s.date, f"consulted {s.with_}") for s in contact.consultations]
    if contact.referral and contact.referral.date:
        lead = f" (lead {contact.technical_lead})" if contact.technical_lead else ""
        steps.append((contact.referral.date, f"referred to {', '.join(contact.referral.to)}{lead}"))
    steps += [(s.date, f"follow-up by {s.by} with {s.with_}") for s in contact.follow_ups]
    if contact.closed_on:
        steps.append((contact.closed_on, contact.status))
    return sorted(steps, key=lambda step: step[0])


def render_contact(contact: Contact, steps: list[PendingStep], today: date) -> str:
    """A contact's timeline as text: what it is, each dated step, and what it waits for."""
    lines = [f"{contact.id}: {contact.subject}", f"{contact.enterprise}; status {contact.status}", ""]
    lines += [f"  {day}  {what}" for day, what in timeline(contact)]
    undated = [name for name, missing in (("referral", (contact.referral is not None and contact.referral.date is None)
                                           or bool(contact.referred_to)),
                                          ("closing", contact.status in ("closed", "declined")
                                           and contact.closed_on is None)) if missing]
    if undated:
        lines.append(f"  (undated: {', '.join(undated)})")
    if contact.outcome:
        lines.append(f"  outcome: {contact.outcome}")
    lines.append("")
    lines += [next_step_line(s, today) for s in steps] or ["Nothing more is due on it."]
    return "\n".join(lines) + "\n"


def contact_dict(contact: Contact, steps: list[PendingStep], today: date) -> dict[str, object]:
    """A contact's timeline for programs: the summary outputs show, each dated step, what it waits for."""
    from .dossier import contact_summary

    return {**contact_summary(contact),
            "timeline": [{"date": day.isoformat(), "step": what} for day, what in timeline(contact)],
            "due": [{"step": s.step, "owner": s.owner, "since": s.since.isoformat() if s.since else None,
                     "deadline": s.deadline.isoformat() if s.deadline else None, "overdue": s.overdue(today),
                     "command": s.command} for s in steps]}


def show_contact(dataset: Dataset, contact_id: str, audience: Audience, fmt: str, today: date) -> str | None:
    """The contact's timeline as `text`, `md` or `json`; None if no contact the audience may see has the id."""
    contact = dataset.by_id(Contact).get(contact_id)
    if contact is None or not may_name(contact, audience):
        return None
    ctx = context(dataset, today)
    steps = pending_steps(contact, ctx.office, ctx.deadlines)
    if fmt == "json":
        import json

        return json.dumps(contact_dict(contact, steps, today), indent=2, ensure_ascii=False) + "\n"
    text = render_contact(contact, steps, today)
    return "# " + text if fmt == "md" else text
