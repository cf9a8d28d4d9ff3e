"""Tables in the Word report: column widths that fit their words, and the table grid.

Widths are measured with the advance widths of Times New Roman (the reference's face;
Liberation Serif, which LibreOffice substitutes, has the same metrics), bold, so that a
column is never narrower than its longest word and no word or date breaks across lines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Protocol

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.document import CT_Body
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_TblPr
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, Twips
from docx.table import Table
from markdown_it.tree import SyntaxTreeNode

from .inline import plain_text


class TableHost(Protocol):
    """What a table needs from the writer of the body (blocks.BodyWriter): the document, its body
    and the styles its reference defines, the width between the margins, and paragraphs formatted
    and filled with inline Markdown as the body's are."""

    document: Document
    body: CT_Body
    styles: set[str]

    def text_width(self) -> int: ...

    def paragraph(self, style: str | None, indent: int = 0, hanging: int = 0) -> CT_P: ...

    def format(self, p: CT_P, style: str | None, indent: int = 0, hanging: int = 0) -> None: ...

    def inline(self, p: CT_P, block: SyntaxTreeNode, bold: bool = False, label: bool = False,
               keep_hyphens: bool = False) -> None: ...


# Left and right cell margins (Word's default 0.19 cm each), in twips.
CELL_MARGINS = 216
# Size of table text (style TableText) in points.
TABLE_POINTS = 11
# Measured widths are an estimate: leave room for kerning and a different face's rounding.
SAFETY = 1.06
# The smallest size a table's text is set at to keep its words whole.
SMALLEST_POINTS = 8
# A long text wants at most this many characters' width before it wraps.
WANTED_CHARACTERS = 40
# Times New Roman Bold advance widths, thousandths of an em, for " " (32) to "~" (126).
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
)  # fmt: skip
# Typographic characters the report uses; anything else unknown counts as an M.
_OTHER = {"\u2019": 333, "\u2018": 333, "\u201c": 500, "\u201d": 500, "\u2013": 500, "\u2014": 1000,
          "\u2011": 333, "\u00a0": 250, "\u2026": 1000, "\u20ac": 500, "\u00a3": 500}  # fmt: skip
_WIDEST = 1000
ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def char_width(char: str) -> int:
    """The advance width of a character in thousandths of an em (bold, an upper bound)."""
    code = ord(char)
    if 32 <= code <= 126:
        return _BOLD[code - 32]
    if char in _OTHER:
        return _OTHER[char]
    base = unicodedata.normalize("NFD", char)[0]  # é as e
    if base != char and 32 <= ord(base) <= 126:
        return _BOLD[ord(base) - 32]
    return _WIDEST


def text_twips(text: str, points: float = TABLE_POINTS) -> int:
    """The width of a line of text set at `points`, in twips (twentieths of a point)."""
    return round(_ems(text) * points * 20 / 1000 * SAFETY)


@lru_cache(maxsize=1 << 16)
def _ems(text: str) -> int:
    """The width of a text in thousandths of an em. Kept for each text: a large report's annex
    tables repeat the same words (dates, names, steps) thousands of times, and each table is
    measured at several sizes."""
    return sum(char_width(c) for c in text)


def table_points(rows: list[list[str]], width: int) -> float:
    """The size of a table's text: TABLE_POINTS, or smaller (in half points, down to
    SMALLEST_POINTS) for a table whose longest words would not fit across `width`."""
    points = float(TABLE_POINTS)
    while points > SMALLEST_POINTS and sum(_least(rows, points)) > width:
        points -= 0.5
    return points


def _least(rows: list[list[str]], points: float) -> list[int]:
    """Each column's width for its longest word."""
    columns = max(len(row) for row in rows)
    return [
        CELL_MARGINS + max(text_twips(w, points) for row in rows if c < len(row) for w in [*row[c].split(), ""])
        for c in range(columns)
    ]


