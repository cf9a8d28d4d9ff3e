"""`ilo-engage fmt`: rewrite record files into the canonical layout, keeping comments."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import EXIT_DATA, RootOption, error, handle_errors


@handle_errors
def command(
    paths: Annotated[list[Path] | None, typer.Argument(metavar="PATH", show_default=False, help="Only these files or folders.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; list the files that are not in canonical form.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print what would change in each file as a unified diff.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Also rewrite old forms of the data contract in the current one (a contact's `referred_to` as `referral`).")] = False,
    root: RootOption = None,
) -> None:
    """Rewrite record files into the canonical layout, keeping comments.

    Keys in schema order, block style, LF, and quotes where a YAML 1.1 reader would misread a value.
    Files already in canonical form are left byte-for-byte alone.

    With --check or --diff, exit status 1 when some file would change.
    """
    from ..authoring.fmt import format_files
    from ..checks.validate import relative_paths, within
    from ..core.printable import printable
    from ..load.dataset import record_files
    from ..load.settings import find_root
    from .output import write_problems

    dataset_root = find_root(root)
    selected = relative_paths(dataset_root, paths or [])
    files = [f for f in record_files(dataset_root) if not selected or any(within(f, s) for s in selected)]
    check = check or diff
    result = format_files(dataset_root, files, check=check, fix=fix, diff=diff)
    write_problems(result.problems, "text", sys.stdout, dataset_root)
    for relpath in result.changed:
        if diff:
            sys.stdout.write(result.diffs[relpath])
        else:
            print(f"{'would reformat' if check else 'reformatted'} {printable(relpath)}")
    for relpath in result.conflicts:
        error(f"{printable(relpath)} changed while you were editing; run it again")
    done = len(files) - len(result.changed) - len(result.problems) - len(result.conflicts)
    print(f"{len(result.changed)} file{'s' if len(result.changed) != 1 else ''} "
          f"{'to reformat' if check else 'reformatted'}, {done} unchanged.", file=sys.stderr)
    if result.problems or result.conflicts or (check and result.changed):
        raise typer.Exit(EXIT_DATA)
