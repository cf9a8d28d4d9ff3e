"""The engagement procedure of GB.326/INS/3 para 3, rule by rule.

Each test starts from a contact that followed the procedure and changes one thing.
Reading them in order is reading the procedure:
(a) entry point — management enters through ACT/EMP, a workers' organization through ACTRAV,
    and the two bureaux share information with each other and with their group secretariats;
(b) operational relationship — the entry bureau makes the needs analysis and guides the
    enterprise to a policy department; an ILO unit that seeks an enterprise consults the bureau;
(c) technical lead — a policy department, field or regional office leads within its mandate and follows
    up with the entry bureau;
(d) reporting — the registers are derived from these records (see test_registers.py).
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ilo_engage.checks import check, routing as R
from ilo_engage.checks.base import Context
from ilo_engage.checks.routing import ROUTING_RULES, Rule
from ilo_engage.checks.timing import DEADLINE_RULES
from ilo_engage.cli import app
from ilo_engage.load.dataset import Entry, load
from ilo_engage.load.settings import ProcedureSettings
from ilo_engage.model import Contact, Unit
from ilo_engage.model.procedure import Office
from tests.helpers import FAR_DEADLINES, FIXTURES

CLEAN = load(FIXTURES / "clean")
OFFICE = Office.of(CLEAN.records(Unit))
CTX = Context(OFFICE, ProcedureSettings(), today=date(2016, 1, 31))
FOLLOWED = next(CLEAN.records(Contact)).model_dump(by_alias=True)


def contact(**changes: Any) -> Contact:
    """The contact that followed the procedure, with some fields changed (None removes one)."""
    data = {**FOLLOWED, **changes}
    return Contact.model_validate({k: v for k, v in data.items() if v is not None})


def findings(rule: Rule, **changes: Any) -> list[str]:
    return [message for _, message in rule.check(contact(**changes), CTX)]


def shared(*units: str) -> list[dict[str, Any]]:
    return [{"with": unit, "date": date(2015, 6, 2)} for unit in units]


def test_the_example_contact_follows_every_rule() -> None:
    assert [(r.code.code, f) for r in ROUTING_RULES for f in r.check(contact(), CTX)] == []


# (a) Entry point


def test_a_contact_from_management_enters_through_act_emp() -> None:
    assert findings(R.entry_point_matches_initiator, entry_point="actrav") == [
        "a contact from management enters through ACT/EMP (`act-emp`), not `actrav`"
    ]


def test_a_contact_from_a_workers_organization_enters_through_actrav() -> None:
    changes = dict(initiated_by="workers-organization", workers_organization="A union", entry_point="act-emp")
    assert findings(R.entry_point_matches_initiator, **changes) == [
        "a contact from a workers' organization enters through ACTRAV (`actrav`), not `act-emp`"
    ]


def test_an_ilo_unit_engaging_a_workers_organization_goes_through_actrav() -> None:
    changes = dict(initiated_by="ilo-unit", initiating_unit="fundamentals", counterpart="workers-organization",
                   workers_organization="A union")
    assert findings(R.entry_point_matches_initiator, **changes) == [
        "engaging a workers' organization enters through ACTRAV (`actrav`), not `act-emp`"
    ]


def test_the_entry_point_must_be_recorded() -> None:
    assert findings(R.entry_point_matches_initiator, entry_point=None) == [
        "record the entry point: ACT/EMP (`entry_point: act-emp`) for a contact from management"
    ]


def test_the_entry_bureau_shares_with_the_other_bureau() -> None:
    assert findings(R.shared_with_other_bureau, shared_with=shared("employers-secretariat")) == [
        "record that ACT/EMP shared the contact with ACTRAV (`actrav`)"
    ]


def test_the_entry_bureau_tells_its_group_secretariat_and_missing_that_is_a_warning() -> None:
    assert findings(R.shared_with_secretariat, shared_with=shared("actrav")) == [
        "record that ACT/EMP shared the contact with the Employers' secretariat (`employers-secretariat`)"
    ]
    assert R.shared_with_secretariat.code.severity.value == "warning"


# (b) Operational relationship


def test_once_past_received_the_entry_bureau_has_made_a_needs_analysis() -> None:
    assert findings(R.needs_analysis_by_entry_bureau, needs_analysis=None) == [
        "a contact `closed` needs a `needs_analysis` by ACT/EMP"
    ]
    assert findings(R.needs_analysis_by_entry_bureau, needs_analysis=None, status="received") == []


def test_a_needs_analysis_by_another_unit_does_not_count() -> None:
    analysis = {**FOLLOWED["needs_analysis"], "by": "fundamentals"}
    assert findings(R.needs_analysis_by_entry_bureau, needs_analysis=analysis) == [
        "the needs analysis is made by the entry bureau, ACT/EMP (`act-emp`)"
    ]


def test_a_needs_analysis_later_than_the_configured_days_is_a_warning() -> None:
    late = {**FOLLOWED["needs_analysis"], "date": date(2015, 7, 15)}
    assert findings(R.needs_analysis_on_time, needs_analysis=late) == [
        "the needs analysis came 44 days after the contact (more than 30)"
    ]
    assert R.needs_analysis_on_time.code.severity.value == "warning"


def test_once_referred_the_contact_names_its_technical_lead_and_the_referral() -> None:
    assert findings(R.referred_to_a_technical_lead, technical_lead=None, referral=None) == [
        "a contact `closed` names its `technical_lead`",
        "a contact `closed` records in `referral` where the enterprise was guided",
    ]
    assert findings(R.referred_to_a_technical_lead, technical_lead=None, status="analysed") == []


def test_the_technical_lead_is_among_the_units_referred_to() -> None:
    assert findings(R.referred_to_a_technical_lead, referral={"to": ["co-abidjan"], "date": date(2015, 6, 12)}) == [
        "the technical lead `fundamentals` is not among the units referred to"
    ]


def test_a_referral_in_the_old_form_still_counts_but_is_flagged_r013() -> None:
    old = dict(referral=None, referred_to=["fundamentals"])
    assert findings(R.referred_to_a_technical_lead, **old) == []
    assert findings(R.referral_in_old_form, **old) == [
        "`referred_to` is the old form of `referral`, which also records the date"
    ]
    assert findings(R.referral_in_old_form, referred_to=["fundamentals"]) == [
        "the contact has both `referral` and the old `referred_to`: keep `referral` only"
    ]
    assert findings(R.referral_in_old_form) == []


def test_r014_an_undated_referral_or_closing_is_flagged() -> None:
    assert findings(R.contact_undated_steps, referral={"to": ["fundamentals"]}, closed_on=None) == [
        "record when the enterprise was referred: `date:` under `referral`",
        "record when the contact was closed: `closed_on: YYYY-MM-DD`",
    ]
    assert findings(R.contact_undated_steps, status="in-progress", closed_on=None) == []


def test_an_ilo_unit_that_seeks_an_enterprise_consults_the_bureau_of_its_counterpart() -> None:
    ilo = dict(initiated_by="ilo-unit", initiating_unit="fundamentals", counterpart="management",
               needs_analysis=None, referral=None)
    assert findings(R.ilo_initiative_consults_bureau, **ilo) == [
        "record the consultation with ACT/EMP (`act-emp`), the bureau for engaging management"
    ]
    consulted = [{"with": "act-emp", "date": date(2015, 6, 3)}]
    assert findings(R.ilo_initiative_consults_bureau, **ilo, consultations=consulted) == []


def test_an_ilo_initiated_contact_needs_no_needs_analysis_or_referral() -> None:
    ilo = dict(initiated_by="ilo-unit", initiating_unit="fundamentals", counterpart="management",
               needs_analysis=None, referral=None)
    assert findings(R.needs_analysis_by_entry_bureau, **ilo) == []
    assert findings(R.referred_to_a_technical_lead, **ilo) == []


# (c) Technical lead


def test_the_technical_lead_is_never_a_bureau() -> None:
    assert findings(R.technical_lead_within_mandate, technical_lead="act-emp") == [
        "ACT/EMP is a bureau; a policy department, field office or regional office leads; "
        "`route` proposes, best first: FUNDAMENTALS (`fundamentals`), CO-Abidjan (`co-abidjan`)"
    ]


def test_a_policy_departments_mandate_covers_one_of_the_contacts_topics() -> None:
    assert findings(R.technical_lead_within_mandate, topics=["osh"], countries=["GH"]) == [
        "FUNDAMENTALS's mandate covers none of the contact's topics (osh); "
        "no policy department, field office or regional office fits the contact's topics and countries"
    ]


def test_a_field_office_leads_for_the_countries_it_covers() -> None:
    assert findings(R.technical_lead_within_mandate, technical_lead="co-abidjan", countries=["CI"]) == []
    assert findings(R.technical_lead_within_mandate, technical_lead="co-abidjan", countries=["GH"]) == [
        "CO-Abidjan covers none of the contact's countries (GH): a field office leads only in the countries it "
        "covers; `route` proposes, best first: FUNDAMENTALS (`fundamentals`)"
    ]


def test_once_in_progress_the_lead_has_followed_up_with_the_entry_bureau() -> None:
    assert findings(R.lead_follows_up_with_entry_bureau, follow_ups=None) == [
        "record a follow-up by the technical lead `fundamentals` with ACT/EMP (`act-emp`)"
    ]
    assert findings(R.lead_follows_up_with_entry_bureau, follow_ups=None, status="referred") == []


def test_only_a_follow_up_by_the_lead_with_the_entry_bureau_counts() -> None:
    expected = ["record a follow-up by the technical lead `fundamentals` with ACT/EMP (`act-emp`)"]
    with_another_bureau = [{"by": "fundamentals", "with": "actrav", "date": date(2015, 9, 1)}]
    by_another_unit = [{"by": "co-abidjan", "with": "act-emp", "date": date(2015, 9, 1)}]
    assert findings(R.lead_follows_up_with_entry_bureau, follow_ups=with_another_bureau) == expected
    assert findings(R.lead_follows_up_with_entry_bureau, follow_ups=by_another_unit) == expected
    where = [w for w, _ in R.lead_follows_up_with_entry_bureau.check(contact(follow_ups=by_another_unit), CTX)]
    assert where == [("follow_ups",)]


# Dates, missing data and outcomes


def test_no_step_is_dated_before_the_contact_or_in_the_future() -> None:
    early = [{"with": "actrav", "date": date(2015, 5, 1)}, {"with": "employers-secretariat", "date": date(2017, 1, 1)}]
    assert findings(R.steps_dated_in_order, shared_with=early) == [
        "this step is dated 2015-05-01, before the contact (2015-06-01)",
        "this step is dated 2017-01-01, in the future",
    ]


def test_a_rule_without_the_data_to_decide_says_so_rather_than_guessing() -> None:
    ilo = dict(initiated_by="ilo-unit", initiating_unit=None, counterpart=None)
    assert len(findings(R.routing_data_present, **ilo)) == 2
    # Without a counterpart the bureau is unknown: the other rules stay silent.
    assert findings(R.entry_point_matches_initiator, **ilo) == []
    assert findings(R.ilo_initiative_consults_bureau, **ilo) == []


def test_a_lead_cannot_be_checked_against_a_contact_without_topics_or_countries() -> None:
    assert findings(R.technical_lead_within_mandate, topics=[], countries=[]) == [
        "cannot check the lead's mandate: record the contact's `topics` or `countries`"
    ]


def test_an_ended_contact_says_what_came_of_it() -> None:
    assert findings(R.ended_contact_has_outcome, outcome=None) == ["a contact `closed` records its `outcome` in a sentence"]


def test_every_rule_has_a_stable_code_and_cites_its_paragraph() -> None:
    codes = [r.code.code for r in ROUTING_RULES]
    assert len(set(codes)) == len(codes) and all(c.startswith("R") for c in codes)
    assert all(f"GB.326/INS/3 para {r.paragraph}" in r.code.hint for r in ROUTING_RULES)
    assert all(r.check.__doc__ for r in ROUTING_RULES)


# The rules in `validate`


@pytest.fixture
def procedure_dataset(clean_dataset: Path) -> Path:
    """The clean dataset plus one contact breaking each rule once."""
    shutil.copytree(FIXTURES / "procedure", clean_dataset, dirs_exist_ok=True)
    return clean_dataset


# The routing cases: contacts 2015-03-20 to 2015-03-23 each name a lead outside its mandate, so that
# R007 says whom `route` proposes instead; each shows one ranking rule (see the comment atop each file).
RANKING_CASES = 4


def test_validate_reports_each_broken_rule_once_and_r007_once_per_ranking_case(procedure_dataset: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--root", str(procedure_dataset)])
    assert result.exit_code == 1
    assert result.stdout == (FIXTURES / "procedure.expected.txt").read_text(encoding="utf-8")
    codes = sorted(p.code for p in check(load(procedure_dataset)))
    # The deadline rules have their own tests (tests/checks/test_deadlines.py): this fixture's
    # deadlines (the clean one's) are far off.
    assert codes == sorted([r.code.code for r in ROUTING_RULES if r not in DEADLINE_RULES] + ["R007"] * RANKING_CASES)


def test_each_ranking_case_names_the_leads_route_ranks_for_it_in_that_order(procedure_dataset: Path) -> None:
    dataset = load(procedure_dataset)
    proposals = {p.file: p.message.split("best first: ")[1] for p in check(dataset) if p.code == "R007"}
    cases = [c for c in dataset.records(Contact) if c.id.endswith("-rank")]
    assert len(cases) == RANKING_CASES
    for case in cases:
        advice = CliRunner().invoke(app, [
            "route", "--initiated-by", case.initiated_by, "--format", "json", "--root", str(procedure_dataset),
            *[arg for topic in case.topics for arg in ("--topic", topic)],
            *[arg for country in case.countries for arg in ("--country", country)]])
        assert advice.exit_code == 0, advice.output
        ranked = [lead["unit"] for lead in json.loads(advice.stdout)["technical_leads"]]
        named = re.findall(r"\(`([a-z0-9-]+)`\)", proposals[f"data/registers/contacts/{case.id}.yaml"])
        assert named == ranked, case.id
        # The comment atop the record gives the same routing, by short name, for a reader.
        comment = (procedure_dataset / f"data/registers/contacts/{case.id}.yaml").read_text(encoding="utf-8")
        shorts = [dataset.by_id(Unit)[unit].short for unit in ranked]
        assert re.findall(r"\d\. ([A-Za-z/-]+)", comment) == shorts, case.id


def test_contacts_before_the_procedure_started_are_exempt(procedure_dataset: Path) -> None:
    settings = procedure_dataset / "ilo-engage.toml"
    settings.write_text("[procedure]\nstart = 2015-04-01\n" + FAR_DEADLINES, encoding="utf-8")
    assert [p.code for p in check(load(procedure_dataset))] == []


def test_select_and_ignore_take_rule_codes(procedure_dataset: Path) -> None:
    run = CliRunner().invoke
    selected = run(app, ["validate", "--format", "json", "--select", "R001,R002", "--root", str(procedure_dataset)])
    assert selected.stdout.count('"code"') == 2
    ignored = run(app, ["validate", "--ignore", "R", "--root", str(procedure_dataset)])
    assert ignored.exit_code == 0
    only_warnings = run(app, ["validate", "--select", "R003", "--select", "R009", "--root", str(procedure_dataset)])
    assert only_warnings.exit_code == 0 and "2 warnings" in only_warnings.stderr


# The dated rules, at their boundaries: on the day, the day before, the day after.
# The example contact is dated 2015-06-01; CTX's today is 2016-01-31.

NEEDS_ANALYSIS_ON = {**FOLLOWED["needs_analysis"]}


def analysed(days_after_the_contact: int) -> dict[str, Any]:
    return {**NEEDS_ANALYSIS_ON, "date": date.fromordinal(date(2015, 6, 1).toordinal() + days_after_the_contact)}


def test_r009_a_needs_analysis_on_the_last_allowed_day_is_on_time() -> None:
    assert findings(R.needs_analysis_on_time, needs_analysis=analysed(29)) == []
    assert findings(R.needs_analysis_on_time, needs_analysis=analysed(30)) == []


def test_r009_a_needs_analysis_one_day_past_the_limit_is_late() -> None:
    assert findings(R.needs_analysis_on_time, needs_analysis=analysed(31)) == [
        "the needs analysis came 31 days after the contact (more than 30)"
    ]


def test_r009_the_limit_is_the_configured_number_of_days() -> None:
    ctx = Context(OFFICE, ProcedureSettings(needs_analysis_days=7), today=CTX.today)
    late = [m for _, m in R.needs_analysis_on_time.check(contact(needs_analysis=analysed(8)), ctx)]
    on_time = [m for _, m in R.needs_analysis_on_time.check(contact(needs_analysis=analysed(7)), ctx)]
    assert (late, on_time) == (["the needs analysis came 8 days after the contact (more than 7)"], [])


def test_r010_a_step_on_the_day_of_the_contact_or_today_is_in_order() -> None:
    same_day = [{"with": "actrav", "date": date(2015, 6, 1)}, {"with": "employers-secretariat", "date": CTX.today}]
    assert findings(R.steps_dated_in_order, shared_with=same_day) == []


def test_r010_a_step_the_day_before_the_contact_or_the_day_after_today_is_out_of_order() -> None:
    off = [{"with": "actrav", "date": date(2015, 5, 31)}, {"with": "employers-secretariat", "date": date(2016, 2, 1)}]
    assert findings(R.steps_dated_in_order, shared_with=off) == [
        "this step is dated 2015-05-31, before the contact (2015-06-01)",
        "this step is dated 2016-02-01, in the future",
    ]


def test_r010_every_kind_of_step_is_dated_in_order() -> None:
    wrong = date(2015, 5, 31)
    assert [where for where, _ in R.steps_dated_in_order.check(contact(
        shared_with=[{"with": "actrav", "date": wrong}],
        needs_analysis={**NEEDS_ANALYSIS_ON, "date": wrong},
        consultations=[{"with": "act-emp", "date": wrong}],
        follow_ups=[{"by": "fundamentals", "with": "act-emp", "date": wrong}],
    ), CTX)] == [("shared_with", 0, "date"), ("needs_analysis", "date"), ("consultations", 0, "date"),
                 ("follow_ups", 0, "date")]


def test_r010_a_contact_dated_today_is_not_in_the_future_but_one_dated_tomorrow_is() -> None:
    no_steps = contact(follow_ups=None, needs_analysis=None, shared_with=None, referral=None, closed_on=None)
    today = Context(OFFICE, ProcedureSettings(), today=date(2015, 6, 1))
    assert [m for _, m in R.steps_dated_in_order.check(no_steps, today)] == []
    yesterday = Context(OFFICE, ProcedureSettings(), today=date(2015, 5, 31))
    assert [m for _, m in R.steps_dated_in_order.check(no_steps, yesterday)] == [
        "the contact is dated 2015-06-01, in the future"
    ]


def starting(day: date) -> Context:
    return Context(OFFICE, ProcedureSettings(start=day), today=CTX.today)


def test_the_procedure_applies_to_a_contact_dated_on_its_start_day() -> None:
    broken = contact(outcome=None)
    on_the_day = starting(date(2015, 6, 1))
    assert R.breaches(broken, on_the_day) == {"R012"}
    entry = Entry("c.yaml", "contact", broken)
    assert [f.code.code for f in R.procedure_followed(entry, on_the_day)] == ["R012"]


def test_the_procedure_applies_to_a_contact_dated_the_day_after_its_start() -> None:
    assert R.breaches(contact(outcome=None), starting(date(2015, 5, 31))) == {"R012"}


def test_a_contact_dated_the_day_before_the_procedure_started_is_exempt() -> None:
    broken = contact(outcome=None)
    the_day_after = starting(date(2015, 6, 2))
    assert R.breaches(broken, the_day_after) == set()
    assert list(R.procedure_followed(Entry("c.yaml", "contact", broken), the_day_after)) == []