def column_widths(rows: list[list[str]], width: int, points: float = TABLE_POINTS) -> list[int]:
    """Column widths (twips) filling `width`: each column gets at least its longest word,
    then a share of the rest towards its longest text (up to WANTED_CHARACTERS)."""
    columns = max(len(row) for row in rows)
    cells = [[row[c] if c < len(row) else "" for row in rows] for c in range(columns)]
    least = _least(rows, points)
    # Headings on one line ("In both", not "In / both") where that still fits.
    headings = [max(low, CELL_MARGINS + text_twips(col[0], points)) for low, col in zip(least, cells, strict=False)]
    if sum(headings) <= width:
        least = headings
    wanted = [
        max(low, CELL_MARGINS + max(text_twips(t[:WANTED_CHARACTERS], points) for t in col))
        for low, col in zip(least, cells, strict=False)
    ]
    if sum(least) >= width:  # cannot fit: shrink in proportion (some words will break)
        widths = [width * low // sum(least) for low in least]
    elif sum(wanted) <= width:  # everything fits on one line: share the rest in proportion
        widths = [want + (width - sum(wanted)) * want // sum(wanted) for want in wanted]
    else:
        extra = [want - low for want, low in zip(wanted, least, strict=False)]
        spare = width - sum(least)
        widths = [low + spare * more // sum(extra) for low, more in zip(least, extra, strict=False)]
    widths[-1] += width - sum(widths)  # rounding
    return widths


def write_table(writer: TableHost, node: SyntaxTreeNode) -> None:
    """A Markdown table: header row repeated on each page, rows kept whole, widths fitted."""
    rows = [row for section in node.children for row in section.children]
    texts = [[plain_text(cell) for cell in row.children] for row in rows]
    points = table_points(texts, writer.text_width())
    widths = column_widths(texts, writer.text_width(), points)
    end = writer.body.sectPr
    previous = end.getprevious() if end is not None else (writer.body[-1] if len(writer.body) else None)
    if previous is None or previous.tag == qn("w:tbl"):
        writer.paragraph(None)  # Word joins adjacent tables into one
    else:
        previous.get_or_add_pPr().keepNext_val = True  # it introduces the table
    table = writer.document.add_table(rows=len(rows), cols=len(widths))
    if "TableGrid" in writer.styles:
        table._tbl.tblStyle_val = "TableGrid"
    set_grid(table, widths, indent=CELL_MARGINS // 2)
    style = "TableText" if "TableText" in writer.styles else None
    for row, row_node in zip(table.rows, rows, strict=False):
        header = row_node.children[0].type == "th"
        row_properties = row._tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:cantSplit"))
        if header:
            row_properties.append(OxmlElement("w:tblHeader"))  # repeats on each page
        for cell, cell_node in zip(row.cells, row_node.children, strict=False):
            p = cell.paragraphs[0]._p
            writer.format(p, style)
            match = re.search(r"text-align:\s*(\w+)", str(cell_node.attrs.get("style", "")))
            alignment = ALIGNMENTS.get(match.group(1)) if match else None
            p.get_or_add_pPr().jc_val = alignment or WD_ALIGN_PARAGRAPH.LEFT
            writer.inline(p, cell_node, bold=header, keep_hyphens=True)
    if points != TABLE_POINTS:  # smaller text where the words would not fit
        for run in table._tbl.iter(qn("w:r")):
            run.get_or_add_rPr().sz_val = Pt(points)


def set_grid(table: Table, widths: list[int], indent: int = 0) -> None:
    """Fixed column widths, as Word and LibreOffice both honour them. `indent`: the left cell
    margin of a bordered table, so that its border, not its text, is on the page margin (in
    Word 2010's layout, which the reference asks for, a table's text starts on the margin)."""
    tbl_pr = table._tbl.tblPr
    if indent:
        insert_in_order(tbl_pr, parse_xml(f'<w:tblInd {nsdecls("w")} w:w="{indent}" w:type="dxa"/>'))
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(widths)))
    tbl_w.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    insert_in_order(tbl_pr, layout)
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Twips(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Twips(width)


def set_borders(table: Table, value: str) -> None:
    """Every border of the table `single` (a box and its grid) or `none`."""
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    size = ' w:sz="4" w:space="0" w:color="auto"' if value != "none" else ""
    borders = parse_xml(
        f'<w:tblBorders {nsdecls("w")}>'
        + "".join(f'<w:{side} w:val="{value}"{size}/>' for side in sides)
        + "</w:tblBorders>"
    )
    insert_in_order(table._tbl.tblPr, borders)


# w:tblPr children in schema order.
_TBL_PR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
)  # fmt: skip


def insert_in_order(tbl_pr: CT_TblPr, element: BaseOxmlElement) -> None:
    """Put `element` into w:tblPr where the schema wants it, replacing one of its kind."""
    tag = element.tag
    old = tbl_pr.find(tag)
    if old is not None:
        tbl_pr.remove(old)
    names = [qn(name) for name in _TBL_PR_ORDER]
    later = names[names.index(tag) + 1 :]
    for child in tbl_pr:
        if child.tag in later:
            child.addprevious(element)
            return
    tbl_pr.append(element)
