"""The report's computed numbers at their edges: which partnerships make the portfolio table, each
area's share, the note on a stated total, and the assessment's start day, rules not yet reached and
units that engaged once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ilo_engage.load.dataset import load
from ilo_engage.model import Figure, Initiative, Partnership
from ilo_engage.reports.assessment import assess
from ilo_engage.reports.computed import computed_tables
from tests.helpers import PROJECT

BUNDLED = {e.record.id: e.record for e in load(PROJECT).entries if isinstance(e.record, Initiative)}
COMPANIES, FOUNDATIONS = BUNDLED["ppp-portfolio-companies"], BUNDLED["ppp-portfolio-foundations"]
ITC = BUNDLED["itc-courses-for-enterprises"]
ROWS = [("Public–private partnerships with companies since 2008", "143", "39.8"),
        ("Public–private partnerships with company foundations since 2008", "20", "18.3"), ("Total", "163", "58.1")]


def tables(*initiatives: Initiative) -> dict[str, Any]:
    return {t.kind: t for t in computed_tables(list(initiatives), "public")}


def without(initiative: Initiative, unit: str, new_id: str) -> Partnership:
    """A copy under another id and name, without its figures in `unit`."""
    kept = [f for f in initiative.figures if f.unit != unit]
    return initiative.model_copy(update={"id": new_id, "name": new_id, "figures": kept})  # type: ignore[return-value]


def test_the_portfolio_table_needs_two_partnerships_with_a_count_and_a_value() -> None:
    assert tables(COMPANIES, FOUNDATIONS)["portfolios"].rows == ROWS
    assert "portfolios" not in tables(COMPANIES)  # one partnership is no portfolio
    assert "portfolios" not in tables(COMPANIES, without(FOUNDATIONS, "US$ million", "no-value"))
    partial = (without(FOUNDATIONS, "US$ million", "no-value"), without(FOUNDATIONS, "partnerships", "no-count"))
    assert tables(COMPANIES, FOUNDATIONS, *partial)["portfolios"].rows == ROWS  # left out, not counted


def test_each_area_has_its_share_of_the_areas_total_in_whole_per_cent() -> None:
    areas = tables(ITC)["areas"]
    assert areas.rows == [
        ("enterprise development", "350", "43%"), ("training methodologies", "200", "25%"),
        ("social dialogue and social protection", "106", "13%"), ("sustainable development/green economy", "86", "11%"),
        ("labour standards", "63", "8%"), ("Total of these areas", "805", "100%"),
    ]
    assert areas.note == {"total": "805", "qualifier": "approximately", "stated": "850", "source": "GB.326/INS/3 para 21"}


def figures_changed(initiative: Initiative, figures: list[Figure]) -> Initiative:
    return initiative.model_copy(update={"figures": figures})


def test_the_note_names_the_stated_total_of_participants_only() -> None:
    courses = Figure.model_validate({"key": "courses", "label": "courses", "value": 40, "unit": "courses",
                                     "as_of": 2015, "source": "s"})
    areas = tables(figures_changed(ITC, [courses, *ITC.figures]))["areas"]
    assert areas.note["stated"] == "850"


def test_no_note_without_a_stated_total_or_when_it_equals_the_areas() -> None:
    only_areas = [f for f in ITC.figures if f.label.startswith("participants: ")]
    assert tables(figures_changed(ITC, only_areas))["areas"].note == {}
    stated = ITC.figures[0].model_copy(update={"value": 805})
    assert tables(figures_changed(ITC, [stated, *only_areas]))["areas"].note == {}


# The assessment, on a copy of the clean fixture (three contacts: ab2c closed, q2zz referred, m4nx received).

def assessed(root: Path) -> Any:
    return assess(load(root), date(2014, 6, 13), date(2016, 1, 21), "restricted")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def rule(assessment: Any, code: str) -> tuple[int, int, int]:
    found = next(r for r in assessment.rules if r.code == code)
    return found.met, found.breached, found.not_yet_due


def test_a_contact_dated_on_the_procedures_start_day_is_subject_to_it(clean_dataset: Path) -> None:
    settings = clean_dataset / "ilo-engage.toml"
    edit(settings, "start = 2014-06-13", "start = 2015-06-01")  # the first contact's day
    assert (assessed(clean_dataset).exempt, assessed(clean_dataset).subject) == (0, 3)
    edit(settings, "start = 2015-06-01", "start = 2015-06-02")
    assert (assessed(clean_dataset).exempt, assessed(clean_dataset).subject) == (1, 2)


def test_a_received_contact_not_yet_shared_has_its_sharing_not_yet_due(clean_dataset: Path) -> None:
    contact = clean_dataset / "data/registers/contacts/2015-09-01-example-cocoa-m4nx.yaml"
    assert rule(assessed(clean_dataset), "R002") == (3, 0, 0)
    edit(contact, "shared_with:\n  - with: act-emp\n    date: 2015-09-02\n  - with: workers-secretariat\n    date: 2015-09-02\n", "")
    assert rule(assessed(clean_dataset), "R002") == (2, 0, 1)
    assert rule(assessed(clean_dataset), "R003") == (2, 0, 1)


def test_a_contact_past_its_analysis_without_one_meets_the_promptness_rule(clean_dataset: Path) -> None:
    # Its missing needs analysis is R004's breach; R009 (made promptly) has nothing late to count.
    contact = clean_dataset / "data/registers/contacts/2015-08-03-secret-mining-q2zz.yaml"
    edit(contact, "needs_analysis:\n  by: act-emp\n  date: 2015-08-05\n  summary: The company asks how to treat child "
                  "labour found among suppliers. CANARY-7F3A9C\n", "")
    found = assessed(clean_dataset)
    assert rule(found, "R009") == (2, 0, 1)
    assert rule(found, "R004") == (1, 1, 1)


def test_a_unit_that_engaged_once_is_listed_as_engaging_little(clean_dataset: Path) -> None:
    edit(clean_dataset / "data/networks/child-labour-platform.yaml", "lead_units:\n  - fundamentals\n",
         "lead_units:\n  - fundamentals\n  - co-abidjan\n")
    found = assessed(clean_dataset)
    assert (found.without_engagement, found.little_engagement) == ([], ["CO-Abidjan"])
