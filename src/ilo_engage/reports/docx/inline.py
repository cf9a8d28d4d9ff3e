"""Inline Markdown for the Word report: runs of text with their formatting and footnote marks,
and the plain text of a node (for measuring table cells and recognising headings)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Literal

from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from markdown_it.tree import SyntaxTreeNode

from .parts import add_text

# A piece of a paragraph's inline content: text with its bold and italic, a hard line break, or the
# mark of a footnote (markdown-it's `meta` of the reference: the note's `id`, `subId` when repeated).
Text = tuple[Literal["text"], str, bool, bool]
Segment = Text | tuple[Literal["break"]] | tuple[Literal["note"], dict[str, Any]]

# Where the sub-item text starts after a `(a)` label: one more step in.
LABEL = re.compile(r"^(\([a-z]{1,5}\))[ \t]+")


def segments(nodes: Iterable[SyntaxTreeNode], bold: bool, italic: bool, out: list[Segment]) -> None:
    """Flatten inline nodes into ("text", text, bold, italic), ("break",), ("note", meta)."""
    for node in nodes:
        kind = node.type
        if kind == "strong":
            segments(node.children, True, italic, out)
        elif kind == "em":
            segments(node.children, bold, True, out)
        elif kind in ("link", "image"):
            segments(node.children, bold, italic, out)
        elif kind == "softbreak":
            out.append(("text", " ", bold, italic))
        elif kind == "hardbreak":
            out.append(("break",))
        elif kind == "footnote_ref":
            out.append(("note", node.meta))
        elif kind != "footnote_anchor" and node.content:
            # text, code, and HTML-looking text ("<Acme>"), which is shown as written
            out.append(("text", node.content, bold, italic))


def merged(segments: list[Segment]) -> list[Segment]:
    """Adjacent text segments with the same formatting as one."""
    merged: list[Segment] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        if segment[0] == "text" and previous and previous[0] == "text" and previous[2:] == segment[2:]:
            merged[-1] = ("text", previous[1] + segment[1], segment[2], segment[3])
        else:
            merged.append(segment)
    return merged


def marker(node: SyntaxTreeNode, item: SyntaxTreeNode) -> str:
    """A list item's marker as the text had it: "2015. ", "- "."""
    if node.type == "ordered_list":
        return f"{item.info}{item.markup} "
    return f"{item.markup} "


def plain_text(node: SyntaxTreeNode) -> str:
    """The text of a node's inline content, without formatting."""
    if node.type in ("softbreak", "hardbreak"):
        return " "
    if not node.children:
        return node.content
    return "".join(plain_text(child) for child in node.children)


def starts_with_label(node: SyntaxTreeNode) -> bool:
    inline = node.children[0] if node.children else None
    first = inline.children[0] if inline is not None and inline.children else None
    return first is not None and first.type == "text" and bool(LABEL.match(first.content))


def write_inline(p: CT_P, block: SyntaxTreeNode, note_mark: Callable[[dict[str, Any]], BaseOxmlElement],
                 bold: bool = False, label: bool = False, keep_hyphens: bool = False) -> None:
    """Append the runs of a block's inline content to paragraph `p`; `note_mark` makes the run
    that marks a footnote (`label`: a tab after a leading `(a)`; `keep_hyphens`: no line break
    at a hyphen, so that "2015-03-02" and "supply-chains" stay whole)."""
    parts: list[Segment] = []
    for child in block.children:
        if child.type == "inline":
            segments(child.children, bold, False, parts)
    if label and parts and parts[0][0] == "text":
        parts[0] = ("text", LABEL.sub(r"\1\t", parts[0][1]), *parts[0][2:])
    for segment in merged(parts):
        if segment[0] == "text":
            _, text, is_bold, is_italic = segment
            add_text(p, text, bold=is_bold, italic=is_italic, keep_hyphens=keep_hyphens)
        elif segment[0] == "break":
            p.add_r().add_br()
        else:
            p.append(note_mark(segment[1]))
