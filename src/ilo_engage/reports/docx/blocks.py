"""The body of the Word report, block by block from the report's Markdown.

Handles the Markdown the report templates write: one `#` title, `##`-`####` headings,
paragraphs with bold, italic, code (as plain text), links (their text) and hard breaks,
numbered paragraphs (ordered-list items numbered 1, 2, 3 ... across the whole document) with
indented continuation paragraphs such as `(a) ...`, bullet lists, pipe tables with a header
row, footnotes, block quotes (style Quote) and rules (which render as nothing). The numbered
paragraph under the heading "Draft decision" is boxed and bookmarked.

Record text can look like Markdown it never meant ("2015. The year…" read as a list, "# 1"
as a heading, HTML): what cannot be a paragraph of the report is written as it stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.oxml.document import CT_Body
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Twips
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

from .cover import DECISION_BOOKMARK, bookmark, box_elements
from .inline import marker, plain_text, starts_with_label, write_inline
from .parts import INDENT, Footnotes, Numbering, add_text
from .tables import write_table

# Word puts the paragraph after a table against its bottom border: 12 pt apart instead.
SPACE_AFTER_TABLE = 240
# A4 less 2.5 cm margins (twips), for a reference without page size.
TEXT_WIDTH = 9072
DECISION_HEADING = "draft decision"


@dataclass(frozen=True)
class _Context:
    """Where blocks go: indentation (twips), list depth, and whether inside a block quote."""

    indent: int = 0
    depth: int = 0
    quote: bool = False


TOP = _Context()
IN_NUMBERED = _Context(indent=INDENT, depth=1)


class BodyWriter:
    """Appends the Markdown's blocks to the document's body."""

    def __init__(self, document: Document, markdown: str) -> None:
        self.document = document
        self.body: CT_Body = document.element.body
        self.markdown = markdown
        # Split lines as markdown-it does (str.splitlines also splits at \x0b, \u2028 ...).
        self.lines = markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.styles = {style.get(qn("w:styleId")) for style in document.styles.element.iter(qn("w:style"))}
        self.numbering = Numbering(document)
        self._footnotes: Footnotes | None = None
        self.last_number = 0
        self.after_table = False
        self.decision_heading: CT_P | None = None  # the "Draft decision" heading, until the next heading
        self.decision_number: int | None = None  # the number of the bookmarked paragraph

    @property
    def footnotes(self) -> Footnotes:
        if self._footnotes is None:
            self._footnotes = Footnotes(self.document)
        return self._footnotes

    def write(self) -> None:
        parser = MarkdownIt("commonmark").enable("table").use(footnote_plugin)
        self.blocks(SyntaxTreeNode(parser.parse(self.markdown)).children, TOP)
        self._close_decision()

    def text_width(self) -> int:
        """The width between the margins, in twips."""
        section = self.document.sections[-1]
        width, left, right = section.page_width, section.left_margin, section.right_margin
        if width is None or left is None or right is None:  # the reference leaves the page size to the application
            return TEXT_WIDTH
        twips: int = Length(width - left - right).twips  # python-docx's Length.twips is an int, unannotated
        return twips

    # Blocks

    def blocks(self, nodes: Sequence[SyntaxTreeNode], context: _Context) -> None:
        follows_numbered = False
        for node in nodes:
            if context == TOP and follows_numbered and self._indented(node):
                # A continuation the parser left outside its item: after `10.` the content
                # column is 4, so a line indented by 3 ends the item. The indent says it belongs.
                self.block(node, IN_NUMBERED)
                continue
            self.block(node, context)
            follows_numbered = node.type == "ordered_list"

    def block(self, node: SyntaxTreeNode, context: _Context) -> None:
        kind = node.type
        if kind == "heading":
            self.heading(node, context)
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
            add_text(self.paragraph(None, context.indent), node.content.rstrip("\n"))
        elif kind == "footnote_block":
            for note in node.children:
                self.footnote(note)
        elif kind not in ("hr", "footnote_anchor"):
            self.literal(node, context)  # html_block and anything else: the text as written

    def heading(self, node: SyntaxTreeNode, context: _Context) -> None:
        if context != TOP:  # "# …" inside a numbered paragraph is text, not a heading
            self.literal(node, context)
            return
        self._close_decision()
        level = int(node.tag[1:])
        style = "Title" if level == 1 else f"Heading{level - 1}"
        p = self.paragraph(style if style in self.styles else "Heading3")
        self.inline(p, node)
        if level == 2 and " ".join(plain_text(node).split()).casefold() == DECISION_HEADING:
            self.decision_heading = p

    def _indented(self, node: SyntaxTreeNode) -> bool:
        first_line = self.lines[node.map[0]] if node.map else ""
        return node.type in ("paragraph", "bullet_list") and first_line.startswith((" ", "\t"))

    def paragraph(self, style: str | None, indent: int = 0, hanging: int = 0) -> CT_P:
        """A new paragraph at the end of the body."""
        p = self.body.add_p()
        self.format(p, style, indent, hanging)
        if self.after_table and style in (None, "Quote"):  # headings have space before
            p.get_or_add_pPr().spacing_before = Twips(SPACE_AFTER_TABLE)
        self.after_table = False
        return p

    def format(self, p: CT_P, style: str | None, indent: int = 0, hanging: int = 0) -> None:
        if style is None and not indent:
            return
        pPr = p.get_or_add_pPr()
        if style is not None and style in self.styles:
            pPr.style = style
        if indent:
            pPr.ind_left = Twips(indent)
        if hanging:
            pPr.first_line_indent = Twips(-hanging)

    def text_paragraph(self, node: SyntaxTreeNode, context: _Context) -> None:
        indent = context.indent
        if context.quote and "Quote" not in self.styles:
            indent += INDENT
        style = "Quote" if context.quote else None
        label = bool(context.indent) and starts_with_label(node)
        if label:
            # `(a) Entry point: ...` hangs from its label, as in Governing Body papers.
            p = self.paragraph(style, indent + INDENT, hanging=INDENT)
        else:
            p = self.paragraph(style, indent)
        self.inline(p, node, label=label)

    def ordered_list(self, node: SyntaxTreeNode, context: _Context) -> None:
        if context.depth:  # "2015. The year…" inside a paragraph: text, not a nested list
            self.literal(node, context)
            return
        num_id = self.numbering.num_id("decimal")
        for offset, item in enumerate(node.children):
            number = int(item.info) if item.info else int(node.attrs.get("start", 1)) + offset
            if number != self.last_number + 1 or item.markup != ".":
                # Not the next paragraph ("2015. The year…" as a text of its own): as written.
                for rest in node.children[offset:]:
                    self.literal_item(node, rest, context)
                return
            self.last_number = number
            p = self.list_item(item, num_id, 0, IN_NUMBERED)
            if self.decision_heading is not None and self.decision_number is None:
                bookmark(p, DECISION_BOOKMARK)
                self.decision_number = number

    def bullet_list(self, node: SyntaxTreeNode, context: _Context) -> None:
        num_id = self.numbering.num_id("bullet")
        inner = _Context(INDENT * (context.depth + 1), context.depth + 1, context.quote)
        for item in node.children:
            self.list_item(item, num_id, context.depth, inner)

    def list_item(self, item: SyntaxTreeNode, num_id: int, level: int, inner: _Context) -> CT_P:
        """The item's first paragraph carries the number; the rest is indented to its text."""
        children = list(item.children)
        p = self.paragraph(None)
        numPr = p.get_or_add_pPr().get_or_add_numPr()
        numPr.get_or_add_ilvl().val = level
        numPr.get_or_add_numId().val = num_id
        if children:
            self.literal_into(p, children.pop(0), inner)
        self.blocks(children, inner)
        return p

    # Text that only looks like Markdown

    def literal(self, node: SyntaxTreeNode, context: _Context) -> None:
        """A block whose Markdown the text did not mean, in a paragraph of its own, as written."""
        self.literal_into(self.paragraph(None, context.indent), node, context)

    def literal_into(self, p: CT_P, node: SyntaxTreeNode, context: _Context) -> None:
        """Write `node` into paragraph `p`: a paragraph's text, else the block as written."""
        kind = node.type
        if kind == "paragraph":
            self.inline(p, node)
        elif kind == "heading":
            add_text(p, node.markup + " ")
            self.inline(p, node)
        elif kind in ("ordered_list", "bullet_list"):
            first, *rest = node.children
            add_text(p, marker(node, first))
            self._item_into(p, first, context)
            for item in rest:
                self.literal_item(node, item, context)
        elif kind == "blockquote":
            add_text(p, "> ")
            self._item_into(p, node, context)
        else:  # rules, code, HTML, tables: the source lines
            add_text(p, " ".join(line.strip() for line in self.source(node)).strip())

    def literal_item(self, node: SyntaxTreeNode, item: SyntaxTreeNode, context: _Context) -> None:
        p = self.paragraph(None, context.indent)
        add_text(p, marker(node, item))
        self._item_into(p, item, context)

    def _item_into(self, p: CT_P, container: SyntaxTreeNode, context: _Context) -> None:
        children = list(container.children)
        if children:
            self.literal_into(p, children[0], context)
        self.blocks(children[1:], context if context.depth else IN_NUMBERED)

    def source(self, node: SyntaxTreeNode) -> list[str]:
        if not node.map:
            return [node.content]
        lines = self.lines[node.map[0] : node.map[1]]
        if lines:  # the first line may begin with the list marker or footnote label around it
            lines[0] = re.sub(r"^\s*(?:\[\^[^\]]*\]:|\d{1,9}[.)]|[-+*])\s+(?=\S)", "", lines[0])
        return lines

    def footnote(self, node: SyntaxTreeNode) -> None:
        """A footnote_block's note as a Word footnote, each of its paragraphs styled FootnoteText."""
        note = self.footnotes.add(node.meta)
        for index, child in enumerate(c for c in node.children if c.type != "footnote_anchor"):
            p = self.footnotes.paragraph(note, first=index == 0)
            self.format(p, "FootnoteText")  # the paragraph's properties go first, before its runs
            if child.type == "paragraph":
                self.inline(p, child)
            else:  # a note whose text looks like a list or heading: as written
                add_text(p, " ".join(line.strip() for line in self.source(child)).strip())

    # The draft decision

    def _close_decision(self) -> None:
        """Box what follows the "Draft decision" heading (its paragraph and sub-items)."""
        if self.decision_heading is None:
            return
        elements: list[BaseOxmlElement] = []
        following = self.decision_heading.getnext()
        while following is not None and following.tag != qn("w:sectPr"):
            elements.append(following)
            following = following.getnext()
        self.decision_heading = None
        box_elements(self.document, elements, self.text_width())

    # Tables and inline content

    def table(self, node: SyntaxTreeNode) -> None:
        write_table(self, node)
        self.after_table = True

    def inline(self, p: CT_P, block: SyntaxTreeNode, bold: bool = False, label: bool = False,
               keep_hyphens: bool = False) -> None:
        """Append the runs of a block's inline content to paragraph `p` (see `inline.write_inline`)."""
        write_inline(p, block, lambda meta: self.footnotes.reference(meta), bold, label, keep_hyphens)
