"""What the progress report says: the paper's own shape and words from the bundled dataset, figures
from one source (with their history), example records kept out of the body, an honest assessment,
and no valid data that crashes it."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app
from ilo_engage.core.wording import count, date_range, plural, typography
from ilo_engage.load.dataset import load
from ilo_engage.model import Contact, Enterprise
from ilo_engage.reports.progress import progress_report
from tests.helpers import FAR_DEADLINES, FIXTURES, PROJECT, write

PAPER = FIXTURES / "gb326-ins-3.txt"


def render(root: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, ["report", "progress", *args, "--root", str(root)])
    assert result.exit_code == code, result.output
    return result.stdout


def validate(root: Path) -> str:
    result = CliRunner().invoke(app, ["validate", "--no-cache", "--root", str(root)])
    return result.stdout + result.stderr


def parse(markdown: str) -> tuple[list[str], dict[int, tuple[str, list[str]]], dict[int, str]]:
    """Headings, numbered paragraphs (text and lettered items) and footnotes of the body, in order."""
    headings: list[str] = []
    paragraphs: dict[int, tuple[str, list[str]]] = {}
    notes: dict[int, str] = {}
    started = False
    last = 0
    for line in markdown.splitlines():
        heading = re.match(r"#{2,4} (.+)", line)
        if heading and heading[1].startswith("Annex") or line.startswith("## Illustration"):
            started = False
        elif heading and (started or heading[1] == "Background"):
            started = True
            headings.append(heading[1])
        elif started and (m := re.match(r"(\d+)\. (.*)", line)):
            last = int(m[1])
            paragraphs[last] = (m[2], [])
        elif started and re.match(r" {3,}\(", line) and last:
            paragraphs[last][1].append(line.strip())
        if m := re.match(r"\[\^(\d+)\]: (.*)", line):
            notes[int(m[1])] = m[2]
    return headings, paragraphs, notes


def paper() -> tuple[list[str], dict[int, tuple[str, list[str]]], dict[int, str]]:
    text = "\n".join(line for line in PAPER.read_text(encoding="utf-8").splitlines() if not line.startswith("# "))
    return parse(text)


def plain(text: str) -> str:
    """Typography only: Markdown escapes and emphasis, quotes, dashes and spacing."""
    text = re.sub(r"\\(.)", r"\1", text).replace("*", "")
    text = re.sub(r"[‘’`]", "'", text)
    text = re.sub(r"[“”]", '"', text)
    text = re.sub(r"[–—‐]", "-", text)
    return " ".join(text.split())


BUNDLED = render(PROJECT)


# --- The paper's own shape (item 4) ---------------------------------------------------------

def test_the_bundled_report_has_the_papers_headings_in_order() -> None:
    assert parse(BUNDLED)[0] == paper()[0]


@pytest.mark.parametrize("number", range(1, 27))
def test_each_paragraph_is_the_papers_word_for_word(number: int) -> None:
    rendered, expected = parse(BUNDLED)[1], paper()[1]
    assert sorted(rendered) == list(range(1, 27))
    text, items = rendered[number]
    assert plain(text) == plain(expected[number][0])
    assert [plain(i) for i in items] == [plain(i) for i in expected[number][1]]


def test_the_footnotes_are_the_papers_five_with_their_references_and_addresses() -> None:
    assert {n: plain(t) for n, t in parse(BUNDLED)[2].items()} == {n: plain(t) for n, t in paper()[2].items()}
    assert "GB.326/INS/3 para" not in BUNDLED.split("## Annex")[0]  # the document never cites itself


def test_the_purpose_points_to_the_draft_decision_paragraph_26() -> None:
    report = progress_report(load(PROJECT), "public")
    assert report.cover.decision_paragraph == report.decision.number == 26
    assert "consider the draft decision in paragraph 26." in BUNDLED
    assert re.search(r"^## Draft decision\n\n26\. The Governing Body requests", BUNDLED, flags=re.MULTILINE)


def test_no_lead_lines_or_member_lists_in_the_body() -> None:
    body = BUNDLED.split("## Annex")[0]
    assert "Lead:" not in body and "The records list" not in body
    assert "National apprenticeship network" not in BUNDLED


def test_a_paragraph_holds_its_own_text_and_several_initiatives_in_order(clean_dataset: Path) -> None:
    write(clean_dataset, "data/programmes/second.yaml",
          "id: second\nname: Second\nkind: programme\ncomponent: A\nstatus: active\n"
          "summary: The second one.\nvisibility: public\n")
    report = clean_dataset / "data/reports/progress.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "  - initiatives:\n      - child-labour-platform\n",
        "  - text: Our own words.\n    initiatives:\n      - second\n      - child-labour-platform\n"
        "    closing: A closing sentence.\n"), encoding="utf-8")
    text = render(clean_dataset)
    assert re.search(r"^2\. Our own words\. The second one\. A multi-stakeholder forum .* nine member companies\. "
                     r"A closing sentence\.\[\^2\]$", text, flags=re.MULTILINE)


def test_an_initiative_no_paragraph_places_is_not_printed(clean_dataset: Path) -> None:
    write(clean_dataset, "data/programmes/unplaced.yaml",
          "id: unplaced\nname: Unplaced\nkind: programme\ncomponent: A\nstatus: active\n"
          "summary: Nobody placed me.\nvisibility: public\n")
    assert "Nobody placed me" not in render(clean_dataset)


# --- One source for every figure (item 1) ---------------------------------------------------

def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b)
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def test_changing_one_figure_changes_the_paragraph_the_annex_and_nothing_else(tmp_path: Path) -> None:
    root = tmp_path / "dataset"
    shutil.copytree(PROJECT / "data", root / "data")
    shutil.copy(PROJECT / "ilo-engage.toml", root)
    record = root / "data/programmes/better-work.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("value: 1261", "value: 1304"), encoding="utf-8")
    changed = changed_lines(BUNDLED, render(root))
    assert len(changed) == 2
    (para_before, para_after), (row_before, row_after) = changed
    assert para_before.startswith("13. ") and "1,261 supplier factories" in para_before
    assert para_after == para_before.replace("1,261 supplier factories", "1,304 supplier factories")
    assert row_after == row_before.replace("1,261 factories", "1,304 factories")


@pytest.mark.parametrize(("placeholder", "printed"), [
    ("{participants}", "around 6 million participants"),
    ("{new-jobs}", "3.6 million participants"),
])
def test_a_placeholder_prints_qualifier_number_and_scale(clean_dataset: Path, placeholder: str, printed: str) -> None:
    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        "figures:\n", "figures:\n  - key: participants\n    label: participants\n    value: 6\n"
        "    unit: million participants\n    qualifier: around\n    as_of: 2016\n    source: S\n"
        "  - key: new-jobs\n    label: jobs\n    value: 3.6\n    unit: million jobs\n    as_of: 2016\n    source: S\n")
        .replace("with {member-companies:words} member companies.",
                 "with {member-companies:words} member companies and {participants} participants and "
                 f"{{new-jobs}} jobs. {placeholder.replace('}', ':number}')} is bare."), encoding="utf-8")
    text = render(clean_dataset)
    assert "nine member companies and around 6 million participants and 3.6 million jobs." in text
    bare = {"{participants}": "6 is bare.", "{new-jobs}": "3.6 is bare."}[placeholder]
    assert bare in text


def test_currency_per_cent_words_and_capitals_follow_the_papers_style() -> None:
    assert "totalling US$39.8 million, and an additional 20 partnerships (8 per cent of the total)" in BUNDLED
    assert "with nine company foundations, totalling $18.3 million." in BUNDLED
    assert "Over 20 best practice guides and five toolkits have been shared at over 35 major" in BUNDLED
    assert "Approximately 850 participants from enterprises" in BUNDLED


def test_validate_reports_unknown_placeholders_written_numbers_and_unused_figures(clean_dataset: Path) -> None:
    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    text = network.read_text(encoding="utf-8")
    network.write_text(text.replace("with {member-companies:words} member companies.",
                                    "with 9 member\n  companies, {nope} and {other.key}."), encoding="utf-8")
    out = validate(clean_dataset)
    line = text.splitlines().index("summary: >-") + 3
    assert f"data/networks/child-labour-platform.yaml:{line}:39: T002 9 is the value of figure `member-companies` " \
           "of child-labour-platform: write {member-companies}" in out
    assert f"data/networks/child-labour-platform.yaml:{line + 1}:14: T001 {{nope}} names no figure of " \
           "child-labour-platform (its figures: member-companies)" in out
    assert f"data/networks/child-labour-platform.yaml:{line + 1}:25: T001 {{other.key}} names no figure: " \
           "there is no initiative `other`" in out
    figure_line = text.splitlines().index("  - label: member companies") + 1
    assert f"data/networks/child-labour-platform.yaml:{figure_line}:5: T003 no text states figure " \
           "`member-companies`" in out
    assert render(clean_dataset, code=1) == ""  # an unknown placeholder is an error: no report


def test_numbers_that_are_not_figures_are_not_reported(clean_dataset: Path) -> None:
    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        "member companies.", "member companies since 2009, in 90 countries."), encoding="utf-8")
    assert "T002" not in validate(clean_dataset)


def test_the_bundled_dataset_has_no_report_text_problems() -> None:
    # As of the report's date, the only problems are the steps its open example contacts await.
    result = CliRunner().invoke(app, ["validate", "--no-cache", "--ignore", "R015,R016,R017,R018,R019",
                                      "--root", str(PROJECT)])
    assert "No problems" in result.stdout + result.stderr


# --- Figure history (item 2) ----------------------------------------------------------------

def test_a_later_figure_replaces_the_earlier_one_as_of_the_periods_end_and_the_annex_shows_both(
    clean_dataset: Path,
) -> None:
    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        "    source: GB.326/INS/3 para 4\nsummary",
        "    source: GB.326/INS/3 para 4\n  - label: member companies\n    value: 14\n    unit: companies\n"
        "    as_of: 2017-12\n    source: GB.332/INS/5 para 4\nsummary"), encoding="utf-8")
    assert "T00" not in validate(clean_dataset)  # the earlier value is history, not an unused figure
    before = render(clean_dataset)
    assert "with nine member companies." in before and "14 companies" not in before
    after = render(clean_dataset, "--from", "2016-01-22", "--to", "2018-01-31")
    assert "with 14 member companies." in after
    assert ("| Child Labour Platform | member companies | 14 companies | 2017-12 | GB.332/INS/5 para 4 "
            "| 9 companies | GB.326/INS/3 para 4 | +5 |") in after


# --- Example records (item 3) -------------------------------------------------------------------

def test_the_bundled_register_is_marked_as_examples_and_never_counted_in_the_body() -> None:
    dataset = load(PROJECT)
    assert all(c.example for c in dataset.records(Contact))
    assert "Implementation of the procedure" not in BUNDLED
    assert "registers record" not in BUNDLED
    names = [e.name for e in dataset.records(Enterprise) if e.example]
    assert names and not [n for n in names if n in BUNDLED]


def test_the_examples_option_adds_a_titled_annex_marked_on_every_table() -> None:
    text = render(PROJECT, "--examples")
    body, annex = text.split("## Illustration: the register section with example data\n")
    assert body.startswith(BUNDLED.split("\n[^1]: ")[0])  # the body is unchanged
    assert "none of it is a fact about the Office" in annex
    titles = re.findall(r"^\*\*(.+)\*\*$", annex, flags=re.MULTILINE)
    assert len(titles) == 4 and all(t.endswith("(example data)") for t in titles)
    assert "the registers record 13 contacts" in annex


def test_the_assessment_appears_where_the_text_asks_when_the_period_has_real_contacts(clean_dataset: Path) -> None:
    assert "## Implementation of the procedure" in render(clean_dataset)
    report = clean_dataset / "data/reports/progress.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "  - assessment: Implementation of the procedure\n", ""), encoding="utf-8")
    text = render(clean_dataset)
    assert "Implementation of the procedure" not in text and "registers record" not in text


def test_validate_warns_when_a_period_mixes_example_and_real_contacts(clean_dataset: Path) -> None:
    contact = clean_dataset / "data/registers/contacts/2015-09-01-example-cocoa-m4nx.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("status: received\n",
                                                                   "status: received\nexample: true\n"),
                       encoding="utf-8")
    out = validate(clean_dataset)
    assert "data/reports/progress.yaml:9:1: T006 the period holds 1 example contact and 2 real contacts" in out
    text = render(clean_dataset)
    assert "the registers record 2 contacts" in text


def test_validate_warns_when_the_period_ends_after_the_reports_date(clean_dataset: Path) -> None:
    report = clean_dataset / "data/reports/progress.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("  to: 2016-01-21", "  to: 2016-01-31"),
                      encoding="utf-8")
    assert ("data/reports/progress.yaml:11:7: T005 the period ends on 2016-01-31, after the report's date "
            "(2016-01-21)") in validate(clean_dataset)


# --- An honest assessment (item 5) ------------------------------------------------------------

def rules(root: Path, *args: str) -> dict[str, list[str]]:
    text = render(root, *args)
    return {m[1]: m[2].split(" | ") for m in re.finditer(r"^\| ([a-z][^|]+?) \| (.+) \|$", text, flags=re.MULTILINE)}


def test_rules_are_named_by_what_they_require_with_met_breached_and_not_yet_due(clean_dataset: Path) -> None:
    text = render(clean_dataset)
    assert "| Requirement | Paragraph | Met | Breached | Not yet due | Met of due |" in text
    assert "wrong entry point" not in text and "| entry point is the right bureau | 3(a) | 3 | 0 | 0 | 100% |" in text


def test_an_open_contact_is_not_yet_due_until_its_step_is_overdue(clean_dataset: Path) -> None:
    # The contact of 1 September 2015 is still `received`, already shared: with a needs analysis
    # deadline of 30 days, its analysis is not yet due up to 1 October (never met), breached from the 2nd.
    row = "needs analysis made by the entry bureau"
    # With the clean fixture's own deadlines, far off, it is not yet due at the period's end.
    assert rules(clean_dataset)[row][:4] == ["3(b)", "2", "0", "1"]
    assert rules(clean_dataset)["shared with the other bureau"][:4] == ["3(a)", "3", "0", "0"]
    write(clean_dataset, "ilo-engage.toml",
          "[procedure]\nstart = 2014-06-13\n" + FAR_DEADLINES.replace("needs_analysis = 36500", "needs_analysis = 30"))
    on_the_day = rules(clean_dataset, "--from", "2015-01-01", "--to", "2015-10-01")
    the_day_after = rules(clean_dataset, "--from", "2015-01-01", "--to", "2015-10-02")
    assert on_the_day[row][:4] == ["3(b)", "2", "0", "1"]
    assert the_day_after[row][:4] == ["3(b)", "2", "1", "0"]


def r009(root: Path) -> tuple[int, int, int]:
    section = next(b for b in progress_report(load(root), "public").body if b.kind == "assessment")
    rule = {r.code: r for r in section.assessment.rules}["R009"]  # type: ignore[union-attr]
    return rule.met, rule.breached, rule.not_yet_due


def test_the_assessment_counts_a_late_needs_analysis_as_breached(clean_dataset: Path) -> None:
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2014-06-13\n")  # the default deadlines
    assert r009(clean_dataset) == (2, 1, 0)  # the third contact, still `received`, is overdue
    contact = clean_dataset / "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("  date: 2015-06-10\n", "  date: 2015-08-10\n"),
                       encoding="utf-8")
    assert r009(clean_dataset) == (1, 2, 0)


@pytest.mark.parametrize(("n", "noun", "verb", "expected"), [
    (1, "contact", ("predates", "predate"), "1 contact predates"),
    (2, "contact", ("predates", "predate"), "2 contacts predate"),
    (0, "contact", None, "0 contacts"),
    (1, "enterprise", None, "1 enterprise"),
    (2, "needs analysis", None, "2 needs analyses"),
    (3, "company", None, "3 companies"),
])
def test_numbers_agree_with_their_nouns_and_verbs(n: int, noun: str, verb: tuple | None, expected: str) -> None:
    assert count(n, noun, verb) == expected


def test_plural_and_typography() -> None:
    assert plural("day") == "days" and plural("box") == "boxes"
    assert typography("the ILO's \"tools\" in 2014-15, pages 10-24, see 2015-10-28, 2016-01") == \
        "the ILO’s “tools” in 2014–15, pages 10–24, see 2015-10-28, 2016-01"
    assert date_range(date(2015, 3, 1), date(2015, 6, 30)) == "1 March–30 June 2015"
    assert date_range(date(2015, 6, 1), date(2015, 6, 30)) == "1–30 June 2015"
    assert date_range(date(2014, 6, 13), date(2016, 1, 21)) == "13 June 2014–21 January 2016"


@pytest.mark.parametrize(("text", "printed"), [
    ("pages 3-10", "pages 3–10"),
    ("pages 10-3", "pages 10-3"),  # the second smaller: not a range
    ("items 5-5", "items 5-5"),  # equal: not a range
    ("the 2014-15 biennium", "the 2014–15 biennium"),
    ("the 1999-00 biennium", "the 1999–00 biennium"),  # the century turns
    ("2014-16", "2014-16"),  # two digits that are not the next year
    ("2015-10", "2015-10"),  # a month
    ("2015-1", "2015-1"),
    ("5-06", "5-06"),  # a second number written with a leading zero is no range
    ("1-2-3", "1-2-3"),  # part of a longer run of numbers
    ("Workers' rights", "Workers’ rights"),
    ("'quoted'", "’quoted’"),
    ('say "yes"', "say “yes”"),
])
def test_typography_puts_an_en_dash_only_between_the_numbers_of_a_range(text: str, printed: str) -> None:
    assert typography(text) == printed


@pytest.mark.parametrize(("noun", "plural_form"), [
    ("key", "keys"), ("company", "companies"), ("class", "classes"), ("box", "boxes"), ("church", "churches"),
    ("bush", "bushes"), ("other", "others"), ("enterprise", "enterprises"), ("needs analysis", "needs analyses"),
    ("contact", "contacts"),
])
def test_plural_of_each_kind_of_noun(noun: str, plural_form: str) -> None:
    assert plural(noun) == plural_form


def test_counts_and_date_ranges_at_their_edges() -> None:
    assert count(0, "contact", ("predates", "predate")) == "0 contacts predate"
    assert count(1, "needs analysis") == "1 needs analysis"
    assert date_range(date(2014, 6, 1), date(2015, 6, 30)) == "1 June 2014–30 June 2015"  # same month, two years
    assert date_range(date(2015, 1, 1), date(2015, 12, 31)) == "1 January–31 December 2015"
    assert date_range(date(2015, 6, 30), date(2015, 6, 30)) == "30–30 June 2015"


def test_one_contact_predating_the_procedure_is_said_in_the_singular(clean_dataset: Path) -> None:
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2015-07-01\n")
    text = render(clean_dataset)
    assert "1 contact predates the procedure and is not assessed." in text
    assert "Of the 2 contacts subject to the procedure" in text


def test_the_report_uses_one_apostrophe() -> None:
    for text in (BUNDLED, render(PROJECT, "--examples"), render(FIXTURES / "clean")):
        assert "'" not in re.sub(r"https?://\S+", "", text)


# --- No valid data crashes a report (item 7) --------------------------------------------------

ODD_TEXTS = [
    "2015. The year the platform grew.",
    "1. A summary that looks like a list item.",
    "# Not a heading",
    "- not a bullet",
    "> not a quote",
    "+ not a bullet either",
    "A [link](http://example.org) and [/] and [bold]markup[/bold].",
    "Stars * and ** and _under_ and `code` and <b>html</b> and a | pipe.",
    "A backslash \\ and a brace { and {{ 7 * 7 }}.",
]


@pytest.mark.parametrize("summary", ODD_TEXTS)
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_summary_or_name_that_looks_like_markup_renders_literally(
    clean_dataset: Path, tmp_path: Path, summary: str, fmt: str
) -> None:
    from markdown_it import MarkdownIt

    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    text = network.read_text(encoding="utf-8")
    start, end = text.index("summary: >-\n"), text.index("visibility: public\n")
    quoted = summary.replace("\\", "\\\\").replace('"', '\\"')
    text = text[:start] + f'summary: "{quoted} {{member-companies}}."\n' + text[end:]
    text = text.replace("name: Child Labour Platform", f'name: "Platform {quoted}"')
    network.write_text(text, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(app, ["report", "progress", "--format", fmt, "-o", str(out),
                                      "--root", str(clean_dataset)])
    assert result.exit_code == 0, result.output
    if fmt == "md":
        markdown = out.read_text(encoding="utf-8")
        paragraph = next(line for line in markdown.splitlines() if line.startswith("2. "))
        paragraph = re.sub(r"\[\^\d+\]$", "", paragraph)  # the mark of the record's source
        tokens = MarkdownIt("commonmark").parse(paragraph)
        assert [t.type for t in tokens][:2] == ["ordered_list_open", "list_item_open"]
        inline = next(t for t in tokens if t.type == "inline")
        assert [c.type for c in inline.children or []] == ["text"] * len(inline.children or [])
        assert "".join(c.content for c in inline.children or []) == typography(f"{summary} 9.")


def test_zero_and_missing_figures_render(clean_dataset: Path, tmp_path: Path) -> None:
    write(clean_dataset, "data/programmes/training.yaml",
          "id: training\nname: Training\nkind: programme\ncomponent: C\nstatus: active\n"
          "figures:\n"
          "  - key: all\n    label: participants\n    value: 0\n    unit: participants\n    as_of: 2015\n    source: S\n"
          "  - key: a\n    label: 'participants: a'\n    value: 0\n    unit: participants\n    as_of: 2015\n    source: S\n"
          "  - key: b\n    label: 'participants: b'\n    value: 0\n    unit: participants\n    as_of: 2015\n    source: S\n"
          "summary: '{all} took part: {a} in a, {b} in b.'\nvisibility: public\n")
    write(clean_dataset, "data/partnerships/empty.yaml",
          "id: empty\nname: Empty\nkind: partnership\ncomponent: A\nstatus: active\nsummary: Nothing yet.\n"
          "visibility: public\n")
    report = clean_dataset / "data/reports/progress.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "  - assessment:", "  - initiatives:\n      - training\n      - empty\n  - assessment:"), encoding="utf-8")
    text = render(clean_dataset)
    assert "0 took part: 0 in a, 0 in b. Nothing yet." in text
    assert "| a | 0 | – |" in text and "| Total of these areas | 0 | – |" in text
    assert render(clean_dataset, "--format", "docx", "-o", str(tmp_path / "r.docx")) == ""


@pytest.mark.parametrize(("days", "state"), [(141, ["1", "0"]), (142, ["0", "1"])])
def test_a_step_is_overdue_only_after_its_deadline(clean_dataset: Path, days: int, state: list[str]) -> None:
    # 21 January 2016, the period's end, is 142 days after the contact of 1 September 2015.
    write(clean_dataset, "ilo-engage.toml",
          "[procedure]\nstart = 2014-06-13\n" + FAR_DEADLINES.replace("needs_analysis = 36500", f"needs_analysis = {days}"))
    assert rules(clean_dataset)["needs analysis made by the entry bureau"][2:4] == state


@pytest.mark.parametrize(("figure", "style", "printed"), [
    ({"value": "9", "unit": "companies"}, "words", "nine"),
    ({"value": "10", "unit": "languages"}, "words", "ten"),
    ({"value": "12", "unit": "companies"}, "words", "12"),
    ({"value": "2.5", "unit": "companies"}, "words", "2.5"),
    ({"value": "1261", "unit": "factories"}, None, "1,261"),
    ({"value": "6", "unit": "million participants", "qualifier": "around"}, None, "around 6 million"),
    ({"value": "39.8", "unit": "US$ million"}, None, "US$39.8 million"),
    ({"value": "18.3", "unit": "US$ million"}, "number", "18.3"),
    ({"value": "57", "unit": "per cent"}, None, "57 per cent"),
    ({"value": "5", "unit": "US$"}, "words", "US$5"),
    ({"value": "0", "unit": "participants"}, None, "0"),
    ({"value": "0", "unit": "participants"}, "words", "zero"),
    ({"value": "11", "unit": "companies"}, "words", "11"),
    ({"value": "1261.50", "unit": "factories"}, None, "1,261.5"),
    ({"value": "3", "unit": "thousand participants"}, "words", "three thousand"),
])
def test_a_figure_is_spoken_in_the_papers_style(figure: dict, style: str | None, printed: str) -> None:
    from ilo_engage.model import Figure
    from ilo_engage.model.figures import spoken

    assert spoken(Figure.model_validate({"label": "x", "as_of": 2016, "source": "s", **figure}), style) == printed


def test_the_cached_validate_sees_what_a_full_check_sees(clean_dataset: Path) -> None:
    from ilo_engage.checks import check
    from ilo_engage.checks.scan import scan

    assert "No problems" in CliRunner().invoke(app, ["validate", "--root", str(clean_dataset)]).output
    report = clean_dataset / "data/reports/progress.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "  - text: Keep the registers.\n", "  - text: Keep {child-labour-platform.nope} registers.\n"),
        encoding="utf-8")
    network = clean_dataset / "data/networks/child-labour-platform.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace("member companies.", "member companies in 9."),
                       encoding="utf-8")
    cached = [(p.file, p.line, p.column, p.code) for p in scan(clean_dataset).problems]
    assert cached == [(p.file, p.line, p.column, p.code) for p in check(load(clean_dataset))]
    assert [c[3] for c in cached] == ["T002", "T001"]


def test_lead_units_and_members_appear_only_in_an_annex_the_text_asks_for(clean_dataset: Path) -> None:
    assert "Lead units and participants" not in render(clean_dataset)
    report = clean_dataset / "data/reports/progress.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("  - figures\n", "  - figures\n  - participants\n"),
                      encoding="utf-8")
    text = render(clean_dataset)
    body, annex = text.split("## Annex: Lead units and participants recorded\n")
    assert "International Organisation of Employers" not in body
    # example-cocoa is internal: the public report counts it without naming it.
    assert ("| Child Labour Platform | FUNDAMENTALS | International Organisation of Employers (co-chair); "
            "International Trade Union Confederation (co-chair); 1 other not named here |") in annex
    staff = render(clean_dataset, "--audience", "staff")
    assert "Example Cocoa Trading S.A. (member)" in staff


def test_the_assessment_gives_time_per_step_open_contacts_and_overdue_steps_by_unit(clean_dataset: Path) -> None:
    from ilo_engage.reports.assessment import assess

    a = assess(load(clean_dataset), date(2014, 6, 13), date(2016, 1, 21), "restricted")
    assert [(t.step, t.count, t.median_days, t.longest_days) for t in a.step_times] == [
        ("sharing", 3, 1, 1), ("needs analysis", 2, 5.5, 9), ("referral", 2, 7, 7),
        ("first follow-up", 1, 76, 76), ("closing", 1, 181, 181),
    ]
    assert (a.open_at_end, a.overdue) == (2, 0)  # the fixture's own deadlines are far off
    # With the default deadlines, the received contact's analysis (ACTRAV) and the referred contact's
    # first follow-up are overdue at the period's end; a day before the first is due, nothing is.
    (clean_dataset / "ilo-engage.toml").write_text("[procedure]\nstart = 2014-06-13\n", encoding="utf-8")
    late = assess(load(clean_dataset), date(2014, 6, 13), date(2016, 1, 21), "restricted")
    assert [(c.label, c.count) for c in late.overdue_by_unit] == [("ACTRAV", 1), ("FUNDAMENTALS", 1)]
    # The contact closed on 29 November 2015 was still open on the 28th.
    early = assess(load(clean_dataset), date(2014, 6, 13), date(2015, 11, 28), "restricted")
    assert early.open_at_end == 3 and [t.step for t in early.step_times][-1] == "first follow-up"


def figure(value: str, as_of: str | int, key: str = "members") -> Any:
    from ilo_engage.model import Figure

    return Figure.model_validate({"key": key, "label": key, "value": value, "unit": "companies", "as_of": as_of,
                                  "source": "s"})


@pytest.mark.parametrize(("end", "latest", "previous"), [
    (None, "14", "9"),
    (date(2017, 12, 1), "14", "9"),  # on the day the later figure holds from
    (date(2017, 11, 30), "9", None),  # the day before
    (date(2015, 1, 1), "9", None),
    (date(2014, 12, 31), "9", None),  # before every figure: the earliest
])
def test_a_figure_as_of_a_day_is_the_latest_held_by_then_with_the_one_before(
    end: date | None, latest: str, previous: str | None
) -> None:
    from types import SimpleNamespace

    from ilo_engage.model.figures import current_figures

    initiative = SimpleNamespace(figures=[figure("14", "2017-12"), figure("9", 2015), figure("3", 2016, "other")])
    found = current_figures(initiative, end)  # type: ignore[arg-type]
    assert sorted(found) == ["members", "other"]
    members = found["members"]
    assert (str(members.figure.value), members.previous and str(members.previous.value)) == (latest, previous)


@pytest.mark.parametrize(("as_of", "day"), [
    (2015, date(2015, 1, 1)), ("2015-10", date(2015, 10, 1)), ("2015-10-28", date(2015, 10, 28)),
])
def test_a_partial_date_stands_for_its_first_day(as_of: str | int, day: date) -> None:
    from ilo_engage.model.figures import as_of_day

    assert as_of_day(as_of) == day


@pytest.mark.parametrize(("text", "filled"), [
    ("{members:words} joined.", "Nine joined."),
    ("In 2015. {members:words} joined.", "In 2015. Nine joined."),
    ("Did it? {members:words} did.", "Did it? Nine did."),
    ("So.. {members:words} joined.", "So.. nine joined."),  # an ellipsis ends no sentence
    ("with {members} and {nope}", "with 9 and {nope}"),  # an unknown name is left as written
    ("{x.members:number} of them", "9 of them"),
])
def test_placeholders_are_filled_and_a_sentence_opens_with_a_capital(text: str, filled: str) -> None:
    from types import SimpleNamespace

    from ilo_engage.model.figures import current_figures, fill

    figures = {"x": current_figures(SimpleNamespace(figures=[figure("9", 2015)]))}  # type: ignore[arg-type]
    assert fill(text, "x", figures) == filled
