"""`ilo-engage show` and `find`: who in the Office already talks to a company, without reading YAML."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Annotated

import typer

from .common import Audience, AudienceOption, RootOption, handle_errors
from .completion import enterprise_ids
from .dates import date_option


class ShowFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


class FindFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"


@handle_errors
def show(
    enterprise: Annotated[str, typer.Argument(metavar="ID", help="An enterprise's id, or a contact's.",
                                              autocompletion=enterprise_ids)],
    output_format: Annotated[ShowFormat, typer.Option("--format", help="text, md or json.")] = ShowFormat.text,
    today: Annotated[date | None, date_option("--today", "A contact's steps due as of this day (default today).")] = None,
    audience: AudienceOption = Audience.staff,
    root: RootOption = None,
) -> None:
    """Show one enterprise's dossier (every contact with its id and status, initiative and unit involved,
    newest first), or one contact's timeline (every dated step, who, what, and the next step due)."""
    from ..checks import stored
    from ..load.settings import checked_root
    from ..lookup.dossier import dossier, render
    from ..lookup.timeline import show_contact
    from .output import warn_unreadable

    dataset = stored.enterprise_dataset(stored.updated(checked_root(root)), [enterprise])
    warn_unreadable(dataset.failed_files, sys.stderr)
    shown = show_contact(dataset, enterprise, audience.value, output_format.value, today or date.today())
    sys.stdout.write(shown if shown is not None else
                     render(dossier(dataset, enterprise, audience.value), output_format.value))


@handle_errors
def find(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="A name, alias, id, website or LEI.")],
    output_format: Annotated[FindFormat, typer.Option("--format", help="table, md or json.")] = FindFormat.table,
    audience: AudienceOption = Audience.staff,
    root: RootOption = None,
) -> None:
    """Find enterprises by name, alias or identifier, whatever the accents, case or legal form, and
    contacts by id or subject.

    Exit status 1 when nothing is found.
    """
    from ..checks import stored
    from ..load.settings import checked_root
    from ..lookup.finder import find as find_enterprises, find_contacts, render
    from .output import warn_unreadable

    dataset, counts = stored.find_dataset(stored.updated(checked_root(root)), text)
    warn_unreadable(dataset.failed_files, sys.stderr)
    found = find_enterprises(dataset, text, audience.value, counts)
    contacts = find_contacts(dataset, text, audience.value)
    sys.stdout.write(render(found, output_format.value, contacts))
    if not found and not contacts:
        print(f"ilo-engage: no enterprise matches {text!r}", file=sys.stderr)
        raise typer.Exit(1)
