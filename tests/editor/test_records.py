"""The web editor for real (tests/editor/browser.py), on records already in the dataset: an initiative
whose texts are given in the dataset's three languages keeps every one of them through an edit of
another field, and `fmt` gives back its file but for that field; optional fields typed into and
emptied again are left out of a new record's file (admin/editor.js).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ilo_engage.load.dataset import load
from tests.editor.browser import (
    NEEDS,
    changed,
    choose,
    expect_that,
    field,
    other_language,
    publish,
    saved_files,
    screenshots,
    unfold,
)
from tests.helpers import invoke, write

pytestmark = NEEDS


# An initiative of `init`'s trilingual dataset (en, fr, es), in `fmt`'s layout, whose texts come in
# each form the data contract allows: a text per language, a plain string (the first language), a
# long text, and a language the record says is not checked.
NETWORK = """\
id: care-network
name:
  en: Care Work Business Network
  fr: Réseau d'entreprises sur le travail de soins
  es: Red empresarial sobre el trabajo de cuidados
kind: network
component: A
lead_units:
  - act-emp
status: active
started: 2015-10
figures:
  - label:
      en: member companies
      fr: entreprises membres
      es: empresas miembros
    value: 12
    unit:
      en: companies
      fr: entreprises
      es: empresas
    as_of: 2016-01
    source: GB.326/INS/3 para 4
summary:
  en: The network brings together {member-companies} companies that share how they organise care for their workers' children and older relatives.
  fr: Le réseau réunit {member-companies} entreprises qui partagent leur manière d'organiser la prise en charge des enfants et des parents âgés de leurs salariés.
  es: La red reúne a {member-companies} empresas que comparten cómo organizan el cuidado de los hijos y familiares mayores de sus trabajadores.
engagement:
  way: network
  how:
    en: Member companies meet twice a year.
    fr: Les entreprises membres se réunissent deux fois par an.
    es: Las empresas miembros se reúnen dos veces al año.
  gets: Guidance on workplace care services.
  source: GB.326/INS/3 para 4
translations:
  es: unverified
visibility: public
sources:
  - GB.326/INS/3 para 4
