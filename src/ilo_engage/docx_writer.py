"""Word output: the DOCX of a report's Markdown, styled by a reference document.

Handles the Markdown the report template writes: one `#` title, `##`-`####` headings,
paragraphs with bold, italic, code (as plain text), links (their text) and hard breaks,
numbered paragraphs (ordered-list items numbered 1, 2, 3 ... across the whole document) with
indented continuation paragraphs such as `(a) ...`, bullet lists, pipe tables with a header
row, footnotes, block quotes (style Quote) and rules (which render as nothing).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from importlib import resources
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Twips
from docx.text.run import Run
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

from .docx_parts import INDENT, Footnotes, Numbering, add_text

# Where the sub-item text starts after a `(a)` label: one more step in.
LABEL = re.compile(r"^(\([a-z]{1,5}\))[ \t]+")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Word puts the paragraph after a table against its bottom border: 12 pt apart instead.
SPACE_AFTER_TABLE = 240
# A4 less 2.5 cm margins, for a reference without page size; about one character of
# 11 pt text, a wide one (so that no word breaks), and a cell's left and right margins (twips).
TEXT_WIDTH = 9072
CHAR_WIDTH = 110
WIDE_CHAR_WIDTH = 130
CELL_MARGINS = 216
ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


@dataclass(frozen=True)
class DocxMetadata:
    """The document properties of a report."""

    title: str
    author: str
    created: datetime  # from the report's data, never "now": the output must be reproducible


def markdown_to_docx(markdown: str, metadata: DocxMetadata, reference: Path | None = None) -> bytes:
    """The DOCX of a report's Markdown, styled by a reference .docx (default: the package's)."""
    source = reference.read_bytes() if reference is not None else default_reference()
    document = docx.Document(io.BytesIO(source))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    parser = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
    tree = SyntaxTreeNode(parser.parse(markdown))
    # Split lines as markdown-it does (str.splitlines also splits at \x0b, \u2028 ...).
    lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    _Writer(document, lines).blocks(tree.children, _TOP)
    _set_core_properties(document, metadata)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def default_reference() -> bytes:
    """The bytes of the package's reference.docx (made by scripts/make_reference_docx.py)."""
    return resources.files(__package__).joinpath("templates", "reference.docx").read_bytes()


