"""Write the generated reference pages, docs/data-contract.md (from the models) and docs/cli.md
(from each command's --help). Run it after changing a model or a command; a test fails while the
committed pages differ.

    .venv/bin/python scripts/make_docs.py [PROJECT]
"""

from __future__ import annotations

import re
import sys
import types
import typing
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ilo_engage.model import KINDS, Kind, Part, language, types as field_types

PROJECT = Path(__file__).resolve().parents[1]
REGENERATE = "python scripts/make_docs.py"
DATA_CONTRACT = "docs/data-contract.md"
CLI_REFERENCE = "docs/cli.md"
HELP_ENV = {"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1", "FORCE_COLOR": None, "TERMINAL_WIDTH": None}

# The types of the models, as an officer reads them: (one, several).
_NAMED_TYPES: dict[object, tuple[str, str]] = {
    field_types._Slug: ("id", "ids"),
    field_types._CountryCode: ("country code (ISO 3166-1 alpha-2)", "country codes (ISO 3166-1 alpha-2)"),
    field_types._CurrencyCode: ("currency code (ISO 4217)", "currency codes (ISO 4217)"),
    field_types._Date: ("date (YYYY-MM-DD)", "dates (YYYY-MM-DD)"),
    field_types._PartialDate: ("year, month or date", "years, months or dates"),
    language._Translatable: ("text, or a text per language", "texts, each a text or a text per language"),
    str: ("text", "texts"),
    bool: ("`true` or `false`", "`true` or `false` values"),
    int: ("whole number", "whole numbers"),
    Decimal: ("number", "numbers"),
    date: ("date (YYYY-MM-DD)", "dates (YYYY-MM-DD)"),
}


FIGURES_IN_TEXT = """
## Figures in text, their history, and example records

**Placeholders.** Text never types a number that a record states as a figure: it names the figure.
In an initiative's `summary`, `{key}` names a figure of that initiative; in a report text (or any
other text), `{initiative-id.key}` names one of any initiative. A figure's key is its `key`, or its
`label` made a slug ("member companies" → `member-companies`). The report prints the figure in the
paper's style: qualifier, currency, number and scale, or "per cent" (`{participants}` → "around 6
million", `{value}` → "US$39.8 million", `{factories}` → "1,261"); the counted noun ("participants")
stays in the prose. `{key:words}` spells out a whole number up to ten ("nine"); `{key:number}` prints
the number alone ("18.3"). A placeholder at the start of a sentence is capitalized ("Over 20").
Only braces around such a name are placeholders: any other brace is text, and no text from the data
is ever run as a template. `validate` reports a placeholder naming no figure (T001, an error), a
number written out that equals a figure's value (T002, with the placeholder to write instead) and a
figure no text states (T003).

**Updating a figure.** Do not overwrite a figure that a report has stated: add the new value as
another entry with the same `key` (or label), its own `as_of` and `source`. A report uses, for each
figure, the latest value whose `as_of` is on or before the end of its period; its figures annex
shows the earlier value, its source and the change. The text does not change: its placeholder
prints the new value.

**Example records.** A contact or enterprise with `example: true` is invented, kept to show how the
tool works. Examples never count in the body of a report: the assessment of the procedure appears
only where the report text places it and when its period has real contacts.
`report progress --examples` adds an annex, "Illustration: the register section with example data",
that shows the section computed from the examples, marked as such on every table. `validate` warns
(T006) when a report's period holds both example and real contacts, and (T005) when the period ends
after the report's date.
"""

