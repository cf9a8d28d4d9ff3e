"""The settings file: defaults, and errors with their line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ilo_engage.checks import check
from ilo_engage.load.dataset import load
from ilo_engage.load.settings import DeadlineSettings, ProcedureSettings, load_settings
from tests.helpers import FAR_DEADLINES, write

OVERDUE = {"R015", "R016", "R017", "R018", "R019"}


def test_the_procedure_starts_at_the_321st_session_by_default(tmp_path: Path) -> None:
    write(tmp_path, "ilo-engage.toml", "")
    settings = load_settings(tmp_path)
    assert settings.procedure.start == date(2014, 6, 13)
    assert settings.procedure.needs_analysis_days == 30


def test_the_start_date_is_configurable(tmp_path: Path) -> None:
    write(tmp_path, "ilo-engage.toml", "[procedure]\nstart = 2014-03-27\n")
    assert load_settings(tmp_path).procedure.start == date(2014, 3, 27)


def test_an_unknown_setting_is_reported_at_its_line(clean_dataset: Path) -> None:
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2014-06-13\nneeds_analysis = 30\n" + FAR_DEADLINES)
    problems = [p for p in check(load(clean_dataset)) if p.code not in OVERDUE]  # a wrong file: default deadlines
    assert [(p.file, p.line, p.code) for p in problems] == [("ilo-engage.toml", 3, "F030")]
    assert "`procedure.needs_analysis`: unknown setting" in problems[0].message


def test_broken_toml_is_reported_at_its_line(clean_dataset: Path) -> None:
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2014-06-13\nneeds_analysis_days = thirty\n" + FAR_DEADLINES)
    problems = [p for p in check(load(clean_dataset)) if p.code not in OVERDUE]  # a wrong file: default deadlines
    assert [(p.file, p.line, p.code) for p in problems] == [("ilo-engage.toml", 3, "F030")]


def test_needs_analysis_days_is_read_from_the_settings_file(clean_dataset: Path) -> None:
    # The example contact's needs analysis came 9 days after the contact.
    others = FAR_DEADLINES
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nneeds_analysis_days = 9\n" + others)
    assert load_settings(clean_dataset).procedure.needs_analysis_days == 9
    assert [p.code for p in check(load(clean_dataset))] == []
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nneeds_analysis_days = 8\n" + others)
    problems = check(load(clean_dataset))
    assert [(p.file, p.code, p.message) for p in problems] == [(
        "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml", "R009",
        "the needs analysis came 9 days after the contact (more than 8)",
    )]


def test_the_start_date_read_from_the_settings_file_exempts_earlier_contacts(clean_dataset: Path) -> None:
    contact = clean_dataset / "data/registers/contacts/2015-06-01-example-cocoa-ab2c.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("outcome: The company joined the Child Labour Platform.\n", ""),
                       encoding="utf-8")
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2015-06-02\n" + FAR_DEADLINES)
    assert [p.code for p in check(load(clean_dataset))] == []
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2015-06-01\n" + FAR_DEADLINES)
    assert [p.code for p in check(load(clean_dataset))] == ["R012"]


# Every setting, a value other than its default, and the test that shows the value changes what
# a command does (overdue_days is superseded by [deadlines]: read, no longer used).
NON_DEFAULT = {"start": date(2015, 1, 2), "needs_analysis_days": 9, "overdue_days": 200}
DEADLINES = {"shared": 3, "needs_analysis": 20, "consultation": 21, "referral": 10, "follow_up": 45}


def test_every_setting_is_read_from_a_non_default_value(tmp_path: Path) -> None:
    # A setting added to the model without a row above fails here.
    fields = ProcedureSettings.model_fields
    assert sorted(NON_DEFAULT) == sorted(fields)
    assert all(NON_DEFAULT[name] != field.default for name, field in fields.items())
    write(tmp_path, "ilo-engage.toml", "[procedure]\n" + "".join(f"{k} = {v}\n" for k, v in NON_DEFAULT.items()))
    assert load_settings(tmp_path).procedure.model_dump() == NON_DEFAULT
    # The deadlines too (tests/checks/test_deadlines.py shows each changes what validate says).
    assert all(DEADLINES[name] != field.default for name, field in DeadlineSettings.model_fields.items())
    assert sorted(DEADLINES) == sorted(DeadlineSettings.model_fields)
    write(tmp_path, "ilo-engage.toml", "[deadlines]\n" + "".join(f"{k} = {v}\n" for k, v in DEADLINES.items()))
    assert load_settings(tmp_path).deadlines.model_dump() == DEADLINES


def test_the_defaults_are_those_documented(tmp_path: Path) -> None:
    write(tmp_path, "ilo-engage.toml", "")
    assert load_settings(tmp_path).procedure.model_dump() == {
        "start": date(2014, 6, 13), "needs_analysis_days": 30, "overdue_days": None,
    }
    assert load_settings(tmp_path).deadlines.model_dump() == {
        "shared": 5, "needs_analysis": 30, "consultation": 30, "referral": 15, "follow_up": 60,
    }
