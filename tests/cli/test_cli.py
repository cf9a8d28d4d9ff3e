"""The command line: output formats, exit codes, finding the dataset, and no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app
from tests.helpers import PROJECT

runner = CliRunner()
CONTACT = "data/registers/contacts/2014-01-15-missing-ref-abcd.yaml"


def invoke(*args: str, env: dict[str, str] | None = None):  # noqa: ANN201
    return runner.invoke(app, list(args), env=env)


def test_validate_on_a_clean_dataset_exits_0(clean_dataset: Path) -> None:
    result = invoke("validate", "--root", str(clean_dataset))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No problems (15 files checked)." in result.stderr


def test_validate_finds_the_dataset_from_an_inner_folder(clean_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(clean_dataset / "data" / "units")
    assert invoke("validate").exit_code == 0


def test_validate_takes_the_root_from_the_environment(clean_dataset: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("validate", env={"ILO_ENGAGE_ROOT": str(clean_dataset)}).exit_code == 0


def test_outside_any_dataset_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ILO_ENGAGE_ROOT", raising=False)
    result = invoke("validate")
    assert result.exit_code == 2
    assert "ilo-engage.toml" in result.stderr


def test_a_root_without_settings_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("validate", "--root", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"ilo-engage: {tmp_path} is not a dataset: it has no ilo-engage.toml\n"


def test_an_unknown_option_is_a_usage_error(clean_dataset: Path) -> None:
    assert invoke("validate", "--colour", "--root", str(clean_dataset)).exit_code == 2
    assert invoke("validate", "--format", "xml", "--root", str(clean_dataset)).exit_code == 2


def test_paths_limit_the_report_but_references_are_checked_against_everything(
    broken_dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken_dataset)
    result = invoke("validate", CONTACT)
    assert result.exit_code == 1
    assert [line.split(" ")[0] for line in result.stdout.splitlines() if not line.startswith(" ")] == [
        f"{CONTACT}:4:13:",
        f"{CONTACT}:7:14:",
    ]
    assert invoke("validate", "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml").exit_code == 0


def test_a_folder_path_reports_on_every_file_in_it(broken_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken_dataset / "data")
    result = invoke("validate", "--format", "json", "units")
    assert {p["file"] for p in json.loads(result.stdout)} == {"data/units/twin.yaml", "data/units/extension.yml"}


def test_a_path_that_does_not_exist_is_a_usage_error(clean_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(clean_dataset)
    result = invoke("validate", "data/nothing.yaml")
    assert result.exit_code == 2
    assert "data/nothing.yaml: no such file or folder" in result.stderr


def test_json_output_is_an_array_of_problems(broken_dataset: Path) -> None:
    result = invoke("validate", "--format", "json", "--root", str(broken_dataset), str(broken_dataset / CONTACT))
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"file": CONTACT, "line": 4, "column": 13, "code": "D003", "severity": "error",
         "message": "no enterprise has the id `missing-ref`",
         "hint": "add the enterprise to data/registers/enterprises/ or correct the id"},
        {"file": CONTACT, "line": 7, "column": 14, "code": "D003", "severity": "error",
         "message": "no unit has the id `act-emq`", "hint": "did you mean `act-emp`?"},
    ]


def test_github_output_annotates_and_writes_the_step_summary(broken_dataset: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(broken_dataset.parent)}
    result = invoke("validate", "--format", "github", "--root", str(broken_dataset), str(broken_dataset / CONTACT),
                    env=env)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"::error file=dataset/{CONTACT},line=4,col=13,title=D003 no enterprise has the id `missing-ref`"
        "::no enterprise has the id `missing-ref` "
        "(hint: add the enterprise to data/registers/enterprises/ or correct the id)"
    )
    text = summary.read_text(encoding="utf-8")
    assert "2 errors." in text
    assert f"| {CONTACT} | 7 | D003 | no unit has the id `act-emq` | did you mean `act-emp`? |" in text


def test_github_annotations_escape_their_separators() -> None:
    from ilo_engage.cli.output import github_annotation
    from ilo_engage.core.problems import INVALID_VALUE

    line = github_annotation(INVALID_VALUE.at("a.yaml", 1, 2, "50%, then: more\nlines"))
    assert line.startswith("::error file=a.yaml,line=1,col=2,title=S003 50%25%2C then%3A more%0Alines::")


def test_warnings_fail_only_with_strict(clean_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ilo_engage import checks
    from ilo_engage.core import problems as P

    warning = P.Code("W999", P.Severity.WARNING, "test warning", "none")
    monkeypatch.setattr(checks, "DATASET_CHECKS",
                        (*checks.DATASET_CHECKS, lambda index: [warning.at("data/topics.yaml", 1, 1, "w")]))
    assert invoke("validate", "--root", str(clean_dataset)).exit_code == 0
    assert invoke("validate", "--strict", "--root", str(clean_dataset)).exit_code == 1


def test_an_internal_error_exits_3_with_a_log_and_no_traceback(
    clean_dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ilo_engage.checks.validate

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ilo_engage.checks.validate, "scan", explode)
    monkeypatch.setenv("XDG_STATE_HOME", str(clean_dataset.parent / "state"))
    result = invoke("validate", "--root", str(clean_dataset))
    assert result.exit_code == 3
    assert "internal error (RuntimeError: boom)" in result.stderr
    assert "Traceback" not in result.output
    log = result.stderr.rsplit("the details are in ", 1)[1].strip()
    text = Path(log).read_text(encoding="utf-8")  # the type and where, not the message (see test_process_safety)
    assert "builtins.RuntimeError" in text and "in explode" in text


def test_an_interrupt_exits_130(clean_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ilo_engage.checks.validate

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ilo_engage.checks.validate, "scan", interrupt)
    assert invoke("validate", "--root", str(clean_dataset)).exit_code == 130


def test_the_console_script_runs_as_a_program(clean_dataset: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ilo_engage", "validate", "--root", str(clean_dataset)],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
    )
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "No problems (15 files checked).\n"  # no colour codes off a terminal


def test_help_imports_no_yaml_pydantic_jinja_or_rich_console() -> None:
    code = (
        "import sys\n"
        "from ilo_engage.cli import app\n"
        "try:\n    app(['--help'], prog_name='ilo-engage')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('ruamel.yaml', 'pydantic', 'jinja2', 'docx', 'ilo_engage.load.dataset') if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_schema_writes_one_json_schema_per_kind(tmp_path: Path) -> None:
    result = invoke("schema", "--output", str(tmp_path / "schemas"))
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert names == [
        "contact.schema.json", "enterprise.schema.json", "figure.schema.json", "network.schema.json",
        "partnership.schema.json", "programme.schema.json", "regions.schema.json", "report.schema.json",
        "topics.schema.json",
        "unit.schema.json",
    ]
    assert result.stdout.count("\n") == len(names)
