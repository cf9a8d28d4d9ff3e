"""JSON Schemas (draft 2020-12) of every kind of record, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import KINDS, Figure

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_of(name: str, model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of one model, as a standalone document."""
    body = model.model_json_schema(mode="validation")
    return {"$schema": DIALECT, "$id": f"{name}.schema.json", **body}


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every kind of record and for figures."""
    models = [(kind.name, kind.model) for kind in KINDS] + [("figure", Figure)]
    return {f"{name}.schema.json": schema_of(name, model) for name, model in models}


def write_schemas(folder: Path, force: bool = False) -> list[Path]:
    """Write every schema into `folder` (created if needed) by the rules of --output (existing
    files replaced only with `force`); the files written."""
    from ..core.writer import check_output, write_output

    for file_name in all_schemas():  # all refused or none: never half a set of schemas
        check_output(folder / file_name, force)
    written = []
    for file_name, schema in all_schemas().items():
        target = folder / file_name
        write_output(target, (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), force)
        written.append(target)
    return written
