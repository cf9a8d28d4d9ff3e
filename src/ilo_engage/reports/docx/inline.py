"""Inline Markdown for the Word report: runs of text with their formatting, and the plain
text of a node (for measuring table cells and recognising headings)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Literal

from markdown_it.tree import SyntaxTreeNode

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