LANGUAGES = """
## Text in several languages

`languages` in `ilo-engage.toml` lists the languages of the text readers see, as ISO 639-1 codes
(default `["en"]`; the first is the one plain texts are written in). A field whose type says "text,
or a text per language" (the names of topics, regions, units and initiatives, initiative summaries,
the labels and units of their figures, the public guide's text, every text of a report) is either a
plain string, in the first language, or a mapping with one text per language:

```yaml
name: Child labour                       # one language: as it always was
name: {en: Child labour, fr: Travail des enfants, es: Trabajo infantil}
```

`validate` warns (L001, at the field's line) about a text missing a declared language. A record,
topic or region that says in `translations` that a language is `incomplete` is not reported field by
field for it; `unverified` says its text in that language is given but not checked against the
Office's published wording. A document in a language (`report progress --language fr`) is
refused while a text it prints is missing in that language, unless `--draft`, which prints the text
in the first language, marked as not translated.

A figure's unit gives its counted noun in each language, with the currency symbol and the scale as
in English, which the tool reads and prints in the document's words:
`unit: {en: million workers, fr: million travailleurs}` prints "1,5 million travailleurs". A unit
without a noun (`US$ million`, `per cent`) is the same in every language: a plain string, never
reported missing. A figure's key (`{member-companies}`) and the tables computed from figures read
the first language's label and unit, whatever the language printed.
"""


def data_contract() -> str:
    """docs/data-contract.md: every kind of record, its place, and the fields of it and its parts."""
    lines = [
        "# The data contract",
        "",
        f"<!-- Generated from the models in src/ilo_engage/model/ by `{REGENERATE}`: do not edit. -->",
        "",
        "What each kind of record holds. Each file in a kind's folder holds one record, named after its",
        "`id`; the vocabularies are one file each. A field not listed here is refused (S001), a required",
        "field left out is refused (S002), and a value of the wrong type is refused (S003).",
        "`ilo-engage schema --output DIR` writes the same contract as JSON Schemas, which editors use to",
        "complete fields and values.",
        "",
        "| kind | where | model |",
        "|---|---|---|",
    ]
    lines += [f"| [{kind.name}](#{kind.name}) | `{_where(kind)}` | {kind.model.__name__} |" for kind in KINDS]
    lines += ["", *FIGURES_IN_TEXT.strip("\n").splitlines()]
    lines += ["", *LANGUAGES.strip("\n").splitlines()]
    for kind in KINDS:
        lines += ["", f"## {kind.name}", ""]
        if kind.single_file:
            lines.append(f"One file: `{kind.location}`. Its JSON Schema: `{kind.name}.schema.json`.")
        else:
            lines.append(
                f"One record per file: `{kind.location}/<id>.yaml`. Its JSON Schema: `{kind.name}.schema.json`."
            )
        lines += ["", _doc(kind.model), "", *_field_table(kind.model)]
        for where, part in _parts(kind.model):
            lines += ["", f"### {kind.name}: {part.__name__}", "", f"In {where}. {_doc(part)}", ""]
            lines += _field_table(part)
    return "\n".join(lines) + "\n"


def cli_reference() -> str:
    """docs/cli.md: the --help of every command and subcommand, at a fixed width."""
    import typer
    from typer.testing import CliRunner

    from ilo_engage.cli import app

    runner = CliRunner()
    lines = [
        "# The command line",
        "",
        f"<!-- Generated from each command's --help by `{REGENERATE}`: do not edit. -->",
        "",
        "Every command takes `--help` (or `-h`). Commands that read a dataset take `--root DIR`.",
    ]
    for path in _command_paths(typer.main.get_command(app), []):
        result = runner.invoke(app, [*path, "--help"], env=HELP_ENV, prog_name="ilo-engage")
        if result.exit_code != 0:
            raise RuntimeError(f"ilo-engage {' '.join(path)} --help exited {result.exit_code}: {result.output}")
        text = re.sub(r"\x1b\[[0-9;]*m", "", result.output)
        help_lines = [line.rstrip() for line in text.splitlines()]
        while help_lines and not help_lines[0]:
            help_lines.pop(0)
        while help_lines and not help_lines[-1]:
            help_lines.pop()
        lines += ["", f"## `{' '.join(['ilo-engage', *path])}`", "", "```text", *help_lines, "```"]
    return "\n".join(lines) + "\n"


def generated_files() -> dict[str, str]:
    """Each generated page's path in the project, and its text."""
    return {DATA_CONTRACT: data_contract(), CLI_REFERENCE: cli_reference()}


