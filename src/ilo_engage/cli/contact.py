"""`ilo-engage contact ID STEP`: record the next step of the procedure on a contact."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from .common import RootOption, handle_errors
from .completion import contact_ids, unit_ids
from .dates import date_option

app = typer.Typer(name="contact", no_args_is_help=True)


@app.callback(invoke_without_command=True)
@handle_errors
def contact(
    ctx: typer.Context,
    contact_id: Annotated[str, typer.Argument(metavar="ID", help="The contact's id.", autocompletion=contact_ids)],
    root: RootOption = None,
) -> None:
    """Record a step of the procedure on a contact: share, analyse, refer, consult, follow-up, close.

    With no step, show the contact's timeline, as `show ID` does.
    """
    ctx.obj = contact_id
    if ctx.invoked_subcommand is None:
        from ..checks import stored
        from ..core.audience import may_name
        from ..core.errors import IloEngageError
        from ..core.suggest import unknown_id
        from ..load.settings import checked_root
        from ..lookup.timeline import show_contact
        from ..model import Contact
        from .output import warn_unreadable

        space = stored.updated(checked_root(root))
        dataset = stored.enterprise_dataset(space, [contact_id])  # the contact, its enterprise, and theirs
        warn_unreadable(dataset.failed_files, sys.stderr)
        shown = show_contact(dataset, contact_id, "staff", "text", date.today())
        if shown is None:
            ids = stored.dataset(space, "kind = 'contact'").by_id(Contact)  # never suggest an id the staff may not see
            raise IloEngageError(unknown_id("contact", contact_id, ids, lambda i: may_name(ids[i], "staff")))
        sys.stdout.write(shown)

Day = Annotated[date | None, date_option("--date", "When (default today).")]
Summary = Annotated[str | None, typer.Option("--summary", help="What happened, in a few sentences.")]


def _run(contact_id: str, root: object, **request: object) -> None:
    from ..authoring.drafts import RecordInvalid, write_changed
    from ..authoring.steps import StepRequest, take_step
    from ..checks.scan import workspace
    from ..core.errors import IloEngageError
    from ..core.problems import Severity
    from ..load.settings import checked_root
    from .output import warn_unreadable, write_problems

    dataset_root = checked_root(root)  # type: ignore[arg-type]
    day = request.pop("day", None)
    step = StepRequest(day=day or date.today(), **request)  # type: ignore[arg-type]
    space = workspace(dataset_root)
    warn_unreadable(space.index.failed_files, sys.stderr)
    try:
        checked = take_step(space, contact_id, step)
    except RecordInvalid as exc:
        from ..authoring.steps import steps_first

        write_problems(exc.problems, "text", sys.stderr, dataset_root)
        first = steps_first(contact_id, [p.code for p in exc.problems if p.severity is Severity.ERROR]
                            or [p.code for p in exc.problems])
        if first:
            raise IloEngageError(f"{exc} (run first: {'; '.join(f'`{c}`' for c in first)})") from None
        raise
    if checked.warnings:
        write_problems(checked.warnings, "text", sys.stderr, dataset_root)
    print(write_changed(dataset_root, checked).relative_to(dataset_root).as_posix())
    _say_what_is_next(space, checked.text, checked.relpath)


def _say_what_is_next(space: object, text: str, relpath: str) -> None:
    """The contact's new status and the steps now due, on standard error (standard output keeps the file)."""
    from ..checks.deadlines import pending_steps
    from ..load.dataset import load_text
    from ..lookup.timeline import status_lines
    from ..model import kind_named

    record = load_text(text, relpath, kind_named("contact"))[0]
    ctx = space.ctx  # type: ignore[attr-defined]
    for line in status_lines(record, pending_steps(record, ctx.office, ctx.deadlines), ctx.today):  # type: ignore[arg-type]
        print(line, file=sys.stderr)


@app.command("share")
@handle_errors
def share(
    ctx: typer.Context,
    with_: Annotated[list[str] | None, typer.Option("--with", metavar="UNIT", help="Unit informed (repeatable; default: the other bureau and the group secretariat).", autocompletion=unit_ids)] = None,
    day: Day = None,
    root: RootOption = None,
) -> None:
    """Record that the entry bureau shared the contact (para 3(a))."""
    _run(ctx.obj, root, step="share", day=day, units=with_ or [])


@app.command("analyse")
@handle_errors
def analyse(
    ctx: typer.Context,
    summary: Summary = None,
    by: Annotated[str | None, typer.Option("--by", metavar="UNIT", help="Default: the entry bureau.", autocompletion=unit_ids)] = None,
    day: Day = None,
    root: RootOption = None,
) -> None:
    """Record the entry bureau's needs analysis; the contact becomes `analysed` (para 3(b))."""
    _run(ctx.obj, root, step="analyse", day=day, unit=by, summary=summary)


@app.command("refer")
@handle_errors
def refer(
    ctx: typer.Context,
    to: Annotated[list[str] | None, typer.Option("--to", metavar="UNIT", help="Unit the enterprise is guided to (repeatable).", autocompletion=unit_ids)] = None,
    lead: Annotated[str | None, typer.Option("--lead", metavar="UNIT", help="The technical lead (default: the first --to).", autocompletion=unit_ids)] = None,
    day: Day = None,
    root: RootOption = None,
) -> None:
    """Record the referral to a technical lead; the contact becomes `referred` (para 3(b), 3(c))."""
    _run(ctx.obj, root, step="refer", day=day, units=to or [], lead=lead)


@app.command("consult")
@handle_errors
def consult(
    ctx: typer.Context,
    summary: Summary = None,
    with_: Annotated[str | None, typer.Option("--with", metavar="UNIT", help="Default: the bureau for the counterpart.", autocompletion=unit_ids)] = None,
    day: Day = None,
    root: RootOption = None,
) -> None:
    """Record a consultation with ACT/EMP or ACTRAV (para 3(b))."""
    _run(ctx.obj, root, step="consult", day=day, unit=with_, summary=summary)


@app.command("follow-up")
@handle_errors
def follow_up(
    ctx: typer.Context,
    summary: Summary = None,
    by: Annotated[str | None, typer.Option("--by", metavar="UNIT", help="Default: the technical lead.", autocompletion=unit_ids)] = None,
    with_: Annotated[str | None, typer.Option("--with", metavar="UNIT", help="Default: the entry point.", autocompletion=unit_ids)] = None,
    day: Day = None,
    root: RootOption = None,
) -> None:
    """Record the technical lead's follow-up with the entry bureau; the contact becomes `in-progress` (para 3(c))."""
    _run(ctx.obj, root, step="follow-up", day=day, unit=by, with_unit=with_, summary=summary)


@app.command("close")
@handle_errors
def close(
    ctx: typer.Context,
    outcome: Annotated[str | None, typer.Option("--outcome", help="What came of it, in a sentence.")] = None,
    declined: Annotated[bool, typer.Option("--declined", help="The engagement was declined rather than completed.")] = False,
    day: Day = None,
    root: RootOption = None,
) -> None:
    """Close the contact (or decline it) with its outcome and date."""
    _run(ctx.obj, root, step="close", day=day, outcome=outcome, declined=declined)
