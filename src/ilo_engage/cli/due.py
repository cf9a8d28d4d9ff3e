"""`ilo-engage due`: each unit's worklist, the steps open contacts wait for, overdue first."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Annotated

import typer

from .common import Audience, AudienceOption, RootOption, handle_errors
from .completion import unit_ids
from .dates import date_option


class Format(str, Enum):
    table = "table"
    md = "md"
    json = "json"
    csv = "csv"


@handle_errors
def command(
    unit: Annotated[str | None, typer.Option("--unit", metavar="UNIT", help="Only the steps this unit owes (its id).",
                                             autocompletion=unit_ids)] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only the steps past their deadline.")] = False,
    output_format: Annotated[Format, typer.Option("--format", help="table, md, json or csv.")] = Format.table,
    today: Annotated[date | None, date_option("--today", "As of this day (default today).")] = None,
    audience: AudienceOption = Audience.staff,
    root: RootOption = None,
) -> None:
    """List what open contacts wait for: the next step, who owes it (the entry bureau, the technical
    lead), since when, its deadline and the command that records it; grouped by unit, overdue first.

    Deadlines come from [deadlines] in ilo-engage.toml.
    """
    from ..checks import stored
    from ..checks.deadlines import ENDED
    from ..core.errors import UsageError
    from ..load.settings import checked_root
    from ..lookup.due import due, render
    from ..model import Unit
    from .output import warn_unreadable

    # An ended contact waits for nothing (deadlines.pending_steps): only the open ones are decoded.
    ended = sorted(ENDED)
    dataset = stored.dataset(stored.updated(checked_root(root)), "kind = 'contact' AND json_extract(record, "
                             f"'$.status') NOT IN ({', '.join('?' * len(ended))})", ended)
    warn_unreadable(dataset.failed_files, sys.stderr)
    if unit is not None and unit not in dataset.by_id(Unit):
        from ..core.audience import may_name
        from ..core.suggest import unknown_id

        units = dataset.by_id(Unit)
        raise UsageError(unknown_id("unit", unit, units, offered=lambda i: may_name(units[i], "staff")))
    day = today or date.today()
    sys.stdout.write(render(due(dataset, audience.value, day, unit, overdue), output_format.value, day))
