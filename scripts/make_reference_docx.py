"""Build templates/reference.docx, the styles of the Word report (then run scripts/make_starter.py,
which copies it into the package).

Starts from python-docx's default template and sets what a Governing Body paper looks like:
A4 with 2.5 cm margins, Times New Roman 12 pt, bold headings, 10 pt footnotes. The output is
deterministic (run it twice: same bytes), so the committed file can be checked against it.

    .venv/bin/python scripts/make_reference_docx.py [OUTPUT]
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from ilo_engage.reports.docx.writer import normalize_zip

OUTPUT = Path(__file__).resolve().parents[1] / "templates" / "reference.docx"

FONT = "Times New Roman"
# A4 and 2.5 cm margins, in twentieths of a point.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN, HEADER_DISTANCE = 11906, 16838, 1417, 709
# Whatever date: the reference's own properties are replaced in every report.
CREATED = datetime(2016, 3, 1)

# Styles the writer uses, written whole: the default template's versions carry theme fonts
# and colours that would override the font set here.
STYLES = {
    "Normal": """
        <w:name w:val="Normal"/><w:qFormat/>
        <w:pPr><w:spacing w:after="240"/><w:jc w:val="both"/></w:pPr>
        <w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>
        <w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>""",
    "Title": """
        <w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
        <w:uiPriority w:val="10"/><w:qFormat/>
        <w:pPr><w:keepNext/><w:spacing w:before="0" w:after="360"/><w:jc w:val="left"/></w:pPr>
        <w:rPr><w:b/><w:bCs/><w:kern w:val="28"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>""",
    "Heading1": """
        <w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
        <w:uiPriority w:val="9"/><w:qFormat/>
        <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="240"/>
        <w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr>
        <w:rPr><w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>""",
    "Heading2": """
        <w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
        <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
        <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="240"/>
        <w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr>
        <w:rPr><w:b/><w:bCs/></w:rPr>""",
    "Heading3": """
        <w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
        <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
        <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="240"/>
        <w:jc w:val="left"/><w:outlineLvl w:val="2"/></w:pPr>
        <w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr>""",
    "Quote": """
        <w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
        <w:uiPriority w:val="29"/><w:qFormat/>
        <w:pPr><w:ind w:left="567" w:right="567"/></w:pPr>
        <w:rPr><w:i/><w:iCs/></w:rPr>""",
    "FootnoteText": """
        <w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>
        <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
        <w:pPr><w:spacing w:after="60"/></w:pPr>
        <w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>""",
    "FootnoteReference": """
        <w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>
        <w:uiPriority w:val="99"/><w:unhideWhenUsed/>
        <w:rPr><w:vertAlign w:val="superscript"/></w:rPr>""",
    "TableText": """
        <w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>
        <w:pPr><w:spacing w:before="40" w:after="40"/><w:jc w:val="left"/></w:pPr>
        <w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>""",
}
STYLES = {style_id: body.replace("{FONT}", FONT) for style_id, body in STYLES.items()}
STYLE_TYPES = {"FootnoteReference": "character"}
DEFAULT_STYLES = {"Normal"}
# Character styles linked to the paragraph styles replaced above; they would keep theme fonts.
LINKED_STYLES = ("TitleChar", "Heading1Char", "Heading2Char", "Heading3Char", "QuoteChar")

DOC_DEFAULTS = f"""
<w:docDefaults {nsdecls("w")}>
  <w:rPrDefault><w:rPr>
    <w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>
    <w:sz w:val="24"/><w:szCs w:val="24"/>
    <w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/>
  </w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>
</w:docDefaults>"""

THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def build() -> bytes:
    """The bytes of reference.docx."""
    document = docx.Document()
    _drop_extra_parts(document)
    _set_page(document)
    _set_styles(document.styles.element)
    _clean_settings(document.settings.element)
    _set_core_properties(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def _drop_extra_parts(document) -> None:
    """Drop the Word 2010 style copy, the custom XML and the thumbnail of the default template."""
    extra = {RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype in extra:
            del document.part.rels[rId]
    package_rels = document.part.package.rels
    for rId, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rId]


def _set_page(document) -> None:
    """A4, 2.5 cm margins, the page number centred in the footer."""
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(HEADER_DISTANCE)
    _strip_rsids(document.element.body)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )


def _set_styles(styles) -> None:
    styles.replace(styles.find(qn("w:docDefaults")), parse_xml(DOC_DEFAULTS))
    for style_id in (*STYLES, *LINKED_STYLES):
        old = styles.get_by_id(style_id)
        if old is not None:
            styles.remove(old)
    for style_id, body in STYLES.items():
        kind = STYLE_TYPES.get(style_id, "paragraph")
        default = ' w:default="1"' if style_id in DEFAULT_STYLES else ""
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="{kind}"{default} w:styleId="{style_id}">'
                f"{body}</w:style>"
            )
        )
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
    _strip_rsids(styles)


def _clean_settings(settings) -> None:
    """Remove the editing-session ids Word left in the default template; set line breaks."""
    for tag in ("w:rsids", "w14:docId"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    # A justified line that ends in a line break (Markdown's hard break) is not stretched.
    # First child: w:doNotExpandShiftReturn precedes every other w:compat child present.
    settings.find(qn("w:compat")).insert(0, parse_xml(f"<w:doNotExpandShiftReturn {nsdecls('w')}/>"))


def _strip_rsids(element) -> None:
    for child in list(element.iter()):
        if child.tag == qn("w:rsid"):
            child.getparent().remove(child)
            continue
        for name in [name for name in child.attrib if name.startswith(qn("w:rsid"))]:
            del child.attrib[name]


def _set_core_properties(document) -> None:
    properties = document.core_properties
    element = properties._element  # python-docx has no API to clear the template's fields.
    for child in list(element):
        element.remove(child)
    properties.title = "Reference styles for ilo-engage reports"
    properties.author = properties.last_modified_by = "ilo-engage"
    properties.revision = 1
    properties.created = properties.modified = CREATED


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(build())
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