def normalize_zip(data: bytes) -> bytes:
    """The same zip with entries in name order, a fixed date, permissions and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        # [Content_Types].xml first, as Office writes it.
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


@dataclass(frozen=True)
class _Context:
    """Where blocks go: indentation (twips), list depth, and whether inside a block quote."""

    indent: int = 0
    depth: int = 0
    quote: bool = False


_TOP = _Context()
_IN_NUMBERED = _Context(indent=INDENT, depth=1)


class _Writer:
    """Appends the Markdown's blocks to the document's body."""

    def __init__(self, document, lines: list[str]) -> None:
        self.document = document
        self.body = document.element.body
        self.lines = lines
        self.styles = {
            style.get(qn("w:styleId")) for style in document.styles.element.iter(qn("w:style"))
        }
        self.numbering = Numbering(document)
        self._footnotes: Footnotes | None = None
        self.last_number = 0
        self.after_table = False

    @property
    def footnotes(self) -> Footnotes:
        if self._footnotes is None:
            self._footnotes = Footnotes(self.document)
        return self._footnotes

    def blocks(self, nodes, context: _Context) -> None:
        follows_numbered = False
        for node in nodes:
            if context == _TOP and follows_numbered and self._indented(node):
                # A continuation the parser left outside its item: after `10.` the content
                # column is 4, so a line indented by 3 ends the item. The indent says it belongs.
                self.block(node, _IN_NUMBERED)
                continue
            self.block(node, context)
            follows_numbered = node.type == "ordered_list"

    def block(self, node, context: _Context) -> None:
        kind = node.type
        if kind == "heading":
            level = int(node.tag[1:])
            style = "Title" if level == 1 else f"Heading{level - 1}"
            self.inline(self.paragraph(style if style in self.styles else "Heading3"), node)
        elif kind == "paragraph":
            self.text_paragraph(node, context)
        elif kind == "ordered_list":
            self.ordered_list(node, context)
        elif kind == "bullet_list":
            self.bullet_list(node, context)
        elif kind == "table":
            self.table(node)
        elif kind == "blockquote":
            self.blocks(node.children, _Context(context.indent, context.depth, quote=True))
        elif kind in ("code_block", "fence"):
            p = self.paragraph(None, context.indent)
            add_text(p, node.content.rstrip("\n"))
        elif kind == "footnote_block":
            for note in node.children:
                self.footnotes.add(note, self)
        elif kind not in ("hr", "html_block", "footnote_anchor"):
            raise ValueError(f"cannot write Markdown {kind!r} to Word")

    def _indented(self, node) -> bool:
        first_line = self.lines[node.map[0]] if node.map else ""
        return node.type in ("paragraph", "bullet_list") and first_line.startswith((" ", "\t"))

    def paragraph(self, style: str | None, indent: int = 0, hanging: int = 0):
        """A new paragraph at the end of the body."""
        p = self.body.add_p()
        self.format(p, style, indent, hanging)
        if self.after_table and style in (None, "Quote"):  # headings have space before
            p.get_or_add_pPr().spacing_before = Twips(SPACE_AFTER_TABLE)
        self.after_table = False
        return p

    def _text_width(self) -> int:
        """The width between the margins, in twips."""
        section = self.document.sections[-1]
        try:
            return Length(section.page_width - section.left_margin - section.right_margin).twips
        except TypeError:  # the reference leaves the page size to the application
            return TEXT_WIDTH

    def format(self, p, style: str | None, indent: int = 0, hanging: int = 0) -> None:
        if style is None and not indent:
            return
        pPr = p.get_or_add_pPr()
        if style is not None and style in self.styles:
            pPr.style = style
        if indent:
            pPr.ind_left = Twips(indent)
        if hanging:
            pPr.first_line_indent = Twips(-hanging)

    def text_paragraph(self, node, context: _Context) -> None:
        indent = context.indent
        if context.quote and "Quote" not in self.styles:
            indent += INDENT
        style = "Quote" if context.quote else None
        label = bool(context.indent) and _starts_with_label(node)
        if label:
            # `(a) Entry point: ...` hangs from its label, as in Governing Body papers.
            p = self.paragraph(style, indent + INDENT, hanging=INDENT)
        else:
            p = self.paragraph(style, indent)
        self.inline(p, node, label=label)

    def ordered_list(self, node, context: _Context) -> None:
        if context.depth:
            raise ValueError(f"line {node.map[0] + 1}: numbered paragraphs cannot be nested")
        num_id = self.numbering.num_id("decimal")
        for offset, item in enumerate(node.children):
            number = int(item.info) if item.info else int(node.attrs.get("start", 1)) + offset
            if number != self.last_number + 1:
                raise ValueError(
                    f"line {item.map[0] + 1}: numbered paragraph {number} should be "
                    f"{self.last_number + 1}: paragraphs are numbered 1, 2, 3 ... across the report"
                )
            self.last_number = number
            self.list_item(item, num_id, 0, _IN_NUMBERED)

    def bullet_list(self, node, context: _Context) -> None:
        num_id = self.numbering.num_id("bullet")
        inner = _Context(INDENT * (context.depth + 1), context.depth + 1, context.quote)
        for item in node.children:
            self.list_item(item, num_id, context.depth, inner)

    def list_item(self, item, num_id: int, level: int, inner: _Context) -> None:
        """The item's first paragraph carries the number; the rest is indented to its text."""
        children = list(item.children)
        p = self.paragraph(None)
        numPr = p.get_or_add_pPr().get_or_add_numPr()
        numPr.get_or_add_ilvl().val = level
        numPr.get_or_add_numId().val = num_id
        if children and children[0].type == "paragraph":
            self.inline(p, children.pop(0))
        self.blocks(children, inner)

    def table(self, node) -> None:
        rows = [row for section in node.children for row in section.children]
        texts = [[_plain_text(cell) for cell in row.children] for row in rows]
        widths = column_widths(texts, self._text_width())
        end = self.body.sectPr
        previous = end.getprevious() if end is not None else (self.body[-1] if len(self.body) else None)
        if previous is None or previous.tag == qn("w:tbl"):
            self.paragraph(None)  # Word joins adjacent tables into one
        else:
            previous.get_or_add_pPr().keepNext_val = True  # it introduces the table
        table = self.document.add_table(rows=len(rows), cols=len(widths))
        self.after_table = True
        if "TableGrid" in self.styles:
            table._tbl.tblStyle_val = "TableGrid"
        style = "TableText" if "TableText" in self.styles else None
        for column, width in zip(table.columns, widths):
            column.width = Twips(width)
        for row, row_node in zip(table.rows, rows):
            header = row_node.children[0].type == "th"
            row_properties = row._tr.get_or_add_trPr()
            row_properties.append(OxmlElement("w:cantSplit"))
            if header:
                row_properties.append(OxmlElement("w:tblHeader"))  # repeats on each page
            for cell, cell_node, width in zip(row.cells, row_node.children, widths):
                cell.width = Twips(width)
                p = cell.paragraphs[0]._p
                self.format(p, style)
                match = re.search(r"text-align:\s*(\w+)", str(cell_node.attrs.get("style", "")))
                alignment = ALIGNMENTS.get(match.group(1)) if match else None
                p.get_or_add_pPr().jc_val = alignment or WD_ALIGN_PARAGRAPH.LEFT
                self.inline(p, cell_node, bold=header)

    def inline(self, p, block, bold: bool = False, label: bool = False) -> None:
        """Append the runs of a block's inline content to paragraph `p`."""
        segments: list[tuple] = []
        for child in block.children:
            if child.type == "inline":
                _segments(child.children, bold, False, segments)
        if label and segments and segments[0][0] == "text":
            segments[0] = ("text", LABEL.sub(r"\1\t", segments[0][1]), *segments[0][2:])
        for segment in _merged(segments):
            if segment[0] == "text":
                _, text, is_bold, is_italic = segment
                run = Run(p.add_r(), None)
                run.text = text
                if is_bold:
                    run.bold = True
                if is_italic:
                    run.italic = True
            elif segment[0] == "break":
                p.add_r().add_br()
            else:
                p.append(self.footnotes.reference(segment[1]))


