"""Each unit's worklist: the steps open contacts wait for, who owes them, since when, by when,
and the command that records each one; overdue first (para 3, over time)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from ..checks import context
from ..checks.deadlines import PendingStep, pending_steps
from ..core.audience import Audience, may_name, unit_view
from ..load.dataset import Dataset
from ..model import Contact
from .timeline import STEP_NAMES

UNKNOWN_OWNER = "not recorded"
# A step's "since" when the step it follows carries no date (a referral recorded before referrals
# were dated): it is waiting, but from when cannot be told, and no deadline is counted.
UNDATED_SINCE = "an undated step"
NO_DEADLINE = "–"


@dataclass(frozen=True)
class DueRow:
    """One waiting step, as the audience may see it."""

    unit: str  # the owing unit's short name (or why it is not named)
    step: PendingStep
    overdue: bool

    def cells(self) -> list[str]:
        s = self.step
        return [self.unit, "overdue" if self.overdue else "due", s.contact.id, STEP_NAMES[s.step],
                str(s.since or UNDATED_SINCE), str(s.deadline or NO_DEADLINE), s.command]

    def as_dict(self) -> dict[str, object]:
        s = self.step
        return {"unit": self.unit, "overdue": self.overdue, "contact": s.contact.id, "subject": s.contact.subject,
                "step": s.step, "since": s.since.isoformat() if s.since else None,
                "deadline": s.deadline.isoformat() if s.deadline else None, "command": s.command}


HEADERS = ("Unit", "State", "Contact", "Step", "Since", "Deadline", "Command")


def due(dataset: Dataset, audience: Audience, today: date, unit: str | None = None,
        overdue_only: bool = False) -> list[DueRow]:
    """The steps open contacts under the procedure wait for, as of `today`: grouped by owing unit,
    overdue first, then by deadline; only the contacts the audience may name."""
    ctx = context(dataset, today)
    units = ctx.office.units
    rows = []
    for contact in dataset.records(Contact):
        if not contact.assessed(ctx.settings.start) or not may_name(contact, audience):
            continue
        for step in pending_steps(contact, ctx.office, ctx.deadlines):
            if unit is not None and step.owner != unit:
                continue
            late = step.overdue(today)
            if overdue_only and not late:
                continue
            owner = units.get(step.owner or "")
            name = unit_view(owner, audience).short if owner else (step.owner or UNKNOWN_OWNER)
            rows.append(DueRow(name, step, late))
    return sorted(rows, key=lambda r: (r.unit, not r.overdue, r.step.deadline or date.max, r.step.contact.id))


def render(rows: list[DueRow], fmt: str, today: date) -> str:
    """The worklist as `table`, `md`, `json` or `csv`."""
    from . import tables

    if fmt == "json":
        return json.dumps({"as_of": today.isoformat(), "steps": [r.as_dict() for r in rows]},
                          indent=2, ensure_ascii=False) + "\n"
    cells = [r.cells() for r in rows]
    if fmt == "csv":
        return tables.spreadsheet_csv(HEADERS, cells)
    if fmt == "md":
        return tables.markdown(HEADERS, cells)
    overdue = sum(r.overdue for r in rows)
    title = f"Steps due as of {today}: {len(rows)}, {overdue} overdue"
    return tables.terminal(HEADERS, cells, title=title)
