"""The parts of a Word document python-docx has no API for, written as OOXML: one numbering
that runs across the whole document, and real footnotes. They make the XML containers; the body
writer (blocks.py) fills them with text, so that nothing here calls back into it."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.settings import CT_Settings
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.numbering import NumberingPart
from docx.text.font import Font

# Text position of numbered paragraphs (1 cm, in twips); continuation paragraphs start there.
INDENT = 567
NOTE_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")
# w:settings children that come after w:footnotePr, in schema order.
SETTINGS_AFTER_FOOTNOTE_PR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
    "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
    "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
    "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip


class Numbering:
    """The two numbering definitions the report uses, added to the numbering part on first use."""

    LEVELS: ClassVar[dict[str, list[tuple[str, str]]]] = {
        # numFmt, lvlText per level; level 0 of "decimal" numbers the report's paragraphs.
        "decimal": [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")],
        "bullet": [("bullet", "\u2022"), ("bullet", "\u2013"), ("bullet", "\u2022")],
    }

    def __init__(self, document: Document) -> None:
        self.document = document
        self._ids: dict[str, int] = {}

    def num_id(self, kind: str) -> int:
        if kind not in self._ids:
            self._ids[kind] = self._add(kind)
        return self._ids[kind]

    def _add(self, kind: str) -> int:
        root = self._root()
        abstract_id = 1 + max(
            (int(a.get(qn("w:abstractNumId"))) for a in root.iter(qn("w:abstractNum"))), default=-1
        )
        num_id = 1 + max((int(n.get(qn("w:numId"))) for n in root.iter(qn("w:num"))), default=0)
        levels = "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{INDENT * (level + 1)}" w:hanging="{INDENT}"/></w:pPr></w:lvl>'
            for level, (fmt, text) in enumerate(self.LEVELS[kind])
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        )
        num = parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
        # Schema order: every w:abstractNum before every w:num, w:numIdMacAtCleanup last.
        after_abstract = root.find(qn("w:num"))
        if after_abstract is None:
            after_abstract = root.find(qn("w:numIdMacAtCleanup"))
        if after_abstract is None:
            root.append(abstract)
        else:
            after_abstract.addprevious(abstract)
        cleanup = root.find(qn("w:numIdMacAtCleanup"))
        if cleanup is None:
            root.append(num)
        else:
            cleanup.addprevious(num)
        return num_id

    def _root(self) -> BaseOxmlElement:
        part = self.document.part
        try:
            related = part.part_related_by(RT.NUMBERING)
        except KeyError:
            # python-docx cannot create a numbering part (NumberingPart.new is not implemented).
            element = parse_xml(f'<w:numbering {nsdecls("w")}/>')
            numbering = NumberingPart(
                PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element, part.package
            )
            part.relate_to(numbering, RT.NUMBERING)
            return element
        if not isinstance(related, XmlPart):  # python-docx loads numbering.xml as a NumberingPart
            raise TypeError("the numbering part is not XML")
        root: BaseOxmlElement = related.element
        return root


class Footnotes:
    """The footnotes part: the reference's separators, then one w:footnote per note."""

    def __init__(self, document: Document) -> None:
        part = document.part
        old = next((rel for rel in part.rels.values() if rel.reltype == RT.FOOTNOTES), None)
        if old is None:
            root = parse_xml(
                f'<w:footnotes {nsdecls("w")}>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>'
                '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                "<w:r><w:separator/></w:r></w:p></w:footnote>"
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
                '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
                "</w:footnotes>"
            )
            partname = PackURI("/word/footnotes.xml")
        else:
            # python-docx loads footnotes as a plain Part: parse it and replace it with ours.
            root = parse_xml(old.target_part.blob)
            partname = old.target_part.partname
            for note in root.findall(qn("w:footnote")):
                if note.get(qn("w:type")) not in NOTE_SEPARATORS:
                    root.remove(note)
            del part.rels[old.rId]
        self.root = root
        separator_ids = [int(note.get(qn("w:id"))) for note in root.findall(qn("w:footnote"))]
        self.first_id = max(separator_ids, default=0) + 1
        part.relate_to(XmlPart(partname, CT.WML_FOOTNOTES, root, part.package), RT.FOOTNOTES)
        _declare_separators(document.settings.element, separator_ids)

    def reference(self, meta: dict[str, Any]) -> BaseOxmlElement:
        """The run that marks a note in the text."""
        note_id = self.first_id + meta["id"]
        if meta.get("subId", 0):
            # A note referred to again: Word notes have one mark each, so repeat its number.
            return _note_run(f'<w:t>{meta["id"] + 1}</w:t>')
        return _note_run(f'<w:footnoteReference w:id="{note_id}"/>')

    def add(self, meta: dict[str, Any]) -> BaseOxmlElement:
        """A new, empty w:footnote for the note markdown-it numbers `meta["id"]`; the body writer
        fills it with `paragraph`."""
        note = parse_xml(f'<w:footnote {nsdecls("w")} w:id="{self.first_id + meta["id"]}"/>')
        self.root.append(note)
        return note

    @staticmethod
    def paragraph(note: BaseOxmlElement, first: bool) -> CT_P:
        """A new paragraph at the end of a note; the first starts with the note's number and a space."""
        p = cast(CT_P, OxmlElement("w:p"))  # python-docx makes every w:p a CT_P
        note.append(p)
        if first:
            p.append(_note_run("<w:footnoteRef/>"))
            add_text(p, " ")
        return p


def _note_run(content: str) -> BaseOxmlElement:
    return parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/>'
        f'<w:vertAlign w:val="superscript"/></w:rPr>{content}</w:r>'
    )


def _declare_separators(settings: CT_Settings, separator_ids: list[int]) -> None:
    """List the separator notes in w:settings/w:footnotePr, as Word does."""
    if settings.find(qn("w:footnotePr")) is not None or not separator_ids:
        return
    footnote_pr = parse_xml(
        f'<w:footnotePr {nsdecls("w")}>'
        + "".join(f'<w:footnote w:id="{i}"/>' for i in separator_ids)
        + "</w:footnotePr>"
    )
    settings.insert_element_before(footnote_pr, *SETTINGS_AFTER_FOOTNOTE_PR)


def add_text(p: CT_P, text: str, bold: bool = False, italic: bool = False, keep_hyphens: bool = False) -> None:
    """Append a run of plain text to a paragraph (line breaks and tabs kept; with
    `keep_hyphens`, each hyphen a non-breaking one, so that no line breaks after it)."""
    r = p.add_r()
    # The run's formatting as python-docx's Run sets it (a Run proxy needs a story part; a run
    # of a footnote has none python-docx knows).
    if bold:
        Font(r).bold = True
    if italic:
        Font(r).italic = True
    if not keep_hyphens or "-" not in text:
        r.text = text  # python-docx writes "\n" as <w:br/> and "\t" as <w:tab/>
        return
    for index, piece in enumerate(text.split("-")):
        if index:
            r.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            r.add_t(piece)
