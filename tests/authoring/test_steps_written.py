"""What each step command writes, field by field: the fields it adds or changes, and nothing else.

Each test starts from a contact in a given state, runs one step through the command line with
its options, and compares the record before and after.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ilo_engage.yamlio import parse
from tests.helpers import invoke, write

CONTACTS = "data/registers/contacts"
NEW = "2015-10-01-example-cocoa-nw2a"

RECEIVED = f"""\
id: {NEW}
date: 2015-10-01
enterprise: example-cocoa
initiated_by: management
channel: email
subject: Due diligence on child labour
topics:
  - child-labour
countries:
  - CI
entry_point: act-emp
status: received
"""

SHARED = RECEIVED.replace("status: received\n", """\
shared_with:
  - with: actrav
    date: 2015-10-02
  - with: employers-secretariat
    date: 2015-10-02
status: received
""")

ANALYSED = SHARED.replace("status: received\n", """\
needs_analysis:
  by: act-emp
  date: 2015-10-03
  summary: Wants guidance.
status: analysed
""")

REFERRED = ANALYSED.replace("status: analysed\n", """\
referral:
  to:
    - fundamentals
  date: 2015-10-04
technical_lead: fundamentals
status: referred
""")

IN_PROGRESS = REFERRED.replace("status: referred\n", """\
follow_ups:
  - by: fundamentals
    with: act-emp
    date: 2015-10-10
status: in-progress
""")

BY_A_UNIT = f"""\
id: {NEW}
date: 2015-10-01
enterprise: example-cocoa
initiated_by: ilo-unit
initiating_unit: fundamentals
counterpart: workers-organization
workers_organization: Cocoa Workers Union
subject: Invitation to the Child Labour Platform
topics:
  - child-labour
