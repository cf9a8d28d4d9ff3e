"""The settings file: defaults, and errors with their line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import write
from ilo_engage.checks import check
from ilo_engage.dataset import load
from ilo_engage.settings import load_settings


def test_the_procedure_starts_at_the_321st_session_by_default(tmp_path: Path) -> None:
    write(tmp_path, "ilo-engage.toml", "")
    settings = load_settings(tmp_path)
    assert settings.procedure.start == date(2014, 6, 13)
    assert settings.procedure.needs_analysis_days == 30


def test_the_start_date_is_configurable(tmp_path: Path) -> None:
    write(tmp_path, "ilo-engage.toml", "[procedure]\nstart = 2014-03-27\n")
    assert load_settings(tmp_path).procedure.start == date(2014, 3, 27)


def test_an_unknown_setting_is_reported_at_its_line(clean_dataset: Path) -> None:
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2014-06-13\nneeds_analysis = 30\n")
    problems = check(load(clean_dataset))
    assert [(p.file, p.line, p.code) for p in problems] == [("ilo-engage.toml", 3, "F030")]
    assert "`procedure.needs_analysis`: unknown setting" in problems[0].message


def test_broken_toml_is_reported_at_its_line(clean_dataset: Path) -> None:
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2014-06-13\nneeds_analysis_days = thirty\n")
    problems = check(load(clean_dataset))
    assert [(p.file, p.line, p.code) for p in problems] == [("ilo-engage.toml", 3, "F030")]
