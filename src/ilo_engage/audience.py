"""Who sees what: which records an output may name, for each audience.

| audience   | names records with visibility | counts in totals | personal data |
| public     | public                        | all              | never         |
| staff      | public, internal              | all              | never         |
| restricted | all                           | all              | never         |

Personal data (contacts' `persons`) and internal `notes` never reach any output:
projections for outputs are built from the fields listed here, not from whole records.
"""

from __future__ import annotations

from typing import Literal

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
