"""The progress report: the seed paper's shape, numbers from records, and nothing an audience may not see."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from test_seed_figures import STATED
from typer.testing import CliRunner

from ilo_engage.cli import app
from ilo_engage.core.wording import typography
from ilo_engage.load.dataset import load
from ilo_engage.model import Contact, Initiative
from ilo_engage.reports.annexes import figure_text
from ilo_engage.reports.progress import progress_report
from ilo_engage.reports.render import render_markdown
from tests.helpers import FIXTURES, PROJECT, write

CANARY = "CANARY-7F3A9C"
PERSONAL = ("canary.person@example.org", "Carla Canary", "Jane Example", "jane@cocoa.example.org")


def render(root: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, ["report", "progress", *args, "--root", str(root)])
    assert result.exit_code == code, result.output
    return result.stdout


def test_the_markdown_of_the_fixture_dataset_is_pinned() -> None:
    assert render(FIXTURES / "clean") == (FIXTURES / "progress.expected.md").read_text(encoding="utf-8")


def test_paragraphs_are_numbered_continuously_across_sections() -> None:
    text = render(PROJECT)
    numbers = [int(m) for m in re.findall(r"^(\d+)\. ", text, flags=re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))
    headings = re.findall(r"^#{2,4} (.+)$", text, flags=re.MULTILINE)
    assert headings[:4] == ["Background", "Enterprises Initiative",
                            "Strategy for wider ILO engagement with the private sector",
                            "Overview of ILO engagement with the private sector"]
    assert "Draft decision" in headings


def test_the_purpose_names_the_draft_decisions_paragraph() -> None:
    text = render(PROJECT)
    decision = re.search(r"^## Draft decision\n\n(\d+)\. ", text, flags=re.MULTILINE)
    assert decision is not None
    assert f"consider the draft decision in paragraph {decision[1]}." in text


def test_the_bundled_report_restates_every_figure_the_seed_paper_states() -> None:
    text = render(PROJECT)
    figures = [(f, i) for e in load(PROJECT).entries if isinstance(e.record, Initiative) for i in [e.record]
               for f in e.record.figures]
    for paragraph, value, qualifier in STATED:
        source = f"GB.326/INS/3 para {paragraph}"
        found = [(f, i) for f, i in figures
                 if f.source == source and f.value == Decimal(value) and f.qualifier == qualifier]
        assert found, (paragraph, value)
        figure, initiative = found[0]
        row = f"| {initiative.name} | {figure.label} | {figure_text(figure)} | {figure.as_of} | {source} |"
        assert typography(row) in text


@pytest.mark.parametrize(("figure", "printed"), [
    ({"value": "1261", "unit": "factories"}, "1,261 factories"),
    ({"value": "1.5", "unit": "million workers", "qualifier": "over"}, "over 1.5 million workers"),
    ({"value": "39.8", "unit": "US$ million"}, "US$39.8 million"),
    ({"value": "65", "unit": "per cent"}, "65 per cent"),
    ({"value": "850", "unit": "participants", "qualifier": "approximately"}, "approximately 850 participants"),
])
def test_stated_figures_print_as_stored_with_their_qualifier(figure: dict, printed: str) -> None:
    from ilo_engage.model import Figure

    assert figure_text(Figure.model_validate({"label": "x", "as_of": 2016, "source": "s", **figure})) == printed


def test_numbers_are_computed_from_the_records() -> None:
    report = progress_report(load(PROJECT), "public", examples=True)
    assert report.illustration is not None
    contacts = [c for c in load(PROJECT).records(Contact) if report.period_start <= c.date <= report.period_end]
    assert report.illustration.assessment.contacts == len(contacts)
    annex = render_markdown(PROJECT, "progress.md.j2", report=report).split("## Illustration")[1]
    assert f"the registers record {len(contacts)} contacts" in annex
    region = next(t for t in report.illustration.tables if t.kind == "regions")
    assert sum(int(row[1]) for row in region.rows) >= len(contacts)
    tables = {(t.kind, t.about): t for t in report.tables}
    portfolio = tables["portfolios", ""]
    assert portfolio.rows[-1] == ("Total", "163", "58.1")
    areas = tables["areas", "International Training Centre courses for enterprises"]
    assert areas.rows[-1][:2] == ("Total of these areas", "805")
    assert areas.note == {"total": "805", "qualifier": "approximately", "stated": "850",
                          "source": areas.note["source"]}
    text = render_markdown(PROJECT, "progress.md.j2", report=report)
    assert ("**International Training Centre courses for enterprises: participants by area**" in text
            and "The areas add up to 805; the stated total is approximately 850 (" in text)


def test_the_assessment_counts_what_breaks_the_procedure(clean_dataset: Path) -> None:
    # With the default deadlines, the contact still waiting for its needs analysis is long overdue.
    (clean_dataset / "ilo-engage.toml").write_text("[procedure]\nstart = 2014-06-13\n", encoding="utf-8")
    contact = clean_dataset / "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("  date: 2015-06-10\n", "  date: 2015-08-10\n"),
                       encoding="utf-8")
    report = progress_report(load(clean_dataset), "public")
    section = next(b for b in report.body if b.kind == "assessment")
    rules = {r.code: r for r in section.assessment.rules}  # type: ignore[union-attr]
    assert (rules["R009"].met, rules["R009"].breached) == (1, 2)  # a late needs analysis is not met


@pytest.mark.parametrize("audience", ["public", "staff", "restricted"])
def test_no_personal_data_in_any_report(audience: str) -> None:
    text = render(FIXTURES / "clean", "--audience", audience)
    assert not [p for p in PERSONAL if p in text]


def test_no_confidential_canary_in_the_public_report_even_when_a_template_dumps_its_context(
    clean_dataset: Path,
) -> None:
    write(clean_dataset, "templates/progress.md.j2",
          "{{ report }}\n{% for b in report.body %}{{ b }}{% endfor %}{{ report.paragraphs }}\n")
    text = render(clean_dataset)
    assert "Child Labour Platform" in text  # the dump did print the projection
    assert CANARY not in text and not [p for p in PERSONAL if p in text]


def test_record_text_is_never_run_as_a_template(clean_dataset: Path) -> None:
    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        "A multi-stakeholder forum", "A {{ 7 * 7 }} forum {% raw %}"), encoding="utf-8")
    text = render(clean_dataset)
    assert "A {{ 7 \\* 7 }} forum {% raw %}" in text  # printed as written (the star escaped for Markdown)


def test_templates_are_sandboxed_and_strict(clean_dataset: Path) -> None:
    write(clean_dataset, "templates/progress.md.j2", "{{ report.__class__.__init__.__globals__ }}\n")
    result = CliRunner().invoke(app, ["report", "progress", "--root", str(clean_dataset)])
    assert result.exit_code == 1 and "template progress.md.j2" in result.stderr
    write(clean_dataset, "templates/progress.md.j2", "{{ report.no_such_field }}\n")
    result = CliRunner().invoke(app, ["report", "progress", "--root", str(clean_dataset)])
    assert result.exit_code == 1 and "no_such_field" in result.stderr
    assert "Traceback" not in result.output



def test_a_datasets_words_template_changes_the_words_around_the_numbers(clean_dataset: Path) -> None:
    # The package's words.md.j2 with one sentence and one table note reworded: the numbers stay the
    # records', the words are the dataset's; an assessment sentence, which holds names from records,
    # is printed literally as a whole (Markdown in it escaped).
    words = (PROJECT / "templates" / "words.md.j2").read_text(encoding="utf-8")
    words = words.replace("In the period %(period)s, the registers record", "From %(period)s *the* registers held")
    words = words.replace("Each contact counts once per requirement that applies to it.", "Once per requirement.")
    write(clean_dataset, "templates/words.md.j2", words)
    text = render(clean_dataset)
    assert re.search(r"^3\. From 13 June 2014–21 January 2016 \\\*the\\\* registers held 3 contacts with 2 "
                     r"enterprises \(ACT/EMP’s register 2 enterprises", text, flags=re.MULTILINE), text
    assert "\nOnce per requirement. An open contact whose step is overdue counts as breached.\n" in text
    assert "In the period" not in text and "Each contact counts" not in text

def test_the_period_can_be_a_biennium_or_dates() -> None:
    clean = FIXTURES / "clean"
    assert "In the period 1 January 2014–31 December 2015," in render(clean, "--period", "2014-15")
    assert "In the period 1 March–30 June 2015," in render(clean, "--from", "2015-03-01", "--to", "2015-06-30")
    assert render(PROJECT, "--period", "2014-16", code=2) == ""
    assert render(PROJECT, "--from", "2016-01-01", "--to", "2015-01-01", code=1) == ""


def test_a_dataset_with_errors_gives_no_report_and_writes_nothing(clean_dataset: Path, tmp_path: Path) -> None:
    write(clean_dataset, "data/units/broken.yaml", "id: broken\nname: [\n")
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["report", "progress", "--output", str(out), "--root", str(clean_dataset)])
    assert result.exit_code == 1 and "run `ilo-engage validate`" in result.stderr
    assert not out.exists()


def test_output_goes_to_a_file(clean_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = CliRunner().invoke(app, ["report", "progress", "-o", str(out), "--root", str(clean_dataset)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == (FIXTURES / "progress.expected.md").read_text(encoding="utf-8")


def contacts_counted(report: str) -> int:
    found = re.search(r"the registers record (\d+) contacts? with", report)
    assert found, report
    return int(found[1])


def test_as_of_renders_a_past_commit_or_date_while_the_working_tree_has_moved_on(tmp_path: Path) -> None:
    from tests.helpers import make_repository

    # The dataset in a subfolder of its repository (--as-of failed there: git archive was given the
    # subfolder's path from inside it).
    repo = make_repository(tmp_path / "repo", "registry")
    first = repo.git("rev-parse", "HEAD").strip()
    root = repo.root

    def add(day: str) -> str:
        return repo.run("add-contact", "--no-input", "--enterprise", "example-cocoa", "--initiated-by", "management",
                        "--date", day, "--subject", f"Contact of {day}").strip()

    add("2015-10-01")
    repo.commit("One more contact", day="2015-12-20")
    second = add("2015-10-02")
    repo.commit("Another contact", day="2016-01-05")
    # The working tree moves on: a file changed, a committed contact deleted, two added.
    network = root / "data/networks/child-labour-platform.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace("A multi-stakeholder forum", "A renamed forum"),
                       encoding="utf-8")
    (root / second).unlink()
    add("2015-10-03")
    add("2015-10-04")
    working_tree = {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()}

    now = render(root)
    assert "A renamed forum" in now and contacts_counted(now) == 6  # 3 of the fixture, 1 + 2 uncommitted
    past = render(root, "--as-of", "HEAD")
    assert "A multi-stakeholder forum" in past and "A renamed forum" not in past
    assert contacts_counted(past) == 5
    assert contacts_counted(render(root, "--as-of", "HEAD~1")) == 4
    assert contacts_counted(render(root, "--as-of", first)) == 3
    assert contacts_counted(render(root, "--as-of", "2015-12-31")) == 4  # the last commit on or before: 20 December
    assert contacts_counted(render(root, "--as-of", "2015-12-01")) == 3
    assert {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()} \
        == working_tree
    assert render(root, "--as-of", "no-such-revision", code=2) == ""
    result = CliRunner().invoke(app, ["report", "progress", "--as-of", "2015-11-30", "--root", str(root)])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "ilo-engage: --as-of 2015-11-30: the dataset has no commit on or before that day\n")


def test_the_registers_render_as_a_document_without_confidential_records() -> None:
    result = CliRunner().invoke(app, ["report", "register", "--root", str(FIXTURES / "clean")])
    assert result.exit_code == 0
    assert "## Register of ACT/EMP" in result.stdout and "Example Cocoa Trading S.A." in result.stdout
    assert CANARY not in result.stdout and not [p for p in PERSONAL if p in result.stdout]


def test_the_register_document_marks_example_records_and_counts_in_words_that_agree() -> None:
    # The bundled register is fictional: it must never read as the Office's real engagements.
    text = CliRunner().invoke(app, ["report", "register", "--root", str(PROJECT)]).stdout
    assert "7 enterprises, 10 contacts (1 enterprise and 1 contact not shown to this audience)." in text
    assert "| Northwind Cocoa Traders (example) | CI |" in text
    assert text.endswith("Enterprises marked “(example)” are illustrative records, not real engagements of the Office.\n")
    real = CliRunner().invoke(app, ["report", "register", "--root", str(FIXTURES / "clean")]).stdout
    assert "(example)" not in real and "illustrative" not in real
    listed = CliRunner().invoke(app, ["register", "act-emp", "--format", "md", "--root", str(PROJECT)]).stdout
    assert "Northwind Cocoa Traders (northwind-cocoa-traders) [example]" in listed


def test_the_word_report_has_continuous_numbering_footnotes_tables_and_the_decision(tmp_path: Path) -> None:
    import zipfile

    from docx import Document
    from docx.oxml.ns import qn

    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for out in (first, second):
        result = CliRunner().invoke(app, ["report", "progress", "--format", "docx", "-o", str(out), "--root", str(PROJECT)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()  # deterministic
    document = Document(str(first))
    from docx.text.paragraph import Paragraph

    everywhere = [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]  # the decision is boxed
    numbered = [p for p in everywhere if p._p.pPr is not None and p._p.pPr.numPr is not None
                and p._p.pPr.numPr.ilvl is not None and p._p.pPr.numPr.ilvl.val == 0 and p.style.name != "List Bullet"]
    markdown = render(PROJECT)
    count = len(re.findall(r"^\d+\. ", markdown, flags=re.MULTILINE))
    assert len({p._p.pPr.numPr.numId.val for p in numbered}) == 1  # one list across every heading
    assert len(numbered) == count
    assert "".join(t.text for t in numbered[-1]._p.iter(qn("w:t"))).startswith(
        "The Governing Body requests the Director-General to:")
    tables = [t for t in document.tables if t.style.name == "Table Grid"]  # not the cover's layout and boxes
    assert all(t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
               for t in tables)
    assert [c.text for c in tables[0].rows[0].cells][:2] == ["Component", "Networks"]
    with zipfile.ZipFile(first) as docx:
        notes = docx.read("word/footnotes.xml").decode("utf-8")
        body = docx.read("word/document.xml").decode("utf-8")
    assert "GB.321/PV, para. 75 and GB.321/INS/6." in notes
    assert body.count("<w:footnoteReference") == len(re.findall(r"^\[\^\d+\]: ", markdown, flags=re.MULTILINE))


def test_no_confidential_canary_or_personal_data_in_the_word_report(tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "report.docx"
    result = CliRunner().invoke(app, ["report", "progress", "--format", "docx", "-o", str(out),
                                      "--root", str(FIXTURES / "clean")])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as docx:
        text = " ".join(docx.read(name).decode("utf-8", errors="replace") for name in docx.namelist())
    assert CANARY not in text and not [p for p in PERSONAL if p in text]


def test_docx_needs_an_output_file() -> None:
    result = CliRunner().invoke(app, ["report", "progress", "--format", "docx", "--root", str(FIXTURES / "clean")])
    assert result.exit_code == 2 and "--output" in result.stderr



@pytest.mark.parametrize(("escape", "code_point"), [("\\a", "0007"), ("\\0", "0000"), ("\\u202E", "202E")])
def test_a_control_or_bidi_character_written_as_an_escape_never_reaches_a_report(
    clean_dataset: Path, tmp_path: Path, escape: str, code_point: str
) -> None:
    # Before the reader refused such escapes, python-docx failed on them: an internal error (exit 3).
    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    text = network.read_text(encoding="utf-8")
    start, end = text.index("summary: >-\n"), text.index("visibility: public\n")
    network.write_text(text[:start] + f'summary: "A forum {escape} with an escape"\n' + text[end:], encoding="utf-8")
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(app, ["report", "progress", "--format", "docx", "-o", str(out),
                                      "--root", str(clean_dataset)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "ilo-engage: the dataset has 1 error (first: data/networks/child-labour-platform.yaml:23: F003 forbidden "
        f"character U+{code_point} (written as an escape)); run `ilo-engage validate`\n")
    assert not out.exists()


def test_the_assessment_of_the_clean_fixture_field_by_field() -> None:
    import dataclasses
    from datetime import date

    from ilo_engage.reports.assessment import assess

    found = dataclasses.asdict(assess(load(FIXTURES / "clean"), date(2014, 6, 13), date(2016, 1, 21), "public"))

    def counts(*pairs: tuple[str, int]) -> list[dict[str, object]]:
        return [{"label": label, "count": n} for label, n in pairs]

    rules = found.pop("rules")
    assert found == {
        "start": date(2014, 6, 13), "end": date(2016, 1, 21), "contacts": 3, "enterprises": 2, "exempt": 0,
        "examples": False,
        "by_entry_point": counts(("ACT/EMP", 2), ("ACTRAV", 1)),
        "by_initiator": counts(("management", 2), ("workers-organization", 1)),
        "by_region": counts(("Africa", 3)),
        "by_topic": counts(("Child labour", 2), ("Occupational safety and health", 1), ("Decent work in supply chains", 1)),
        "by_status": counts(("closed", 1), ("received", 1), ("referred", 1)),  # ties in the order of the label
        "contacts_breaching": 0, "analyses": 2, "median_days_to_analysis": 5.5, "longest_days_to_analysis": 9,
        "register_sizes": counts(("ACT/EMP", 2), ("ACTRAV", 1)),
        "without_engagement": ["CO-Abidjan"], "little_engagement": [],
        "step_times": [
            {"step": step, "count": n, "median_days": median, "longest_days": longest}
            for step, n, median, longest in [("sharing", 3, 1, 1), ("needs analysis", 2, 5.5, 9), ("referral", 2, 7, 7),
                                             ("first follow-up", 1, 76, 76), ("closing", 1, 181, 181)]
        ],
        "overdue_by_unit": [], "open_at_end": 2,  # the fixture's deadlines are far off
    }
    assert [(r["code"], r["met"], r["breached"], r["not_yet_due"]) for r in rules] == [
        ("R011", 3, 0, 0), ("R001", 3, 0, 0), ("R002", 3, 0, 0), ("R003", 3, 0, 0), ("R004", 2, 0, 1),
        ("R009", 2, 0, 1), ("R005", 2, 0, 1), ("R006", 0, 0, 0), ("R007", 2, 0, 1), ("R008", 1, 0, 2),
        ("R010", 3, 0, 0), ("R012", 1, 0, 2),
    ]
    # Only the contacts from the first day to the last, both kept.
    one_day = assess(load(FIXTURES / "clean"), date(2015, 8, 3), date(2015, 8, 3), "public")
    assert (one_day.contacts, one_day.enterprises, one_day.analyses) == (1, 1, 1)


def test_the_rules_breached_most_often_are_three_at_most_ties_by_code() -> None:
    from datetime import date

    from ilo_engage.reports.assessment import Assessment, RuleShare

    rules = [RuleShare(code, code, "3", 0, breached, 0)
             for code, breached in [("R005", 2), ("R002", 3), ("R001", 3), ("R009", 1), ("R004", 0), ("R003", 2)]]
    assessment = Assessment(date(2015, 1, 1), date(2015, 12, 31), 9, 3, 1, False, [], [], [], [], [], rules, 4, 0,
                            None, None, [], [], [])
    assert [r.code for r in assessment.most_breached] == ["R001", "R002", "R003"]
    assert assessment.subject == 8
    assert (rules[0].applies, rules[0].due) == (2, 2)
    assert (RuleShare("R1", "t", "3", 1, 2, 4).applies, RuleShare("R1", "t", "3", 1, 2, 4).due) == (7, 3)
