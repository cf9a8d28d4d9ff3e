"""A contact visible on its own: `show CONTACT-ID` and `contact ID` print its timeline (every dated
step, who, what, the next step due); `show ENTERPRISE` lists contact ids; `find` matches contacts."""

from __future__ import annotations

import json

from tests.helpers import PROJECT, invoke

REFERRED = "2015-11-05-wingtip-youth-foundation-r7ks"
TIMELINE = (
    f"{REFERRED}: Funding an apprenticeship programme for young people\n"
    "wingtip-youth-foundation; status referred\n"
    "\n"
    "  2015-11-05  contact made by management, entered through act-emp\n"
    "  2015-11-06  act-emp shared it with actrav\n"
    "  2015-11-06  act-emp shared it with employers-secretariat\n"
    "  2015-11-19  needs analysis by act-emp\n"
    "  2015-11-26  referred to skills (lead skills)\n"
    "\n"
)


def test_show_contact_id_prints_every_dated_step_and_the_next_step_due() -> None:
    result = invoke(PROJECT, "show", REFERRED)
    assert result.exit_code == 0, result.output
    assert result.stdout == TIMELINE + (
        "Next: first follow-up by skills, overdue since 2016-01-25: "
        f"ilo-engage contact {REFERRED} follow-up --summary \"…\"\n"
    )


def test_contact_id_with_no_step_shows_the_same_timeline() -> None:
    assert invoke(PROJECT, "contact", REFERRED).stdout == invoke(PROJECT, "show", REFERRED).stdout
    missing = invoke(PROJECT, "contact", "2015-01-01-nobody-aaaa")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("ilo-engage: no contact has the id `2015-01-01-nobody-aaaa`")


def test_a_closed_contact_shows_its_referral_and_closing_dates_and_nothing_due() -> None:
    text = invoke(PROJECT, "show", "2015-02-16-northwind-cocoa-traders-t7wb").stdout
    assert "  2015-03-03  referred to fundamentals (lead fundamentals)\n" in text
    assert "  2015-10-14  closed\n" in text
    assert text.endswith("Nothing more is due on it.\n")


def test_show_contact_json_has_the_timeline_and_the_steps_due() -> None:
    data = json.loads(invoke(PROJECT, "show", REFERRED, "--format", "json").stdout)
    assert data["referred_on"] == "2015-11-26"
    assert data["timeline"][-1] == {"date": "2015-11-26", "step": "referred to skills (lead skills)"}
    assert [(d["step"], d["owner"], d["deadline"]) for d in data["due"]] == [("follow-up", "skills", "2016-01-25")]
    assert "persons" not in data


def test_show_enterprise_lists_each_contact_with_its_id_and_status() -> None:
    text = invoke(PROJECT, "show", "northwind-cocoa-traders").stdout
    assert ("  2015-02-16 2015-02-16-northwind-cocoa-traders-t7wb: Due diligence on child labour in its cocoa "
            "supply chain [closed; via act-emp, lead fundamentals]\n") in text


def test_show_names_what_it_looked_for_when_nothing_has_the_id() -> None:
    result = invoke(PROJECT, "show", "nothing-here")
    assert result.exit_code == 1
    assert "no enterprise has the id `nothing-here`" in result.stderr


def test_find_matches_contact_ids_and_subjects() -> None:
    by_subject = json.loads(invoke(PROJECT, "find", "apprenticeship programme", "--format", "json").stdout)
    assert [item.get("contact") for item in by_subject] == [REFERRED]
    by_id = json.loads(invoke(PROJECT, "find", "r7ks", "--format", "json").stdout)
    assert [item.get("contact") for item in by_id] == [REFERRED]


def test_a_public_audience_does_not_see_an_internal_contact() -> None:
    result = invoke(PROJECT, "show", REFERRED, "--audience", "public")
    assert (result.exit_code, result.stdout) == (1, "")


def test_the_readme_shows_a_timeline_as_the_command_prints_it() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```text\n$ ilo-engage show ", 1)[1].split("```", 1)[0]
    command, printed = block.split("\n", 1)
    result = invoke(PROJECT, "show", *command.split())
    assert (result.exit_code, result.stdout) == (0, printed)


def test_the_readme_worklist_commands_run_on_the_bundled_dataset() -> None:
    assert invoke(PROJECT, "due", "--unit", "act-emp").exit_code == 0
    assert invoke(PROJECT, "due", "--overdue", "--format", "csv").stdout.startswith("\ufeffUnit,State,Contact")
