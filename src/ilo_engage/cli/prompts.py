"""Prompts for the fields of a new record on a terminal (add-contact, add-enterprise,
add-initiative): each answer converted and checked as the field's spec says, asked again
until it is valid or left empty."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:  # imported when a command runs, so that --help and completion stay quick
    from ..authoring.fields import Ask, Spec
    from ..checks.scan import Workspace
    from ..model.procedure import Office


def ask_on_terminal(space: Workspace, gathered: dict[str, Any] | None = None) -> Ask:
    """The prompt for one field on a terminal, with its choices and default. A required field is
    asked again until it is given; `gathered` holds the values so far (to save as a draft on Ctrl-C)."""
    from ..authoring.fields import problems_of
    from ..load.dataset import load
    from ..lookup.finder import find
    from ..model import Enterprise

    office = space.ctx.office
    whole: dict[str, Any] = {}  # the dataset loaded whole, only if a name must be searched

    def ask(spec: Spec, values: dict[str, Any]) -> Any:
        if gathered is not None:
            gathered["values"] = values  # the live dict: options given and answers so far
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
                if spec.required(values):
                    typer.echo(f"  {spec.option}: required (Ctrl-C stops, and offers to save your answers)", err=True)
                    continue
                return None
            if spec.name == "technical_lead" and raw.isdigit() and 0 < int(raw) <= len(choices):
                raw = choices[int(raw) - 1]
            try:
                value = [spec.convert(x.strip()) for x in raw.split(",") if x.strip()] if spec.many else spec.convert(raw)
            except ValueError as exc:
                typer.echo(f"  {exc}", err=True)
                continue
            if spec.name == "enterprise" and value not in space.ids(Enterprise):
                if "dataset" not in whole:
                    whole["dataset"] = load(space.root)
                matches = find(whole["dataset"], raw, "staff")[:9]
                if len(matches) == 1:  # said and confirmed, never taken silently
                    e = matches[0].enterprise
                    if typer.confirm(f"  {raw!r} is not an id: did you mean {e.id} ({e.name}, {e.country})?",
                                     default=True, err=True):
                        value = e.id
                    else:
                        continue
                elif matches:
                    for rank, m in enumerate(matches, start=1):
                        typer.echo(f"  {rank}. {m.enterprise.id}: {m.enterprise.name} ({m.enterprise.country})", err=True)
                    picked = typer.prompt("Which one (number)", default="", show_default=False, err=True).strip()
                    if picked.isdigit() and 0 < int(picked) <= len(matches):
                        value = matches[int(picked) - 1].enterprise.id
            found = problems_of(spec, value)
            if not found:
                if spec.name == "initiated_by":
                    _say_entry_point(office, str(value), values)
                return value
            for problem in found:
                typer.echo(f"  {problem}", err=True)

    return ask


def _say_entry_point(office: Office, initiated_by: str, values: dict[str, Any]) -> None:
    from ..model.procedure import group_concerned

    if initiated_by != "ilo-unit":
        bureau = office.bureau(group_concerned(initiated_by, None))
        if bureau is not None:
            typer.echo(f"  Entry point: {bureau.short} (GB.326/INS/3 para 3(a))", err=True)
