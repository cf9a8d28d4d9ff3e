"""Translatable text: a plain string or a text per language, the `languages` setting, and L001."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from ilo_engage.checks import check
from ilo_engage.load.dataset import load
from ilo_engage.load.settings import load_settings
from ilo_engage.model import Unit
from ilo_engage.model.language import Translated, translated
from ilo_engage.model.vocabulary import Topics
from tests.helpers import FAR_DEADLINES, invoke, write

TOPICS = """topics:
  - id: child-labour
    name: {en: Child labour, fr: Travail des enfants, es: Trabajo infantil}
  - id: supply-chains
    name: Decent work in supply chains
  - id: osh
    name:
      en: Occupational safety and health
      fr: Sécurité et santé au travail
"""


def _languages(root: Path, *languages: str) -> None:
    listed = ", ".join(f'"{language}"' for language in languages)
    write(root, "ilo-engage.toml", f"languages = [{listed}]\n" + FAR_DEADLINES)


def test_a_one_language_dataset_reads_plain_strings_as_today(clean_dataset: Path) -> None:
    dataset = load(clean_dataset)
    assert dataset.settings.languages == ["en"]
    unit = dataset.by_id(Unit)["act-emp"]
    assert unit.name == "Bureau for Employers' Activities"
    assert isinstance(unit.name, Translated) and unit.name.translations == {}
    assert check(dataset) == []


def test_a_text_per_language_is_its_first_language_as_a_string() -> None:
    topics = Topics.model_validate({"topics": [{"id": "a", "name": {"en": "Child labour", "fr": "Travail des enfants"}}]})
    name = topics.topics[0].name
    assert name == "Child labour"
    assert isinstance(name, Translated)
    assert name.in_language("fr", "en") == "Travail des enfants"
    assert name.in_language("es", "en") is None
    assert topics.model_dump()["topics"][0]["name"] == {"en": "Child labour", "fr": "Travail des enfants"}


@pytest.mark.parametrize(("value", "message"), [
    ({"EN": "Child labour"}, "'EN' is not a language code"),
    ({"en": ""}, "the en text is empty"),
    ({}, "expected a text, or a text per language"),
    ("", "the text is empty"),
    (3, "expected a text, or a text per language"),
])
def test_a_wrong_translatable_value_says_why(value: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Topics.model_validate({"topics": [{"id": "a", "name": value}]})


def test_languages_are_iso_codes_each_once(tmp_path: Path) -> None:
    write(tmp_path, "ilo-engage.toml", 'languages = ["en", "fr", "es"]\n')
    assert load_settings(tmp_path).languages == ["en", "fr", "es"]
    for wrong in ('["en", "en"]', '["english"]', "[]"):
        write(tmp_path, "ilo-engage.toml", f"\n\nlanguages = {wrong}\n")
        result = invoke(tmp_path, "validate")
        assert result.exit_code == 1
        assert "ilo-engage.toml:3:1: F030 `languages" in result.stdout


def test_validate_warns_of_a_text_missing_a_declared_language(clean_dataset: Path) -> None:
    _languages(clean_dataset, "en", "fr")
    write(clean_dataset, "data/topics.yaml", TOPICS)
    found = [(p.file, p.line, p.column, p.code, p.message) for p in check(load(clean_dataset))
             if p.file == "data/topics.yaml"]
    assert found == [("data/topics.yaml", 5, 11, "L001", "`topics.1.name` has no fr text")]
    units = [p for p in check(load(clean_dataset)) if p.file.startswith("data/units/")]
    assert {(p.code, p.message) for p in units} == {("L001", "`name` has no fr text")}
    assert all(p.severity.value == "warning" for p in units)


def test_a_language_said_incomplete_is_not_reported_field_by_field(clean_dataset: Path) -> None:
    _languages(clean_dataset, "en", "fr", "es")
    write(clean_dataset, "data/topics.yaml", TOPICS.replace(
        "    name: Decent work in supply chains\n",
        "    name: Decent work in supply chains\n    translations: {fr: incomplete, es: incomplete}\n"))
    found = [(p.line, p.message) for p in check(load(clean_dataset)) if p.file == "data/topics.yaml"]
    assert found == [(9, "`topics.2.name` has no es text")]  # the first topic has all three


def test_the_text_in_one_language_and_the_missing_ones_marked() -> None:
    topics = Topics.model_validate({"topics": [{"id": "a", "name": {"en": "Child labour", "fr": "Travail des enfants"}},
                                               {"id": "b", "name": "Skills"}]})
    missing: list[tuple[object, str]] = []

    def mark(where: tuple[str | int, ...], text: str) -> str:
        missing.append((where, text))
        return f"[to translate] {text}"

    french = translated(topics, "fr", "en", mark)
    assert [t.name for t in french.topics] == ["Travail des enfants", "[to translate] Skills"]
    assert missing == [(("topics", 1, "name"), "Skills")]
    assert translated(topics, "en", "en", mark).topics[1] is topics.topics[1]  # nothing to change: not copied
