"""`ilo-engage show` and `find`: who in the Office already talks to a company, without reading YAML."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from .common import Audience, AudienceOption, RootOption, handle_errors
from .completion import enterprise_ids


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
    enterprise: Annotated[str, typer.Argument(metavar="ID", help="The enterprise's id.", autocompletion=enterprise_ids)],
    output_format: Annotated[ShowFormat, typer.Option("--format", help="text, md or json.")] = ShowFormat.text,
    audience: AudienceOption = Audience.staff,
    root: RootOption = None,
) -> None:
    """Show one enterprise's dossier: every contact, initiative and unit involved, newest first."""
    from ..load.dataset import load
    from ..load.settings import checked_root
    from ..lookup.dossier import dossier, render
    from .output import warn_unreadable

    dataset = load(checked_root(root))
    warn_unreadable(dataset.failed_files, sys.stderr)
    sys.stdout.write(render(dossier(dataset, enterprise, audience.value), output_format.value))


@handle_errors
def find(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="A name, alias, id, website or LEI.")],
    output_format: Annotated[FindFormat, typer.Option("--format", help="table, md or json.")] = FindFormat.table,
    audience: AudienceOption = Audience.staff,
    root: RootOption = None,
) -> None:
    """Find enterprises by name, alias or identifier, whatever the accents, case or legal form.

    Exit status 1 when nothing is found.
    """
    from ..load.dataset import load
    from ..load.settings import checked_root
    from ..lookup.finder import find as find_enterprises, render
    from .output import warn_unreadable

    dataset = load(checked_root(root))
    warn_unreadable(dataset.failed_files, sys.stderr)
    found = find_enterprises(dataset, text, audience.value)
    sys.stdout.write(render(found, output_format.value))
    if not found:
        print(f"ilo-engage: no enterprise matches {text!r}", file=sys.stderr)
        raise typer.Exit(1)
