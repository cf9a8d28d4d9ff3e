"""The Word report as a Governing Body paper (cover, header, draft decision, cross-reference),
the register in landscape, text that only looks like Markdown, and unusable reference documents."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app
from ilo_engage.reports.docx.tables import CELL_MARGINS, text_twips
from ilo_engage.reports.docx.writer import DocxMetadata, ReferenceUnusable, markdown_to_docx
from tests.helpers import FIXTURES, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
META = DocxMetadata("Progress report", "International Labour Office", datetime(2016, 1, 21))
COVER = SimpleNamespace(
    title="Progress report on the Enterprises Initiative",
    session="326th Session, Geneva, 10–24 March 2016",
    symbol="GB.326/INS/3",
    section="Institutional Section",
    date="21 January 2016",
    language="English",
    purpose_kind="For decision",
    purpose="This paper presents a progress report. The Governing Body is invited to consider the "
    "draft decision in paragraph 3.",
    strategic_objective="Cross-cutting.",
    policy="None.",
    legal="None.",
    financial="None.",
    follow_up="Depending on the decision of the Governing Body.",
    author_unit="Office of the Director-General (CABINET).",
    related_documents=("GB.320/INS/5/1", "GB.321/INS/6"),
)
# The Markdown as the template writes it: its own cover lines, then the body.
PAPER = """\
**Governing Body**  
326th Session, Geneva, 10–24 March 2016

**MARKDOWN COVER LINE**

# Progress report on the Enterprises Initiative

**Purpose of the document**

Invited to consider the draft decision in paragraph 3.

## Background

1. First paragraph.

## Recommendations

2. Second paragraph.

## Draft decision

3. The Governing Body requests the Director-General to:

   (a) implement the recommendations; and

   (b) report back.

## Annex I: Figures

| Initiative | As of |
|---|---|
| Better Work | 2015-03-02 |
"""


def render(markdown: str = PAPER, cover=COVER, **options) -> bytes:  # noqa: ANN001
    return markdown_to_docx(markdown, META, cover=cover, **options)


def read(data: bytes):  # noqa: ANN201
    return docx.Document(io.BytesIO(data))


def body(data: bytes):  # noqa: ANN201
    return read(data).element.body


def text(element) -> str:  # noqa: ANN001
    """The text of an element as Word shows it (tabs as spaces, non-breaking hyphens as -)."""
    return "".join(
        {f"{W}t": e.text or "", f"{W}tab": " ", f"{W}noBreakHyphen": "-", f"{W}br": " "}.get(e.tag, "")
        for e in element.iter()
    )


def paragraphs(data: bytes) -> list[str]:
    """Every paragraph's text, in tables too, in order."""
    return [text(p) for p in body(data).iter(f"{W}p")]


# The cover


def test_the_cover_is_laid_out_from_the_projection_not_the_markdown():
    data = render()
    layout, *_ = body(data)
    assert layout.tag == f"{W}tbl"
    rows = [[text(cell) for cell in row.findall(f"{W}tc")] for row in layout.findall(f"{W}tr")]
    assert rows == [
        ["Governing Body326th Session, Geneva, 10–24 March 2016", "GB.326/INS/3"],
        ["Institutional Section", "INS"],
        ["", "Date: 21 January 2016Original: English"],
    ]
    assert layout.xpath("w:tblPr/w:tblBorders/w:top/@w:val") == ["none"]
    symbol = layout.xpath(".//w:p[w:r/w:t='GB.326/INS/3']")[0]
    assert symbol.xpath("w:r/w:rPr/w:b") and symbol.xpath("w:pPr/w:jc/@w:val") == ["right"]
    assert layout.xpath(".//w:p[w:r/w:t='Governing Body']/w:r/w:rPr/w:b")

    texts = paragraphs(data)
    assert "MARKDOWN COVER LINE" not in " ".join(texts)  # the Markdown's cover is left out
    decision_marker = texts.index("FOR DECISION")
    title = next(p for p in body(data).iter(f"{W}p") if p.xpath("w:pPr/w:pStyle/@w:val") == ["Title"])
    assert text(title) == COVER.title and texts.index(COVER.title) == decision_marker + 1
    assert body(data).xpath("//w:p[w:r/w:t='FOR DECISION']/w:r/w:rPr/w:b")


