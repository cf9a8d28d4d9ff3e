"""The bundled dataset in English, French and Spanish: its vocabularies and units in all three
(marked unverified), its report text and initiatives English only and saying so, so that the
French and Spanish report are drafts with every passage the published versions would give marked."""

from __future__ import annotations

from pathlib import Path

from ilo_engage.load.dataset import load
from ilo_engage.model import Initiative, ReportText, Unit
from ilo_engage.model.language import texts
from tests.helpers import PROJECT, invoke


def test_the_bundled_dataset_declares_english_french_and_spanish() -> None:
    assert load(PROJECT).settings.languages == ["en", "fr", "es"]


def test_every_topic_region_and_unit_name_is_in_all_three_and_marked_unverified() -> None:
    dataset = load(PROJECT)
    named = [*dataset.topics(), *dataset.regions(), *dataset.records(Unit)]
    assert len(named) == 28 + 5 + 33
    for part in named:
        assert part.name.languages == ("en", "fr", "es"), part.id
        assert part.translations == {"fr": "unverified", "es": "unverified"}, part.id
    assert dataset.by_id(Unit)["act-emp"].name.in_language("fr", "en") == "Bureau des activités pour les employeurs"


def test_the_report_text_and_the_initiatives_are_english_only_and_say_so() -> None:
    dataset = load(PROJECT)
    records = [*dataset.records(ReportText), *dataset.records(Initiative)]
    for record in records:
        assert record.translations == {"fr": "incomplete", "es": "incomplete"}, record.id
        assert all(not text.translations for _, text, _ in texts(record)), record.id  # nothing invented


def test_the_french_report_is_refused_unless_a_draft_and_then_every_missing_passage_is_marked(tmp_path: Path) -> None:
    refused = invoke(PROJECT, "report", "progress", "--language", "fr")
    assert refused.exit_code == 1
    assert "not in fr (first: data/networks/child-labour-platform.yaml:2: `name`)" in refused.output
    draft = invoke(PROJECT, "report", "progress", "--language", "fr", "--draft")
    assert draft.exit_code == 0, draft.output
    text = draft.stdout
    assert "[non traduit\u00a0: 326th Session, Geneva, 10–24 March 2016]" in text
    assert "## Projet de décision" in text and "Date\u00a0: 21 janvier 2016" in text
    assert "39,8\u00a0millions de dollars des États-Unis" not in text  # a plain space: the figure is prose
    assert "39,8 millions de dollars des États-Unis" in text
    assert "1\u00a0261" in text
    assert "| enterprise development | 350 | 43\u00a0% |" in text  # a computed share, in French style


def test_the_spanish_registers_need_no_draft_they_print_only_what_is_translated() -> None:
    result = invoke(PROJECT, "report", "register", "--language", "es")
    assert result.exit_code == 0, result.output
    assert "## Registro de ACTRAV" in result.stdout and "[sin traducir" not in result.stdout


