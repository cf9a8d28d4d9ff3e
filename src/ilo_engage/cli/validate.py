"""`ilo-engage validate`: every check in one run."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_DATA, EXIT_OK, RootOption, handle_errors
from .dates import date_option


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"


@handle_errors
def command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            show_default=False,
            help="Report only on these files or folders (their references are still checked against everything).",
        ),
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", help="text for people, json for programs, github for pull requests.")
    ] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="CODES", help="Report only these codes or prefixes (e.g. R001,R002 or R).")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option("--ignore", metavar="CODES", help="Do not report these codes or prefixes.")
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Read every file again, ignoring the cache.")] = False,
    today: Annotated[
        date | None,
        date_option("--today", "Check the deadlines as of this day (default today; CI passes the commit's date)."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Check the dataset: YAML safety and syntax, schema, references, duplicate ids and the procedure's rules.

    Problems print as `path:line:column: CODE message`, each with a hint.

    Exit status: 0 without errors; 1 with errors (or warnings, with --strict); 2 on a usage error.
    """
    from ..checks.validate import validate
    from ..load.settings import find_root
    from .output import summary_sentence, write_problems

    dataset_root = find_root(root)
    result = validate(dataset_root, paths or [], select or [], ignore or [], use_cache=not no_cache,
                      today=today)
    write_problems(result.problems, output_format.value, sys.stdout, dataset_root)
    _say(summary_sentence(result.errors, result.warnings, result.files_read), bad=bool(result.problems))
    failed = result.errors or (strict and result.warnings)
    raise typer.Exit(EXIT_DATA if failed else EXIT_OK)


def _say(sentence: str, bad: bool) -> None:
    """The closing summary on standard error, coloured only on a terminal."""
    from rich.console import Console

    Console(stderr=True, highlight=False, markup=False).print(sentence, style="bold red" if bad else "green")
