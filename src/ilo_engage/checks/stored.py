"""The read commands' way into the store: the dataset brought up to date (as `validate` would,
reading only the files that changed), then only the records a command needs, decoded from the
JSON the store keeps of them instead of parsed again from YAML.

`find` narrows with the search keys (`keys`: every word a name could match, never fewer), `show`
and `route --enterprise` with a contact's enterprise and an initiative's references; the
registers, `due` and the report take every record, still without parsing any YAML that did not
change. What comes back is a `Dataset` like `load.dataset.load` gives, holding the selected
records only, in file order, and every file that failed to load.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..core.names import normalise
from ..load.dataset import Dataset, Entry
from ..model import KINDS, Contact, Enterprise, Part, kind_of
from . import cache

_KINDS = {kind.name: kind for kind in KINDS}


def row_of(entry: Entry[Part]) -> dict[str, Any]:
    """What the store keeps of a record that loaded, beside its facts: its id, its enterprise (a
    contact's), the record as JSON, and its search keys."""
    record = entry.record
    return {"kind": entry.kind.name, "id": getattr(record, "id", None),
            "enterprise": record.enterprise if isinstance(record, Contact) else None,
            "record": record.model_dump_json(by_alias=True), "keys": search_keys(record)}


def search_keys(record: Part) -> str | None:
    """The text `find` narrows with: each name normalised, also without its spaces (a query word
    may start a name written as one word), and the exact identifiers. A record matches a query
    only if each of the query's normalised words occurs in it (see `core.names.matches`)."""
    if isinstance(record, Enterprise):
        names = [record.name, *record.aliases, record.id.replace("-", " "),
                 *(former.replace("-", " ") for former in record.former_ids)]  # `find OLD` after a rename
        found = record.identifiers
        exact = [v for v in (found.lei, found.website, found.wikidata) if v] if found else []
    elif isinstance(record, Contact):
        names, exact = [record.subject], []
    else:
        return None
    keys = [part for n in map(normalise, names) for part in (n, n.replace(" ", ""))]
    return "\n".join(keys + exact)


def updated(root: Path) -> Any:
    """The workspace of the dataset at `root` (`checks.scan.Workspace`), its store brought up to
    date: only the files that changed since the last update are read."""
    from .scan import workspace

    space = workspace(root)
    space.save_cache()
    return space


def dataset(space: Any, where: str = "1", parameters: Sequence[object] = ()) -> Dataset:
    """The dataset of a workspace (`checks.scan.Workspace`, its store saved), holding the context
    records and the stored records the SQL condition `where` selects (on the columns of
    `cache.Row`). Without a store (a cache folder that cannot be trusted), the whole dataset is
    loaded: correct, only slower."""
    if not space.stored:
        from ..load.dataset import load

        return load(space.root)
    found = Dataset(space.root, space.settings, failed_files=failed_files(space))
    chosen: list[Entry[Part]] = list(space.context_records.entries)
    for file, kind_name, digest, text in _rows(space.root, where, parameters):
        kind = _KINDS.get(kind_name)
        if kind is not None and digest == space.digest(file):  # the file as this command saw it
            chosen.append(Entry(file, kind, kind.model.model_validate_json(text)))
    found.entries = sorted(chosen, key=lambda e: e.file)
    found.files_read = space.files_read
    return found


def _rows(root: Path, where: str, parameters: Sequence[object]) -> Iterable[tuple[str, str, str, str]]:
    with cache.reading(root) as connection:
        if connection is None:
            return []
        return list(connection.execute(
            f"SELECT file, kind, digest, record FROM files JOIN records USING (file) WHERE loaded AND ({where}) "
            "ORDER BY file",
            tuple(parameters)))


def failed_files(space: Any) -> list[str]:
    """The record files that did not load, as `load` lists them."""
    failed = {r.file for r in space.results.values() if r.failed}
    failed |= {p.file for p in space.context_problems
               if p.code.startswith(("F", "S")) and kind_of(p.file) and p.file.endswith(".yaml")}
    with cache.reading(space.root) as connection:
        if connection is not None:
            failed |= {f for (f,) in connection.execute(
                "SELECT file FROM files WHERE NOT loaded AND kind IS NOT NULL") if f in space.cached}
    return sorted(failed)


def find_dataset(space: Any, text: str) -> tuple[Dataset, dict[str, int]]:
    """The enterprises and contacts that might match `text` (find decides), and how many contacts
    each enterprise has."""
    words = normalise(text).split()
    exact = text.strip()
    needle = exact.lower()
    matching = " AND ".join(["instr(keys, ?) > 0"] * len(words)) or "0"
    where = (f"(kind = 'enterprise' AND (({matching}) OR (? != '' AND instr(keys, ?) > 0))) OR "
             f"(kind = 'contact' AND ((? != '' AND instr(id, ?) > 0) OR ({matching})))")
    found = dataset(space, where, [*words, exact, exact, needle, needle, *words])
    counts: dict[str, int] = {}
    if not space.stored:  # the whole dataset was loaded: counted from it
        for contact in found.records(Contact):
            counts[contact.enterprise] = counts.get(contact.enterprise, 0) + 1
        return found, counts
    with cache.reading(space.root) as connection:
        if connection is not None:
            counts = {str(e): int(n) for e, n in connection.execute(
                "SELECT enterprise, count(*) FROM files WHERE kind = 'contact' AND loaded "
                "GROUP BY enterprise")}
    return found, counts


def enterprise_dataset(space: Any, wanted: Sequence[str]) -> Dataset:
    """What a dossier needs of enterprises or contacts by id: the records with those ids, the
    contacts of those enterprises, and the initiatives that name them."""
    ids = list(wanted) + [c.enterprise for c in _contacts_by_id(space, wanted)]
    marks = ",".join("?" * len(ids))
    references = "file IN (SELECT file FROM facts WHERE " + " OR ".join(["instr(facts, ?) > 0"] * len(ids)) + ")"
    where = (f"(kind != 'contact' AND id IN ({marks})) OR (kind = 'contact' AND (id IN ({marks}) OR "
             f"enterprise IN ({marks}))) OR (kind IN ('network', 'partnership', 'programme') AND ({references}))")
    found = dataset(space, where, [*ids, *ids, *ids, *(json.dumps(f"|enterprise|{i}")[1:] for i in ids)])
    if not any(getattr(e.record, "id", None) in wanted for e in found.entries):
        return dataset(space, "kind = 'enterprise'")  # none: the error names those that exist
    return found


def _contacts_by_id(space: Any, wanted: Sequence[str]) -> list[Contact]:
    marks = ",".join("?" * len(wanted))
    return list(dataset(space, f"kind = 'contact' AND id IN ({marks})", list(wanted)).records(Contact))
