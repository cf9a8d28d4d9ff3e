"""Spreadsheets read into rows of cells: CSV (any delimiter; UTF-8, UTF-16 or a legacy encoding,
a byte order mark honoured), XLSX and ODS (python-calamine, which reads both, fast, in Rust).

A cell keeps the type the spreadsheet gives it (text, number, date, true/false); `convert` turns it
into a field's value. Rows are numbered as the spreadsheet shows them (from 1) and columns lettered
(A, B, … Z, AA), so that a problem points at the cell an officer sees.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import UsageError

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
TEXT_TABLES = (".csv", ".tsv", ".txt")
MAX_CSV_BYTES = 200 * 1024 * 1024
# Tried in this order when a CSV file declares nothing: UTF-8 first; then Windows' Western
# encoding, which is what Excel writes a "CSV" in on most of the Office's machines.
FALLBACK_ENCODINGS = ("utf-8", "cp1252")
DELIMITERS = ",;\t|"


@dataclass
class Sheet:
    """The cells of one sheet: `rows[i]` is spreadsheet row i + 1."""

    name: str  # the file's name, without its folder
    rows: list[list[Any]]
    sheet: str | None = None  # in a workbook, the sheet's name
    encoding: str | None = None  # for a CSV file, the encoding it was read in
    delimiter: str | None = None  # for a CSV file, its delimiter

    def cell(self, row: int, column: int) -> Any:
        """The cell at a spreadsheet row (from 1) and column index (from 0); None if empty."""
        cells = self.rows[row - 1] if 0 < row <= len(self.rows) else []
        value = cells[column] if column < len(cells) else None
        return None if value == "" else value


def column_letter(index: int) -> str:
    """The spreadsheet's name of a column (from 0): 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read_sheet(path: Path, sheet: str | None = None, encoding: str | None = None,
               delimiter: str | None = None) -> Sheet:
    """The rows of a spreadsheet file: its first sheet, or the one named. UsageError (exit 2) if
    it cannot be read, naming the file and why."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    if suffix in SPREADSHEETS:
        return _workbook(path, sheet)
    if suffix in TEXT_TABLES or not suffix:
        return _csv(path, encoding, delimiter)
    raise UsageError(f"{path}: not a spreadsheet this command reads (CSV, XLSX or ODS)")


def _workbook(path: Path, sheet: str | None) -> Sheet:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
        if sheet is not None and sheet not in names:
            raise UsageError(f"{path.name}: no sheet named {sheet!r}; its sheets are {', '.join(names)}")
        found = book.get_sheet_by_name(sheet) if sheet is not None else book.get_sheet_by_index(0)
        rows = found.to_python(skip_empty_area=False)
        sheet = found.name
    except UsageError:
        raise
    except Exception as exc:  # noqa: BLE001 - calamine's errors (a damaged zip, a password) have no common base
        raise UsageError(f"{path.name}: cannot read it as a spreadsheet ({type(exc).__name__}: {exc})") from None
    return Sheet(path.name, [list(r) for r in rows], sheet)


def _csv(path: Path, encoding: str | None, delimiter: str | None) -> Sheet:
    data = path.read_bytes()[: MAX_CSV_BYTES + 1]
    if len(data) > MAX_CSV_BYTES:
        raise UsageError(f"{path.name}: more than {MAX_CSV_BYTES // 1024 // 1024} MB; split it")
    text, used = decode(data, encoding, path.name)
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:
        raise UsageError(f"{path.name}:{reader.line_num}: not valid CSV ({exc})") from None
    return Sheet(path.name, rows, None, used, delimiter)


def decode(data: bytes, encoding: str | None, name: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in: the one declared (the mapping's
    `encoding`), else the one its byte order mark names, else UTF-8, else Windows-1252."""
    boms = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
    if encoding is None:
        encoding = next((codec for bom, codec in boms if data.startswith(bom)), None)
    for codec in (encoding,) if encoding else FALLBACK_ENCODINGS:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as exc:
            if encoding:
                raise UsageError(f"{name}: not {encoding} text (byte {exc.start + 1}); "
                                 "declare its encoding in the mapping (`encoding = \"...\"`)") from None
        except LookupError:
            raise UsageError(f"{name}: no encoding called {encoding!r}") from None
    raise UsageError(f"{name}: cannot tell its encoding; declare it in the mapping (`encoding = \"...\"`)")


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: the one of `,;<tab>|` that splits the first lines into the same
    number of cells, most cells first; a comma if none does."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, best_cells = ",", 1
    for candidate in DELIMITERS:
        counts = {len(row) for row in csv.reader(lines, delimiter=candidate)}
        cells = max(counts) if counts else 1
        if cells > best_cells and len(counts) <= 2:  # a title row or a short last row may differ
            best, best_cells = candidate, cells
    return best
