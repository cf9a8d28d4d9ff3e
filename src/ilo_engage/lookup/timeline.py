"""One contact over time: its dated steps, who took them, and the steps it waits for."""

from __future__ import annotations

from datetime import date

from ..checks.deadlines import PendingStep
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
