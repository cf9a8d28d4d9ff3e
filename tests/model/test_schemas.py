"""The exported JSON Schemas describe the records and accept the bundled data, by an independent validator."""

from __future__ import annotations

from datetime import date
from typing import Any

import jsonschema
import pytest

from ilo_engage.core.sourcetext import decode
from ilo_engage.load.dataset import record_files
from ilo_engage.model import kind_of
from ilo_engage.model.schemas import DIALECT, all_schemas
from ilo_engage.yamlio import parse
from tests.helpers import PROJECT

SCHEMAS = all_schemas()


def as_json(value: Any) -> Any:
    """What a JSON or YAML-language-server client sees: dates as strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    schema = SCHEMAS[name]
    assert schema["$schema"] == DIALECT
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schemas_carry_descriptions_and_enums() -> None:
    contact = SCHEMAS["contact.schema.json"]
    status = contact["properties"]["status"]
    assert status["enum"] == ["received", "analysed", "referred", "in-progress", "closed", "declined"]
    assert status["description"]
    assert "CH" in contact["properties"]["countries"]["items"]["enum"]
    assert contact["additionalProperties"] is False


@pytest.mark.parametrize("relpath", record_files(PROJECT))
def test_bundled_records_validate_against_the_exported_schemas(relpath: str) -> None:
    kind = kind_of(relpath)
    assert kind is not None
    data = as_json(parse(decode((PROJECT / relpath).read_bytes())).data)
    jsonschema.Draft202012Validator(SCHEMAS[f"{kind.name}.schema.json"]).validate(data)


def test_the_schemas_refuse_what_the_models_refuse() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMAS["enterprise.schema.json"])
    record = {"id": "acme", "name": "Acme", "kind": "company", "country": "CH"}
    assert validator.is_valid(record)
    for bad in ({"multinational": "no"}, {"country": "XX"}, {"id": "Acme"}, {"colour": "red"}, {"kind": "corp"}):
        assert not validator.is_valid({**record, **bad}), bad
