"""`enterprise rename OLD NEW` and `enterprise merge DUPLICATE INTO`: an enterprise's id changed,
or two records of one enterprise made one, with every reference rewritten in one change.

Every file is edited as `contact ID …` edits (ruamel round trip: comments and layout kept) and
checked before anything is written; then all is written, or, if a write fails, what was written
is put back. The surviving record keeps the old id in `former_ids`, so `show OLD` and `find` lead
to it and `validate` names the id to write where a reference still has the old one (D007).

A contact's id embeds the enterprise's id at the time it was recorded (`YYYY-MM-DD-<enterprise>-xxxx`)
and is never changed: other records, reports, links and mail name contacts by it. A contact whose
id names a former id of its enterprise is in the agreed form (checks/former.py).

A renamed file is staged as `git mv` stages it when the dataset is a git work tree and the old file
is tracked, so that `git log --follow` finds its history.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..checks.scan import Workspace
from ..core.errors import IloEngageError, UsageError
from ..core.names import normalise
from ..core.sourcetext import decode, read
from ..core.writer import (
    ChangedMeanwhile,
    RecordExists,
    create_file,
    digest_of,
    replace_file,
    replace_if_unchanged,
)
from ..model import Enterprise, kind_of
from ..model.types import SLUG_PATTERN
from ..yamlio import roundtrip
from .drafts import RecordInvalid


@dataclass(frozen=True)
class Change:
    """One file's change: its text before and after (None: removed), and its new path if renamed."""

    relpath: str
    before: str
    after: str | None
    digest: str
    new_relpath: str | None = None


def plan_rename(space: Workspace, old: str, new: str) -> list[Change]:
    """The changes that give enterprise `old` the id `new` (nothing written)."""
    import re

    facts = _enterprise(space, old)
    if not re.fullmatch(SLUG_PATTERN.strip("^$"), new):
        raise UsageError(f"`{new}` is not an id: lower-case letters and digits joined by single hyphens")
    _refuse_taken(space, new)
    text, digest = _read(space, facts.file)
    document = _document(text, facts.file)
    document["id"] = new
    _add_former(document, [old])
    new_relpath = f"{Path(facts.file).parent.as_posix()}/{new}.yaml"
    changes = [Change(facts.file, text, roundtrip.dump(document), digest, new_relpath)]
    return changes + _references(space, {old}, new, skip={facts.file})


def plan_merge(space: Workspace, duplicate: str, into: str) -> list[Change]:
    """The changes that fold enterprise `duplicate` into `into`: its references, its former ids, its
    names as aliases, identifiers and sectors `into` lacks; its file removed (nothing written)."""
    if duplicate == into:
        raise UsageError("an enterprise cannot be merged into itself")
    gone, kept = _enterprise(space, duplicate), _enterprise(space, into)
    gone_text, gone_digest = _read(space, gone.file)
    kept_text, kept_digest = _read(space, kept.file)
    absorbed = _loaded(gone_text, gone.file)
    document = _document(kept_text, kept.file)
    survivor = _loaded(kept_text, kept.file)
    _add_former(document, [duplicate, *absorbed.former_ids])
    order = Enterprise.field_names()
    known = {normalise(n) for n in (survivor.name, *survivor.aliases)}
    for name in (absorbed.name, *absorbed.aliases):
        if normalise(name) not in known:
            known.add(normalise(name))
            roundtrip.append_item(document, "aliases", name, order)
    for sector in absorbed.sectors:
        if sector not in survivor.sectors:
            roundtrip.append_item(document, "sectors", sector, order)
    if absorbed.identifiers is not None:
        theirs = absorbed.identifiers.model_dump(exclude_none=True)
        ours = survivor.identifiers.model_dump(exclude_none=True) if survivor.identifiers else {}
        missing = {k: v for k, v in theirs.items() if k not in ours}
        if missing:
            if document.get("identifiers") is None:
                roundtrip.set_field(document, "identifiers", missing, order)
            else:
                for key, value in missing.items():
                    document["identifiers"][key] = value
    changes = [Change(kept.file, kept_text, roundtrip.dump(document), kept_digest),
               Change(gone.file, gone_text, None, gone_digest)]
    return changes + _references(space, {duplicate, *absorbed.former_ids}, into, skip={gone.file, kept.file})


def _enterprise(space: Workspace, enterprise_id: str) -> Any:
    found = space.ids(Enterprise).get(enterprise_id)
    if found is None:
        from ..core.suggest import offered_file, unknown_id

        known = space.ids(Enterprise)
        raise IloEngageError(unknown_id("enterprise", enterprise_id, known,
                                        offered=lambda i: offered_file(space.root / known[i].file)))
    return found


def _refuse_taken(space: Workspace, new: str) -> None:
    """A new id may not be any record's id, nor an enterprise's former id (references would be ambiguous)."""
    if any(f.id == new for f in space.index.facts):
        raise IloEngageError(f"`{new}` is the id of a record already: choose another, or merge into it")
    if any(("former", new) in f.names for f in space.index.of_kind(Enterprise)):
        raise IloEngageError(f"`{new}` is a former id of an enterprise: choose another")


