"""The Word report: the DOCX written from the report's Markdown, read back with python-docx."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Pt
from lxml import etree

from ilo_engage.reports.docx.tables import column_widths
from ilo_engage.reports.docx.writer import DocxMetadata, default_reference, markdown_to_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
DCTERMS = "http://purl.org/dc/terms/"
META = DocxMetadata("Progress report", "International Labour Office", datetime(2016, 1, 21, 9, 30))
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_reference_docx.py"

NUMBERED = """\
# Progress report

## Background

1. First paragraph.

2. Second paragraph.

## Overview

### A. Enterprise policies

3. Third paragraph.

4. Fourth paragraph.

#### Global business networks

5. Fifth paragraph.
"""


def render(markdown: str, **changes) -> bytes:
    return markdown_to_docx(markdown, replace(META, **changes) if changes else META)


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def numbering(paragraph) -> tuple[str, str] | None:
    """(numId, ilvl) of a paragraph, or None if it is not numbered."""
    num_pr = paragraph._p.find(f"{W}pPr/{W}numPr")
    if num_pr is None:
        return None
    return num_pr.find(f"{W}numId").get(f"{W}val"), num_pr.find(f"{W}ilvl").get(f"{W}val")


def numbered_with(numbers: range, extra: str = "") -> str:
    return "\n\n".join(f"{n}. Paragraph {n}." for n in numbers) + extra


# Numbered paragraphs


def test_numbered_paragraphs_share_one_numbering_across_headings():
    data = render(NUMBERED)
    numbered = [p for p in read(data).paragraphs if numbering(p)]
    assert [p.text for p in numbered] == [
        "First paragraph.", "Second paragraph.", "Third paragraph.", "Fourth paragraph.", "Fifth paragraph.",
    ]  # fmt: skip
    assert {numbering(p) for p in numbered} == {(numbering(numbered[0])[0], "0")}
    num_id = numbering(numbered[0])[0]
    definitions = part(data, "word/numbering.xml")
    (num,) = definitions.xpath(f"w:num[@w:numId='{num_id}']", namespaces=NS)
    assert not num.xpath(".//w:lvlOverride | .//w:startOverride", namespaces=NS)
    abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
    (level,) = definitions.xpath(
        f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='0']", namespaces=NS
    )
    assert level.find(f"{W}numFmt").get(f"{W}val") == "decimal"
    assert level.find(f"{W}lvlText").get(f"{W}val") == "%1."
    assert level.find(f"{W}start").get(f"{W}val") == "1"
    assert int(level.find(f"{W}pPr/{W}ind").get(f"{W}hanging")) > 0


@pytest.mark.parametrize(
    ("markdown", "numbered", "as_written"),
    [
        ("1. One.\n\n3. Three.\n", ["One."], ["3. Three."]),
        ("2. Two.\n", [], ["2. Two."]),
        ("1. One.\n\n## Heading\n\n1. One again.\n", ["One."], ["1. One again."]),
        ("1. One.\n2. Two.\n4. Four, in the same list.\n", ["One.", "Two."], ["4. Four, in the same list."]),
        ("1. One.\n\n2) Two with a parenthesis.\n", ["One."], ["2) Two with a parenthesis."]),
    ],
)
def test_numbers_out_of_sequence_are_text_as_written(markdown, numbered, as_written):
    # Only the next number continues the paragraphs; any other is text that looks like one.
    paragraphs = read(render(markdown)).paragraphs
    assert [p.text for p in paragraphs if numbering(p)] == numbered
    assert [p.text for p in paragraphs if not numbering(p) and p.text != "Heading"] == as_written


def test_lettered_continuation_paragraphs_are_indented_not_numbered():
    markdown = (
        "1. One.\n\n2. Two.\n\n3. The strategy covers four functions:\n\n"
        "   (a) Entry point: contacts go to ACT/EMP or ACTRAV.\n\n"
        "   (b) Operational relationship: a needs analysis.\n\n"
        "## Next\n\n4. Four.\n"
    )
    paragraphs = read(render(markdown)).paragraphs
    letters = [p for p in paragraphs if p.text.startswith("(")]
    assert [p.text.split("\t")[0] for p in letters] == ["(a)", "(b)"]
    assert letters[0].text.endswith("Entry point: contacts go to ACT/EMP or ACTRAV.")
    for p in letters:
        assert numbering(p) is None
        assert p.paragraph_format.left_indent > 0
    assert [p.text for p in paragraphs if numbering(p)][-1] == "Four."


def test_continuation_of_a_two_digit_paragraph_indented_by_three_spaces():
    # After "10." the item's content starts in column 4: Markdown ends the item at "   (a)".
    markdown = numbered_with(range(1, 11), "\n\n   (a) A sub-item of ten.\n\n11. Eleven.\n")
    paragraphs = read(render(markdown)).paragraphs
    (letter,) = [p for p in paragraphs if p.text.startswith("(a)")]
    assert numbering(letter) is None
    assert letter.paragraph_format.left_indent > 0
    assert sum(1 for p in paragraphs if numbering(p)) == 11


def test_bullets_use_their_own_numbering():
    markdown = "1. Members:\n   - companies;\n   - employers' organizations.\n\n- A top-level bullet.\n"
    data = render(markdown)
    paragraphs = read(data).paragraphs
    (number_id, _), *bullets = [numbering(p) for p in paragraphs]
    assert [p.text for p in paragraphs[1:]] == ["companies;", "employers' organizations.", "A top-level bullet."]
    assert [level for _, level in bullets] == ["1", "1", "0"]
    (bullet_id,) = {num_id for num_id, _ in bullets}
    assert bullet_id != number_id
    definitions = part(data, "word/numbering.xml")
    (abstract_id,) = definitions.xpath(f"w:num[@w:numId='{bullet_id}']/w:abstractNumId/@w:val", namespaces=NS)
    formats = definitions.xpath(
        f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl/w:numFmt/@w:val", namespaces=NS
    )
    assert set(formats) == {"bullet"}


# Tables


def test_table_has_a_repeated_header_row_and_the_cells_texts():
    markdown = (
        "**Contacts by region**\n\n"
        "| Region | Contacts |\n|:---|---:|\n| Asia and the Pacific | 5 |\n| Africa | 3 |\n"
    )
    data = render(markdown)
    (table,) = read(data).tables
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Region", "Contacts"], ["Asia and the Pacific", "5"], ["Africa", "3"],
    ]  # fmt: skip
    headers = [row._tr.find(f"{W}trPr/{W}tblHeader") is not None for row in table.rows]
    assert headers == [True, False, False]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in table.rows[1].cells for run in cell.paragraphs[0].runs)
    assert table.style.name == "Table Grid"
    alignments = [cell.paragraphs[0].alignment for cell in table.rows[1].cells]
    assert [str(a) for a in alignments] == ["LEFT (0)", "RIGHT (2)"]


def test_column_widths_fill_the_text_width_and_fit_the_longest_words():
    rows = [["Region", "Contacts"], ["Asia and the Pacific", "5"], ["Europe and Central Asia", "2"]]
    widths = column_widths(rows, 9072)
    assert sum(widths) == 9072
    assert widths[0] > widths[1] >= len("Contacts") * 110
    assert sum(column_widths([["a"] * 20], 9072)) == 9072  # too many columns: shares


# Footnotes


def test_footnotes_are_real_word_footnotes():
    markdown = (
        "1. The Governing Body endorsed a strategy.[^1]\n\n"
        "2. ACT/EMP and ACTRAV keep registers.[^2] See also GB.321.[^3]\n\n"
        "[^1]: GB.321/PV, para. 75 and **GB.321/INS/6**.\n"
        "[^2]: Accessible to *all* staff.\n"
        "[^3]: GB.321/INS/6.\n"
    )
    data = render(markdown)
    notes = part(data, "word/footnotes.xml")
    by_id = {int(n.get(f"{W}id")): n for n in notes.findall(f"{W}footnote")}
    separators = {i for i, n in by_id.items() if n.get(f"{W}type")}
    assert separators == {-1, 0}
    texts = {i: "".join(n.itertext()).strip() for i, n in by_id.items() if i not in separators}
    assert texts == {1: "GB.321/PV, para. 75 and GB.321/INS/6.", 2: "Accessible to all staff.", 3: "GB.321/INS/6."}
    for note_id in texts:
        note = by_id[note_id]
        assert note.xpath("w:p/w:pPr/w:pStyle/@w:val", namespaces=NS)[0] == "FootnoteText"
        assert note.xpath("w:p/w:r/w:rPr/w:rStyle/@w:val", namespaces=NS)[0] == "FootnoteReference"
        assert note.xpath("w:p/w:r/w:footnoteRef", namespaces=NS)
    assert by_id[1].xpath("string(.//w:r[w:rPr/w:b])", namespaces=NS) == "GB.321/INS/6"
    assert by_id[2].xpath("string(.//w:r[w:rPr/w:i])", namespaces=NS) == "all"

    document = part(data, "word/document.xml")
    references = document.xpath("//w:footnoteReference", namespaces=NS)
    assert [int(r.get(f"{W}id")) for r in references] == [1, 2, 3]
    for reference in references:
        properties = reference.getparent().find(f"{W}rPr")
        assert properties.find(f"{W}rStyle").get(f"{W}val") == "FootnoteReference"
        assert properties.find(f"{W}vertAlign").get(f"{W}val") == "superscript"
    assert read(data).paragraphs[0].text == "The Governing Body endorsed a strategy."

    rels = [rel for rel in read(data).part.rels.values() if rel.reltype == RT.FOOTNOTES]
    assert [rel.target_part.partname for rel in rels] == ["/word/footnotes.xml"]
    types = part(data, "[Content_Types].xml")
    assert types.xpath("//*[@PartName='/word/footnotes.xml']/@ContentType") == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    ]


def test_no_footnotes_part_without_footnotes():
    with zipfile.ZipFile(io.BytesIO(render(NUMBERED))) as archive:
        assert "word/footnotes.xml" not in archive.namelist()


# Headings, inline formatting, other blocks


def test_headings_title_and_inline_formatting():
    markdown = (
        "# The title\n\n## Background\n\n### A. Policies\n\n#### Networks\n\n"
        "Plain **bold** and *italic* and ***both***, `code` and [a link](https://example.org).\\\n"
        "After a hard break.\n"
    )
    document = read(render(markdown))
    styles = [(p.style.name, p.text) for p in document.paragraphs[:4]]
    assert styles == [("Title", "The title"), ("Heading 1", "Background"), ("Heading 2", "A. Policies"),
                      ("Heading 3", "Networks")]  # fmt: skip
    paragraph = document.paragraphs[4]
    runs = [(run.text, bool(run.bold), bool(run.italic)) for run in paragraph.runs if run.text.strip()]
    assert runs == [
        ("Plain ", False, False), ("bold", True, False), (" and ", False, False), ("italic", False, True),
        (" and ", False, False), ("both", True, True),
        (", code and a link.", False, False), ("After a hard break.", False, False),
    ]  # fmt: skip
    assert paragraph._p.xpath(".//w:br")


def test_blockquote_is_a_quote_and_a_rule_is_nothing():
    document = read(render("Before.\n\n> Quoted text.\n\n---\n\nAfter.\n"))
    assert [(p.style.name, p.text) for p in document.paragraphs] == [
        ("Normal", "Before."), ("Quote", "Quoted text."), ("Normal", "After."),
    ]  # fmt: skip


# Deterministic output, properties and the reference document


def test_two_renders_are_byte_identical_and_fixed_in_time():
    first, second = render(NUMBERED + "\nNote.[^1]\n\n[^1]: A note.\n"), render(NUMBERED + "\nNote.[^1]\n\n[^1]: A note.\n")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"
        assert not any(b"w:rsid" in archive.read(name) for name in archive.namelist())


def test_core_properties_come_from_the_metadata():
    data = render(NUMBERED)
    properties = read(data).core_properties
    assert (properties.title, properties.author, properties.last_modified_by) == (
        "Progress report", "International Labour Office", "International Labour Office",
    )  # fmt: skip
    # python-docx 1.1 reads these as naive UTC, 1.2 as aware.
    assert {properties.created.replace(tzinfo=None), properties.modified.replace(tzinfo=None)} == {
        datetime(2016, 1, 21, 9, 30)
    }
    core = part(data, "docProps/core.xml")
    assert [core.find(f"{{{DCTERMS}}}{name}").text for name in ("created", "modified")] == [
        "2016-01-21T09:30:00Z", "2016-01-21T09:30:00Z",
    ]  # fmt: skip
    assert properties.revision == 1
    assert properties.comments == ""  # nothing left from the reference's properties

    later = render(NUMBERED, created=datetime(2018, 3, 1, 12, 0))
    assert later != data
    assert read(later).core_properties.created.replace(tzinfo=None) == datetime(2018, 3, 1, 12, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as a, zipfile.ZipFile(io.BytesIO(later)) as b:
        changed = [name for name in a.namelist() if a.read(name) != b.read(name)]
    assert changed == ["docProps/core.xml"]


def test_an_aware_created_time_is_written_in_utc():
    geneva = timezone(timedelta(hours=1))
    data = render(NUMBERED, created=datetime(2016, 1, 21, 10, 30, tzinfo=geneva))
    assert data == render(NUMBERED)


def test_a_custom_reference_gives_its_styles(tmp_path):
    reference = docx.Document(io.BytesIO(default_reference()))
    reference.styles["Normal"].font.name = "Arial"
    reference.styles["Normal"].font.size = Pt(11)
    reference.add_paragraph("Body text of the reference, which the report replaces.")
    path = tmp_path / "reference.docx"
    reference.save(path)

    document = read(markdown_to_docx(NUMBERED, META, path))
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Arial", Pt(11))
    assert "reference" not in "".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == "Progress report"


def test_a_reference_with_footnotes_keeps_only_its_separators(tmp_path):
    path = tmp_path / "reference.docx"
    path.write_bytes(render("Old text.[^1] More.[^2]\n\n[^1]: Old note.\n[^2]: Another old note.\n"))

    data = markdown_to_docx("New text.[^1]\n\n[^1]: New note.\n", META, path)
    notes = part(data, "word/footnotes.xml").findall(f"{W}footnote")
    assert [(n.get(f"{W}id"), n.get(f"{W}type")) for n in notes] == [
        ("-1", "separator"), ("0", "continuationSeparator"), ("1", None),
    ]  # fmt: skip
    assert "".join(notes[2].itertext()).strip() == "New note."
    assert len(part(data, "word/settings.xml").findall(f"{W}footnotePr")) == 1
    assert [p.text for p in read(data).paragraphs] == ["New text."]


def test_a_reference_without_numbering_part_gets_one(tmp_path):
    reference = docx.Document(io.BytesIO(default_reference()))
    for rId, rel in list(reference.part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            del reference.part.rels[rId]
    path = tmp_path / "reference.docx"
    reference.save(path)
    with zipfile.ZipFile(path) as archive:
        assert "word/numbering.xml" not in archive.namelist()

    data = markdown_to_docx(NUMBERED, META, path)
    numbered = [numbering(p) for p in read(data).paragraphs if numbering(p)]
    assert len(numbered) == 5 and len(set(numbered)) == 1
    assert part(data, "word/numbering.xml").xpath("count(w:num)", namespaces=NS) == 1


def test_reference_docx_is_what_the_script_builds():
    spec = importlib.util.spec_from_file_location("make_reference_docx", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    built = script.build()
    assert built == script.build()

    def entries(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    # Contents, not bytes: another zlib may compress the same entries differently.
    assert entries(default_reference()) == entries(built), "run scripts/make_reference_docx.py"
    reference = docx.Document(io.BytesIO(built))
    section = reference.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.cm, 2) == 2.5
    assert reference.styles["Normal"].font.size == Pt(12)
    assert reference.styles["footnote text"].font.size == Pt(10)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Quote", "Table Grid", "footnote reference"):
        assert name in [style.name for style in reference.styles]
