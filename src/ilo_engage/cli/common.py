"""What every command shares: the --root option, and the one place errors become exit codes."""

from __future__ import annotations

import functools
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        metavar="DIR",
        envvar="ILO_ENGAGE_ROOT",
        show_default=False,
        file_okay=False,
        help="The dataset's folder (the one holding ilo-engage.toml). "
        "Default: found by walking up from the current folder.",
    ),
]

class Audience(str, Enum):
    public = "public"
    staff = "staff"
    restricted = "restricted"


AudienceOption = Annotated[
    Audience,
    typer.Option(
        "--audience",
        help="Who will read it: public names public records only; staff adds internal ones; "
        "restricted adds confidential ones. Personal data is never shown.",
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(command: F) -> F:
    """Run a command, turning what goes wrong into a message and an exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..errors import IloEngageError

        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except IloEngageError as exc:
            error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:  # noqa: BLE001 - the one place that catches everything
            raise typer.Exit(crashed(exc)) from None

    return wrapper  # type: ignore[return-value]


def crashed(exc: BaseException) -> int:
    """Report an unexpected error in two lines and a log file; the exit code for it."""
    log = _write_crash_log(exc)
    error(f"internal error ({type(exc).__name__}: {exc}). This is a bug; the details are in {log}")
    return EXIT_INTERNAL


def error(message: str) -> None:
    """Print an error message on standard error."""
    print(f"ilo-engage: {message}", file=sys.stderr)


def _write_crash_log(exc: BaseException) -> str:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = Path(tempfile.gettempdir()) / f"ilo-engage-crash-{stamp}-{os.getpid()}.log"
    try:
        path.write_text(
            f"ilo-engage crashed at {datetime.now().isoformat()}\nargv: {sys.argv}\n\n"
            + "".join(traceback.format_exception(exc)),
            encoding="utf-8",
        )
    except OSError:
        return "(the log could not be written)"
    return str(path)