def test_the_purpose_is_boxed_with_its_implication_lines():
    data = render()
    box = body(data).findall(f"{W}tbl")[1]
    assert box.xpath("w:tblPr/w:tblBorders/*/@w:val") == ["single"] * 6
    # The border on the page margin: indented by the cell's left margin (Word 2010 layout).
    assert box.xpath("w:tblPr/w:tblInd/@w:w") == box.xpath("w:tblPr/w:tblCellMar/w:left/@w:w") == ["170"]
    lines = [text(p) for p in box.iter(f"{W}p")]
    assert lines == [
        "Purpose of the document",
        "This paper presents a progress report. The Governing Body is invited to consider the draft decision "
        "in paragraph 3.",
        "Relevant strategic objective: Cross-cutting.",
        "Policy implications: None.",
        "Legal implications: None.",
        "Financial implications: None.",
        "Follow-up action required: Depending on the decision of the Governing Body.",
        "Author unit: Office of the Director-General (CABINET).",
        "Related documents: GB.320/INS/5/1; GB.321/INS/6.",
    ]
    label = box.xpath(".//w:r[w:t='Author unit: ']")[0]
    assert label.xpath("w:rPr/w:b")
    assert not box.xpath(".//w:r[w:t='Office of the Director-General (CABINET).']/w:rPr/w:b")


def test_cover_text_with_markdown_characters_is_written_as_it_stands():
    cover = SimpleNamespace(**{**vars(COVER), "title": "Report *draft* [/] # 1. <b>"})
    assert COVER.title not in paragraphs(render(cover=cover))
    assert "Report *draft* [/] # 1. <b>" in paragraphs(render(cover=cover))


# Header and footer


def test_the_symbol_heads_every_page_but_the_first_and_the_page_number_is_in_the_footer():
    document = read(render())
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.header.paragraphs] == ["GB.326/INS/3"]
    assert "".join(p.text for p in section.first_page_header.paragraphs) == ""
    footer = section.footer._element
    assert footer.xpath(".//w:fldSimple[contains(@w:instr, 'PAGE')] | .//w:instrText[contains(., 'PAGE')]")
    assert not section.first_page_footer._element.xpath(".//w:fldSimple | .//w:instrText")


def test_without_a_cover_there_is_no_running_header():
    document = read(markdown_to_docx(PAPER, META))
    assert not document.sections[0].different_first_page_header_footer
    assert "MARKDOWN COVER LINE" in "".join(p.text for p in document.paragraphs)


# The draft decision and the cross-reference to it


def test_the_draft_decision_is_boxed_bookmarked_and_the_purpose_refers_to_it_by_a_field():
    data = render()
    root = body(data)
    (start,) = root.xpath("//w:bookmarkStart")
    assert start.get(f"{W}name") == "DraftDecision"
    decision = start.getparent()
    assert decision.xpath("w:pPr/w:numPr")  # the bookmark holds the number
    assert text(decision) == "The Governing Body requests the Director-General to:"
    assert decision.xpath("w:bookmarkEnd/@w:id") == [start.get(f"{W}id")]

    box = decision.getparent().getparent().getparent()  # p, tc, tr, tbl
    assert box.tag == f"{W}tbl"
    assert box.xpath("w:tblPr/w:tblBorders/w:left/@w:val") == ["single"]
    assert [text(p) for p in box.iter(f"{W}p")] == [
        "The Governing Body requests the Director-General to:",
        "(a) implement the recommendations; and",
        "(b) report back.",
    ]
    heading = box.getprevious()
    assert text(heading) == "Draft decision" and heading.tag == f"{W}p"
    assert text(box.getnext()) == "Annex I: Figures"  # the next heading is outside the box

    instructions = root.xpath("//w:instrText/text()")
    assert instructions == [" REF DraftDecision \\n \\h "]
    purpose = root.xpath("//w:p[w:r/w:instrText]")[0]
    assert text(purpose).endswith("draft decision in paragraph 3.")  # the field's result: 3
    kinds = purpose.xpath("w:r/w:fldChar/@w:fldCharType")
    assert kinds == ["begin", "separate", "end"]


def test_a_purpose_naming_another_paragraph_keeps_its_words_without_a_field():
    cover = SimpleNamespace(**{**vars(COVER), "purpose": "Consider the draft decision in paragraph 47."})
    data = render(cover=cover)
    assert not body(data).xpath("//w:instrText")
    assert "Consider the draft decision in paragraph 47." in paragraphs(data)


