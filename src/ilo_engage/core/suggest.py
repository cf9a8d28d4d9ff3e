"""One way to answer an unknown id, everywhere: "no topic has the id `child-labor`; did you mean
`child-labour`?", with the command that lists the valid ones or registers a new one.

Suggestions are an output for staff (audience.py): a confidential record's id is never offered,
which callers ensure through `offered` (for records read from files: `offered_file`).
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

_SHORTLIST = 2000  # ids compared closely, so that a large register does not make a typo slow
# A top-level visibility key (quoted or not) whose line says confidential, whatever the quoting.
_CONFIDENTIAL = re.compile(rb"^['\"]?visibility['\"]?[ \t]*:[^\n]*confidential", re.MULTILINE)
_MAX_BYTES = 1024 * 1024  # the record size limit

# What lists the valid ids of each kind, and what registers a new one (None: nothing does).
LISTED = {"topic": "topics", "unit": "units", "enterprise": "enterprises", "contact": "contacts",
          "country": "countries", "region": "regions"}
REGISTER = {"enterprise": "ilo-engage add-enterprise --name NAME --kind KIND --country CODE"}


def closest(value: str, candidates: Iterable[str], offered: Callable[[str], bool] = lambda _: True) -> str | None:
    """The candidate most like a mistyped `value` that may be offered, or None."""
    pool = [c for c in candidates if abs(len(c) - len(value)) <= 3]
    if len(pool) > _SHORTLIST:  # ids that start alike first: a dropped or swapped letter keeps the start
        pool.sort(key=lambda c: -_common_start(c, value))
        pool = pool[:_SHORTLIST]
    # About three letters wrong at most, whatever the length: in a long id (a contact's), a few
    # letters alike do not make another record the one meant.
    cutoff = max(0.6, 1 - 3 / max(len(value), 1))
    for match in difflib.get_close_matches(value, pool, n=5, cutoff=cutoff):
        if offered(match):
            return match
    return None


def _common_start(a: str, b: str) -> int:
    """How many characters two ids share at their start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def unknown_id(kind: str, value: str, candidates: Iterable[str],
               offered: Callable[[str], bool] = lambda _: True) -> str:
    """The message for an id that no record of `kind` has: the closest id, else how to find or add one."""
    known = list(candidates)
    message = f"no {kind} has the id `{value}`"
    match = closest(value, known, offered)
    if match is not None:
        message += f"; did you mean `{match}`?"
    elif not known:
        message += f"; no {kind} is registered yet."
    elif kind in LISTED:
        message += f"; `ilo-engage list {LISTED[kind]}` lists them."
    if kind in REGISTER:
        message += f" To register a new one: `{REGISTER[kind]}`"
    return message.rstrip(".")


def offered_file(path: Path | str) -> bool:
    """Whether a record file's id may be offered: a regular file, readable, not confidential
    (read from its top-level `visibility:` line, without parsing the record)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return False
        return not _CONFIDENTIAL.search(handle.read(_MAX_BYTES))
