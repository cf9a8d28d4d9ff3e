"""The `ilo-engage` command line: a thin layer that parses options and calls the library.

Only Typer is imported here; each command imports what it needs when it runs,
so `--help` and shell completion stay quick.
"""

from __future__ import annotations

import gc
import sys

import typer

from . import (
    add,
    contact,
    due,
    editor,
    enterprise,
    export,
    fmt,
    importing,
    init,
    listing,
    lookup,
    register,
    report,
    route,
    schema,
    site,
    validate,
)
from .common import crashed, error, guard_standard_output
from .help import plain

app = typer.Typer(
    name="ilo-engage",
    help="Keep the ILO's record of engagement with the private sector: registers, procedure checks, reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("validate")(validate.command)
app.command("route")(route.command)
app.command("register")(register.command)
app.command("due")(due.command)
app.command("show")(lookup.show)
app.command("find")(lookup.find)
app.command("list")(listing.command)
app.command("add-contact")(add.add_contact)
app.command("add-enterprise")(add.add_enterprise)
app.command("add-initiative")(add.add_initiative)
app.command("import")(importing.command)
app.add_typer(contact.app)
app.add_typer(enterprise.app)
app.add_typer(export.app)
app.add_typer(report.app)
app.command("fmt")(fmt.command)
app.command("schema")(schema.command)
app.command("site")(site.command)
app.command("init")(init.command)
app.add_typer(editor.app)


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"ilo-engage {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_print_version,
                                 help="Print the version and exit."),
) -> None:
    """Keep the ILO's record of engagement with the private sector: registers, procedure checks, reports.

    `--root DIR` may come before the command or after it."""


plain(app)


def main() -> None:
    """Entry point of the `ilo-engage` console script."""
    guard_standard_output()
    # A command builds hundreds of thousands of small objects at 100,000 records (facts, rows,
    # problems), most of them kept to the end: with the default thresholds the cycle collector
    # walks all of them again and again as they grow. What is loaded at start is set aside, and
    # the collector runs far less often; garbage in cycles is still collected.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    try:
        app(prog_name="ilo-engage")
    except Exception as exc:  # noqa: BLE001 - outside any command, still no traceback
        from ..core.errors import IloEngageError

        if isinstance(exc, IloEngageError):  # standard output failing under --help, say
            error(str(exc))
            sys.exit(exc.exit_code)
        sys.exit(crashed(exc))
