"""`ilo-engage export sqlite OUT.db | csv DIR | json`: the registers as tables for analysis."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import Audience, AudienceOption, ForceOption, RootOption, emit, handle_errors

if TYPE_CHECKING:
    from ..export.tables import Table

app = typer.Typer(name="export", no_args_is_help=True,
                  help="Export the registers as tables: a SQLite database (for Datasette), CSV files or JSON.")


def _tables(root: Path | None, audience: Audience) -> list[Table]:
    from ..checks import stored
    from ..export.tables import build
    from ..load.settings import checked_root
    from ..reports.documents import refuse_errors

    # Every record, from the store brought up to date (only the files changed since are parsed);
    # like a report, never from data with errors.
    dataset = stored.dataset(stored.updated(checked_root(root)))
    refuse_errors(dataset)
    return build(dataset, audience.value)


@app.command("sqlite")
@handle_errors
def sqlite(
    output: Annotated[Path, typer.Argument(metavar="OUT.db", help="The database file to write.", show_default=False)],
    audience: AudienceOption = Audience.staff,
    force: ForceOption = False,
    root: RootOption = None,
) -> None:
    """A SQLite database: a table per kind, link tables for lists, foreign keys, full-text search on
    names and subjects; and OUT.metadata.json for `datasette OUT.db --metadata OUT.metadata.json`."""
    from ..export.write import sqlite as write_sqlite

    tables = _tables(root, audience)
    metadata = write_sqlite(tables, output, force)
    print(output)
    print(metadata)


@app.command("csv")
@handle_errors
def csv(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty folder.", show_default=False)],
    audience: AudienceOption = Audience.staff,
    root: RootOption = None,
) -> None:
    """One CSV file per table, as Excel opens them (UTF-8 with a byte order mark; no cell read as a formula)."""
    from ..export.write import csv_folder

    for path in csv_folder(_tables(root, audience), folder):
        print(path)


@app.command("json")
@handle_errors
def json(
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE",
                                                help="Write to this new file (default: standard output).")] = None,
    audience: AudienceOption = Audience.staff,
    force: ForceOption = False,
    root: RootOption = None,
) -> None:
    """Every table as one JSON document, `{table: [rows]}`."""
    from ..export.write import as_json

    emit(as_json(_tables(root, audience)), output, force)
