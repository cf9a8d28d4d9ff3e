"""A figure's label and unit are text readers see: given per language, printed in each; a unit
without a counted noun (US$ million, per cent) is the same in every language, and the figure's
key and kind are read from the first language's text whatever the language printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilo_engage.load.dataset import load
from ilo_engage.model import Initiative
from ilo_engage.model.language import original, translated
from tests.helpers import invoke, write

NETWORK = "data/networks/child-labour-platform.yaml"
PLAIN = """figures:
  - label: member companies
    value: 9
    unit: companies
"""
GIVEN = """figures:
  - label: {en: member companies, fr: entreprises membres}
    value: 9
    unit: {en: companies, fr: entreprises}
    as_of: 2016
    source: GB.326/INS/3 para 4
  - label: {en: funds committed, fr: fonds engagés}
    value: 39.8
    unit: US$ million
"""  # the file's own as_of and source follow: the second figure's


@pytest.fixture
def bilingual(clean_dataset: Path) -> Path:
    settings = (clean_dataset / "ilo-engage.toml").read_text(encoding="utf-8")
    write(clean_dataset, "ilo-engage.toml", 'languages = ["en", "fr"]\n' + settings)
    return clean_dataset


def _given(root: Path) -> None:
    text = (root / NETWORK).read_text(encoding="utf-8")
    assert PLAIN in text
    write(root, NETWORK, text.replace(PLAIN, GIVEN))


def test_validate_warns_of_a_unit_s_noun_missing_a_language_never_of_a_unit_without_one(bilingual: Path) -> None:
    result = invoke(bilingual, "validate", "--format", "json")
    assert "`figures.0.label` has no fr text" in result.output
    assert "`figures.0.unit` has no fr text" in result.output
    _given(bilingual)
    result = invoke(bilingual, "validate", "--format", "json")
    assert "`figures.0.label`" not in result.output and "`figures.0.unit`" not in result.output
    assert "`figures.1.label`" not in result.output
    assert "`figures.1.unit`" not in result.output  # US$ million: the tool writes it in each language


def test_a_figure_s_key_is_its_first_language_label_s_in_every_language(bilingual: Path) -> None:
    _given(bilingual)
    initiative = next(e.record for e in load(bilingual).entries if isinstance(e.record, Initiative))
    french = translated(initiative, "fr", "en", lambda where, text: text)
    assert french.figures[0].label == "entreprises membres" and original(french.figures[0].label) == "member companies"
    assert french.figures[0].ref == initiative.figures[0].ref == "member-companies"


def test_the_french_report_and_site_print_the_figure_s_label_and_unit_in_french(bilingual: Path,
                                                                               tmp_path: Path) -> None:
    _given(bilingual)
    report = invoke(bilingual, "report", "progress", "--language", "fr", "--draft")
    assert report.exit_code == 0, report.output
    assert "| entreprises membres | 9 entreprises |" in report.stdout
    assert "| fonds engagés | 39,8 millions de dollars des États-Unis |" in report.stdout
    assert "neuf" in report.stdout  # the summary's {member-companies:words}, found by its English key
    built = invoke(bilingual, "site", "--language", "fr", "--draft", "--output", str(tmp_path / "fr"))
    assert built.exit_code == 0, built.output
    page = (tmp_path / "fr" / "initiatives" / "child-labour-platform.html").read_text(encoding="utf-8")
    assert "<td>entreprises membres</td><td>9 entreprises</td>" in page


def test_a_unit_s_noun_missing_in_french_is_marked_in_a_draft(bilingual: Path) -> None:
    report = invoke(bilingual, "report", "progress", "--language", "fr", "--draft")
    assert report.exit_code == 0, report.output
    assert "| \\[non traduit\u00a0: member companies\\] | 9 \\[non traduit\u00a0: companies\\] |" in report.stdout


def test_the_computed_tables_read_the_first_language_s_units_and_labels_whatever_the_language() -> None:
    from ilo_engage.model.language import Translated
    from ilo_engage.reports.computed import computed_tables
    from tests.helpers import PROJECT

    bundled = {e.record.id: e.record for e in load(PROJECT).entries if isinstance(e.record, Initiative)}
    chosen = [bundled["ppp-portfolio-companies"], bundled["ppp-portfolio-foundations"],
              bundled["itc-courses-for-enterprises"]]

    def given(text: str, where: tuple[str | int, ...]) -> str:  # every text given in French, made up here
        return Translated(text, {"en": text, "fr": f"fr {text}"}) if where[-1] in ("label", "unit") else text

    def in_french(initiative: Initiative) -> Initiative:
        figures = [f.model_copy(update={"label": given(f.label, ("label",)), "unit": given(f.unit, ("unit",))})
                   for f in initiative.figures]
        return translated(initiative.model_copy(update={"figures": figures}), "fr", "en", lambda where, text: text)

    english = {t.kind: t.rows for t in computed_tables(chosen, "public")}
    french = {t.kind: t.rows for t in computed_tables([in_french(i) for i in chosen], "public")}
    assert french.keys() == english.keys() == {"components", "portfolios", "areas"}
    assert french == english
