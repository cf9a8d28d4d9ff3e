"""JSON Schemas (draft 2020-12) of every kind of record, generated from the models."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import KINDS, Figure

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_of(name: str, model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of one model, as a standalone document."""
    body = model.model_json_schema(mode="validation")
    return {"$schema": DIALECT, "$id": f"{name}.schema.json", **body}


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every kind of record and for figures."""
    models = [(kind.name, kind.model) for kind in KINDS] + [("figure", Figure)]
    return {f"{name}.schema.json": schema_of(name, model) for name, model in models}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder` (created if needed); the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, schema in all_schemas().items():
        target = folder / file_name
        temporary = folder / f".{file_name}.tmp"
        temporary.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, target)
        written.append(target)
    return written
