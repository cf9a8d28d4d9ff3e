"""A new record from options, a file and answers: gathered, built by its recipe, checked
against the whole dataset, and returned as a draft; the command line only maps options,
prompts and prints (see cli/add.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..checks.scan import Workspace
from ..core.errors import IloEngageError
from ..load.dataset import leads_outside
from ..model import Kind, kind_named, kind_of
from .drafts import Draft, draft, record_text
from .fields import Ask, Spec, gather
from .given import given_record
from .recipes import (
    LikelyDuplicate,
    contact_record,
    contact_specs,
    enterprise_specs,
    initiative_specs,
    likely_duplicates,
    named_record,
)


@dataclass(frozen=True)
class Recipe:
    """How one `add-*` command makes its record: the fields asked for and the record built from them."""

    specs: Callable[[Workspace], list[Spec]]
    build: Callable[[Workspace, dict[str, Any]], dict[str, Any]]


RECIPES: dict[str, Recipe] = {
    "contact": Recipe(lambda space: contact_specs(space, date.today()), contact_record),
    "enterprise": Recipe(lambda space: enterprise_specs(), lambda space, values: named_record(values)),
    "initiative": Recipe(initiative_specs, lambda space, values: named_record(values)),
}


def with_file(given: dict[str, Any], text: str, what: str) -> dict[str, Any]:
    """The fields of a record given whole (--from-file), under those given as options."""
    return {**given_record(text, what), **{k: v for k, v in given.items() if v not in (None, [], "")}}


def new_record(space: Workspace, what: str, given: dict[str, Any], ask: Ask | None = None,
               *, not_duplicate: bool = False) -> Draft:
    """A new contact, enterprise or initiative checked against the dataset, ready to write.

    FieldsInvalid names every missing or invalid field (when nothing is asked); LikelyDuplicate
    refuses an enterprise that seems registered already (unless `not_duplicate`); RecordInvalid
    carries the record's errors. Nothing is written here.
    """
    recipe = RECIPES[what]
    values = gather(recipe.specs(space), given, ask)
    record = recipe.build(space, values)
    if what == "enterprise" and not not_duplicate:
        refuse_duplicates(space, record)
    kind = _kind_for(what, record)
    relpath = f"{kind.location}/{record['id']}.yaml"
    refuse_outside(space, relpath)
    return draft(space, relpath, record_text(kind, record))


def _kind_for(what: str, record: dict[str, Any]) -> Kind:
    """The kind the new record is: an initiative's own kind names its folder."""
    if what == "initiative":
        return kind_named(record["kind"])
    return kind_named(what)


def refuse_duplicates(space: Workspace, record: dict[str, Any]) -> None:
    """LikelyDuplicate if a registered enterprise seems to be this one, naming those staff may
    see as `find` names them; a confidential or unreadable one is only said to be there."""
    found = likely_duplicates(space, record)
    if not found:
        return
    from ..core.audience import may_name
    from ..load.dataset import load_file
    from ..model import Enterprise

    registered = []
    for facts in found:
        kind = kind_of(facts.file)
        loaded = load_file(space.root, facts.file, kind)[0] if kind is not None else None
        registered.append(loaded if isinstance(loaded, Enterprise) else None)
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


def refuse_outside(space: Workspace, relpath: str) -> None:
    """A new record is never written through a symbolic link that leads outside the dataset."""
    if leads_outside(space.root, relpath):
        raise IloEngageError(f"{relpath}: a symbolic link on the way leads outside the dataset (F021); "
                             "nothing was written")