def test_the_guide_in_french_is_a_draft_linked_to_the_english_and_spanish_guides(tmp_path: Path) -> None:
    refused = invoke(PROJECT, "site", "--audience", "public", "--language", "fr", "--output", str(tmp_path / "fr"))
    assert refused.exit_code == 1 and "not in fr" in refused.output
    assert not (tmp_path / "fr").exists()
    built = invoke(PROJECT, "site", "--audience", "public", "--language", "fr", "--draft",
                   "--output", str(tmp_path / "fr"))
    assert built.exit_code == 0, built.output
    page = (tmp_path / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page
    assert "<h1>Collaborer avec l’OIT\u00a0: guide à l’intention des entreprises</h1>" in page
    assert "<dt>Comment une entreprise participe</dt>" in page
    assert "[non traduit\u00a0: " in page  # the initiatives' text, English only, marked
    assert '<a href="../en/index.html" hreflang="en" lang="en">English</a>' in page
    assert '<a href="../es/index.html" hreflang="es" lang="es">Español</a>' in page
    assert 'hreflang="fr" lang="fr" aria-current="true">Français</a>' in page


def test_the_staff_site_in_french_is_refused_unless_a_draft(tmp_path: Path) -> None:
    refused = invoke(PROJECT, "site", "--language", "fr", "--output", str(tmp_path / "fr"))
    assert refused.exit_code == 1 and "not in fr" in refused.output
    assert not (tmp_path / "fr").exists()


def test_the_staff_site_in_french_reads_in_french_and_links_to_the_same_page_in_the_others(tmp_path: Path) -> None:
    built = invoke(PROJECT, "site", "--language", "fr", "--draft", "--output", str(tmp_path / "fr"))
    assert built.exit_code == 0, built.output
    site = tmp_path / "fr"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in home
    assert "<title>Accueil · Collaboration de l’OIT avec le secteur privé</title>" in home
    assert '<a href="registers/act-emp.html">Registre ACT/EMP</a>' in home
    assert "<strong>33</strong> unités" in home
    page = (site / "enterprises" / "contoso-electronics.html").read_text(encoding="utf-8")
    # The same page in the other languages' sites, beside this one.
    assert '<a href="../../en/enterprises/contoso-electronics.html" hreflang="en" lang="en">English</a>' in page
    assert '<a href="../../es/enterprises/contoso-electronics.html" hreflang="es" lang="es">Español</a>' in page
    assert "<dt>Pays</dt><dd><a href=\"../countries/KR.html\">Corée du Sud</a></dd>" in page  # Babel's name
    assert "<h3>20 avril 2015 · " in page  # dates in words, in French
    assert "<li>21 avril 2015\u00a0: consultation de act-emp</li>" in page
    assert "<p>en cours\u00a0; unité du BIT\u00a0; entré par " in page  # the record's values in French words
    unit = (site / "units" / "act-emp.html").read_text(encoding="utf-8")
    assert "<h1>ACT/EMP: Bureau des activités pour les employeurs</h1>" in unit  # the record's own French
    assert "analyse des besoins, à faire au plus tard le 13 janvier 2016" in unit
    register = (site / "registers" / "act-emp.html").read_text(encoding="utf-8")
    assert "<td>2015-03-02</td>" in register  # tables keep ISO dates, which sort
    initiatives = (site / "initiatives" / "index.html").read_text(encoding="utf-8")
    assert "[non traduit\u00a0: Better Work]</a> <span class=\"note\">programme, active</span>" in initiatives
    better_work = (site / "initiatives" / "better-work.html").read_text(encoding="utf-8")
    assert "<td>1\u00a0261 " in better_work  # figures in French style, in whichever process made the page
    report = (site / "report" / "index.html").read_text(encoding="utf-8")
    assert "Télécharger le rapport en document Word (DOCX)" in report
    assert "[non traduit\u00a0: 326th Session, Geneva, 10–24 March 2016]" in report
    assert "1\u00a0261" in report  # the report's numbers in French style
    chart = (site / "charts" / "contacts-by-region.svg").read_text(encoding="utf-8")
    assert "Contacts par trimestre, par région" in chart and "T1 2015" in chart


def test_the_staff_site_in_spanish_and_in_english_with_its_siblings(tmp_path: Path) -> None:
    built = invoke(PROJECT, "site", "--audience", "restricted", "--language", "es", "--draft",
                   "--output", str(tmp_path / "es"))
    assert built.exit_code == 0, built.output
    home = (tmp_path / "es" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in home and "esta versión restringida también nombra" in home
    assert "Solo para el personal" not in home and "Restringido: nombra registros confidenciales" in home
    english = invoke(PROJECT, "site", "--language", "en", "--output", str(tmp_path / "en"))
    assert english.exit_code == 0, english.output  # the records' English needs no draft
    page = (tmp_path / "en" / "topics" / "child-labour.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "<h1>Child labour</h1>" in page
    assert '<a href="../../fr/topics/child-labour.html" hreflang="fr" lang="fr">Français</a>' in page
