"""Documents in another of the dataset's languages: refused while text is missing in it, marked
with --draft, the fixed words from the catalog, and Word told the document's language."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.helpers import FAR_DEADLINES, invoke, write


def _bilingual(root: Path) -> None:
    write(root, "ilo-engage.toml", 'languages = ["en", "fr"]\n' + FAR_DEADLINES)
    report = root / "data/reports/progress.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "title: A small progress report for tests\n",
        "title:\n  en: A small progress report for tests\n  fr: Un petit rapport d’activité pour les tests\n"),
        encoding="utf-8")


def test_a_report_in_a_language_the_text_is_not_all_in_is_refused_and_nothing_written(clean_dataset: Path) -> None:
    _bilingual(clean_dataset)
    target = clean_dataset / "rapport.md"
    result = invoke(clean_dataset, "report", "progress", "--language", "fr", "--output", str(target))
    assert result.exit_code == 1
    assert "texts the document prints are not in fr (first: data/networks/child-labour-platform.yaml:2: `name`)" \
        in result.output
    assert "--draft" in result.output
    assert not target.exists()


def test_a_draft_marks_each_missing_passage_and_prints_the_fixed_words_in_the_language(clean_dataset: Path) -> None:
    _bilingual(clean_dataset)
    result = invoke(clean_dataset, "report", "progress", "--language", "fr", "--draft")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "# Un petit rapport d’activité pour les tests\n" in text  # given: printed as it is
    assert "**Objet du document**" in text and "## Projet de décision" in text
    assert "Date\u00a0: 21 janvier 2016" in text and "Original\u00a0: anglais" in text
    assert "[non traduit\u00a0: Background]" in text  # missing: the first language's, marked
    assert "[non traduit\u00a0: Institutional Section]" in text
    assert "**Governing Body**" not in text


def test_the_first_language_is_the_default_and_unchanged(clean_dataset: Path) -> None:
    english = invoke(clean_dataset, "report", "progress").stdout
    _bilingual(clean_dataset)
    assert invoke(clean_dataset, "report", "progress").stdout == english
    assert invoke(clean_dataset, "report", "progress", "--language", "en").stdout == english


def test_a_language_without_a_catalog_is_a_usage_error(clean_dataset: Path) -> None:
    result = invoke(clean_dataset, "report", "progress", "--language", "de")
    assert result.exit_code == 2
    assert "--language de: documents can be written in en, es, fr" in result.output


def test_the_registers_in_spanish(clean_dataset: Path) -> None:
    write(clean_dataset, "ilo-engage.toml", 'languages = ["en", "es"]\n' + FAR_DEADLINES)
    # The units', topics' and regions' names are English only, but the registers print none of them:
    # no reason to refuse the document (nor to mark anything in a draft).
    result = invoke(clean_dataset, "report", "register", "--language", "es")
    assert result.exit_code == 0, result.output
    assert "[sin traducir" not in result.stdout
    assert invoke(clean_dataset, "report", "register", "--language", "es", "--draft").stdout == result.stdout
    assert result.stdout.startswith("# Registros de las empresas que colaboran con la OIT\n")
    assert "## Registro de ACT/EMP" in result.stdout


def test_word_documents_say_their_language_for_spell_checking(clean_dataset: Path) -> None:
    _bilingual(clean_dataset)
    french = clean_dataset / "rapport.docx"
    result = invoke(clean_dataset, "report", "progress", "--language", "fr", "--draft", "--format", "docx",
                    "--output", str(french))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(io.BytesIO(french.read_bytes())) as archive:
        styles = archive.read("word/styles.xml").decode()
        core = archive.read("docProps/core.xml").decode()
        body = archive.read("word/document.xml").decode()
    assert 'w:lang w:val="fr-FR"' in styles and "en-GB" not in styles
    assert "<dc:language>fr-FR</dc:language>" in core
    assert "Conseil d’administration" in body and "Objet du document" in body


def test_a_first_language_the_tool_has_no_catalog_for_keeps_its_text_and_english_fixed_words(
        clean_dataset: Path) -> None:
    write(clean_dataset, "ilo-engage.toml", 'languages = ["de"]\n' + FAR_DEADLINES)
    result = invoke(clean_dataset, "report", "progress")
    assert result.exit_code == 0, result.output
    assert "# A small progress report for tests\n" in result.stdout and "## Draft decision" in result.stdout
