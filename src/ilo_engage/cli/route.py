"""`ilo-engage route`: advice on a new contact under the engagement procedure."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from .common import Audience, AudienceOption, RootOption, handle_errors
from .completion import country_codes, enterprise_ids, topic_ids


class InitiatedBy(str, Enum):
    management = "management"
    workers_organization = "workers-organization"
    ilo_unit = "ilo-unit"


class Counterpart(str, Enum):
    management = "management"
    workers_organization = "workers-organization"


class Format(str, Enum):
    text = "text"
    json = "json"


@handle_errors
def command(
    initiated_by: Annotated[InitiatedBy, typer.Option("--initiated-by", help="Who made the contact.")],
    counterpart: Annotated[
        Counterpart | None, typer.Option("--counterpart", help="With --initiated-by ilo-unit: whom the unit engages.")
    ] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="A topic id (repeatable).", autocompletion=topic_ids)] = None,
    country: Annotated[list[str] | None, typer.Option("--country", help="An ISO country code (repeatable).", autocompletion=country_codes)] = None,
    enterprise: Annotated[str | None, typer.Option("--enterprise", help="The enterprise's id, to see its history.", autocompletion=enterprise_ids)] = None,
    output_format: Annotated[Format, typer.Option("--format", help="text or json.")] = Format.text,
    audience: AudienceOption = Audience.staff,
    root: RootOption = None,
) -> None:
    """Advise on a new contact: entry point, candidate technical leads, consultations and sharing required."""
    from ..checks import stored
    from ..load.settings import checked_root
    from ..lookup.advice import advise, render
    from .output import warn_unreadable

    space = stored.updated(checked_root(root))  # the units and topics, and the enterprise's records
    dataset = stored.enterprise_dataset(space, [enterprise]) if enterprise else stored.dataset(space, "0")
    warn_unreadable(dataset.failed_files, sys.stderr)
    advice = advise(
        dataset, initiated_by.value, counterpart.value if counterpart else None, topic or [], country or [],
        enterprise, audience.value,
    )
    sys.stdout.write(render(advice, output_format.value))
