"""The procedure over time: each step's deadline, at its boundaries (on the day, the day before,
the day after), and the overdue rules R015–R019 that `validate` reports as of today or --today."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ilo_engage.checks import routing as R
from ilo_engage.checks.base import Context
from ilo_engage.checks.deadlines import add_working_days, pending_steps
from ilo_engage.cli import app
from ilo_engage.load.dataset import load
from ilo_engage.load.settings import DeadlineSettings, ProcedureSettings, load_settings
from ilo_engage.model import Contact, Unit
from ilo_engage.model.procedure import Office
from tests.helpers import FIXTURES, write

CLEAN = load(FIXTURES / "clean")
OFFICE = Office.of(CLEAN.records(Unit))
DEFAULTS = DeadlineSettings()

# A contact from management received on Monday 1 June 2015, nothing done yet.
RECEIVED: dict[str, Any] = {
    "id": "2015-06-01-example-cocoa-ab2c", "date": date(2015, 6, 1), "enterprise": "example-cocoa",
    "initiated_by": "management", "subject": "Advice", "topics": ["child-labour"], "countries": ["CI"],
    "entry_point": "act-emp", "status": "received",
}
SHARED = [{"with": "actrav", "date": date(2015, 6, 2)}, {"with": "employers-secretariat", "date": date(2015, 6, 2)}]
ANALYSED = {**RECEIVED, "shared_with": SHARED, "status": "analysed",
            "needs_analysis": {"by": "act-emp", "date": date(2015, 6, 10), "summary": "Wants advice."}}
REFERRED = {**ANALYSED, "status": "referred", "technical_lead": "fundamentals",
            "referral": {"to": ["fundamentals"], "date": date(2015, 6, 20)}}
BY_A_UNIT = {**RECEIVED, "initiated_by": "ilo-unit", "initiating_unit": "fundamentals", "counterpart": "management",
             "shared_with": SHARED}


def on(day: date) -> Context:
    return Context(OFFICE, ProcedureSettings(), today=day)


def codes(data: dict[str, Any], day: date) -> list[str]:
    contact = Contact.model_validate(data)
    return [r.code.code for r in R.ROUTING_RULES for _ in r.check(contact, on(day)) if r.code.code >= "R015"]


def test_working_days_skip_the_weekend() -> None:
    assert add_working_days(date(2015, 6, 1), 5) == date(2015, 6, 8)  # Monday to the next Monday
    assert add_working_days(date(2015, 6, 5), 1) == date(2015, 6, 8)  # Friday to Monday
    assert add_working_days(date(2015, 6, 6), 1) == date(2015, 6, 8)  # Saturday to Monday
    assert add_working_days(date(2015, 6, 1), 0) == date(2015, 6, 1)


@pytest.mark.parametrize(("data", "deadline", "code"), [
    (RECEIVED | {"needs_analysis": ANALYSED["needs_analysis"]}, date(2015, 6, 8), "R015"),  # 5 working days
    (RECEIVED | {"shared_with": SHARED}, date(2015, 7, 1), "R016"),  # 30 days
    (BY_A_UNIT, date(2015, 7, 1), "R017"),  # 30 days
    (ANALYSED, date(2015, 6, 25), "R018"),  # 15 days after the analysis of 10 June
    (REFERRED, date(2015, 8, 19), "R019"),  # 60 days after the referral of 20 June
], ids=["shared", "needs analysis", "consultation", "referral", "follow-up"])
def test_a_step_is_not_yet_due_up_to_its_deadline_and_overdue_the_day_after(
        data: dict[str, Any], deadline: date, code: str) -> None:
    assert codes(data, deadline - timedelta(days=1)) == []
    assert codes(data, deadline) == []
    assert codes(data, deadline + timedelta(days=1)) == [code]


def test_the_sharing_deadline_counts_working_days_over_a_weekend() -> None:
    friday = {**RECEIVED, "id": "2015-06-05-example-cocoa-ab2c", "date": date(2015, 6, 5),
              "needs_analysis": {**ANALYSED["needs_analysis"], "date": date(2015, 6, 5)}}
    assert codes(friday, date(2015, 6, 12)) == []  # Friday + 5 working days is the next Friday
    assert codes(friday, date(2015, 6, 13)) == ["R015"]


def test_an_ended_contact_waits_for_nothing() -> None:
    declined = {**RECEIVED, "status": "declined", "outcome": "Withdrawn.", "closed_on": date(2015, 6, 2)}
    assert codes(declined, date(2030, 1, 1)) == []
    assert pending_steps(Contact.model_validate(declined), OFFICE, DEFAULTS) == []


def test_pending_steps_say_who_owes_them_since_when_and_the_command() -> None:
    steps = pending_steps(Contact.model_validate(RECEIVED), OFFICE, DEFAULTS)
    assert [(s.step, s.owner, s.since, s.deadline, s.command) for s in steps] == [
        ("share", "act-emp", date(2015, 6, 1), date(2015, 6, 8),
         "ilo-engage contact 2015-06-01-example-cocoa-ab2c share --with actrav --with employers-secretariat"),
        ("analyse", "act-emp", date(2015, 6, 1), date(2015, 7, 1),
         'ilo-engage contact 2015-06-01-example-cocoa-ab2c analyse --summary "…"'),
    ]
    referred = pending_steps(Contact.model_validate(REFERRED), OFFICE, DEFAULTS)
    assert [(s.step, s.owner, s.since, s.deadline) for s in referred] == [
        ("follow-up", "fundamentals", date(2015, 6, 20), date(2015, 8, 19)),
    ]


def test_an_undated_referral_has_no_follow_up_deadline() -> None:
    undated = {**REFERRED, "referral": {"to": ["fundamentals"]}}
    [step] = pending_steps(Contact.model_validate(undated), OFFICE, DEFAULTS)
    assert (step.step, step.since, step.deadline) == ("follow-up", None, None)
    assert codes(undated, date(2030, 1, 1)) == []


def test_the_deadlines_are_read_from_the_settings_file(tmp_path: Path) -> None:
    write(tmp_path, "ilo-engage.toml", "[deadlines]\nshared = 2\nfollow_up = 10\n")
    deadlines = load_settings(tmp_path).deadlines
    assert (deadlines.shared, deadlines.needs_analysis, deadlines.follow_up) == (2, 30, 10)
    contact = Contact.model_validate(REFERRED)
    [step] = pending_steps(contact, OFFICE, deadlines)
    assert step.deadline == date(2015, 6, 30)


def test_the_old_overdue_days_setting_still_loads(tmp_path: Path) -> None:
    write(tmp_path, "ilo-engage.toml", "[procedure]\noverdue_days = 90\n")
    assert load_settings(tmp_path).procedure.overdue_days == 90


def test_validate_today_checks_the_deadlines_as_of_that_day(clean_dataset: Path) -> None:
    # The clean fixture's contact received on 1 September 2015, with the default deadlines.
    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2014-06-13\n")
    run = CliRunner().invoke
    within = run(app, ["validate", "--select", "R016", "--today", "2015-10-01", "--root", str(clean_dataset)])
    assert (within.exit_code, within.stdout) == (0, "")
    late = run(app, ["validate", "--select", "R016", "--today", "2015-10-02", "--root", str(clean_dataset)])
    assert late.exit_code == 0
    assert late.stdout.startswith(
        "data/registers/contacts/2015-09-01-example-cocoa-m4nx.yaml:19:1: R016 the needs analysis was due by "
        "2015-10-01 (actrav); record it: `ilo-engage contact 2015-09-01-example-cocoa-m4nx analyse --summary \"…\"`\n"
    )
    strict = run(app, ["validate", "--strict", "--select", "R016", "--today", "2015-10-02", "--root", str(clean_dataset)])
    assert strict.exit_code == 1


def test_a_cached_result_is_checked_again_once_a_deadline_passes(clean_dataset: Path) -> None:
    from ilo_engage.checks.scan import scan

    write(clean_dataset, "ilo-engage.toml", "[procedure]\nstart = 2014-06-13\n")
    assert "R016" not in {p.code for p in scan(clean_dataset, today=date(2015, 10, 1)).problems}
    assert "R016" in {p.code for p in scan(clean_dataset, today=date(2015, 10, 2)).problems}
