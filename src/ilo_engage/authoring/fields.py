"""Gathering a new record's fields from options, a file and (on a terminal) prompts.

Each field is described once; `gather` checks every given value and, without a
terminal, reports every missing or invalid field in one message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.errors import IloEngageError


class FieldsInvalid(IloEngageError):
    """Some fields are missing or invalid: nothing was written.

    A field missing or written in a form the option does not take is a usage error (exit 2);
    a well-formed value the data refuses (an unknown id) is a data error (exit 1)."""

    def __init__(self, messages: list[str], usage: bool = False) -> None:
        super().__init__("nothing was written; fix these fields:\n" + "\n".join(f"  {m}" for m in messages))
        self.messages = messages
        self.exit_code = 2 if usage else 1


@dataclass
class Spec:
    """One field of a new record as the command line offers it."""

    name: str  # the record's field
    option: str  # the command-line option
    question: str  # the prompt
    required: Callable[[dict[str, Any]], bool] = lambda values: False
    choices: Callable[[], Sequence[str]] | None = None  # valid values, offered when prompting
    default: Callable[[dict[str, Any]], Any] | None = None
    many: bool = False  # a list, prompted as comma-separated values
    check: Callable[[Any], str | None] | None = None  # an error message, or None
    convert: Callable[[str], Any] = str
    relevant: Callable[[dict[str, Any]], bool] = lambda values: True  # asked only when it applies
    kind: str | None = None  # the choices are ids of this kind of record: a mistake gets a suggestion


# Asks for one field on a terminal, given the values gathered so far; None leaves it empty.
Ask = Callable[[Spec, dict[str, Any]], Any]


def gather(specs: Sequence[Spec], given: dict[str, Any], ask: Ask | None) -> dict[str, Any]:
    """The fields' values: given ones checked, missing ones asked (if `ask`) or reported."""
    values = {k: v for k, v in given.items() if v not in (None, [], "")}
    errors: list[str] = []
    usage = False  # a field missing or malformed, not only refused by the data
    for spec in specs:
        if spec.name not in values and ask is not None and spec.relevant(values):
            answer = ask(spec, values)
            if answer not in (None, [], ""):
                values[spec.name] = answer
        if spec.name not in values and spec.default is not None:
            default = spec.default(values)
            if default not in (None, [], ""):
                values[spec.name] = default
        if spec.name not in values:
            if spec.required(values):
                errors.append(f"{spec.option}: missing ({spec.question.lower()})")
                usage = True
            continue
        try:
            values[spec.name] = _converted(spec, values[spec.name])
        except ValueError as exc:
            errors.append(f"{spec.option}: {exc}")
            usage = True
            continue
        for problem in problems_of(spec, values[spec.name]):
            errors.append(f"{spec.option}: {problem}")
    if errors:
        raise FieldsInvalid(errors, usage)
    return values


def _converted(spec: Spec, value: Any) -> Any:
    """A given value in the field's type (text from options and files is converted; others kept)."""
    if spec.many and isinstance(value, list):
        return [spec.convert(v) if isinstance(v, str) else v for v in value]
    return spec.convert(value) if isinstance(value, str) else value


def problems_of(spec: Spec, value: Any) -> list[str]:
    """What is wrong with a value for a field (nothing: an empty list)."""
    items = value if spec.many and isinstance(value, list) else [value]
    found = []
    for item in items:
        if spec.choices is not None:
            allowed = spec.choices()
            if not isinstance(item, str) or item not in allowed:
                if spec.kind is not None and isinstance(item, str):
                    from ..core.suggest import unknown_id

                    found.append(unknown_id(spec.kind, item, allowed))
                else:
                    found.append(f"{item!r} is not one of: {_short_list(allowed)}")
                continue
        if spec.check is not None:
            message = spec.check(item)
            if message:
                found.append(message)
    return found


def _short_list(values: Sequence[str], limit: int = 12) -> str:
    shown = ", ".join(values[:limit])
    return shown + (f", … ({len(values)} in all)" if len(values) > limit else "")
