"""What a hostile or careless input finds (issue 13): no leak past the audience, no silent misreading.

Each test reproduces one finding on a copy of the clean dataset, whose confidential enterprise
`secret-mining` carries the canary CANARY-7F3A9C: no public or staff output may hold it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from typer.testing import CliRunner

from conftest import write
from ilo_engage.cli import app

runner = CliRunner()
E = "data/registers/enterprises/"
C = "data/registers/contacts/"
CANARY = "CANARY-7F3A9C"


def invoke(root: Path, *args: str, input: str | None = None):  # noqa: ANN201, A002
    return runner.invoke(app, [*args, "--root", str(root)], input=input)


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".ilo-engage-cache" not in p.parts}


# Item 13: ids are full-matched ("eta-corp\n" is not an id)


def test_an_id_with_a_trailing_newline_is_refused_and_no_file_is_written(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-enterprise", "--from-file", "-",
                    input='{"id": "eta-corp\\n", "name": "Eta Corp", "kind": "company", "country": "CH"}')
    assert result.exit_code == 1, result.output
    assert "is not a valid id" in result.stderr
    assert files(clean_dataset) == before


# Item 7: keys under `persons` are personal data too


def test_an_unknown_key_under_persons_is_not_quoted(clean_dataset: Path) -> None:
    contact = clean_dataset / C / "2015-06-01-example-cocoa-ab2c.yaml"
    text = contact.read_text(encoding="utf-8")
    assert "  - name:" in text
    contact.write_text(text.replace("  - name:", "  - chanda.placeholder@mail.example: x\n    name:", 1), encoding="utf-8")
    result = invoke(clean_dataset, "validate", "--format", "json")
    assert result.exit_code == 1
    assert "S001" in result.stdout and "persons[0]" in result.stdout
    assert "chanda" not in result.stdout + result.stderr


# Item 9: data is printed literally, never read as Rich markup


@pytest.mark.parametrize("name", ["Tailspin [/] Mining", "Tailspin [bold]Mining[/bold]"])
def test_names_with_markup_print_as_written(clean_dataset: Path, name: str) -> None:
    enterprise = clean_dataset / E / "example-cocoa.yaml"
    enterprise.write_text(enterprise.read_text(encoding="utf-8").replace(
        "name: Example Cocoa Trading S.A.", f"name: '{name}'"), encoding="utf-8")
    for command in (["find", "Tailspin"], ["register"], ["show", "example-cocoa"]):
        result = invoke(clean_dataset, *command)
        assert result.exit_code == 0, (command, result.output)
        assert name in result.stdout, command
