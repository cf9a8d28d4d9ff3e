"""A document in a language is refused for the text missing in it that it prints, and only that:
text of records it does not show, or fields it never prints, is no reason to refuse it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import invoke, write

NETWORK = "data/networks/child-labour-platform.yaml"
SECRET = """id: secret-network
name: A network not yet announced
kind: network
component: A
lead_units:
  - act-emp
status: planned
summary: >-
  Talks with companies about a network that is not public yet.
visibility: confidential
translations: {fr: incomplete}
"""


@pytest.fixture
def bilingual(clean_dataset: Path) -> Path:
    settings = (clean_dataset / "ilo-engage.toml").read_text(encoding="utf-8")
    write(clean_dataset, "ilo-engage.toml", 'languages = ["en", "fr"]\n' + settings)
    return clean_dataset


def _refused(root: Path, *args: str) -> int:
    result = invoke(root, *args)
    assert result.exit_code == 1, result.output
    found = re.search(r"(\d+) texts? the document prints (?:are|is) not in fr \(first: ", result.output)
    assert found, result.output
    return int(found.group(1))


def _without_engagement(root: Path) -> None:
    text = (root / NETWORK).read_text(encoding="utf-8")
    start, end = text.index("engagement:"), text.index("visibility:")
    write(root, NETWORK, text[:start] + text[end:])


def test_the_report_is_not_refused_for_the_guide_s_fields_nor_for_a_record_it_does_not_name(bilingual: Path) -> None:
    args = ("report", "progress", "--language", "fr")
    counted = _refused(bilingual, *args)
    _without_engagement(bilingual)  # how a company takes part: the guide prints it, the report never does
    assert _refused(bilingual, *args) == counted
    write(bilingual, "data/networks/secret-network.yaml", SECRET)  # never named to the report's audience
    assert _refused(bilingual, *args) == counted


def test_the_guide_is_not_refused_for_a_record_it_does_not_show(bilingual: Path, tmp_path: Path) -> None:
    args = ("site", "--audience", "public", "--language", "fr", "--output", str(tmp_path / "fr"))
    counted = _refused(bilingual, *args)
    write(bilingual, "data/networks/secret-network.yaml", SECRET)
    assert _refused(bilingual, *args) == counted
    assert not (tmp_path / "fr").exists()
    _without_engagement(bilingual)  # the network leaves the guide, its text with it: nothing left missing
    built = invoke(bilingual, *args)
    assert built.exit_code == 0, built.output
    assert "child-labour-platform" not in (tmp_path / "fr" / "index.html").read_text(encoding="utf-8")


def test_the_staff_site_is_refused_for_what_its_pages_print(bilingual: Path, tmp_path: Path) -> None:
    args = ("site", "--language", "fr", "--output", str(tmp_path / "fr"))
    counted = _refused(bilingual, *args)
    _without_engagement(bilingual)  # the staff site does not print the guide's fields either
    assert _refused(bilingual, *args) == counted
    assert not (tmp_path / "fr").exists()
    built = invoke(bilingual, *args, "--draft")
    assert built.exit_code == 0, built.output
    assert all("\ue000" not in p.read_text(encoding="utf-8") for p in (tmp_path / "fr").rglob("*.html"))


def test_the_passages_printed_in_each_process_of_the_build_count(bilingual: Path, tmp_path: Path) -> None:
    from ilo_engage.reports.translation import TranslationMissing
    from ilo_engage.site.build import build_site

    said = []
    for workers in (1, 2):
        with pytest.raises(TranslationMissing) as refused:
            build_site(bilingual, tmp_path / str(workers), "staff", workers=workers, language="fr")
        said.append(str(refused.value))
    assert said[0] == said[1]


def test_the_word_document_s_cover_is_in_the_count_and_free_of_tags(bilingual: Path, tmp_path: Path) -> None:
    import zipfile

    markdown = _refused(bilingual, "report", "progress", "--language", "fr")
    docx = _refused(bilingual, "report", "progress", "--language", "fr", "--format", "docx",
                    "--output", str(tmp_path / "fr.docx"))
    assert docx >= markdown
    draft = invoke(bilingual, "report", "progress", "--language", "fr", "--draft", "--format", "docx",
                   "--output", str(tmp_path / "fr.docx"))
    assert draft.exit_code == 0, draft.output
    with zipfile.ZipFile(tmp_path / "fr.docx") as document:
        xml = document.read("word/document.xml").decode("utf-8")
    assert "\ue000" not in xml and "[non traduit\u00a0: " in xml
