"""(d) Reporting over time: under each register, how long each step of the procedure took on its
contacts (median and longest days) and the steps overdue by the unit that owes them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from ilo_engage.cli import app
from ilo_engage.load.dataset import load
from ilo_engage.lookup.registers import Filters, registers

DEFAULT_DEADLINES = "[procedure]\nstart = 2014-06-13\n"


def test_each_register_gives_the_time_each_step_took_on_its_contacts(clean_dataset: Path) -> None:
    act_emp, actrav = registers(load(clean_dataset), "restricted", as_of=date(2016, 1, 21))
    assert act_emp.timing is not None and actrav.timing is not None
    assert [(t.step, t.count, t.median_days, t.longest_days) for t in act_emp.timing.step_times] == [
        ("sharing", 2, 1, 1), ("needs analysis", 2, 5.5, 9), ("referral", 2, 7, 7),
        ("first follow-up", 1, 76, 76), ("closing", 1, 181, 181),
    ]
    # ACTRAV's one contact was shared after a day and is still waiting for its analysis.
    assert [(t.step, t.count, t.median_days, t.longest_days) for t in actrav.timing.step_times] == [("sharing", 1, 1, 1)]
    assert (act_emp.timing.open, actrav.timing.open) == (1, 1)
    assert (act_emp.timing.overdue, actrav.timing.overdue) == (0, 0)  # the fixture's deadlines are far off


def test_overdue_steps_are_counted_by_the_unit_that_owes_them(clean_dataset: Path) -> None:
    (clean_dataset / "ilo-engage.toml").write_text(DEFAULT_DEADLINES, encoding="utf-8")
    act_emp, actrav = registers(load(clean_dataset), "restricted", as_of=date(2016, 1, 21))
    assert act_emp.timing is not None and actrav.timing is not None
    # The referred contact owes its first follow-up (the technical lead); the received one, its analysis.
    assert act_emp.timing.overdue_by_unit == [("FUNDAMENTALS", 1)]
    assert actrav.timing.overdue_by_unit == [("ACTRAV", 1)]


def test_a_step_and_a_closing_after_the_as_of_day_do_not_count(clean_dataset: Path) -> None:
    # The contact closed on 29 November 2015 was still open on the 28th, and had no closing time yet.
    act_emp, _ = registers(load(clean_dataset), "restricted", as_of=date(2015, 11, 28))
    assert act_emp.timing is not None
    assert act_emp.timing.open == 2 and [t.step for t in act_emp.timing.step_times][-1] == "first follow-up"


def test_the_as_of_day_defaults_to_the_end_of_the_filters(clean_dataset: Path) -> None:
    act_emp, _ = registers(load(clean_dataset), "restricted", Filters(end=date(2015, 11, 28)))
    assert act_emp.timing is not None and act_emp.timing.as_of == date(2015, 11, 28)
    assert act_emp.timing.open == 2


def test_the_register_command_prints_the_timing_under_each_register(clean_dataset: Path) -> None:
    (clean_dataset / "ilo-engage.toml").write_text(DEFAULT_DEADLINES, encoding="utf-8")
    result = CliRunner().invoke(app, ["register", "actrav", "--format", "md", "--today", "2016-01-21",
                                      "--audience", "restricted", "--root", str(clean_dataset)])
    assert result.exit_code == 0, result.output
    assert result.stdout.split("|\n\n", 1)[1] == (
        "As of 2016-01-21: 1 contact open, 1 step overdue (ACTRAV 1).\n\n"
        "Time per step, in days from the step it follows:\n\n"
        "| Step | Contacts | Median days | Longest days |\n"
        "|---|---|---|---|\n"
        "| sharing | 1 | 1 | 1 |\n"
    )


def test_the_json_register_holds_the_timing(clean_dataset: Path) -> None:
    result = CliRunner().invoke(app, ["register", "act-emp", "--format", "json", "--today", "2016-01-21",
                                      "--root", str(clean_dataset)])
    assert result.exit_code == 0, result.output
    act_emp = json.loads(result.stdout)[0]
    assert act_emp["as_of"] == "2016-01-21" and act_emp["open"] == 1 and act_emp["overdue_by_unit"] == []
    assert act_emp["step_times"][1] == {"step": "needs analysis", "contacts": 2, "median_days": 5.5, "longest_days": 9}


def test_the_register_document_gives_the_timing_as_of_its_date(clean_dataset: Path) -> None:
    from ilo_engage.reports.documents import register_document

    text = register_document(clean_dataset, "restricted", "md")
    assert isinstance(text, str)
    # Dated by its latest contact (1 September 2015): the closing after it does not count yet.
    assert ("At 1 September 2015, 2 contacts under the procedure were open and 0 steps overdue.\n\n"
            "| Step | Contacts | Median days | Longest days |\n|---|--:|--:|--:|\n| sharing | 2 | 1 | 1 |\n"
            "| needs analysis | 2 | 5.5 | 9 |\n| referral | 2 | 7 | 7 |\n| first follow-up | 1 | 76 | 76 |\n\n"
            "## Register of ACTRAV") in text
    assert text.endswith("At 1 September 2015, 1 contact under the procedure was open and 0 steps overdue.\n")
