"""`ilo-engage schema`: JSON Schemas of the records, for editors and other validators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import RootOption, handle_errors


@handle_errors
def command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="DIR", file_okay=False,
                     help="Folder to write the schemas into (never inside a dataset's data/)."),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace schema files that exist.")] = False,
    root: RootOption = None,
) -> None:
    """Write a JSON Schema (draft 2020-12) for each kind of record, generated from the models."""
    from ..model.schemas import write_schemas

    for path in write_schemas(output, force):
        print(path)