def main(argv: list[str] | None = None) -> None:
    """Rewrite the generated pages in the project's folder (the first argument, or this checkout's)."""
    args = sys.argv[1:] if argv is None else argv
    project = Path(args[0]) if args else PROJECT
    for relpath, text in generated_files().items():
        target = project / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        print(target)


def _where(kind: Kind) -> str:
    return kind.location if kind.single_file else f"{kind.location}/"


def _doc(model: type[BaseModel]) -> str:
    """The model's own docstring, as one paragraph."""
    return " ".join((model.__dict__.get("__doc__") or "").split())


def _field_table(model: type[Part]) -> list[str]:
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    lines = ["| field | type | | description |", "|---|---|---|---|"]
    for name in model.field_names():
        info = fields[name]
        cells = [f"`{name}`", _type_of(info), _presence(info), info.description or ""]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return lines


def _presence(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    if info.default is None or info.default_factory is not None:
        return "optional"
    return f"optional, default `{info.default}`"


def _type_of(info: FieldInfo) -> str:
    annotation: Any = info.annotation
    if info.metadata:
        annotation = typing.Annotated[(annotation, *info.metadata)]
    return _describe(annotation)


def _describe(annotation: Any, several: bool = False) -> str:
    """A type as words: `id`, `list of ids`, `one of a, b`, a part's name."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        base, *metadata = args
        metadata = [m for marker in metadata for m in (marker.metadata if isinstance(marker, FieldInfo) else [marker])]
        for marker in metadata:
            if marker in _NAMED_TYPES:
                return _NAMED_TYPES[marker][several]
        words = _describe(base, several)
        constraints = [f"matching `{m.pattern}`" for m in metadata if getattr(m, "pattern", None)]
        constraints += [f"at least {m.ge}" for m in metadata if getattr(m, "ge", None) is not None]
        return ", ".join([words, *constraints])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(arg, several) for arg in args if arg is not type(None))
    if origin is list:
        return f"list of {_describe(args[0], several=True)}"
    if origin is dict:
        return f"mapping of {_describe(args[0], several=True)} to {_describe(args[1], several=True)}"
    if origin is Literal:
        values = ", ".join(f"`{value}`" for value in args)
        return values if len(args) == 1 else f"one of {values}"
    if isinstance(annotation, type) and issubclass(annotation, Part):
        return f"{annotation.__name__} (below)" if not several else f"{annotation.__name__} entries (below)"
    if annotation in _NAMED_TYPES:
        return _NAMED_TYPES[annotation][several]
    raise TypeError(f"no words for the type {annotation!r}: add it to _NAMED_TYPES in scripts/make_docs.py")


def _parts(model: type[Part]) -> Iterator[tuple[str, type[Part]]]:
    """The nested parts of a model, in order of first appearance, each with the fields that hold it."""
    found: dict[type[Part], list[str]] = {}
    _collect_parts(model, "", found)
    for part, wheres in found.items():
        yield ", ".join(f"`{where}`" for where in wheres), part


def _collect_parts(model: type[Part], path: str, found: dict[type[Part], list[str]]) -> None:
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    for name in model.field_names():
        for part in _parts_in(fields[name].annotation):
            first = part not in found
            found.setdefault(part, []).append(f"{path}{name}")
            if first:
                _collect_parts(part, f"{path}{name}.", found)


def _parts_in(annotation: Any) -> Iterator[type[Part]]:
    if isinstance(annotation, type) and issubclass(annotation, Part):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _parts_in(arg)


def _command_paths(command: Any, path: list[str]) -> Iterator[list[str]]:
    """Every command's words after `ilo-engage`, in the order --help lists them.

    A group's own arguments (`contact ID`) stand as their names before its subcommands.
    """
    yield path
    arguments = [p.metavar or p.name.upper() for p in command.params if p.param_type_name == "argument"]
    for name, sub in getattr(command, "commands", {}).items():
        if not getattr(sub, "hidden", False):
            yield from _command_paths(sub, [*path, *arguments, name])


if __name__ == "__main__":
    main()
