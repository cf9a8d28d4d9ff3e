"""The web editor's configuration: generated from the models and the dataset's units and topics,
written by `init` and `editor config`, and checked for staleness (`editor config --check`)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, get_args

import pytest

from ilo_engage.authoring.scaffold import scaffold
from ilo_engage.editor.config import COLLECTIONS, DEFAULT_REPO, config, vocabulary
from ilo_engage.editor.files import PACKAGED, STATIC, stale_files
from ilo_engage.editor.widgets import REFERENCES
from ilo_engage.load.dataset import load
from ilo_engage.model import Contact, Enterprise, Network, Partnership, Programme, Record, ReportText, Unit, kind_named
from ilo_engage.model.contacts import Channel, InitiatedBy, Status
from ilo_engage.yamlio import parse
from tests.helpers import FIXTURES, invoke, write

REPO = Path(__file__).resolve().parents[2]
UNIT = "id: co-geneva\nname: ILO Office for Switzerland\nshort: CO-Geneva\nkind: field-office\ncountries:\n  - CH\n"


@pytest.fixture(scope="module")
def generated() -> dict[str, Any]:
    """The configuration for the clean fixture: collections by name, their fields by name."""
    made = config(vocabulary(FIXTURES / "clean"))
    return {c["name"]: {"collection": c, **{f["name"]: f for f in c["fields"]}} for c in made["collections"]}


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    root = tmp_path / "dataset"
    scaffold(root)
    return root


def _values(options: list[Any]) -> list[str]:
    return [option["value"] if isinstance(option, dict) else option for option in options]


def test_a_collection_per_kind_officers_add_in_the_folders_of_the_data_contract(generated: dict[str, Any]) -> None:
    assert list(generated) == ["contacts", "enterprises", "networks", "partnerships", "programmes"]
    for kind, name, _, _ in COLLECTIONS:
        collection = generated[name]["collection"]
        assert (collection["folder"], collection["format"], collection["extension"]) == (
            kind_named(kind).location, "yaml", "yaml")
        assert collection["slug"] == "{{fields.id}}"  # the file is named by the record's id


def test_fields_come_in_the_order_of_the_files_and_each_field_of_the_model_is_offered(
    generated: dict[str, Any],
) -> None:
    for model, name in ((Contact, "contacts"), (Enterprise, "enterprises"), (Network, "networks")):
        fields = generated[name]["collection"]["fields"]
        assert [field["name"] for field in fields] == model.field_names()  # Decap saves keys in this order
        # Not shown, but kept as the file has them: the deprecated `referred_to`, `translations` (what a
        # record says of its languages), `imported_from` (written by `import`) and `former_ids` (by
        # `enterprise rename` and `merge`).
        kept = [field["name"] for field in fields if field["widget"] == "hidden" and "default" not in field
                and field["name"] != "id"]  # not an initiative's fixed kind, nor a contact's id made on saving
        assert kept == [n for n in model.field_names() if (model.__name__, n) == ("Contact", "referred_to")
                        or n in ("translations", "imported_from", "former_ids")]


def test_required_as_in_the_models_and_help_from_their_descriptions(generated: dict[str, Any]) -> None:
    for model, name in ((Contact, "contacts"), (Enterprise, "enterprises"), (Partnership, "partnerships")):
        fields = generated[name]["collection"]["fields"]
        required = {f["name"] for f in fields if f.get("required", True) and f["widget"] != "hidden"}
        hidden = {f["name"] for f in fields if f["widget"] == "hidden"}  # a contact's id, an initiative's kind
        expected = {info.alias or n for n, info in model.model_fields.items() if info.is_required()}
        assert required == expected - hidden
        for field in fields:
            info = next(i for n, i in model.model_fields.items() if (i.alias or n) == field["name"])
            assert field.get("hint", "").startswith(info.description or "") or field["widget"] == "hidden"


def test_enumerations_are_choices_and_dates_are_dates(generated: dict[str, Any]) -> None:
    contact = generated["contacts"]
    for name, literal in (("initiated_by", InitiatedBy), ("channel", Channel), ("status", Status)):
        assert contact[name]["widget"] == "select"
        assert contact[name]["options"] == list(get_args(literal))
    assert contact["visibility"]["options"] == ["public", "internal", "confidential"]
    assert contact["visibility"]["default"] == "internal"
    assert (contact["date"]["widget"], contact["date"]["format"], contact["date"]["time_format"]) == (
        "datetime", "YYYY-MM-DD", False)
    network = generated["networks"]
    assert network["component"]["options"] == ["A", "B", "C"]
    assert (network["kind"]["widget"], network["kind"]["default"]) == ("hidden", "network")
    assert network["started"]["widget"] == "string" and network["started"]["pattern"][0].startswith("^[0-9]{4}")
    assert "CH" in _values(generated["enterprises"]["country"]["options"])
    assert {"label": "Switzerland (CH)", "value": "CH"} in generated["enterprises"]["country"]["options"]
    assert "USD" in _values(network["funding"]["fields"][1]["options"])


def test_references_are_relations_to_enterprises_and_choices_of_the_datasets_units_and_topics(
    generated: dict[str, Any],
) -> None:
    contact = generated["contacts"]
    assert (contact["enterprise"]["widget"], contact["enterprise"]["collection"],
            contact["enterprise"]["value_field"]) == ("relation", "enterprises", "id")
    units = sorted(unit.id for unit in load(FIXTURES / "clean").records(Record) if type(unit).__name__ == "Unit"
                   and unit.visibility != "confidential")
    for name in ("entry_point", "technical_lead", "initiating_unit"):
        assert _values(contact[name]["options"]) == units
    topics = [topic.id for topic in load(FIXTURES / "clean").topics()]
    assert (_values(contact["topics"]["options"]), contact["topics"]["multiple"]) == (sorted(topics), True)
    sharing = {f["name"]: f for f in contact["shared_with"]["fields"]}
    assert _values(sharing["with"]["options"]) == units
    members = {f["name"]: f for f in generated["networks"]["members"]["fields"]}
    assert members["enterprise"]["widget"] == "relation"
    assert members["role"]["default"] == "member"


def test_the_references_table_names_every_reference_the_models_make() -> None:
    # Report texts are left to maintainers: not in the editor, so not in the table.
    records: list[Record] = [e.record for e in load(FIXTURES / "clean").entries
                             if isinstance(e.record, Record) and not isinstance(e.record, ReportText)]
    records.append(Contact.model_validate({
        "id": "x", "date": "2016-01-01", "enterprise": "e", "initiated_by": "ilo-unit", "initiating_unit": "u",
        "subject": "s", "status": "received", "referred_to": ["u"], "consultations": [{"with": "u", "date": "2016-01-02"}],
    }))
    records.append(Unit.model_validate({"id": "ro", "name": "R", "short": "RO", "kind": "regional-office",
                                        "region": "africa"}))
    for model in (Partnership, Programme):
        records.append(model.model_validate({"id": "p", "name": "P", "kind": model.__name__.lower(), "component": "A",
                                             "status": "active", "summary": "S", "lead_units": ["u"], "topics": ["t"]}))
    seen = set()
    for record in records:
        for where, target, _ in record.references():
            parent = where[:-1] if isinstance(where[-1], str) else where[:-2]
            field = next(step for step in reversed(where) if isinstance(step, str))
            part = type(record).part_at(tuple(parent))
            assert part is not None
            seen.add((part.__name__, field, target))
    assert seen == {(model, field, target) for (model, field), target in REFERENCES.items()}


def test_a_list_of_sub_records_is_a_list_of_objects_and_an_optional_one_asks_nothing(
    generated: dict[str, Any],
) -> None:
    contact = generated["contacts"]
    follow_ups = contact["follow_ups"]
    assert (follow_ups["widget"], follow_ups["label"], follow_ups["label_singular"]) == ("list", "Follow-ups", "Follow-up")
    assert [(f["name"], f.get("required", True)) for f in follow_ups["fields"]] == [
        ("by", True), ("with", True), ("date", True), ("summary", False)]
    # An optional object's own fields are not required by the form: left empty, it is left out.
    analysis = contact["needs_analysis"]
    assert analysis["widget"] == "object"
    assert [f.get("required", True) for f in analysis["fields"]] == [False, False, False]
    figures = {f["name"]: f for f in generated["networks"]["figures"]["fields"]}
    assert (figures["value"]["widget"], figures["value"]["min"]) == ("number", 0)
    assert figures["qualifier"]["options"] == ["about", "around", "more than", "over", "approximately"]
    sources = contact["sources"]
    assert (sources["widget"], sources["field"]["widget"]) == ("list", "string")  # one citation per input


def test_a_contacts_id_is_not_typed_and_the_editorial_workflow_is_on() -> None:
    made = config(vocabulary(FIXTURES / "clean"))
    contacts = made["collections"][0]
    assert contacts["fields"][0] == {"name": "id", "label": "Id", "widget": "hidden", "required": False}
    assert made["publish_mode"] == "editorial_workflow"
    script = (PACKAGED / "editor.js").read_text(encoding="utf-8")
    assert 'dayOf(data.get("date")) + "-" + data.get("enterprise") + "-" + suffix()' in script


def test_the_repositorys_own_editor_is_current() -> None:
    assert stale_files(REPO) == [], "run `ilo-engage editor config` at the repository's root and commit admin/"


def test_init_writes_the_editor_and_check_finds_it_current(dataset: Path) -> None:
    assert {f"admin/{name}" for name in (*STATIC, "config.yml", ".gitignore")} <= {
        p.relative_to(dataset).as_posix() for p in (dataset / "admin").iterdir()}
    assert (dataset / "admin/.gitignore").read_text(encoding="utf-8").splitlines()[-1] == "node_modules/"
    result = invoke(dataset, "editor", "config", "--check")
    assert result.exit_code == 0, result.output


def test_a_new_unit_makes_the_configuration_stale_until_it_is_generated_again(dataset: Path) -> None:
    write(dataset, "data/units/co-geneva.yaml", UNIT)
    stale = invoke(dataset, "editor", "config", "--check")
    assert stale.exit_code == 1
    assert "admin/config.yml: out of date" in stale.stderr
    assert "co-geneva" not in (dataset / "admin/config.yml").read_text(encoding="utf-8")  # --check writes nothing
    written = invoke(dataset, "editor", "config")
    assert (written.exit_code, written.stdout) == (0, "admin/config.yml\n")
    assert "CO-Geneva: ILO Office for Switzerland" in (dataset / "admin/config.yml").read_text(encoding="utf-8")
    assert invoke(dataset, "editor", "config", "--check").exit_code == 0


def test_a_changed_page_is_stale_too(dataset: Path) -> None:
    (dataset / "admin/editor.js").write_text("// changed\n", encoding="utf-8")
    result = invoke(dataset, "editor", "config", "--check")
    assert (result.exit_code, result.stderr.splitlines()) == (1, [
        "admin/editor.js: out of date (run `ilo-engage editor config`)"])


def test_the_repository_set_once_is_kept_when_the_configuration_is_generated_again(dataset: Path) -> None:
    assert parse((dataset / "admin/config.yml").read_text(encoding="utf-8")).data["backend"]["repo"] == DEFAULT_REPO
    assert invoke(dataset, "editor", "config", "--repo", "ilo/engagement-data").exit_code == 0
    write(dataset, "data/units/co-geneva.yaml", UNIT)
    assert invoke(dataset, "editor", "config").exit_code == 0
    backend = parse((dataset / "admin/config.yml").read_text(encoding="utf-8")).data["backend"]
    assert backend == {"name": "github", "repo": "ilo/engagement-data", "branch": "main"}


def test_a_malformed_repository_is_a_usage_error(dataset: Path) -> None:
    before = (dataset / "admin/config.yml").read_bytes()
    result = invoke(dataset, "editor", "config", "--repo", "no-slash")
    assert result.exit_code == 2
    assert "expected OWNER/NAME" in result.stderr
    assert (dataset / "admin/config.yml").read_bytes() == before


def test_a_broken_unit_writes_nothing_and_names_its_file_and_line(dataset: Path) -> None:
    write(dataset, "data/units/co-geneva.yaml", UNIT.replace("kind: field-office", "kind: embassy"))
    shutil.rmtree(dataset / "admin")
    result = invoke(dataset, "editor", "config")
    assert result.exit_code == 1
    assert "data/units/co-geneva.yaml:4:" in result.stderr
    assert "Traceback" not in result.output
    assert not (dataset / "admin").exists()


def test_a_text_readers_see_has_an_input_per_declared_language(generated: dict[str, Any], dataset: Path) -> None:
    # The clean fixture declares no languages: English only, one input, no word about languages.
    network = generated["networks"]
    assert (network["name"]["widget"], network["name"]["multiline"], network["name"]["languages"]) == (
        "translated", False, [{"label": "English", "value": "en"}])
    assert (network["summary"]["widget"], network["summary"]["multiline"]) == ("translated", True)
    assert "language" not in network["name"]["hint"].removeprefix(Network.model_fields["name"].description or "")
    engagement = {f["name"]: f for f in network["engagement"]["fields"]}
    assert [engagement[name]["widget"] for name in ("how", "gets", "gives", "contact")] == [
        "translated", "translated", "translated", "string"]  # a contact point is not translated
    # Labels that read as an officer speaks, not as the field is spelt.
    assert [engagement[name]["label"] for name in ("how", "gets")] == ["How a company takes part", "What a company gets"]
    assert generated["contacts"]["workers_organization"]["label"] == "Workers' organization"
    assert network["collection"]["summary"] == "{{name}}"
    # `init`'s dataset declares English, French and Spanish, in that order.
    made = config(vocabulary(dataset))
    networks = next(c for c in made["collections"] if c["name"] == "networks")
    name = next(f for f in networks["fields"] if f["name"] == "name")
    assert name["languages"] == [{"label": "English", "value": "en"}, {"label": "French", "value": "fr"},
                                 {"label": "Spanish", "value": "es"}]
    assert name["hint"].endswith("One box per language; a box left empty is left out.")
    # A name may be a mapping, which the list of records would print as "Map {…}": it shows ids.
    assert (networks["summary"], networks["sortable_fields"]) == ("{{id}}", ["id"])


def test_a_change_of_languages_makes_the_configuration_stale(dataset: Path) -> None:
    settings = dataset / "ilo-engage.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('languages = ["en", "fr", "es"]',
                                                                     'languages = ["fr", "en"]'), encoding="utf-8")
    stale = invoke(dataset, "editor", "config", "--check")
    assert (stale.exit_code, stale.stderr) == (1, "admin/config.yml: out of date (run `ilo-engage editor config`)\n")
    assert invoke(dataset, "editor", "config").exit_code == 0
    name = next(f for c in parse((dataset / "admin/config.yml").read_text(encoding="utf-8")).data["collections"]
                if c["name"] == "programmes" for f in c["fields"] if f["name"] == "name")
    assert [language["value"] for language in name["languages"]] == ["fr", "en"]


def test_a_broken_settings_file_writes_nothing_and_names_its_line(dataset: Path) -> None:
    settings = dataset / "ilo-engage.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('languages = ["en", "fr", "es"]',
                                                                     'languages = ["en", "english"]'), encoding="utf-8")
    shutil.rmtree(dataset / "admin")
    result = invoke(dataset, "editor", "config")
    assert result.exit_code == 1
    assert "ilo-engage.toml:" in result.stderr and "Traceback" not in result.output
    assert not (dataset / "admin").exists()
