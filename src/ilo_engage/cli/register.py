"""`ilo-engage register`: the ACT/EMP and ACTRAV registers of enterprises, derived from the contacts."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Annotated

import typer

from .common import Audience, AudienceOption, RootOption, handle_errors
from .completion import country_codes, topic_ids
from .dates import date_option


class Format(str, Enum):
    table = "table"
    md = "md"
    csv = "csv"
    json = "json"


@handle_errors
def command(
    bureau: Annotated[
        str | None, typer.Argument(metavar="BUREAU", help="act-emp or actrav; both registers if left out.")
    ] = None,
    country: Annotated[list[str] | None, typer.Option("--country", help="Only contacts about this country (ISO code).", autocompletion=country_codes)] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="Only contacts on this topic (id).", autocompletion=topic_ids)] = None,
    start: Annotated[date | None, date_option("--from", "Only contacts from this date.")] = None,
    end: Annotated[date | None, date_option("--to", "Only contacts up to this date.")] = None,
    today: Annotated[date | None, date_option(
        "--today", "Time per step and overdue steps as of this day (default: --to, else today).")] = None,
    output_format: Annotated[Format, typer.Option("--format", help="How to print the registers.")] = Format.table,
    audience: AudienceOption = Audience.staff,
    root: RootOption = None,
) -> None:
    """Print the registers of enterprises engaging with the ILO (GB.326/INS/3 paras 3(d), 24).

    Each lists the enterprises whose contacts entered through the bureau, with their contacts,
    topics, technical leads and initiatives; enterprises in both registers are flagged. Under each,
    the time each step of the procedure took (median and longest days) and the steps overdue by the
    unit that owes them (not in csv).
    """
    from ..checks import stored
    from ..core.errors import UsageError
    from ..load.settings import checked_root
    from ..lookup.registers import Filters, registers, render
    from .output import warn_unreadable

    dataset = stored.dataset(stored.updated(checked_root(root)))
    warn_unreadable(dataset.failed_files, sys.stderr)
    filters = Filters(
        tuple(c.upper() for c in country or ()), tuple(topic or ()),
        start, end,
    )
    found = registers(dataset, audience.value, filters, today)
    if bureau is not None:
        found = [r for r in found if r.bureau.id == bureau]
        if not found:
            raise UsageError(f"no bureau has the id {bureau!r}; use act-emp or actrav")
    sys.stdout.write(render(found, output_format.value))
