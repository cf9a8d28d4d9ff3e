"""Writing what an import planned, all or nothing: every new record file, or none (see
`core/batch.py` for how, and what a kill leaves); with `skip_invalid`, the valid rows' records and
a CSV file of the rejected rows, each with its problems, to correct and import again."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..authoring.drafts import record_text
from ..core.batch import create_all
from ..core.errors import IloEngageError
from ..core.writer import check_output, write_output
from ..model import kind_named
from . import emit
from .convert import text_of
from .plan import NewRecord, Plan


class ImportRefused(IloEngageError):
    """Rows have errors: nothing was written."""


def texts(plan: Plan) -> list[tuple[NewRecord, str]]:
    """Each record the import would write, with its file's text in the canonical layout."""
    kind = kind_named("enterprise" if plan.mapping.kind == "enterprises" else "contact")
    # Most rows' values are plain words: written directly, ruamel's writer only for the others.
    return [(new, emit.text(kind.model, new.record) or record_text(kind, new.record)) for new in plan.valid()]


def write(root: Path, plan: Plan, skip_invalid: bool, rejects: Path | None) -> list[str]:
    """Write the planned records (dataset-relative paths, in row order); ImportRefused if a row has
    errors and `skip_invalid` is not given. The rejects file is checked before any record is written."""
    if plan.rejected and not skip_invalid:
        raise ImportRefused(f"{len(plan.rejected)} row{'s' if len(plan.rejected) != 1 else ''} with errors: "
                            "nothing was written (correct them, or add --skip-invalid to import the others)")
    if plan.rejected and rejects is not None:
        check_output(rejects, force=True)  # the last import's rejects are replaced
    # All or nothing, and one sync for the whole import rather than one per file (core/batch.py).
    written = create_all([(root / new.relpath, text.encode("utf-8")) for new, text in texts(plan)])
    if plan.rejected and rejects is not None:
        write_output(rejects, rejected_rows(plan), force=True)
    return [p.relative_to(root).as_posix() for p in written]


def rejected_rows(plan: Plan) -> bytes:
    """The rejected rows as CSV (UTF-8 with a byte order mark, so that Excel reads accents): the
    header, then each row's cells and a last column with its problems."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = plan.sheet.rows[plan.mapping.header_row - 1] if plan.sheet.rows else []
    writer.writerow(["row", *(text_of(c) if c is not None else "" for c in header), "problems"])
    for row in sorted(plan.rejected):
        cells = plan.sheet.rows[row - 1]
        problems = "; ".join(f"{p.column}: {p.code} {p.message}" for p in plan.problems if p.row == row and p.is_error)
        writer.writerow([row, *(_safe(text_of(c)) if c is not None else "" for c in cells), problems])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _safe(text: str) -> str:
    """A cell Excel will not run as a formula (a leading =, +, - or @ kept as text)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
