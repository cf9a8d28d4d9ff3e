"""`ilo-engage editor config`: the web editor's forms (Decap CMS), generated from the data contract."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .common import RootOption, handle_errors

app = typer.Typer(name="editor", no_args_is_help=True,
                  help="The web editor for officers who do not use git: its forms, made from the data contract.")


@app.command("config")
@handle_errors
def config(
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if a file of admin/ is missing or "
                                        "out of date (after a new unit or topic, say).")] = False,
    repo: Annotated[str | None, typer.Option("--repo", metavar="OWNER/NAME",
                                             help="The dataset's GitHub repository, where the editor saves "
                                             "(kept when the files are written again).")] = None,
    root: RootOption = None,
) -> None:
    """Write the web editor into admin/: its page, its configuration and the npm files that install it.

    The configuration has a form per kind of record (contacts, enterprises, networks, partnerships,
    programmes) with the fields, choices, units and topics of this dataset; run it again after a
    unit or topic changes. Every save is a pull request (the editorial workflow). The README says
    how to open the editor on a computer and on GitHub.
    """
    from ..editor.files import stale_files, write_admin
    from ..load.settings import checked_root

    dataset = checked_root(root)
    if check:
        stale = stale_files(dataset)
        for relpath in stale:
            print(f"{relpath}: out of date (run `ilo-engage editor config`)", file=sys.stderr)
        if stale:
            raise typer.Exit(1)
        print("The editor's files are up to date.")
        return
    written = write_admin(dataset, repo)
    for relpath in written:
        print(relpath)
    if not written:
        print("The editor's files are up to date.")