entry_point: actrav
status: received
"""


def after(root: Path, text: str, *args: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The contact's fields that the step changed, as (before, after); the step must succeed."""
    path = write(root, f"{CONTACTS}/{NEW}.yaml", text)
    before = parse(text).data
    result = invoke(root, "contact", NEW, *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{CONTACTS}/{NEW}.yaml\n"
    now = parse(path.read_text(encoding="utf-8")).data
    keys = [k for k in {**before, **now} if before.get(k) != now.get(k)]
    return {k: before.get(k) for k in keys}, {k: now.get(k) for k in keys}


def test_share_records_the_other_bureau_and_the_group_secretariat(clean_dataset: Path) -> None:
    assert after(clean_dataset, RECEIVED, "share", "--date", "2015-10-02") == ({"shared_with": None}, {"shared_with": [
        {"with": "actrav", "date": date(2015, 10, 2)}, {"with": "employers-secretariat", "date": date(2015, 10, 2)},
    ]})


def test_share_with_records_only_the_units_named(clean_dataset: Path) -> None:
    assert after(clean_dataset, RECEIVED, "share", "--with", "actrav", "--date", "2015-10-03") == (
        {"shared_with": None}, {"shared_with": [{"with": "actrav", "date": date(2015, 10, 3)}]})


def test_share_adds_only_the_units_not_yet_shared_with(clean_dataset: Path) -> None:
    once = RECEIVED.replace("status: received\n", "shared_with:\n  - with: actrav\n    date: 2015-10-02\nstatus: received\n")
    _, now = after(clean_dataset, once, "share", "--date", "2015-10-04")
    assert now == {"shared_with": [{"with": "actrav", "date": date(2015, 10, 2)},
                                   {"with": "employers-secretariat", "date": date(2015, 10, 4)}]}


def test_analyse_records_the_entry_bureaus_needs_analysis(clean_dataset: Path) -> None:
    assert after(clean_dataset, SHARED, "analyse", "--summary", "  Wants guidance.  ", "--date", "2015-10-03") == (
        {"needs_analysis": None, "status": "received"},
        {"needs_analysis": {"by": "act-emp", "date": date(2015, 10, 3), "summary": "Wants guidance."},
         "status": "analysed"},
    )


def test_analyse_by_records_the_unit_named(clean_dataset: Path) -> None:
    # Another unit than the entry bureau breaks R004: the step is refused, naming the unit it would have written.
    path = write(clean_dataset, f"{CONTACTS}/{NEW}.yaml", SHARED)
    result = invoke(clean_dataset, "contact", NEW, "analyse", "--by", "actrav", "--summary", "Asked ACTRAV.",
                    "--date", "2015-10-03")
    assert result.exit_code == 1
    assert f"{NEW}.yaml:18:3: R004 the needs analysis is made by the entry bureau, ACT/EMP (`act-emp`)" in result.stderr
    assert path.read_text(encoding="utf-8") == SHARED


def test_refer_records_the_referral_and_the_first_unit_as_lead(clean_dataset: Path) -> None:
    assert after(clean_dataset, ANALYSED, "refer", "--to", "fundamentals", "--to", "co-abidjan",
                 "--date", "2015-10-04") == (
        {"referral": None, "technical_lead": None, "status": "analysed"},
        {"referral": {"to": ["fundamentals", "co-abidjan"], "date": date(2015, 10, 4)},
         "technical_lead": "fundamentals", "status": "referred"},
    )


def test_refer_lead_names_the_technical_lead(clean_dataset: Path) -> None:
    _, now = after(clean_dataset, ANALYSED, "refer", "--to", "fundamentals", "--to", "co-abidjan",
                   "--lead", "co-abidjan", "--date", "2015-10-04")
    assert now == {"referral": {"to": ["fundamentals", "co-abidjan"], "date": date(2015, 10, 4)},
                   "technical_lead": "co-abidjan", "status": "referred"}


def test_refer_lead_alone_refers_to_the_lead(clean_dataset: Path) -> None:
    _, now = after(clean_dataset, ANALYSED, "refer", "--lead", "fundamentals", "--date", "2015-10-04")
    assert now == {"referral": {"to": ["fundamentals"], "date": date(2015, 10, 4)},
                   "technical_lead": "fundamentals", "status": "referred"}


def test_refer_rewrites_an_old_referred_to_as_the_dated_referral(clean_dataset: Path) -> None:
    old = ANALYSED.replace("status: analysed\n", "referred_to:\n  - co-abidjan\nstatus: analysed\n")
    _, now = after(clean_dataset, old, "refer", "--to", "fundamentals", "--date", "2015-10-04")
    assert now == {"referral": {"to": ["co-abidjan", "fundamentals"], "date": date(2015, 10, 4)},
                   "referred_to": None, "technical_lead": "fundamentals", "status": "referred"}


@pytest.mark.parametrize(("text", "args", "message"), [
    (ANALYSED, ["refer", "--to", "fundamentals", "--date", "2015-10-02"],
     "R010 step dated out of order: 2015-10-02 is before the needs analysis (2015-10-03)"),
    (REFERRED, ["follow-up", "--summary", "Early.", "--date", "2015-10-03"],
     "R010 step dated out of order: 2015-10-03 is before the referral (2015-10-04)"),
    (IN_PROGRESS, ["close", "--outcome", "Done.", "--date", "2015-10-09"],
     "R010 step dated out of order: 2015-10-09 is before a follow-up (2015-10-10)"),
    (RECEIVED, ["share", "--date", "2015-09-30"],
     "R010 step dated out of order: 2015-09-30 is before the contact (2015-10-01)"),
])
def test_a_step_dated_before_the_step_it_follows_is_refused_with_r010(
        clean_dataset: Path, text: str, args: list[str], message: str) -> None:
    path = write(clean_dataset, f"{CONTACTS}/{NEW}.yaml", text)
    result = invoke(clean_dataset, "contact", NEW, *args)
    assert (result.exit_code, result.stderr) == (1, f"ilo-engage: {message}\n")
    assert path.read_text(encoding="utf-8") == text


def test_a_step_on_the_day_of_the_step_it_follows_is_recorded(clean_dataset: Path) -> None:
    _, now = after(clean_dataset, REFERRED, "follow-up", "--summary", "Same day.", "--date", "2015-10-04")
    assert now["status"] == "in-progress"


def test_consult_records_the_consultation_with_the_bureau_for_the_counterpart(clean_dataset: Path) -> None:
    assert after(clean_dataset, BY_A_UNIT, "consult", "--summary", "ACTRAV agreed.", "--date", "2015-10-02") == (
        {"consultations": None},
        {"consultations": [{"with": "actrav", "date": date(2015, 10, 2), "summary": "ACTRAV agreed."}]},
    )


def test_consult_with_records_the_unit_named_and_leaves_the_status(clean_dataset: Path) -> None:
    assert after(clean_dataset, ANALYSED, "consult", "--with", "actrav", "--date", "2015-10-05") == (
        {"consultations": None}, {"consultations": [{"with": "actrav", "date": date(2015, 10, 5)}]},
    )


def test_follow_up_records_the_lead_with_the_entry_bureau(clean_dataset: Path) -> None:
    assert after(clean_dataset, REFERRED, "follow-up", "--summary", "Sent the tool.", "--date", "2015-10-10") == (
        {"follow_ups": None, "status": "referred"},
        {"follow_ups": [{"by": "fundamentals", "with": "act-emp", "date": date(2015, 10, 10),
                         "summary": "Sent the tool."}], "status": "in-progress"},
    )


def test_follow_up_by_and_with_record_the_units_named(clean_dataset: Path) -> None:
    _, now = after(clean_dataset, IN_PROGRESS, "follow-up", "--by", "co-abidjan", "--with", "actrav",
                   "--date", "2015-10-11")
    assert now == {"follow_ups": [{"by": "fundamentals", "with": "act-emp", "date": date(2015, 10, 10)},
                                  {"by": "co-abidjan", "with": "actrav", "date": date(2015, 10, 11)}]}


def test_close_records_the_outcome(clean_dataset: Path) -> None:
    assert after(clean_dataset, IN_PROGRESS, "close", "--outcome", "It joined the platform.",
                 "--date", "2015-10-20") == (
        {"outcome": None, "closed_on": None, "status": "in-progress"},
        {"outcome": "It joined the platform.", "closed_on": date(2015, 10, 20), "status": "closed"},
    )


@pytest.mark.parametrize("text", [ANALYSED, REFERRED, IN_PROGRESS], ids=["analysed", "referred", "in-progress"])
def test_close_declined_declines_at_any_open_status(clean_dataset: Path, text: str) -> None:
    before, now = after(clean_dataset, text, "close", "--declined", "--outcome", "Withdrawn.", "--date", "2015-10-12")
    assert now == {"outcome": "Withdrawn.", "closed_on": date(2015, 10, 12), "status": "declined"}
    assert before["outcome"] is None


@pytest.mark.parametrize(("text", "args", "message"), [
    (RECEIVED, ["analyse", "--summary", "  ", "--date", "2015-10-05"], "give --summary TEXT"),
    (ANALYSED, ["refer", "--date", "2015-10-05"], "name the unit to refer to with --to (and --lead if it is not the first)"),
    (IN_PROGRESS, ["close"], "give --outcome TEXT"),
], ids=["analyse-blank-summary", "refer-to-no-one", "close-without-outcome"])
def test_a_step_missing_an_option_it_needs_is_a_usage_error(
    clean_dataset: Path, text: str, args: list[str], message: str
) -> None:
    path = write(clean_dataset, f"{CONTACTS}/{NEW}.yaml", text)
    result = invoke(clean_dataset, "contact", NEW, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"ilo-engage: {message}\n")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(("text", "args", "message"), [
    (ANALYSED, ["share", "--date", "2015-10-05"],
     f"{NEW} is already shared with actrav, employers-secretariat; name --with to share more"),
    (ANALYSED, ["analyse", "--summary", "Again", "--date", "2015-10-05"], f"{NEW} is `analysed` and already past its needs analysis"),
    (RECEIVED.replace("status: received", "shared_with:\n  - with: actrav\n    date: 2015-10-02\nstatus: analysed"),
     ["analyse", "--summary", "Late", "--date", "2015-10-05"], f"{NEW} is `analysed` and already past its needs analysis"),
    (REFERRED, ["refer", "--to", "co-abidjan", "--date", "2015-10-05"], f"{NEW} is `referred`: it has been referred already"),
    (BY_A_UNIT, ["refer", "--to", "fundamentals", "--date", "2015-10-05"],
     f"consult ACTRAV first: `ilo-engage contact {NEW} consult --summary …`"),
    (IN_PROGRESS.replace("status: in-progress", "outcome: Done.\nstatus: closed"), ["consult", "--date", "2015-10-12"],
     f"{NEW} is `closed`"),
    (IN_PROGRESS.replace("status: in-progress", "outcome: Done.\nstatus: declined"), ["close", "--outcome", "Again"],
     f"{NEW} is `declined` already"),
], ids=["share-nothing-new", "analyse-twice", "analyse-past-received",
        "refer-twice", "refer-before-consulting", "consult-closed", "close-declined"])
def test_a_step_the_record_does_not_allow_is_refused_with_why(
    clean_dataset: Path, text: str, args: list[str], message: str
) -> None:
    path = write(clean_dataset, f"{CONTACTS}/{NEW}.yaml", text)
    result = invoke(clean_dataset, "contact", NEW, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"ilo-engage: {message}\n")
    assert path.read_text(encoding="utf-8") == text


def test_share_on_a_contact_whose_bureau_is_unknown_asks_for_the_units(clean_dataset: Path) -> None:
    no_counterpart = BY_A_UNIT.replace("counterpart: workers-organization\n", "").replace("entry_point: actrav\n", "")
    path = write(clean_dataset, f"{CONTACTS}/{NEW}.yaml", no_counterpart)
    result = invoke(clean_dataset, "contact", NEW, "share", "--date", "2015-10-02")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.endswith("name --with to share more\n") and "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == no_counterpart


def test_a_close_request_closes_unless_it_says_declined(clean_dataset: Path) -> None:
    from ilo_engage.authoring.steps import StepRequest, take_step
    from ilo_engage.checks.scan import workspace

    write(clean_dataset, f"{CONTACTS}/{NEW}.yaml", IN_PROGRESS)
    closed = take_step(workspace(clean_dataset), NEW, StepRequest("close", date(2015, 10, 12), outcome="Done."))
    assert "status: closed\n" in closed.text and "status: declined" not in closed.text
