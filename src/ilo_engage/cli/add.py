"""`ilo-engage add-contact`, `add-enterprise`, `add-initiative`: one new record file each.

On a terminal, missing fields are asked for; with --no-input (or without a terminal),
every missing or invalid field is reported at once. Every record is checked against
the whole dataset before anything is written, and no file is ever overwritten.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from .common import RootOption, handle_errors
from .completion import enterprise_ids, topic_ids, unit_ids

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
    country: Annotated[list[str] | None, typer.Option("--country", metavar="CODE", help="A country (repeatable).")] = None,
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
    from ..authoring.recipes import contact_record, contact_specs

    given = dict(enterprise=enterprise, date=day, initiated_by=initiated_by, initiating_unit=initiating_unit,
                 counterpart=counterpart, workers_organization=workers_organization, subject=subject,
                 topics=topic, countries=[c.upper() for c in country or []], channel=channel, status=status,
                 technical_lead=technical_lead, visibility=visibility)
    _add("contact", given, from_file, no_input, dry_run, yes, root,
         specs=lambda space: contact_specs(space, date.today()),
         build=contact_record, folder=lambda record: "data/registers/contacts")


@handle_errors
def add_enterprise(
    name: Annotated[str | None, typer.Option("--name", help="The name the enterprise uses.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="company, foundation, employers-organization, cooperative, financial-institution or other.")] = None,
    country: Annotated[str | None, typer.Option("--country", metavar="CODE", help="Country of its headquarters.")] = None,
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
    from ..authoring.recipes import LikelyDuplicate, enterprise_specs, likely_duplicates, named_record

    identifiers = {k: v for k, v in (("lei", lei), ("website", website)) if v}
    given = dict(id=record_id, name=name, kind=kind, country=country.upper() if country else None, sectors=sector,
                 size=size, multinational=multinational, identifiers=identifiers or None, aliases=alias,
                 visibility=visibility)

    def build(space: Any, values: dict[str, Any]) -> dict[str, Any]:
        record = named_record(values)
        found = likely_duplicates(space, record)
        if found and not not_duplicate:
            from ..core.audience import may_name
            from ..load.dataset import load_file
            from ..model import kind_of

            registered = [load_file(space.root, f.file, kind_of(f.file))[0] for f in found]  # type: ignore[arg-type]
            # Named as `find` names them (for staff); a confidential or unreadable one is only said to be there.
            shown = [e for e in registered if e is not None and may_name(e, "staff")]
            names = "; ".join(f"{e.name} (`{e.id}`, {e.country})" for e in shown)
            hidden = len(registered) - len(shown)
            if hidden:
                restricted = (f"{'and ' if shown else ''}{hidden} restricted record{'s' if hidden != 1 else ''} "
                              "that this command does not show; someone with access to restricted records "
                              "can resolve it (`ilo-engage find NAME --audience restricted`)")
                names = f"{names}; {restricted}" if shown else restricted
            raise LikelyDuplicate(f"this looks like an enterprise already registered: {names}. "
                                  "Nothing was written; use --not-duplicate (and another --id) if it is a different one.")
        return record

    _add("enterprise", given, from_file, no_input, dry_run, yes, root,
         specs=lambda space: enterprise_specs(), build=build,
         folder=lambda record: "data/registers/enterprises")


@handle_errors
def add_initiative(
    kind: Annotated[str | None, typer.Option("--kind", help="network, partnership or programme.")] = None,
    name: Annotated[str | None, typer.Option("--name", help="The initiative's name.")] = None,
    component: Annotated[str | None, typer.Option("--component", help="A, B or C (para 2).")] = None,
    lead_unit: Annotated[list[str] | None, typer.Option("--lead-unit", metavar="UNIT", help="A lead unit (repeatable).", autocompletion=unit_ids)] = None,
    status: Annotated[str | None, typer.Option("--status", help="feasibility, planned, active (default) or closed.")] = None,
    started: Annotated[str | None, typer.Option("--started", help="A year, YYYY-MM or YYYY-MM-DD.")] = None,
    country: Annotated[list[str] | None, typer.Option("--country", metavar="CODE", help="A country (repeatable).")] = None,
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
    from ..authoring.recipes import INITIATIVE_FOLDERS, initiative_specs, named_record

    given = dict(id=record_id, kind=kind, name=name, component=component, lead_units=lead_unit, status=status,
                 started=started, countries=[c.upper() for c in country or []], topics=topic, summary=summary,
                 visibility=visibility)
    _add("initiative", given, from_file, no_input, dry_run, yes, root,
         specs=initiative_specs, build=lambda space, values: named_record(values),
         folder=lambda record: INITIATIVE_FOLDERS[record["kind"]])


def _add(what: str, given: dict[str, Any], from_file: str | None, no_input: bool, dry_run: bool, yes: bool,
         root: Path | None, *, specs: Any, build: Any, folder: Any) -> None:
    """The steps every add command shares: gather, build, check, show, confirm, write."""
    from ..authoring.drafts import RecordInvalid, draft, kind_named, record_text, write_new
    from ..authoring.fields import gather
    from ..checks.scan import workspace
    from ..load.settings import checked_root
    from ..model import kind_of
    from .output import summary_sentence, warn_unreadable, write_problems

    dataset_root = checked_root(root)
    space = workspace(dataset_root)
    warn_unreadable(space.index.failed_files, sys.stderr)
    if from_file is not None:
        from ..authoring.recipes import given_record, read_given

        given = {**given_record(read_given(from_file), what), **{k: v for k, v in given.items() if v not in (None, [], "")}}
    interactive = not no_input and from_file != "-" and sys.stdin.isatty()
    values = gather(specs(space), given, _ask(space) if interactive else None)
    record = build(space, values)
    relpath = f"{folder(record)}/{record['id']}.yaml"
    _refuse_outside(dataset_root, relpath)
    kind = kind_of(relpath) or kind_named(what)
    text = record_text(kind, record)
    try:
        checked = draft(space, relpath, text)
    except RecordInvalid as exc:
        write_problems(exc.problems, "text", sys.stderr, dataset_root)
        raise
    if checked.warnings:
        write_problems(checked.warnings, "text", sys.stderr, dataset_root)
        print(summary_sentence(0, len(checked.warnings)), file=sys.stderr)
    if dry_run:
        sys.stdout.write(text)
        return
    if interactive and not yes:
        typer.echo(f"\n{relpath}:\n{text}", err=True)
        if not typer.confirm("Write this record?", default=True, err=True):
            typer.echo("Nothing was written.", err=True)
            raise typer.Exit(1)
    print(write_new(dataset_root, checked).relative_to(dataset_root).as_posix())


def _refuse_outside(root: Path, relpath: str) -> None:
    """A new record is never written through a symbolic link that leads outside the dataset."""
    from ..core.errors import IloEngageError
    from ..load.dataset import leads_outside

    if leads_outside(root, relpath):
        raise IloEngageError(f"{relpath}: a symbolic link on the way leads outside the dataset (F021); "
                             "nothing was written")


def _ask(space: Any) -> Any:
    """The prompt for one field on a terminal, with its choices and default."""
    from ..authoring.fields import problems_of
    from ..load.dataset import load
    from ..lookup.finder import find

    office = space.ctx.office
    whole: dict[str, Any] = {}  # the dataset loaded whole, only if a name must be searched

    def ask(spec: Any, values: dict[str, Any]) -> Any:
        default = spec.default(values) if spec.default else None
        choices = list(spec.choices()) if spec.choices else []
        if spec.name == "technical_lead":  # offered as `route` ranks them
            candidates = office.candidate_leads(values.get("topics", []), values.get("countries", []))
            for rank, c in enumerate(candidates[:9], start=1):
                typer.echo(f"  {rank}. {c.unit.id}: {'; '.join(c.reasons())}", err=True)
            choices = [c.unit.id for c in candidates[:9]]
        # Ids of enterprises are not offered as a list: some may be confidential.
        listed = choices and len(choices) <= 8 and spec.name not in ("technical_lead", "enterprise")
        hint = f" [{'/'.join(choices)}]" if listed else ""
        while True:
            raw = typer.prompt(spec.question + hint, default="" if default is None else str(default),
                               show_default=default is not None, err=True).strip()
            if not raw:
                return None
            if spec.name == "technical_lead" and raw.isdigit() and 0 < int(raw) <= len(choices):
                raw = choices[int(raw) - 1]
            try:
                value = [spec.convert(x.strip()) for x in raw.split(",") if x.strip()] if spec.many else spec.convert(raw)
            except ValueError as exc:
                typer.echo(f"  {exc}", err=True)
                continue
            if spec.name == "enterprise" and value not in space.ids("enterprise"):
                if "dataset" not in whole:
                    whole["dataset"] = load(space.root)
                matches = find(whole["dataset"], raw, "staff")[:9]
                if len(matches) == 1:
                    value = matches[0].enterprise.id
                elif matches:
                    for rank, m in enumerate(matches, start=1):
                        typer.echo(f"  {rank}. {m.enterprise.id}: {m.enterprise.name} ({m.enterprise.country})", err=True)
                    picked = typer.prompt("Which one (number)", default="", show_default=False, err=True).strip()
                    if picked.isdigit() and 0 < int(picked) <= len(matches):
                        value = matches[int(picked) - 1].enterprise.id
            found = problems_of(spec, value)
            if not found:
                if spec.name == "initiated_by":
                    _say_entry_point(office, value, values)
                return value
            for problem in found:
                typer.echo(f"  {problem}", err=True)

    return ask


def _say_entry_point(office: Any, initiated_by: str, values: dict[str, Any]) -> None:
    from ..model.procedure import group_concerned

    if initiated_by != "ilo-unit":
        bureau = office.bureau(group_concerned(initiated_by, None))
        if bureau is not None:
            typer.echo(f"  Entry point: {bureau.short} (GB.326/INS/3 para 3(a))", err=True)
