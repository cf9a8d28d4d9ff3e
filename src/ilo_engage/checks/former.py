"""Enterprises renamed or merged (`ilo-engage enterprise rename`, `merge`) keep their old ids in
`former_ids`. A reference to a former id is refused with the id to write (D007); a contact's id,
which never changes, may name its enterprise by a former id (D005 otherwise)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core import problems as P
from ..core.problems import Problem
from ..model import Enterprise
from .base import Index, decode_place
from .records import _CONTACT_SUFFIX, contact_id_message


def former_ids(index: Index) -> dict[str, str]:
    """Every former id of an enterprise → the enterprise's id (a current id is never a former one)."""
    current = {f.id for f in index.of_kind(Enterprise) if f.id}
    return {value: f.id for f in index.of_kind(Enterprise) if f.id
            for what, value in f.names if what == "former" and value not in current}


def references_to_former_ids(index: Index) -> Iterator[Problem]:
    """A record that names an enterprise by a former id: the id to write instead."""
    former = former_ids(index)
    if not former:
        return
    for facts in index.reported():
        for reference in facts.references:
            where, target, value = reference.split("|")
            if target == "enterprise" and value in former:
                span = index.locate(facts.file, decode_place(where))
                yield P.FORMER_ID.at(facts.file, span.value_line, span.value_column,
                                     f"`{value}` is a former id of `{former[value]}`: write `{former[value]}`")


def contact_ids_name_their_enterprise(index: Index) -> Iterator[Problem]:
    """A contact id `YYYY-MM-DD-<enterprise>-xxxx` names the contact's enterprise by its id or a former one."""
    formers: dict[str, set[str]] | None = None  # gathered at the first contact that needs them: most need none
    for facts in index.reported():
        if facts.kind != "contact" or not facts.id:
            continue
        same = next((value for what, value in facts.names if what == "contact"), None)
        if same is None:
            continue
        enterprise, day, _ = same.split("|", 2)
        named = facts.id[len(day) + 1:-5]
        if named == enterprise or not (facts.id.startswith(f"{day}-") and _CONTACT_SUFFIX.fullmatch(facts.id[-5:])):
            continue  # the agreed form, or not the form at all (the record check says so)
        if formers is None:
            formers = {}
            for f in index.of_kind(Enterprise):
                formers[f.id or ""] = {value for what, value in f.names if what == "former"}
        if named not in formers.get(enterprise, set()):
            span = index.locate(facts.file, ("id",))
            yield P.CONTACT_ID.at(facts.file, span.value_line, span.value_column,
                                  contact_id_message(facts.id, f"{day}-{enterprise}"))
