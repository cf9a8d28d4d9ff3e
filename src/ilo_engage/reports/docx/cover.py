"""The parts that make a Word report a Governing Body paper: the first-page cover block, the
purpose box, the running header from page 2, the draft decision in a box, and the purpose's
"paragraph N" as a cross-reference (a REF field to a bookmark on the decision's number).

The cover is written from the report's `cover` projection (reports/progress.py: title,
session, symbol, section, date, language, purpose_kind, purpose, the implication lines),
never parsed back from the Markdown.
"""

from __future__ import annotations

import re

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

from .parts import add_text
from .tables import insert_in_order, set_borders, set_grid

# The bookmark the purpose's cross-reference points to (a name a drafter sees in Word).
DECISION_BOOKMARK = "DraftDecision"
# Labels of the lines under the purpose, in the paper's order, and the cover's field for each.
IMPLICATIONS = (
    ("Relevant strategic objective", "strategic_objective"),
    ("Policy implications", "policy"),
    ("Legal implications", "legal"),
    ("Financial implications", "financial"),
    ("Follow-up action required", "follow_up"),
    ("Author unit", "author_unit"),
    ("Related documents", "related_documents"),
)
# The cover's columns: the body and session on the left, symbol, code, date on the right.
RIGHT_SHARE = 0.4
# Space inside a box (top, and after its last paragraph), in twips.
BOX_PADDING = 120
# Space between a box's side borders and its text, in twips.
BOX_MARGIN = 170


def cover_field(cover: object, name: str) -> str:
    """A cover field as text ("" when the projection has no such field; any object with the
    fields of `reports.progress.Cover` will do)."""
    value = getattr(cover, name, None)
    if value is None:
        value = getattr(getattr(cover, "implications", None), name, None)
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return "; ".join(str(v) for v in value) + ("." if value else "")
    return str(value)


def _label(cover: object, english: str) -> str:
    """A cover label in the report's language (the cover's `labels`; English without them)."""
    return str(getattr(cover, "labels", {}).get(english, english))


def short_code(symbol: str) -> str:
    """The section's short code in a symbol: INS in GB.326/INS/3."""
    parts = symbol.split("/")
    return parts[1] if len(parts) >= 3 else ""


def write_cover(document: Document, cover: object, width: int, decision: int | None) -> list[BaseOxmlElement]:
    """Append the cover block, title and purpose box; return the elements written, in order.
    `decision` is the bookmarked number of the draft decision (None: no cross-reference)."""
    body = document.element.body
    before = set(body)
    symbol = cover_field(cover, "symbol")
    left, right = width - round(width * RIGHT_SHARE), round(width * RIGHT_SHARE)

    layout = document.add_table(rows=3, cols=2)
    set_borders(layout, "none")
    set_grid(layout, [left, right])
    cells = [[cell.paragraphs[0] for cell in row.cells] for row in layout.rows]
    _text(cells[0][0], _label(cover, "Governing Body"), bold=True, size=14)
    _text(_next(cells[0][0]), cover_field(cover, "session"))
    _text(cells[0][1], symbol, bold=True, size=14, align="right")
    _text(cells[1][0], cover_field(cover, "section"), space_before=240)
    _text(cells[1][1], short_code(symbol), bold=True, align="right", space_before=240)
    _text(cells[2][1], f"{_label(cover, 'Date:')} {cover_field(cover, 'date')}", align="right", space_before=240)
    _text(_next(cells[2][1]), f"{_label(cover, 'Original:')} {cover_field(cover, 'language')}", align="right")

    kind = cover_field(cover, "purpose_kind")
    if kind:
        _text(document.add_paragraph(), kind.upper(), bold=True, space_before=480, after=480)
    title = document.add_paragraph(style="Title" if _has_style(document, "Title") else None)
    _text(title, cover_field(cover, "title"), bold=True, after=None)

    box = document.add_table(rows=1, cols=1)
    set_borders(box, "single")
    set_grid(box, [width], indent=BOX_MARGIN)
    _pad(box)
    cell = box.rows[0].cells[0]
    first = cell.paragraphs[0]
    _text(first, _label(cover, "Purpose of the document"), bold=True, after=120)
    purpose = cover_field(cover, "purpose")
    for text in (t for t in re.split(r"\n\s*\n", purpose) if t.strip()):
        p = cell.add_paragraph()
        _purpose_text(p._p, " ".join(text.split()), decision)
        p.paragraph_format.space_after = Twips(240)
    for label, name in IMPLICATIONS:
        value = cover_field(cover, name)
        if value:
            p = cell.add_paragraph()
            _text(p, f"{_label(cover, label + ':')} ", bold=True, after=120, align="left")
            add_text(p._p, value)
    cell.paragraphs[-1].paragraph_format.space_after = Twips(BOX_PADDING)
    return [child for child in body if child not in before]