notes: Kept in three languages.
"""


def test_an_officer_edits_a_translated_initiative_and_every_translation_is_kept(
    page: Any, editor: str, dataset: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = write(dataset, "data/networks/care-network.yaml", NETWORK)
    relpath = "data/networks/care-network.yaml"
    assert invoke(dataset, "fmt", "--check", str(path)).exit_code == 0  # the test starts from fmt's layout
    before = _record(dataset, relpath)
    # The plain string has no French or Spanish text: validate says so (L001), before and after.
    findings = _findings(dataset, "care-network")
    assert [line.split(": ")[1].split()[0] for line in findings] == ["L001"]
    address = editor.split("#")[0]
    # As an officer opens it: from the list (going from one entry's address straight to another's
    # leaves Decap showing the first entry's data).
    page.goto(address + "index.html#/collections/networks")
    page.get_by_text("care-network", exact=True).click()  # the list shows ids: names may be mappings
    # Each language in its own input, labelled by the language; the first is the field's own.
    expect_that(field(page, "Name")).to_have_value("Care Work Business Network")  # once the entry is read
    expect_that(other_language(page, "Name", "fr")).to_have_value("Réseau d'entreprises sur le travail de soins")
    expect_that(other_language(page, "Summary", "es")).to_have_value(re.compile("^La red reúne"))
    expect_that(field(page, "What a company gets")).to_have_value("Guidance on workplace care services.")  # a plain string
    expect_that(other_language(page, "What a company gets", "fr")).to_have_value("")
    shots = screenshots(tmp_path_factory)
    page.screenshot(path=str(shots / "translated-form.png"))
    other_language(page, "Summary", "fr").scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "translated-form-summary.png"))

    # Another field changed: the record says what it said, every text in every language, with the
    # new status; validate finds in it what it found before (but for the line: see below).
    choose(page, "Status", "closed")
    expect_that(page.get_by_text("Unsaved changes")).to_be_visible()
    publish(page, saved=False)
    saved = changed(path, NETWORK, page)
    assert _record(dataset, relpath) == {**before, "status": "closed"}
    assert [finding.split(": ", 1)[1] for finding in _findings(dataset, "care-network")] == [
        finding.split(": ", 1)[1] for finding in findings]
    # Its keys are in the contract's order, `translations` and `notes` in their places (the form's
    # hidden fields). The editor wraps texts longer than 80 columns onto several lines, which `fmt`
    # joins again: the file is then the one the test wrote, but for its status.
    assert [line.split(":")[0] for line in saved.splitlines() if line[:1].isalpha()] == [
        line.split(":")[0] for line in NETWORK.splitlines() if line[:1].isalpha()]
    assert invoke(dataset, "fmt", str(path)).exit_code == 0
    saved = path.read_text(encoding="utf-8")
    assert saved == NETWORK.replace("status: active", "status: closed")
    assert _findings(dataset, "care-network") == findings

    # A French text added to a plain string makes it a text per language; emptying the Spanish
    # name leaves Spanish out of it. (The form saves the whole record again, over fmt's file.)
    expect_that(page.get_by_text("Changes saved")).to_be_visible()
    unfold(page, "Engagement")
    other_language(page, "What a company gets", "fr").fill("Des conseils sur les services de garde.")
    other_language(page, "Name", "es").fill("")
    expect_that(page.get_by_text("Unsaved changes")).to_be_visible()
    publish(page, saved=False)
    changed(path, saved, page)
    after = _record(dataset, relpath)
    assert after["engagement"]["gets"] == {"en": "Guidance on workplace care services.",
                                           "fr": "Des conseils sur les services de garde."}
    assert after["name"] == {"en": "Care Work Business Network", "fr": "Réseau d'entreprises sur le travail de soins"}
    assert {**after, "name": before["name"], "engagement": before["engagement"]} == {**before, "status": "closed"}
    assert invoke(dataset, "fmt", str(path)).exit_code == 0
    assert _record(dataset, relpath) == after
    # Validate now misses the Spanish of the name and of what a company gets (L001).
    assert [line.split("`")[1:] for line in _findings(dataset, "care-network")] == [
        ["name", " has no es text"], ["engagement.gets", " has no es text"]]


def test_optional_fields_typed_into_and_emptied_are_left_out_of_the_saved_file(
    page: Any, editor: str, dataset: Path
) -> None:
    address = editor.split("#")[0]
    page.goto(address + "index.html#/collections/enterprises/new")
    field(page, "Id").fill("initech")
    field(page, "Name").fill("Initech")
    choose(page, "Kind", "company")
    choose(page, "Country", "Switzerland")
    field(page, "Notes").fill("to be removed")
    field(page, "Notes").fill("")
    unfold(page, "Identifiers")  # the optional object: opened, one of its fields typed and emptied
    field(page, "Website").fill("https://initech.example")
    field(page, "Website").fill("")
    page.get_by_role("button", name=re.compile("Add source")).click()  # a list item added and left empty
    publish(page)
    saved = saved_files(dataset / "data/registers/enterprises", r"initech\.yaml")
    assert saved[0].read_text(encoding="utf-8") == (
        "id: initech\nname: Initech\nkind: company\ncountry: CH\nvisibility: internal\n")
    validated = invoke(dataset, "validate")
    assert validated.exit_code == 0 and "initech" not in validated.stdout, validated.output


def _findings(root: Path, text: str) -> list[str]:
    """What validate reports about the files whose path contains `text` (it passes: warnings only)."""
    validated = invoke(root, "validate")
    assert validated.exit_code == 0, validated.output
    return [line for line in validated.stdout.splitlines() if text in line.split(":")[0]]


def _record(root: Path, relpath: str) -> dict[str, Any]:
    """A record file as the models read it, every text in each of its languages."""
    entry = next(entry for entry in load(root).entries if entry.file == relpath)
    return entry.record.model_dump(mode="json", by_alias=True, exclude_defaults=True)
