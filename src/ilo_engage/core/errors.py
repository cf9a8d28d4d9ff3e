"""Errors that end a command with a message an officer can act on, and an exit code."""

from __future__ import annotations


class IloEngageError(Exception):
    """Something about the data or the request stops the command (exit 1)."""

    exit_code = 1

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or (self.__doc__ or "").strip())


class UsageError(IloEngageError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2


class DatasetNotFound(UsageError):
    """No dataset here: run inside a folder holding ilo-engage.toml, or pass --root DIR or set ILO_ENGAGE_ROOT."""
