"""`ilo-engage import enterprises|contacts FILE`: records from a spreadsheet (CSV, XLSX, ODS)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_DATA, RootOption, handle_errors
from .validate import Format


class What(str, Enum):
    enterprises = "enterprises"
    contacts = "contacts"


@handle_errors
def command(
    what: Annotated[What, typer.Argument(help="What the rows are: enterprises or contacts.", show_default=False)],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The spreadsheet: .csv, .xlsx or .ods.",
                                         show_default=False)],
    mapping: Annotated[Path | None, typer.Option(
        "--mapping", metavar="MAP",
        help="The TOML file saying which column fills which field. Without it, one is proposed from the "
        "header row and written beside FILE (FILE.mapping.toml) to check; nothing is imported.")] = None,
    sheet_name: Annotated[str | None, typer.Option(
        "--sheet", metavar="NAME", help="The sheet of an XLSX or ODS file (default: the mapping's, else the first).")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row and say what would be written; "
                                          "write nothing.")] = False,
    skip_invalid: Annotated[bool, typer.Option(
        "--skip-invalid", help="Write the rows without errors, and the rejected rows with their problems to "
        "--rejects (default FILE-rejected.csv in the current folder, replaced if it exists).")] = False,
    rejects: Annotated[Path | None, typer.Option("--rejects", metavar="PATH",
                                                 help="Where --skip-invalid writes the rejected rows.")] = None,
    not_duplicate: Annotated[list[int] | None, typer.Option(
        "--not-duplicate", metavar="ROW", help="Import this row even though it resembles a record (repeatable).")
    ] = None,
    output_format: Annotated[Format, typer.Option(
        "--format", help="text for people, json for programs, github for pull requests.")] = Format.text,
    root: RootOption = None,
) -> None:
    """Import enterprises or contacts from a spreadsheet, all or nothing.

    Every row is checked as `validate` checks a record; problems print as `FILE:ROW:COLUMN: CODE
    message`, every row in one run. With any error nothing is written (unless --skip-invalid). Rows
    that resemble a registered record or an earlier row (same LEI, website or company number; the
    same or a similar name) are not written, and listed with what they resemble. Each record keeps
    its file and row (`imported_from`): importing the same file again writes nothing new.

    Exit status: 0 when the rows were imported (or would be, with --dry-run); 1 when rows have errors
    (nothing written) or a mapping was only proposed; 2 on a usage error (an unreadable file, a wrong mapping).
    """
    from ..checks.scan import workspace
    from ..core.writer import write_output
    from ..importing import apply, mapping as maps, report
    from ..importing.plan import plan_import
    from ..importing.sheets import read_sheet
    from ..load.settings import checked_root
    from .output import warn_unreadable, write_problems

    dataset_root = checked_root(root)
    if mapping is None:
        sheet = read_sheet(file, sheet_name)
        proposal = maps.propose(sheet, what.value, sheet_name)
        if dry_run:
            sys.stdout.write(proposal)
            return
        target = file.with_name(f"{file.name}{'.' + sheet_name if sheet_name else ''}.mapping.toml")
        write_output(target, proposal.encode("utf-8"))
        typer.echo(f"Proposed a mapping in {target}: check it, then run\n"
                   f"  ilo-engage import {what.value} {file} --mapping {target}\nNothing was imported.", err=True)
        raise typer.Exit(EXIT_DATA)
    options = maps.read_options(mapping)
    sheet = read_sheet(file, sheet_name or options.get("sheet"), options.get("encoding"), options.get("delimiter"))
    resolved = maps.resolve(options, what.value, sheet, str(mapping))
    space = workspace(dataset_root)
    warn_unreadable(space.index.failed_files, sys.stderr)
    plan = plan_import(space, sheet, resolved, frozenset(not_duplicate or ()))
    shown = str(file)
    again = f"ilo-engage import {what.value} {file} --mapping {mapping}"
    written: list[str] | None = None
    refused: Exception | None = None
    if not dry_run:
        target = rejects or Path(f"{file.stem}-rejected.csv")
        try:
            written = apply.write(dataset_root, plan, skip_invalid, target)
        except apply.ImportRefused as exc:
            refused = exc
    if output_format is Format.json:
        sys.stdout.write(report.as_json(shown, plan, written))
    elif output_format is Format.github:
        write_problems(report.as_problems(shown, plan), "github", sys.stdout, dataset_root)
    else:
        sys.stderr.write(report.as_text(shown, plan, again))
        for path in written or ():
            print(path)
    if refused is not None:
        typer.echo(report.summary(plan, 0), err=True)
        raise refused
    if written is not None and plan.rejected and skip_invalid:
        typer.echo(f"The rejected rows are in {rejects or Path(f'{file.stem}-rejected.csv')}.", err=True)
    typer.echo(report.summary(plan, None if written is None else len(written)), err=True)
    if dry_run and plan.rejected and not skip_invalid:
        raise typer.Exit(EXIT_DATA)
