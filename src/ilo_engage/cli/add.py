"""`ilo-engage add-contact`, `add-enterprise`, `add-initiative`: one new record file each.

On a terminal, missing fields are asked for; with --no-input (or without a terminal),
every missing or invalid field is reported at once. Every record is checked against
the whole dataset before anything is written, and no file is ever overwritten.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .common import RootOption, handle_errors
from .completion import country_codes, enterprise_ids, topic_ids, unit_ids

NoInput = Annotated[bool, typer.Option("--no-input", help="Never prompt; fail listing every missing or invalid field.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Print the record's YAML; write nothing.")]
FromFile = Annotated[
    str | None,
    typer.Option("--from-file", metavar="PATH", help="Take the whole record from a YAML or JSON file (- for stdin)."),
]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation before writing.")]


@handle_errors
def add_contact(
    enterprise: Annotated[str | None, typer.Option("--enterprise", metavar="ID", help="The enterprise's id.", autocompletion=enterprise_ids)] = None,
    day: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Date of the contact (default today).")] = None,
    initiated_by: Annotated[str | None, typer.Option("--initiated-by", help="management, workers-organization or ilo-unit.")] = None,
    initiating_unit: Annotated[str | None, typer.Option("--initiating-unit", metavar="UNIT", help="With ilo-unit: the unit.", autocompletion=unit_ids)] = None,
    counterpart: Annotated[str | None, typer.Option("--counterpart", help="With ilo-unit: management or workers-organization.")] = None,
    workers_organization: Annotated[str | None, typer.Option("--workers-organization", metavar="NAME", help="The workers' organization.")] = None,
    subject: Annotated[str | None, typer.Option("--subject", help="What the contact is about, in one line.")] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", metavar="ID", help="A topic (repeatable).", autocompletion=topic_ids)] = None,
    country: Annotated[list[str] | None, typer.Option("--country", metavar="CODE", help="A country (repeatable).", autocompletion=country_codes)] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="email, letter, phone, meeting, event, helpdesk, web-form or other.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Status (default received).")] = None,
    technical_lead: Annotated[str | None, typer.Option("--technical-lead", metavar="UNIT", help="The technical lead.", autocompletion=unit_ids)] = None,
    visibility: Annotated[str | None, typer.Option("--visibility", help="public, internal (default) or confidential.")] = None,
    from_file: FromFile = None,
    no_input: NoInput = False,
    dry_run: DryRun = False,
    yes: Yes = False,
    root: RootOption = None,
) -> None:
    """Add a contact with or from an enterprise; the entry point follows from who made it (para 3(a))."""
    given = dict(enterprise=enterprise, date=day, initiated_by=initiated_by, initiating_unit=initiating_unit,
                 counterpart=counterpart, workers_organization=workers_organization, subject=subject,
                 topics=topic, countries=[c.upper() for c in country or []], channel=channel, status=status,
                 technical_lead=technical_lead, visibility=visibility)
    _add("contact", given, from_file, no_input, dry_run, yes, root)


@handle_errors
def add_enterprise(
    name: Annotated[str | None, typer.Option("--name", help="The name the enterprise uses.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="company, foundation, employers-organization, cooperative, financial-institution or other.")] = None,
    country: Annotated[str | None, typer.Option("--country", metavar="CODE", help="Country of its headquarters.", autocompletion=country_codes)] = None,
    sector: Annotated[list[str] | None, typer.Option("--sector", help="A sector (repeatable).")] = None,
    size: Annotated[str | None, typer.Option("--size", help="sme or large.")] = None,
    multinational: Annotated[bool | None, typer.Option("--multinational/--national", help="Whether it operates in several countries.")] = None,
    website: Annotated[str | None, typer.Option("--website", metavar="URL", help="Its website.")] = None,
    lei: Annotated[str | None, typer.Option("--lei", help="Its Legal Entity Identifier.")] = None,
    alias: Annotated[list[str] | None, typer.Option("--alias", help="Another name it is known by (repeatable).")] = None,
    record_id: Annotated[str | None, typer.Option("--id", help="Its id (default: made from the name).")] = None,
    visibility: Annotated[str | None, typer.Option("--visibility", help="public, internal (default) or confidential.")] = None,
    not_duplicate: Annotated[bool, typer.Option("--not-duplicate", help="Add it even though a similar enterprise exists.")] = False,
    from_file: FromFile = None,
    no_input: NoInput = False,
    dry_run: DryRun = False,
    yes: Yes = False,
    root: RootOption = None,
) -> None:
    """Add an enterprise to the register; a likely duplicate of one already there is refused and named."""
    identifiers = {k: v for k, v in (("lei", lei), ("website", website)) if v}
    given = dict(id=record_id, name=name, kind=kind, country=country.upper() if country else None, sectors=sector,
                 size=size, multinational=multinational, identifiers=identifiers or None, aliases=alias,
                 visibility=visibility)

    _add("enterprise", given, from_file, no_input, dry_run, yes, root, not_duplicate=not_duplicate)


@handle_errors
def add_initiative(
    kind: Annotated[str | None, typer.Option("--kind", help="network, partnership or programme.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="The initiative's name.")] = None,
    component: Annotated[str | None, typer.Option("--component", help="A, B or C (para 2).")] = None,
    lead_unit: Annotated[list[str] | None, typer.Option("--lead-unit", metavar="UNIT", help="A lead unit (repeatable).", autocompletion=unit_ids)] = None,
    status: Annotated[str | None, typer.Option("--status", help="feasibility, planned, active (default) or closed.")] = None,
    started: Annotated[str | None, typer.Option("--started", help="A year, YYYY-MM or YYYY-MM-DD.")] = None,
    country: Annotated[list[str] | None, typer.Option("--country", metavar="CODE", help="A country (repeatable).", autocompletion=country_codes)] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", metavar="ID", help="A topic (repeatable).", autocompletion=topic_ids)] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="The paragraph the progress report prints.")] = None,
    record_id: Annotated[str | None, typer.Option("--id", help="Its id (default: made from the name).")] = None,
    visibility: Annotated[str | None, typer.Option("--visibility", help="public, internal (default) or confidential.")] = None,
    from_file: FromFile = None,
    no_input: NoInput = False,
    dry_run: DryRun = False,
    yes: Yes = False,
    root: RootOption = None,
) -> None:
    """Add a business network, public–private partnership or programme."""
    given = dict(id=record_id, kind=kind, name=name, component=component, lead_units=lead_unit, status=status,
                 started=started, countries=[c.upper() for c in country or []], topics=topic, summary=summary,
                 visibility=visibility)
    _add("initiative", given, from_file, no_input, dry_run, yes, root)


def _offer_draft(what: str, values: dict[str, Any]) -> None:
    """After Ctrl-C at a prompt, offer to save the fields given so far to a new file in the current
    folder, which `--from-file` takes to continue."""
    import json
    from datetime import date as Date

    from ..core.errors import IloEngageError
    from ..core.writer import write_output

    kept = {k: (v.isoformat() if isinstance(v, Date) else v) for k, v in values.items() if v not in (None, [], "")}
    if not kept:
        return
    name = next(n for n in (f"add-{what}-draft{'' if i == 0 else f'-{i}'}.json" for i in range(1000))
                if not Path(n).exists())
    typer.echo("", err=True)
    if not typer.confirm(f"Save the {len(kept)} field{'s' if len(kept) != 1 else ''} given so far to {name}?",
                         default=True, err=True):
        return
    try:
        write_output(Path(name), (json.dumps(kept, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), False)
    except IloEngageError as exc:  # a folder it may not write in (a dataset's data/): said, and still 130
        typer.echo(f"Not saved: {exc}", err=True)
        return
    typer.echo(f"Saved. To continue: ilo-engage add-{what} --from-file {name}", err=True)


def _add(what: str, given: dict[str, Any], from_file: str | None, no_input: bool, dry_run: bool, yes: bool,
         root: Path | None, not_duplicate: bool = False) -> None:
    """What every add command does around the library's draft: prompts, prints, confirms, writes."""
    from ..authoring.adding import new_record, with_file
    from ..authoring.drafts import RecordInvalid, write_new
    from ..authoring.given import read_given
    from ..checks.scan import workspace
    from ..load.settings import checked_root
    from .output import summary_sentence, warn_unreadable, write_problems
    from .prompts import ask_on_terminal

    dataset_root = checked_root(root)
    space = workspace(dataset_root)
    warn_unreadable(space.index.failed_files, sys.stderr)
    if from_file is not None:
        given = with_file(given, read_given(from_file), what)
    interactive = not no_input and from_file != "-" and sys.stdin.isatty()
    gathered: dict[str, Any] = {}
    try:
        checked = new_record(space, what, given, ask_on_terminal(space, gathered) if interactive else None,
                             not_duplicate=not_duplicate)
    except typer.Abort:  # Ctrl-C at a prompt: what was typed need not be lost
        _offer_draft(what, gathered.get("values") or {})
        raise
    except RecordInvalid as exc:
        write_problems(exc.problems, "text", sys.stderr, dataset_root)
        raise
    if checked.warnings:
        write_problems(checked.warnings, "text", sys.stderr, dataset_root)
        print(summary_sentence(0, len(checked.warnings)), file=sys.stderr)
    if dry_run:
        sys.stdout.write(checked.text)
        return
    if interactive and not yes:
        typer.echo(f"\n{checked.relpath}:\n{checked.text}", err=True)
        if not typer.confirm("Write this record?", default=True, err=True):
            typer.echo("Nothing was written.", err=True)
            raise typer.Exit(1)
    print(write_new(dataset_root, checked).relative_to(dataset_root).as_posix())
