"""What can still be read of a record that does not fit its schema: the fields that do.

`validate` reports every check in one run: a record with a schema error still has the references
of its valid fields checked (an enterprise mistyped beside a bad date), while a field that already
has an error gives no further one.
"""

from __future__ import annotations

import contextlib
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..model import Kind


def partial_record(kind: Kind, data: Any) -> BaseModel | None:
    """The record built from its valid fields only (the others left at their default, or None);
    None when the document is not a mapping or is valid whole (then it is not partial)."""
    if not isinstance(data, dict):
        return None
    model = kind.model
    try:
        model.model_validate(data)
        return None
    except ValidationError as exc:
        wrong = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        value: Any = None
        if not info.is_required():
            value = info.get_default(call_default_factory=True)
        if key in data and key not in wrong and name not in wrong and info.annotation is not None:
            with contextlib.suppress(ValidationError, TypeError):
                value = TypeAdapter(info.annotation).validate_python(data[key])
        values[name] = value
    return model.model_construct(**values)


def partial_references(kind: Kind, data: Any) -> list[tuple[tuple[str | int, ...], str, str]] | None:
    """The references of a record's valid fields, when the record does not fit its schema."""
    record = partial_record(kind, data)
    if record is None or not hasattr(record, "references"):
        return None
    try:
        return [(where, target, value) for where, target, value in record.references() if isinstance(value, str)]
    except (AttributeError, TypeError):  # a part left out that the references walk through
        return []
