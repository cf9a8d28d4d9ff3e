"""What every command shares: the --root option, and the one place errors become exit codes."""

from __future__ import annotations

import functools
import os
import secrets
import sys
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

ForceOption = Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")]

F = TypeVar("F", bound=Callable[..., Any])


def emit(content: str | bytes, output: Path | None, force: bool) -> None:
    """A command's output to standard output (no --output, or `-`) or to a file, by the
    rules of `writer.write_output`; the file's path is printed on standard error."""
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    if output is None or str(output) == "-":
        if isinstance(content, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
        return
    from ..core.writer import write_output

    write_output(output, data, force)
    print(output, file=sys.stderr)


def handle_errors(command: F) -> F:
    """Run a command, turning what goes wrong into a message and an exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ..core.errors import IloEngageError

        try:
            try:
                return command(*args, **kwargs)
            finally:  # what a full disk refuses at the last flush is this command's error, not the interpreter's
                sys.stdout.flush()
        except typer.Exit:
            raise
        except typer.Abort:  # Ctrl-C (or the end of input) at a prompt
            error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except IloEngageError as exc:
            error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:  # noqa: BLE001 - the one place that catches everything
            raise typer.Exit(crashed(exc)) from None

    return wrapper  # type: ignore[return-value]


class _GuardedOutput:
    """Standard output whose failures (a full disk, a closed pipe, no standard output at
    all) end the command with a one-line error instead of a traceback."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, data: Any) -> int:
        written: int = self._guarded(lambda stream: stream.write(data))
        return written

    def flush(self) -> None:
        if self._stream is not None:
            self._guarded(lambda stream: stream.flush())

    @property
    def buffer(self) -> _GuardedOutput:
        return _GuardedOutput(getattr(self._stream, "buffer", None))

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _guarded(self, action: Callable[[Any], Any]) -> Any:
        from ..core.errors import IloEngageError, UsageError

        if self._stream is None:
            raise UsageError("cannot write to standard output: it is closed")
        try:
            return action(self._stream)
        except OSError as exc:
            _discard_standard_output()
            raise IloEngageError(f"cannot write to standard output: {exc.strerror or exc}") from None


def guard_standard_output() -> None:
    """Make failures to write standard output errors of the command (see _GuardedOutput)."""
    sys.stdout = _GuardedOutput(sys.stdout)


def _discard_standard_output() -> None:
    """Point file descriptor 1 at /dev/null, so that what is still buffered is dropped quietly at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass


def crashed(exc: BaseException) -> int:
    """Report an unexpected error in two lines and a log file; the exit code for it."""
    log = _write_crash_log(exc)
    error(f"internal error ({type(exc).__name__}: {exc}). This is a bug; the details are in {log}")
    return EXIT_INTERNAL


def error(message: str) -> None:
    """Print an error message on standard error."""
    print(f"ilo-engage: {message}", file=sys.stderr)


def crash_log_folder() -> Path:
    """Where crash logs go: the user's own state folder (XDG), never a shared temporary one."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "ilo-engage"


def _crash_log_name() -> str:
    return f"crash-{datetime.now().strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"


def _write_crash_log(exc: BaseException) -> str:
    """A log of the crash, readable by the user alone, created anew (never through a planted link).

    It holds what the user typed (the command line) and where the code failed, not the
    exception's message, which may quote a record's personal data."""
    text = (f"ilo-engage {_version()} crashed at {datetime.now().isoformat()}\n"
            f"python {sys.version.split()[0]}\nargv: {sys.argv}\n\n"
            "Traceback (most recent call last):\n" + "".join(traceback.format_tb(exc.__traceback__))
            + f"{type(exc).__module__}.{type(exc).__qualname__} (message left out: it may quote records)\n")
    try:
        folder = crash_log_folder()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home folder to hold it
        return "(the log could not be written)"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    for attempt in range(5):
        path = folder / (_crash_log_name() if attempt == 0 else f"crash-{secrets.token_hex(8)}.log")
        try:
            descriptor = os.open(path, flags, 0o600)
        except FileExistsError:
            continue  # a name taken (or planted): another, never the same file
        except OSError:
            break
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError:
            return f"(the log could not be written whole: {path})"
        return str(path)
    return "(the log could not be written)"


def _version() -> str:
    from .. import __version__

    return __version__
