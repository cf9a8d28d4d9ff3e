"""`ilo-engage init`: a new dataset repository, ready to validate, edit and check on GitHub."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import handle_errors


@handle_errors
def command(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", show_default=False, help="The new dataset's folder: new or empty.")
    ],
    hooks_repo: Annotated[
        str | None,
        typer.Option("--hooks-repo", metavar="URL", help="Take the pre-commit hooks from this copy of the "
                     "ilo-engage repository (default: run the ilo-engage installed on the machine)."),
    ] = None,
    hooks_rev: Annotated[
        str | None,
        typer.Option("--hooks-rev", metavar="REV", help="The tag or commit of --hooks-repo (default: this version's tag)."),
    ] = None,
) -> None:
    """Create a new dataset repository in DIR, ready to edit, validate and check on GitHub.

    It holds the settings, the bundled topics, regions and units, empty record folders, the
    progress report's text, report templates, JSON Schemas, and editor, pre-commit and GitHub
    Actions set-up. DIR must be new or empty; otherwise nothing is written (exit status 1).
    It does not run `git init`: make DIR a git repository yourself, then commit.
    """
    from ..authoring.scaffold import scaffold

    written = scaffold(directory, hooks_repo, hooks_rev)
    print(f"Created a dataset in {directory} ({len(written)} files).")
    print("Next, in that folder: git init, git add ., git commit, then ilo-engage validate.")
