"""The procedure over time, for the report's assessment and the registers: how long each step
took (median and longest, in days from the step it follows), the steps overdue at a day (the
period's end, or the register's as-of day) by the unit that owes them, and the contacts still
open then."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..checks.deadlines import pending_steps
from ..load.settings import DeadlineSettings
from ..model import Contact
from ..model.procedure import Office, is_enterprise_initiated


@dataclass(frozen=True)
class StepTime:
    """How long one step took over the contacts that recorded it by the period's end."""

    step: str
    count: int
    median_days: float
    longest_days: int


# The steps timed, in order (the names the registers and the report print).
STEPS = ("sharing", "needs analysis", "consultation of the bureau", "referral", "first follow-up", "closing")


# Each step, and how many days it took on one contact (None: not taken, or undated, by `end`).
def _timings(end: date) -> list[tuple[str, Callable[[Contact], int | None]]]:
    def days(since: date | None, then: date | None) -> int | None:
        return (then - since).days if since is not None and then is not None and then <= end else None

    def first(dates: Iterable[date]) -> date | None:
        return min(dates, default=None)

    def before_referral(c: Contact) -> date | None:
        if is_enterprise_initiated(c):
            return c.needs_analysis.date if c.needs_analysis else None
        return first(s.date for s in c.consultations)

    return [
        ("sharing", lambda c: days(c.date, first(s.date for s in c.shared_with))),
        ("needs analysis", lambda c: days(c.date, c.needs_analysis.date if c.needs_analysis else None)),
        ("consultation of the bureau", lambda c: None if is_enterprise_initiated(c)
         else days(c.date, first(s.date for s in c.consultations))),
        ("referral", lambda c: days(before_referral(c), c.referred_on)),
        ("first follow-up", lambda c: days(c.referred_on, first(s.date for s in c.follow_ups))),
        ("closing", lambda c: days(c.date, c.closed_on)),
    ]


def step_times(contacts: list[Contact], end: date) -> list[StepTime]:
    """For each step some contact took by `end`: how many took it, the median and longest days."""
    found = []
    for step, took in _timings(end):
        values = [d for d in (took(c) for c in contacts) if d is not None]
        if values:
            found.append(StepTime(step, len(values), statistics.median(values), max(values)))
    return found


def overdue_by_unit(contacts: list[Contact], office: Office, deadlines: DeadlineSettings, end: date,
                    name: Callable[[str | None], str]) -> Counter[str]:
    """The steps overdue at `end` on the contacts still open then, by the (named) unit that owes them."""
    counts = Counter[str]()
    for contact in contacts:
        if open_at(contact, end):
            counts.update(name(s.owner) for s in pending_steps(contact, office, deadlines) if s.overdue(end))
    return counts


def open_at(contact: Contact, end: date) -> bool:
    """Whether a contact was still open at `end`: not ended, or ended after it (by `closed_on`)."""
    return contact.status not in ("closed", "declined") or (contact.closed_on is not None and contact.closed_on > end)


@dataclass(frozen=True)
class Timing:
    """The procedure over time on a set of contacts as of a day."""

    as_of: date
    step_times: list[StepTime]
    overdue_by_unit: list[tuple[str, int]]  # (unit, steps overdue), most first
    open: int

    @property
    def overdue(self) -> int:
        return sum(n for _, n in self.overdue_by_unit)


def timing(contacts: list[Contact], office: Office, deadlines: DeadlineSettings, as_of: date,
           name: Callable[[str | None], str]) -> Timing:
    """Step times, overdue steps by (named) unit and open contacts, counting contacts dated up to `as_of`."""
    counted = [c for c in contacts if c.date <= as_of]
    overdue = overdue_by_unit(counted, office, deadlines, as_of, name)
    return Timing(as_of, step_times(counted, as_of),
                  sorted(overdue.items(), key=lambda item: (-item[1], item[0])),
                  sum(open_at(c, as_of) for c in counted))
