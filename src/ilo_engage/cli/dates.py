"""The one date option every command uses (--date, --from, --to): YYYY-MM-DD, checked on the calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

import typer


def _parse(text: str) -> date:
    from ..core.dates import parse_date

    try:
        return parse_date(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def date_option(name: str, help: str) -> Any:
    """A `YYYY-MM-DD` option whose value reaches the command as a `date`; a mistake is a usage error (2)."""
    return typer.Option(name, metavar="YYYY-MM-DD", parser=_parse, help=help)
