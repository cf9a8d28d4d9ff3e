"""`ilo-engage enterprise rename OLD NEW` and `enterprise merge DUPLICATE INTO`: one change, every
reference rewritten, all or nothing (the work is in authoring/rename.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import RootOption, handle_errors
from .completion import enterprise_ids

if TYPE_CHECKING:
    from ..authoring.rename import Change
    from ..checks.scan import Workspace

app = typer.Typer(name="enterprise", no_args_is_help=True,
                  help="Change an enterprise's id, or make two records of one enterprise one.")

DryRun = Annotated[bool, typer.Option("--dry-run", help="Print the change as a diff; write nothing.")]


@app.command("rename")
@handle_errors
def rename(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The enterprise's id.", autocompletion=enterprise_ids)],
    new: Annotated[str, typer.Argument(metavar="NEW", help="Its new id.")],
    dry_run: DryRun = False,
    root: RootOption = None,
) -> None:
    """Give an enterprise a new id: its file renamed (staged as `git mv` stages it), every reference
    rewritten, the old id kept in `former_ids`. Contacts keep their ids (see docs/data-contract.md)."""
    from ..authoring.rename import plan_rename

    _run(root, lambda space: plan_rename(space, old, new), dry_run)


@app.command("merge")
@handle_errors
def merge(
    duplicate: Annotated[str, typer.Argument(metavar="DUPLICATE", help="The record to fold in and remove.",
                                             autocompletion=enterprise_ids)],
    into: Annotated[str, typer.Argument(metavar="INTO", help="The record that stays.",
                                        autocompletion=enterprise_ids)],
    dry_run: DryRun = False,
    root: RootOption = None,
) -> None:
    """Fold a duplicate record into another: every reference to it rewritten, its id kept in
    `former_ids`, its names kept as aliases, identifiers and sectors the other lacks added; its file removed."""
    from ..authoring.rename import plan_merge

    _run(root, lambda space: plan_merge(space, duplicate, into), dry_run)


def _run(root: Path | None, plan: Callable[[Workspace], list[Change]], dry_run: bool) -> None:
    from ..authoring import rename
    from ..authoring.drafts import RecordInvalid
    from ..checks.scan import workspace
    from ..load.settings import checked_root
    from .output import write_problems

    dataset_root = checked_root(root)
    space = workspace(dataset_root)
    changes = plan(space)
    try:
        rename.check(space, changes)
    except RecordInvalid as exc:
        write_problems(exc.problems, "text", sys.stderr, dataset_root)
        raise
    if dry_run:
        sys.stdout.write(rename.diff(changes))
        return
    rename.apply(dataset_root, changes)
    for change in changes:
        if change.new_relpath:
            print(f"renamed {change.relpath} -> {change.new_relpath}")
        elif change.after is None:
            print(f"removed {change.relpath}")
        else:
            print(f"changed {change.relpath}")
