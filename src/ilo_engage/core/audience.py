"""Who sees what: which records an output may name, for each audience.

| audience   | names records with visibility | counts in totals | personal data |
| public     | public                        | all              | never         |
| staff      | public, internal              | all              | never         |
| restricted | all                           | all              | never         |

Personal data (contacts' `persons`) and internal `notes` never reach any output:
projections for outputs are built from the fields listed here, not from whole records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Audience = Literal["public", "staff", "restricted"]
AUDIENCES: tuple[Audience, ...] = ("public", "staff", "restricted")

_NAMED = {
    "public": frozenset({"public"}),
    "staff": frozenset({"public", "internal"}),
    "restricted": frozenset({"public", "internal", "confidential"}),
}


def may_name(record: object, audience: Audience) -> bool:
    """Whether an output for this audience may show the record by name and detail."""
    return getattr(record, "visibility", "internal") in _NAMED[audience]


NOT_NAMED_UNIT = "a unit not named for this audience"


@dataclass(frozen=True)
class UnitView:
    """What an output may show of a unit: its id, names and kind, never its notes or sources.

    For a unit the audience may not name, the names say so and the id is empty."""

    id: str
    short: str
    name: str
    kind: str
    shown: bool = True


def unit_view(unit: Any, audience: Audience) -> UnitView:
    """A unit projected for an audience (a confidential unit is not named in a public output)."""
    if may_name(unit, audience):
        return UnitView(unit.id, unit.short, unit.name, unit.kind)
    return UnitView("", NOT_NAMED_UNIT, NOT_NAMED_UNIT, unit.kind, shown=False)
