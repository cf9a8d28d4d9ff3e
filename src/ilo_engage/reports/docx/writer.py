"""Word output: the DOCX of a report's Markdown, styled by a reference document.

The Markdown's blocks become the body (blocks.py), which writes tables (tables.py) and footnotes
(parts.py) through small public interfaces. Given the report's cover projection,
the document is laid out as a Governing Body paper (cover.py): cover block and purpose
box on page 1 instead of the Markdown's cover lines, the symbol as running header from page
2, the draft decision boxed and cross-referenced. The output is the same bytes every time.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from importlib import resources
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from ...core.errors import IloEngageError
from .blocks import BodyWriter
from .cover import cover_field, running_header, write_cover

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
A4 = (11906, 16838)  # twips
# The page of a reference that has no section properties: A4, 2.5 cm margins (twips).
DEFAULT_SECTION = (
    f'<w:sectPr {nsdecls("w")}><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="709" '
    'w:footer="709" w:gutter="0"/></w:sectPr>'
)


class ReferenceUnusable(IloEngageError):
    """The reference .docx that styles the Word report cannot be used (exit 1)."""

    def __init__(self, reason: str, path: Path) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class DocxMetadata:
    """The document properties of a report."""

    title: str
    author: str
    created: datetime  # from the report's data, never "now": the output must be reproducible
    language: str | None = None  # a tag such as fr-FR, for spell-checking; None: the reference document's


def markdown_to_docx(
    markdown: str,
    metadata: DocxMetadata,
    reference: Path | None = None,
    cover: object | None = None,
    landscape: bool = False,
) -> bytes:
    """The DOCX of a report's Markdown, styled by a reference .docx (default: the package's).

    `cover`: the report's cover projection; the Markdown before its first `## ` heading (its
    own cover lines) is then left out. `landscape`: every page in landscape (wide tables)."""
    document = load_reference(reference)
    try:
        return _build(document, markdown, metadata, cover, landscape)
    except Exception as exc:
        if reference is None:
            raise
        # Blame the reference only if the package's own reference makes the same document.
        _build(load_reference(None), markdown, metadata, cover, landscape)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReferenceUnusable(f"not a usable Word document ({reason})", reference) from None


def _build(document: Document, markdown: str, metadata: DocxMetadata, cover: object | None, landscape: bool) -> bytes:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    if body.find(qn("w:sectPr")) is None:
        body.append(parse_xml(DEFAULT_SECTION))
    if landscape:
        _landscape(document)
    if cover is not None:
        markdown = _without_cover(markdown)
    writer = BodyWriter(document, markdown)
    writer.write()
    if cover is not None:
        elements = write_cover(document, cover, writer.text_width(), writer.decision_number)
        for index, element in enumerate(elements):
            body.insert(index, element)
        running_header(document, cover_field(cover, "symbol"))
    _set_core_properties(document, metadata)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def load_reference(reference: Path | None) -> Document:
    """The reference document, or ReferenceUnusable naming the file and what is wrong."""
    if reference is None:
        return docx.Document(io.BytesIO(default_reference()))
    try:
        data = reference.read_bytes()
    except OSError as exc:
        raise ReferenceUnusable(f"cannot read the reference Word document ({exc.strerror})", reference) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReferenceUnusable("not a Word document (a .docx is a zip archive; this file is not one)", reference)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
        if "[Content_Types].xml" not in names:
            raise ReferenceUnusable("not a Word document (the zip archive has no [Content_Types].xml)", reference)
        document = docx.Document(io.BytesIO(data))
        if document.element.body is None:
            raise ReferenceUnusable("not a usable Word document (its main part has no body)", reference)
        document.styles  # noqa: B018  (loads the styles part: a broken one fails here)
        document.settings  # noqa: B018
    except ReferenceUnusable:
        raise
    except Exception as exc:  # noqa: BLE001  (python-docx, zipfile and lxml raise many kinds)
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReferenceUnusable(f"not a usable Word document ({reason})", reference) from None
    return document


def default_reference() -> bytes:
    """The bytes of the package's reference.docx (made by scripts/make_reference_docx.py)."""
    return resources.files("ilo_engage").joinpath("templates", "reference.docx").read_bytes()


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


def _without_cover(markdown: str) -> str:
    """The Markdown from its first `## ` heading on (the Word cover comes from the projection)."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("## "):
            return "\n".join(lines[index:])
    return markdown


def _landscape(document: Document) -> None:
    """Every section's page turned to landscape (A4 where the reference gives no size)."""
    for section in document.sections:
        width, height = section.page_width or Twips(A4[0]), section.page_height or Twips(A4[1])
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = max(width, height), min(width, height)


def _set_core_properties(document: Document, metadata: DocxMetadata) -> None:
    properties = document.core_properties
    element = properties._element  # python-docx has no API to clear the reference's fields.
    for child in list(element):
        element.remove(child)
    created = _utc(metadata.created)
    properties.title = metadata.title[:255]  # python-docx refuses longer values
    properties.author = properties.last_modified_by = metadata.author[:255]
    properties.revision = 1
    properties.created = properties.modified = created
    if metadata.language:
        properties.language = metadata.language
        _set_language(document, metadata.language)


def _set_language(document: Document, tag: str) -> None:
    """The document's language for Word's spell-checker: the default run properties and every style
    that names a language (w:lang), so that no style keeps the reference's English."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    if properties.find(qn("w:lang")) is None:
        properties.append(OxmlElement("w:lang"))
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), tag)


def _utc(moment: datetime | date) -> datetime:
    """A naive UTC datetime (python-docx writes the clock time with a Z)."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment
