"""A command that reads the records refuses a dataset whose ilo-engage.toml is wrong (exit 1,
naming the file and line, as `validate` reports it), instead of quietly using the defaults;
and `schema --output` into a folder that cannot be made is a clear error, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app
from tests.helpers import write

RECEIVED = "2015-09-01-example-cocoa-m4nx"
READERS = {
    "route": ["route", "--initiated-by", "management"],
    "register": ["register", "act-emp"],
    "show": ["show", "example-cocoa"],
    "find": ["find", "cocoa"],
    "add-enterprise": ["add-enterprise", "--no-input", "--kind", "company", "--name", "New Company", "--country", "FR"],
    "contact share": ["contact", RECEIVED, "share", "--with", "co-abidjan", "--date", "2015-09-03"],
    "report progress": ["report", "progress"],
    "report register": ["report", "register"],
}


@pytest.mark.parametrize("args", READERS.values(), ids=READERS.keys())
def test_a_command_refuses_a_wrong_settings_file_naming_its_line(clean_dataset: Path, args: list[str]) -> None:
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2014-06-13\nneeds_analysis = 30\n")
    before = sorted((p, p.read_bytes()) for p in clean_dataset.rglob("*.yaml"))
    result = CliRunner().invoke(app, [*args, "--root", str(clean_dataset)])
    assert result.exit_code == 1, result.output
    assert f"{clean_dataset / 'ilo-engage.toml'}:3:1: F030 `procedure.needs_analysis`: unknown setting" in result.stderr
    assert "Traceback" not in result.output
    assert sorted((p, p.read_bytes()) for p in clean_dataset.rglob("*.yaml")) == before  # nothing written


def test_validate_still_lists_the_settings_problem_among_the_others(clean_dataset: Path) -> None:
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nneeds_analysis_days = thirty\n")
    result = CliRunner().invoke(app, ["validate", "--root", str(clean_dataset)])
    assert result.exit_code == 1
    assert "ilo-engage.toml:2:" in result.stdout + result.stderr


def test_schema_into_a_folder_that_cannot_be_made_exits_1_without_a_traceback() -> None:
    result = CliRunner().invoke(app, ["schema", "--output", "/proc/ilo-engage-schemas"])
    assert result.exit_code == 1, result.output
    assert "cannot write in /proc/ilo-engage-schemas" in result.stderr
    assert "Traceback" not in result.output