def _read(space: Workspace, relpath: str) -> tuple[str, str]:
    data = read(space.root / relpath)
    return decode(data), digest_of(data)


def _loaded(text: str, relpath: str) -> Enterprise:
    from ..load.dataset import load_text

    kind = kind_of(relpath)
    record = load_text(text, relpath, kind)[0] if kind is not None else None
    if not isinstance(record, Enterprise):
        raise IloEngageError(f"{relpath} has errors; run `ilo-engage validate {relpath}`")
    return record


def _document(text: str, relpath: str) -> Any:
    _loaded(text, relpath)
    return roundtrip.load(text)


def _add_former(document: Any, ids: list[str]) -> None:
    for former in ids:
        if former not in (document.get("former_ids") or []):
            roundtrip.append_item(document, "former_ids", former, Enterprise.field_names())


def _references(space: Workspace, old: set[str], new: str, skip: set[str]) -> list[Change]:
    """Every other file that names one of the `old` ids as an enterprise, with each such reference
    made `new` (its place read from the record's facts; the value replaced in the round trip)."""
    from ..checks.base import decode_place

    changes = []
    for facts in space.index.facts:
        if facts.file in skip:
            continue
        places = [decode_place(where) for where, target, value in (r.split("|") for r in facts.references)
                  if target == "enterprise" and value in old]
        if not places:
            continue
        text, digest = _read(space, facts.file)
        document = roundtrip.load(text)
        for place in places:
            parent = document
            for step in place[:-1]:
                parent = parent[step]
            parent[place[-1]] = new
        changes.append(Change(facts.file, text, roundtrip.dump(document), digest))
    return changes


def check(space: Workspace, changes: list[Change]) -> None:
    """RecordInvalid if a changed file would not load as its record (nothing is written)."""
    from ..load.dataset import load_text

    problems = []
    for change in changes:
        if change.after is None:
            continue
        relpath = change.new_relpath or change.relpath
        kind = kind_of(relpath)
        if kind is not None:
            problems += [p for p in load_text(change.after, relpath, kind)[1] if p.is_error]
    if problems:
        raise RecordInvalid(sorted(problems))


def apply(root: Path, changes: list[Change]) -> None:
    """Write every change, or none: a failure puts back what was written."""
    done: list[tuple[str, Change]] = []
    try:
        for change in sorted(changes, key=lambda c: c.after is None):  # removals last
            path = root / change.relpath
            if change.after is None:
                path.unlink()
                done.append(("removed", change))
            elif change.new_relpath is not None:
                _attempt(done, "created", change, partial(create_file, root / change.new_relpath, change.after))
                path.unlink()
                done.append(("removed", change))
            else:
                _attempt(done, "replaced", change,
                         partial(replace_if_unchanged, path, change.after, change.digest, change.relpath))
    except BaseException:
        for action, change in reversed(done):
            if action == "created" and change.new_relpath:
                (root / change.new_relpath).unlink(missing_ok=True)
            else:
                replace_file(root / change.relpath, change.before)
        raise
    _stage_renames(root, changes)


def _attempt(done: list[tuple[str, Change]], action: str, change: Change, write: Callable[[], None]) -> None:
    """Write one file, noting it among the files to put back: after it is written, or when the write
    failed after the file was placed (a failure at the last step). A file found changed by someone
    else, or of a name taken, is not ours to put back."""
    try:
        write()
    except (ChangedMeanwhile, RecordExists):
        raise
    except BaseException:
        done.append((action, change))
        raise
    done.append((action, change))


def _stage_renames(root: Path, changes: list[Change]) -> None:
    """Stage each renamed or removed file as `git mv` and `git rm` would, if git tracks it."""
    pairs = [(c.relpath, c.new_relpath) for c in changes if c.new_relpath or c.after is None]
    try:
        for old, new in pairs:
            tracked = subprocess.run(["git", "ls-files", "--error-unmatch", "--", old], cwd=root,
                                     capture_output=True, check=False)
            if tracked.returncode == 0:
                subprocess.run(["git", "add", "--all", "--", old, *([new] if new else [])], cwd=root,
                               capture_output=True, check=False)
    except OSError:  # no git on this machine: the files are right, only not staged
        return


def diff(changes: list[Change]) -> str:
    """The change as a unified diff, a rename shown as git shows it."""
    from .fmt import unified_diff

    out = []
    for change in changes:
        if change.new_relpath:
            out.append(f"rename from {change.relpath}\nrename to {change.new_relpath}\n")
            out.append(unified_diff(change.relpath, change.before, change.after or "").replace(
                f"+++ b/{change.relpath}", f"+++ b/{change.new_relpath}", 1))
        else:
            out.append(unified_diff(change.relpath, change.before, change.after or ""))
    return "".join(out)
