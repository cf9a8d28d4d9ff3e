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


def terminal(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None,
             width: int | None = None) -> str:
    """A table drawn for the terminal (plain characters, no colour, so it can be piped).

    It fits `width` (default: $COLUMNS, else the terminal's; a pipe or file gets it whole): cells wrap
    between words, and when even that cannot fit, each row is printed as a block of `Header  value`
    lines. No word, and so no id, is ever cut. Every cell is a rich `Text`, never markup: a name such
    as `Tailspin [/] Mining` prints as written.
    """
    width = width if width is not None else output_width()
    natural = _drawn(headers, rows, title, None)
    if width is None or max(map(len, natural.splitlines()), default=0) <= width:
        return natural
    longest_words = [max((len(w) for cell in [h, *(r[i] for r in rows)] for w in cell.split()), default=1)
                     for i, h in enumerate(headers)]
    if sum(longest_words) + 3 * len(headers) <= width:  # the padding and gap around each cell
        return wrapped(headers, rows, title, width, longest_words)
    return stacked(headers, rows, title, width)


def output_width() -> int | None:
    """The width tables are fitted to: $COLUMNS, else the terminal's; None when standard output is not one."""
    import os
    import sys

    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None


def stacked(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str | None, width: int) -> str:
    """Each row as a block of `Header  value` lines, values wrapped between words: for narrow terminals."""
    import textwrap

    label = max(map(len, headers)) + 2
    lines = [title, ""] if title is not None else []
    for row in rows:
        for header, cell in zip(headers, row, strict=True):
            wrapped = textwrap.wrap(cell, max(width - label, 20), break_long_words=False,
                                    break_on_hyphens=False) or [""]
            lines.append((header.ljust(label) + wrapped[0]).rstrip())
            lines.extend(" " * label + more for more in wrapped[1:])
        lines.append("")
    return "\n".join(lines) + "\n"


def wrapped(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str | None, width: int,
            least: Sequence[int]) -> str:
    """The table drawn as `terminal` draws it, its widest columns narrowed (never below their longest
    word) until it fits `width`, cells wrapped between words."""
    import textwrap

    widths = [max(len(c) for c in [h, *(r[i] for r in rows)]) for i, h in enumerate(headers)]
    while sum(widths) + 3 * len(widths) > width:
        shrinkable = [i for i, w in enumerate(widths) if w > least[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=lambda i: widths[i])] -= 1

    def lines_of(cells: Sequence[str]) -> list[str]:
        parts = [textwrap.wrap(c, w, break_long_words=False, break_on_hyphens=False) or [""]
                 for c, w in zip(cells, widths, strict=True)]
        return [(" " + "".join(f" {(p[k] if k < len(p) else '').ljust(w)}  " for p, w in zip(parts, widths, strict=True))).rstrip()
                for k in range(max(map(len, parts)))]

    out = [title, ""] if title is not None else []
    out += lines_of(headers)
    out.append(" " + "─" * (sum(widths) + 3 * len(widths) - 1))
    for row in rows:
        out += lines_of(row)
    out.append("")
    return "\n".join(out) + "\n"


def _drawn(headers: Sequence[str], rows: Sequence[Sequence[str]], title: str | None, width: int | None) -> str:
    """The table as rich draws it, `width` wide (None: as wide as its cells want)."""
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
    console = Console(file=io.StringIO(), width=width or 100_000, color_system=None, highlight=False, markup=False)
    console.print(table)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines()) + "\n"  # type: ignore[attr-defined]


def _neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _md(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", " ")
