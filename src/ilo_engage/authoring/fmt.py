"""`fmt`: record files rewritten into the canonical layout, comments kept.

A file already in canonical form is left byte-for-byte alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import problems as P
from ..core.problems import FileProblem, Problem
from ..core.sourcetext import decode, read
from ..core.writer import ChangedMeanwhile, digest_of, replace_if_unchanged
from ..load.dataset import listed_outside, outside, record_files
from ..model import Contact, Part, kind_of
from ..yamlio import parse, roundtrip

_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*(?:\r\n|\r|\n))+")


@dataclass(frozen=True)
class FormatResult:
    """Files that were (or, with --check, would be) rewritten, files that could not be read, and
    files left alone because they changed while fmt ran."""

    changed: list[str]
    problems: list[Problem]
    conflicts: list[str] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)  # with diff: each changed file's unified diff


def format_text(text: str, model: type[Part], fix: bool = False) -> str:
    """The canonical layout of one record file's text (which the reader must accept); with `fix`,
    old forms of the contract rewritten in the current one (see `migrate`)."""
    parse(text)  # refuse anything the reader refuses, with its line
    order = lambda path: (part.field_names() if (part := model.part_at(path)) else None)  # noqa: E731
    text = _LEADING_BLANK_LINES.sub("", text)  # the round trip drops one per run: drop them all at once
    document = roundtrip.load(text)
    if fix and model is Contact:
        migrate_contact(document)
    return roundtrip.dump(roundtrip.canonical(document, order))


def migrate_contact(document: Any) -> None:
    """A contact's old `referred_to` list rewritten as `referral: {to: …}` (R013).

    The date of an old referral is not known to the file: R014 then asks the officer for it.
    """
    if not roundtrip.is_mapping(document) or "referred_to" not in document:
        return
    old = document["referred_to"]
    del document["referred_to"]
    if not isinstance(old, list) or not old:
        return
    existing = document.get("referral")
    if isinstance(existing, dict):  # both forms: the referral keeps its units and gains the old ones
        units = existing.get("to") or []
        existing["to"] = roundtrip.block([*units, *(u for u in old if u not in units)])
    else:
        roundtrip.set_field(document, "referral", {"to": list(old)}, Contact.field_names())


def format_files(root: Path, relpaths: Sequence[str] | None = None, check: bool = False,
                 fix: bool = False, diff: bool = False) -> FormatResult:
    """Rewrite record files into canonical form (all of them unless relpaths); with check, write nothing;
    with fix, old forms rewritten too; with diff, the change of each file as a unified diff."""
    changed, problems, conflicts = [], [], []
    diffs: dict[str, str] = {}
    for relpath in relpaths if relpaths is not None else record_files(root):
        kind = kind_of(relpath)
        if listed_outside(root, relpath):  # never read, so never copied into the dataset
            problems.append(outside(relpath))
            continue
        if kind is None or not relpath.endswith((".yaml", ".yml")):  # ignored files (`a.YAML`) are left alone
            continue
        path = root / relpath
        try:
            original = read(path)
            text = decode(original)
            formatted = format_text(text, kind.model, fix)
        except FileProblem as exc:
            problems.append(exc.problem(relpath))
            continue
        except OSError as exc:
            problems.append(P.UNREADABLE.at(relpath, 1, 1, f"cannot read the file: {exc.strerror}"))
            continue
        if formatted.encode("utf-8") != original:
            if diff:
                diffs[relpath] = unified_diff(relpath, text, formatted)
            if not check:  # never over an edit saved since it was read
                try:
                    replace_if_unchanged(path, formatted, digest_of(original), relpath)
                except ChangedMeanwhile:
                    conflicts.append(relpath)
                    continue
            changed.append(relpath)
    return FormatResult(changed, problems, conflicts, diffs)


def unified_diff(relpath: str, before: str, after: str) -> str:
    """What formatting changes in a file, as `diff -u` shows it (`a/` and `b/` as git names them)."""
    import difflib

    from ..core.printable import printable

    name = printable(relpath)  # a file name may hold what a terminal would act on; the text cannot
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"a/{name}", f"b/{name}")
    # A last line without its newline is marked as diff marks it, so the output applies with `patch`.
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
