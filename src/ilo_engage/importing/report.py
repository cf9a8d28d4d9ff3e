"""An import's outcome as people (text), programs (json) and GitHub pull requests (github) read it.

Problems print as `FILE:ROW:COLUMN: CODE message` (the spreadsheet's row number and column letter);
likely duplicates with the record they resemble and the commands that resolve them.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.printable import printable
from ..core.problems import Problem
from ..core.wording import count
from .places import RowProblem
from .plan import Duplicate, Plan


def problem_line(file: str, problem: RowProblem) -> str:
    """`FILE:ROW:COLUMN: CODE message`, then the hint on an indented line."""
    return f"{printable(file)}:{problem.row}:{problem.column}: {problem.code} {problem.message}\n    hint: {problem.hint}"


def duplicate_line(file: str, duplicate: Duplicate, command: str) -> str:
    """A likely duplicate, what it resembles, and what to run if it is another enterprise or contact."""
    found = duplicate.resembles
    if duplicate.restricted:
        return (f"{printable(file)}:{duplicate.row}:-: likely duplicate, not written: {duplicate.name!r} resembles "
                f"a restricted record that this command does not show ({found.reason})\n"
                "    hint: someone with access to restricted records can resolve it "
                f"(`ilo-engage find NAME --audience restricted`); if it is another: {command} --not-duplicate "
                f"{duplicate.row}")
    what = (f"row {found.row} (`{found.id}`)" if found.file is None and found.row is not None
            else f"`{found.id}` ({printable(found.file or '')})")
    return (f"{printable(file)}:{duplicate.row}:-: likely duplicate, not written: {duplicate.name!r} "
            f"resembles {what}: {found.reason}\n"
            f"    hint: if it is the same, nothing to do (refer to it as `{found.id}`); if it is another, "
            f"import the row anyway: {command} --not-duplicate {duplicate.row}; if two records of one "
            f"are registered already: ilo-engage enterprise merge DUPLICATE INTO")


def as_text(file: str, plan: Plan, command: str) -> str:
    """Every problem and likely duplicate, in row order."""
    lines = [problem_line(file, p) for p in plan.problems]
    lines += [duplicate_line(file, d, command) for d in plan.duplicates]
    return "".join(line + "\n" for line in lines)


def summary(plan: Plan, written: int | None) -> str:
    """One sentence: what was (or would be) written, and what was set aside."""
    noun = "enterprise" if plan.mapping.kind == "enterprises" else "contact"
    errors = len(plan.rejected)
    done = (f"{count(written, noun)} written" if written is not None
            else f"{count(len(plan.valid()), noun)} to write (dry run: nothing written)")
    if errors and written is None and not plan.valid():
        done = "nothing to write"
    parts = [done]
    if errors:
        parts.append(f"{count(errors, 'row')} with errors")
    if plan.duplicates:
        parts.append(f"{count(len(plan.duplicates), 'likely duplicate')} not written")
    if plan.already:
        parts.append(f"{count(len(plan.already), 'row')} imported before")
    if plan.empty_rows:
        parts.append(f"{count(plan.empty_rows, 'empty row')} skipped")
    return "; ".join(parts) + "."


def as_json(file: str, plan: Plan, written: list[str] | None) -> str:
    """The whole outcome as one JSON document."""
    data: dict[str, Any] = {
        "file": file,
        "written": written is not None,
        "records": [{"row": n.row, "id": n.id, "file": n.relpath} for n in plan.valid()],
        "problems": [{"file": file, "row": p.row, "column": p.column, "code": p.code,
                      "severity": p.severity.value, "message": p.message, "hint": p.hint} for p in plan.problems],
        "duplicates": [{"row": d.row, "name": d.name, "resembles": None if d.restricted else d.resembles.id,
                        "file": None if d.restricted else d.resembles.file, "restricted": d.restricted,
                        "earlier_row": d.resembles.row, "reason": d.resembles.reason} for d in plan.duplicates],
        "imported_before": [{"row": row, "id": record} for row, record in plan.already],
        "empty_rows": plan.empty_rows,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def as_problems(file: str, plan: Plan) -> list[Problem]:
    """The problems as `validate`'s, for GitHub annotations: the row as the line, the column's
    number as the column, its letter in the message."""
    found = [Problem(file, p.row, _number(p.column), p.code, p.severity,
                     f"column {p.column}: {p.message}", p.hint) for p in plan.problems]
    from ..core.problems import Severity

    found += [Problem(file, d.row, 1, "I030", Severity.WARNING,
                      "likely duplicate, not written: resembles "
                      f"{'a restricted record' if d.restricted else f'`{d.resembles.id}`'} ({d.resembles.reason})",
                      "if it is another, import it with --not-duplicate ROW") for d in plan.duplicates]
    return found


def _number(letter: str) -> int:
    """A column's number from its letter (A → 1); 1 for `-`."""
    if not letter.isalpha():
        return 1
    return sum((ord(c) - 64) * 26 ** i for i, c in enumerate(reversed(letter)))