def test_without_a_draft_decision_heading_nothing_is_boxed_or_referenced():
    data = render(PAPER.replace("## Draft decision", "## Decision"))
    assert not body(data).xpath("//w:bookmarkStart | //w:instrText")
    numbered = body(data).xpath("//w:p[w:pPr/w:numPr]")
    assert all(p.getparent().tag == f"{W}body" for p in numbered)
    assert any(p.endswith("draft decision in paragraph 3.") for p in paragraphs(data))


# Tables and landscape


def test_landscape_pages_and_columns_no_narrower_than_their_longest_word():
    markdown = (
        "## Register\n\n| Enterprise | Country | Contacts | First | Last | Topics | Technical leads | In both |\n"
        "|---|---|--:|---|---|---|---|---|\n"
        "| Adventure Works Growers' Cooperative | LK | 1 | 2015-03-02 | 2015-03-02 | cooperatives, "
        "local-development | FUNDAMENTALS | yes |\n"
    )
    document = read(markdown_to_docx(markdown, META, landscape=True))
    section = document.sections[0]
    assert section.page_width > section.page_height and str(section.orientation) == "LANDSCAPE (1)"
    (table,) = document.tables
    width = section.page_width - section.left_margin - section.right_margin
    widths = [int(w) for w in table._tbl.xpath("w:tblGrid/w:gridCol/@w:w")]
    assert sum(widths) == round(width / 635)
    for column, cells in enumerate(zip(*[[text(c) for c in row._tr.iter(f"{W}tc")] for row in table.rows])):
        longest = max(text_twips(word) for cell in cells for word in cell.split())
        assert widths[column] >= CELL_MARGINS + longest, cells
    assert table._tbl.xpath("w:tblPr/w:tblLayout/@w:type") == ["fixed"]
    assert table._tbl.xpath("w:tblPr/w:tblInd/@w:w") == [str(CELL_MARGINS // 2)]
    portrait = read(markdown_to_docx(markdown, META)).sections[0]
    assert portrait.page_width < portrait.page_height


def test_hyphens_in_table_cells_do_not_break_lines_and_prose_keeps_its_own():
    data = render()
    (cell,) = body(data).xpath("//w:tc[.//w:t='2015']")
    assert text(cell) == "2015-03-02"
    assert len(cell.xpath(".//w:noBreakHyphen")) == 2
    assert not body(data).xpath("//w:p[not(ancestor::w:tbl)]//w:noBreakHyphen")


def test_widths_measure_wide_capitals():
    # "FUNDAMENTALS" is far wider than twelve average characters: its column must hold it.
    assert text_twips("FUNDAMENTALS") > text_twips("fundamentals") > 12 * 100
    assert text_twips("Société") == text_twips("Societe")  # accents measured as their letters


# Text that only looks like Markdown, written as it stands (exit 0, never a crash)


@pytest.mark.parametrize(
    ("markdown", "numbered", "others"),
    [
        ("1. First.\n\n2. 2015. The year of the review.\n", ["First.", "2015. The year of the review."], []),
        ("1. 1. Nested.\n", ["1. Nested."], []),
        ("1. 2015) The year.\n", ["2015) The year."], []),
        ("1. # Not a heading\n", ["# Not a heading"], []),
        ("1. ## Nor this [/]\n", ["## Nor this [/]"], []),
        ("1. - not a bullet\n", ["- not a bullet"], []),
        ("1. > not a quote\n", ["> not a quote"], []),
        ("1. ***\n", ["***"], []),
        ("1. <div>not HTML</div>\n", ["<div>not HTML</div>"], []),
        ("1. A name with [/], [brackets], 5 * 3 and <Acme>.\n", ["A name with [/], [brackets], 5 * 3 and <Acme>."], []),
        ("1. Text:\n\n   2015. The year.\n", ["Text:"], ["2015. The year."]),
        ("1. Text:\n\n   # Heading-like\n", ["Text:"], ["# Heading-like"]),
        ("2015. The year, before any paragraph.\n", [], ["2015. The year, before any paragraph."]),
        ("<p>HTML-looking text</p>\n", [], ["<p>HTML-looking text</p>"]),
        ("1. One.\n\n   - 2015. Inside a bullet.\n", ["One."], ["2015. Inside a bullet."]),
    ],
)
def test_text_that_looks_like_markdown_is_written_as_it_stands(markdown, numbered, others):
    data = markdown_to_docx(markdown, META)
    root = body(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        definitions = docx.oxml.parse_xml(archive.read("word/numbering.xml"))
    abstract = definitions.xpath("w:abstractNum[w:lvl[@w:ilvl='0']/w:numFmt/@w:val='decimal']/@w:abstractNumId")
    num_ids = definitions.xpath(f"w:num[w:abstractNumId/@w:val='{abstract[-1]}']/@w:numId") if abstract else []
    decimal = [p for p in root.iter(f"{W}p") if p.xpath("w:pPr/w:numPr/w:numId/@w:val") == num_ids[-1:]
               and num_ids]
    assert [text(p) for p in decimal] == numbered
    rest = [text(p) for p in root.iter(f"{W}p") if p not in decimal]
    assert rest == others


def test_a_footnote_that_looks_like_a_list_is_written_as_it_stands():
    data = markdown_to_docx("1. Text.[^1]\n\n[^1]: 2015. The year.\n", META)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        notes = docx.oxml.parse_xml(archive.read("word/footnotes.xml"))
    (note,) = notes.xpath("w:footnote[not(@w:type)]", namespaces=NS)
    assert text(note).strip() == "2015. The year."


# An unusable reference document: one line naming the file, exit 1, nothing written


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _docx_without(name: str) -> bytes:
    data = markdown_to_docx("Text.\n", META)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return _zip({n: archive.read(n) for n in archive.namelist() if n != name})


UNUSABLE = {
    "not a zip": (b"This is a text file, not a Word document.\n", "not a Word document (a .docx is a zip archive"),
    "no content types": (_docx_without("[Content_Types].xml"), "has no [Content_Types].xml"),
    "no main document": (_docx_without("word/document.xml"), "not a usable Word document ("),
    "empty": (b"", "not a Word document (a .docx is a zip archive"),
    "not a wordprocessing file": (
        _zip({"[Content_Types].xml": b"<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>"}),
        "not a usable Word document (",
    ),
}


@pytest.mark.parametrize("kind", sorted(UNUSABLE))
def test_an_unusable_reference_is_named_in_one_line(tmp_path: Path, kind: str):
    content, message = UNUSABLE[kind]
    path = tmp_path / "reference.docx"
    path.write_bytes(content)
    with pytest.raises(ReferenceUnusable, match="^" + str(path).replace(".", r"\.") + ": ") as caught:
        markdown_to_docx("1. Text.\n", META, path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("command", ["progress", "register"])
@pytest.mark.parametrize("kind", ["not a zip", "no content types"])
def test_report_with_an_unusable_reference_exits_1_and_writes_nothing(
    clean_dataset: Path, tmp_path: Path, command: str, kind: str
):
    content, message = UNUSABLE[kind]
    write(clean_dataset, "templates/reference.docx", content)
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(app, ["report", command, "--format", "docx", "-o", str(out), "--root", str(clean_dataset)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith("ilo-engage: templates/reference.docx: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not out.exists()


def test_the_register_document_is_landscape_and_reproducible(tmp_path: Path):
    outputs = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for out in outputs:
        result = CliRunner().invoke(app, ["report", "register", "--format", "docx", "-o", str(out),
                                          "--root", str(FIXTURES / "clean")])
        assert result.exit_code == 0, result.output
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    section = docx.Document(str(outputs[0])).sections[0]
    assert section.page_width > section.page_height


@pytest.mark.parametrize(
    "summary",
    ["2015. The year the platform grew [/] <Acme>", "1. A summary that looks like a list", "# A summary like a heading"],
)
def test_a_record_text_that_looks_like_markdown_renders_to_word(clean_dataset: Path, tmp_path: Path, summary: str):
    # Before, "2015. …" and "1. …" inside a numbered paragraph failed with exit 3.
    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    source = network.read_text(encoding="utf-8")
    start, end = source.index("summary: >-\n"), source.index("visibility: public\n")
    network.write_text(source[:start] + f"summary: {summary!r}\n" + source[end:], encoding="utf-8")
    markdown = CliRunner().invoke(app, ["report", "progress", "--root", str(clean_dataset)]).stdout
    assert summary in markdown.replace("\\", ""), "the summary is in the report's body (escaped)"
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(app, ["report", "progress", "--format", "docx", "-o", str(out), "--root", str(clean_dataset)])
    assert result.exit_code == 0, result.output
    assert any(summary in text(p) for p in body(out.read_bytes()).iter(f"{W}p"))


def test_a_reference_without_page_setup_gets_a4_and_still_makes_the_paper(tmp_path: Path):
    from ilo_engage.reports.docx.writer import default_reference

    reference = docx.Document(io.BytesIO(default_reference()))
    section_properties = reference.element.body.find(f"{W}sectPr")
    reference.element.body.remove(section_properties)
    path = tmp_path / "reference.docx"
    reference.save(path)
    document = read(markdown_to_docx(PAPER, META, path, cover=COVER))
    section = document.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    assert [p.text for p in section.header.paragraphs] == ["GB.326/INS/3"]
    landscape = read(markdown_to_docx(PAPER, META, path, landscape=True)).sections[0]
    assert (landscape.page_width.twips, landscape.page_height.twips) == (16838, 11906)


def test_a_reference_that_breaks_while_writing_is_named_and_a_fault_of_ours_is_not(tmp_path: Path, monkeypatch):
    from ilo_engage.reports.docx import blocks as docx_blocks
    from ilo_engage.reports.docx.writer import default_reference

    with zipfile.ZipFile(io.BytesIO(default_reference())) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    # Well-formed XML python-docx loads, with an id that is not a number.
    entries["word/numbering.xml"] = entries["word/numbering.xml"].replace(
        b"</w:numbering>", b'<w:abstractNum w:abstractNumId="one"/></w:numbering>'
    )
    path = tmp_path / "reference.docx"
    path.write_bytes(_zip(entries))
    with pytest.raises(ReferenceUnusable, match=r"reference\.docx: not a usable Word document \(invalid literal"):
        markdown_to_docx("1. A numbered paragraph.\n", META, path)

    # A failure that the package's own reference shows too is not the reference's fault.
    def broken(self, node, context):  # noqa: ANN001
        raise RuntimeError("a fault of the writer")

    monkeypatch.setattr(docx_blocks.BodyWriter, "text_paragraph", broken)
    good = tmp_path / "good.docx"
    good.write_bytes(default_reference())
    with pytest.raises(RuntimeError, match="a fault of the writer"):
        markdown_to_docx("Text.\n", META, good)


def test_a_table_too_wide_for_its_words_gets_smaller_text_not_broken_words():
    header = "| Enterprise | Country | Contacts | First | Last | Topics | Technical leads | In both |\n"
    row = ("| Adventure Works Growers' Cooperative | LK | 1 | 2015-03-02 | 2015-03-02 | cooperatives, "
           "social-protection | FUNDAMENTALS | yes |\n")
    markdown = header + "|---|---|--:|---|---|---|---|---|\n" + row
    portrait = read(markdown_to_docx(markdown, META))
    (table,) = portrait.tables
    sizes = {run.font.size.pt if run.font.size else None for cell in table._cells for p in cell.paragraphs for run in p.runs}
    assert len(sizes) == 1 and 8 <= sizes.pop() < 11  # one smaller size for the whole table
    widths = [int(w) for w in table._tbl.xpath("w:tblGrid/w:gridCol/@w:w")]
    size = table.rows[0].cells[0].paragraphs[0].runs[0].font.size.pt
    for column, cells in enumerate(zip(*[[text(c) for c in r._tr.iter(f"{W}tc")] for r in table.rows])):
        assert widths[column] >= CELL_MARGINS + max(text_twips(w, size) for cell in cells for w in cell.split())
    landscape = read(markdown_to_docx(markdown, META, landscape=True))
    assert not any(run.font.size for cell in landscape.tables[0]._cells for p in cell.paragraphs for run in p.runs)


def test_a_column_heading_stays_on_one_line_where_the_table_allows():
    from ilo_engage.reports.docx.tables import column_widths

    rows = [["Enterprise", "In both"], ["Adventure Works Growers' Cooperative of the Andes", "yes"]]
    widths = column_widths(rows, 3200)
    assert widths[1] >= CELL_MARGINS + text_twips("In both")
    narrow = column_widths(rows, 2200)  # room for the words, not the heading: it wraps between them
    assert CELL_MARGINS + text_twips("both") <= narrow[1] < CELL_MARGINS + text_twips("In both")