def box_elements(document: Document, elements: list[BaseOxmlElement], width: int) -> None:
    """Move body `elements` into a one-cell bordered table where the first of them stood."""
    if not elements:
        return
    box = document.add_table(rows=1, cols=1)
    set_borders(box, "single")
    set_grid(box, [width], indent=BOX_MARGIN)
    _pad(box)
    cell = box.rows[0].cells[0]
    tc = cell._tc
    elements[0].addprevious(box._tbl)
    tc.remove(tc.find(qn("w:p")))
    for element in elements:
        tc.append(element)
    if tc[-1].tag != qn("w:p"):  # a cell ends with a paragraph
        tc.append(OxmlElement("w:p"))
    Paragraph(tc[-1], cell).paragraph_format.space_after = Twips(BOX_PADDING)


def bookmark(p: CT_P, name: str, bookmark_id: int = 0) -> None:
    """Enclose paragraph `p`'s content in a bookmark (a REF field then gives its number)."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>')
    properties = p.find(qn("w:pPr"))
    if properties is None:
        p.insert(0, start)
    else:
        properties.addnext(start)
    p.append(end)


def ref_field(p: CT_P, name: str, shown: str) -> None:
    """A REF field giving the paragraph number of bookmark `name` (\\n: the number alone,
    \\h: a link to it); `shown` is its result until Word or LibreOffice updates it."""
    for content in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> REF {name} \\n \\h </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
        f"<w:t>{shown}</w:t>",
        '<w:fldChar w:fldCharType="end"/>',
    ):
        p.append(parse_xml(f'<w:r {nsdecls("w")}>{content}</w:r>'))


def running_header(document: Document, symbol: str) -> None:
    """The symbol at the top of every page but the first; the page number in every footer
    but the first page's (the cover has neither)."""
    for section in document.sections:
        section.different_first_page_header_footer = True
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        for child in list(paragraph._p):
            if child.tag != qn("w:pPr"):
                paragraph._p.remove(child)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        add_text(paragraph._p, symbol)
        for part in (section.first_page_header, section.first_page_footer):
            part.is_linked_to_previous = False
        footer = section.footer
        footer.is_linked_to_previous = False
        if " PAGE " not in "".join(footer._element.xpath(".//w:instrText/text() | .//@w:instr")):
            p = footer.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p._p.append(parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
            ))  # fmt: skip


def _purpose_text(p: CT_P, text: str, decision: int | None) -> None:
    """The purpose, its "paragraph N" (N the draft decision's number) as a cross-reference."""
    match = re.search(rf"\bparagraph {decision}\b", text) if decision is not None else None
    if match is None:
        add_text(p, text)
        return
    add_text(p, text[: match.start()] + "paragraph ")
    ref_field(p, DECISION_BOOKMARK, str(decision))
    add_text(p, text[match.end() :])


def _text(paragraph: Paragraph, text: str, bold: bool = False, size: int | None = None, align: str = "",
          space_before: int = 0, after: int | None = 0) -> None:
    """Text in `paragraph`, set as given (`after=None`: the style's space after)."""
    fmt = paragraph.paragraph_format
    fmt.space_before = Twips(space_before)
    if after is not None:
        fmt.space_after = Twips(after)
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)


def _next(paragraph: Paragraph) -> Paragraph:
    """A new paragraph after `paragraph`, in the same cell."""
    new = OxmlElement("w:p")
    paragraph._p.addnext(new)
    return Paragraph(new, paragraph._parent)


def _pad(table: Table) -> None:
    """Room between a box's border and its text."""
    margins = parse_xml(
        f'<w:tblCellMar {nsdecls("w")}><w:top w:w="{BOX_PADDING}" w:type="dxa"/>'
        f'<w:left w:w="{BOX_MARGIN}" w:type="dxa"/><w:right w:w="{BOX_MARGIN}" w:type="dxa"/></w:tblCellMar>'
    )
    insert_in_order(table._tbl.tblPr, margins)


def _has_style(document: Document, style_id: str) -> bool:
    return any(s.get(qn("w:styleId")) == style_id for s in document.styles.element.iter(qn("w:style")))
