"""`ilo-engage list`: the vocabulary and the registers' ids, to type them right."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from .common import Audience, AudienceOption, RootOption, handle_errors


class What(str, Enum):
    topics = "topics"
    units = "units"
    regions = "regions"
    countries = "countries"
    enterprises = "enterprises"
    contacts = "contacts"


class Format(str, Enum):
    table = "table"
    md = "md"
    csv = "csv"
    json = "json"


@handle_errors
def command(
    what: Annotated[What, typer.Argument(metavar="WHAT", help="topics, units, regions, countries, enterprises or contacts.",
                                         show_default=False)],
    output_format: Annotated[Format, typer.Option("--format", help="How to print the list.")] = Format.table,
    audience: AudienceOption = Audience.staff,
    root: RootOption = None,
) -> None:
    """List the ids a command takes, with what each stands for: topics, units, regions, countries, enterprises or contacts.

    Enterprises and contacts are listed as the audience may see them (default staff: no confidential ones).
    """
    from ..checks import stored
    from ..load.settings import checked_root
    from ..lookup.vocabulary import listing, render
    from .output import warn_unreadable

    # From the store: the units, topics and regions always, enterprises or contacts when listed.
    wanted = {What.enterprises: "kind = 'enterprise'", What.contacts: "kind = 'contact'"}.get(what, "0")
    dataset = stored.dataset(stored.updated(checked_root(root)), wanted)
    warn_unreadable(dataset.failed_files, sys.stderr)
    sys.stdout.write(render(listing(dataset, what.value, audience.value), output_format.value))
