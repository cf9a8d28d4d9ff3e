"""Tables for the terminal, Markdown and spreadsheets, from headers and rows of text."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

# A cell starting with one of these is read as a formula by Excel and LibreOffice.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def markdown(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A CommonMark table (pipes in cells escaped)."""
    lines = ["| " + " | ".join(_md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def spreadsheet_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """CSV that opens safely in Excel: a UTF-8 byte-order mark, and no cell taken as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_neutralise(h) for h in headers])
    writer.writerows([_neutralise(cell) for cell in row] for row in rows)
    return "\ufeff" + out.getvalue()


def terminal(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None) -> str:
    """A table drawn for the terminal (plain characters, no colour, so it can be piped).

    Every cell is a rich `Text`, never markup: a name such as `Tailspin [/] Mining` prints as written.
    """
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title) if title is not None else None, box=box.SIMPLE_HEAD, title_justify="left",
                  show_lines=False)
    for header in headers:
        table.add_column(Text(header))
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console = Console(file=io.StringIO(), width=200, color_system=None, highlight=False, markup=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"  # type: ignore[attr-defined]


def _neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _md(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")
