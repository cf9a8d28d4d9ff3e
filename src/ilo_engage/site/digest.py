"""What a page is made from, as a digest: a rebuild renders again only the pages whose digest
changed, and links the others from the previous build (their bytes would be the same).

A page's digest covers everything its template can read: the values given to it (its record,
the contacts it lists, a register's rows …), the records every page may link to (the
enterprises, initiatives, units, topics and countries, whole), the audience, and the package's
own code and templates, so that an upgrade renders every page again. Values are taken whole, by
pickling, never field by field: nothing a template reads can be left out. Pickling is made
reproducible from one process to the next: a Pydantic record is taken as its fields in order
(its own pickle holds a set, whose order changes between processes). Anything else whose
bytes differ between two runs only makes its page render again, never a stale page."""

from __future__ import annotations

import hashlib
import io
import pickle
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

PACKAGE = Path(__file__).resolve().parent.parent


# A record's digest, by the identity of the record: a build's records do not change while it runs,
# and a contact listed on many pages (its enterprise's, its units', topics' and countries') is
# digested once. Each entry keeps its record alive, so that its identity is not reused.
Records = dict[int, tuple[BaseModel, bytes]]


class _Canonical(pickle.Pickler):
    """A pickler whose bytes depend only on the values (see the module's docstring)."""

    def __init__(self, file: io.BytesIO, records: Records) -> None:
        super().__init__(file, protocol=5)
        self.records = records

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel):
            return _model, (type(obj).__qualname__, self._record(obj))
        return NotImplemented

    def _record(self, record: BaseModel) -> bytes:
        known = self.records.get(id(record))
        if known is None:
            out = io.BytesIO()
            _Canonical(out, self.records).dump(tuple(record.__dict__.items()))
            known = self.records[id(record)] = (record, hashlib.blake2b(out.getbuffer(), digest_size=16).digest())
        return known[1]


def _model(name: str, fields: bytes) -> None:  # pragma: no cover - never unpickled
    """What a record is reduced to when digested (its type and the digest of its fields in order);
    a digest is never unpickled."""


def digest(*values: Any, records: Records | None = None) -> str | None:
    """The digest of values, or None when one cannot be taken (its page is then always rendered).
    `records` keeps the records' own digests for the next call (one build's records only)."""
    out = io.BytesIO()
    try:
        _Canonical(out, {} if records is None else records).dump(values)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    return hashlib.blake2b(out.getbuffer(), digest_size=16).hexdigest()


@cache
def code_digest() -> str:
    """The digest of the package's code and templates: pages made by other code are made again."""
    h = hashlib.blake2b(digest_size=16)
    # Every file of the package (code, templates, the fixed words' catalogs …), not its bytecode.
    for path in sorted(p for p in PACKAGE.rglob("*") if "__pycache__" not in p.parts and p.is_file()):
        data = path.read_bytes()
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()