def _segments(nodes, bold: bool, italic: bool, out: list[tuple]) -> None:
    """Flatten inline nodes into ("text", text, bold, italic), ("break",), ("note", meta)."""
    for node in nodes:
        kind = node.type
        if kind == "strong":
            _segments(node.children, True, italic, out)
        elif kind == "em":
            _segments(node.children, bold, True, out)
        elif kind in ("link", "image"):
            _segments(node.children, bold, italic, out)
        elif kind in ("text", "code_inline"):
            if node.content:  # markdown-it leaves empty text tokens around emphasis
                out.append(("text", node.content, bold, italic))
        elif kind == "softbreak":
            out.append(("text", " ", bold, italic))
        elif kind == "hardbreak":
            out.append(("break",))
        elif kind == "footnote_ref":
            out.append(("note", node.meta))
        elif kind not in ("html_inline", "footnote_anchor"):
            raise ValueError(f"cannot write Markdown {kind!r} to Word")


def _merged(segments: list[tuple]) -> list[tuple]:
    """Adjacent text segments with the same formatting as one."""
    merged: list[tuple] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        if segment[0] == "text" and previous and previous[0] == "text" and previous[2:] == segment[2:]:
            merged[-1] = ("text", previous[1] + segment[1], *segment[2:])
        else:
            merged.append(segment)
    return merged


def column_widths(rows: list[list[str]], width: int) -> list[int]:
    """Column widths (twips) filling `width`: each column gets at least its longest word,
    then a share of the rest after its longest text (counted up to 40 characters)."""
    columns = len(rows[0])
    cells = [[row[c] if c < len(row) else "" for row in rows] for c in range(columns)]
    least = [
        CELL_MARGINS + WIDE_CHAR_WIDTH * max(len(w) for t in col for w in [*t.split(), ""])
        for col in cells
    ]
    wanted = [CELL_MARGINS + CHAR_WIDTH * max(min(len(t), 40) for t in col) for col in cells]
    if sum(least) >= width:
        widths = [width * low // sum(least) for low in least]
    else:
        extra = [max(want - low, 0) for want, low in zip(wanted, least)]
        if not any(extra):
            extra = [1] * columns
        spare = width - sum(least)
        widths = [low + spare * more // sum(extra) for low, more in zip(least, extra)]
    widths[-1] += width - sum(widths)  # rounding
    return widths


def _plain_text(node) -> str:
    """The text of a node's inline content, without formatting."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain_text(child) for child in node.children)


def _starts_with_label(node) -> bool:
    inline = node.children[0] if node.children else None
    first = inline.children[0] if inline is not None and inline.children else None
    return first is not None and first.type == "text" and bool(LABEL.match(first.content))


def _set_core_properties(document, metadata: DocxMetadata) -> None:
    properties = document.core_properties
    element = properties._element  # python-docx has no API to clear the reference's fields.
    for child in list(element):
        element.remove(child)
    created = _utc(metadata.created)
    properties.title = metadata.title[:255]  # python-docx refuses longer values
    properties.author = properties.last_modified_by = metadata.author[:255]
    properties.revision = 1
    properties.created = properties.modified = created


def _utc(moment: datetime | date) -> datetime:
    """A naive UTC datetime (python-docx writes the clock time with a Z)."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment
