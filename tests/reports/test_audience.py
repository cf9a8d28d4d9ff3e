"""Whatever the dataset, no output holds what its audience may not see (property-based).

Hypothesis makes small datasets of enterprises, contacts and initiatives with random
visibilities, on the units, topics and report text of the clean fixture. Every record carries
its own canary (`CANARYnnnX` in its texts, `knnnq` in its id), every person a name, e-mail and
telephone of their own, and every `notes` field a canary of its own. Then:

- the public progress report (its projection's repr and the Markdown rendered from it) holds no
  canary of a record that is not public;
- the staff registers (every format, and the register document) and dossiers (every format)
  hold no canary of a confidential record;
- no output for any audience holds a person's name, e-mail or telephone, or a `notes` field.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from types import SimpleNamespace
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

from ilo_engage.core.audience import AUDIENCES, NOT_NAMED_UNIT, Audience, UnitView, may_name, unit_view
from ilo_engage.core.errors import IloEngageError
from ilo_engage.load.dataset import Dataset, Entry, load
from ilo_engage.lookup import dossier as dossiers, finder, registers as register_module
from ilo_engage.model import Contact, Enterprise, kind_of
from ilo_engage.reports.progress import progress_report
from ilo_engage.reports.render import render_markdown
from tests.helpers import FIXTURES

ROOT = FIXTURES / "clean"
BASE = load(ROOT)
CONTEXT = [e for e in BASE.entries if e.kind.name in ("unit", "topics", "regions", "report")]
PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VISIBILITY = st.sampled_from(["public", "internal", "confidential"])
DAY = st.dates(min_value=date(2014, 6, 13), max_value=date(2016, 1, 31))
TOPICS = st.lists(st.sampled_from(["child-labour", "supply-chains", "osh"]), unique=True, max_size=2)
COUNTRIES = st.lists(st.sampled_from(["CI", "GH", "CH"]), unique=True, max_size=2)
LEADS = st.sampled_from(["fundamentals", "co-abidjan"])


def canary(n: int) -> str:
    return f"CANARY{n:03d}X"


def record_id(n: int, what: str) -> str:
    return f"k{n:03d}q-{what}"


def person_data(n: int, j: int) -> list[str]:
    return [f"Person{n:03d}{j} Surname", f"person{n:03d}{j}@canary.example.org", f"+41 22 {n:03d} {j:04d}"]


@st.composite
def datasets(draw: st.DrawFn, visibility: st.SearchStrategy[str] = VISIBILITY) -> tuple[Dataset, dict, set[str]]:
    """A dataset; each record's canaries → (visibility, kind); every string no output may hold."""
    counter = iter(range(1000))
    canaries: dict[str, tuple[str, str]] = {}
    never: set[str] = set()
    entries: list[Entry] = []

    def add(relpath: str, data: dict[str, Any], n: int) -> None:
        kind = kind_of(relpath)
        entries.append(Entry(relpath, kind, kind.model.model_validate(data)))  # type: ignore[union-attr]
        canaries[canary(n)] = canaries[record_id(n, "")] = (data["visibility"], kind.name)  # type: ignore[union-attr]
        never.add(f"NOTE{n:03d}X")

    enterprise_ids = []
    for _ in range(draw(st.integers(1, 4))):
        n = next(counter)
        enterprise_ids.append(record_id(n, "enterprise"))
        add(f"data/registers/enterprises/{record_id(n, 'enterprise')}.yaml", {
            "id": record_id(n, "enterprise"), "name": f"Enterprise {canary(n)} Ltd", "kind": "company",
            "country": draw(st.sampled_from(["CH", "CI", "GH"])), "sectors": [f"sector {canary(n)}"],
            "aliases": [f"Alias {canary(n)}"], "identifiers": {"website": f"https://{record_id(n, 'site')}.example"},
            "visibility": draw(visibility), "notes": f"NOTE{n:03d}X", "sources": [f"Source {canary(n)}"],
        }, n)
    for _ in range(draw(st.integers(0, 6))):
        n = next(counter)
        day = draw(DAY)
        initiated_by = draw(st.sampled_from(["management", "workers-organization"]))
        persons = [dict(zip(("name", "email", "phone"), person_data(n, j))) for j in range(draw(st.integers(0, 2)))]
        never.update(value for person in persons for value in person.values())
        status = draw(st.sampled_from(["received", "analysed", "referred", "in-progress", "closed", "declined"]))
        lead = draw(LEADS)
        data = {
            "id": f"{day.isoformat()}-{draw(st.sampled_from(enterprise_ids))}-{n:03d}q",
            "date": day, "enterprise": draw(st.sampled_from(enterprise_ids)), "initiated_by": initiated_by,
            "subject": f"Subject {canary(n)}", "topics": draw(TOPICS), "countries": draw(COUNTRIES),
            "entry_point": "act-emp" if initiated_by == "management" else "actrav",
            "status": status, "visibility": draw(visibility), "persons": persons, "notes": f"NOTE{n:03d}X",
        }
        if initiated_by == "workers-organization":
            data["workers_organization"] = f"Union {canary(n)}"
        if status != "received":
            data["needs_analysis"] = {"by": data["entry_point"], "date": day, "summary": f"Needs {canary(n)}"}
        if status in ("referred", "in-progress", "closed"):
            data.update(referred_to=[lead], technical_lead=lead)
        if status in ("in-progress", "closed"):
            data["follow_ups"] = [{"by": lead, "with": data["entry_point"], "date": day, "summary": f"Met {canary(n)}"}]
        if status in ("closed", "declined"):
            data["outcome"] = f"Outcome {canary(n)}"
        data["id"] = f"{day.isoformat()}-{data['enterprise']}-{n:03d}q"
        add(f"data/registers/contacts/{data['id']}.yaml", data, n)
        canaries[data["id"]] = (data["visibility"], "contact")
    for _ in range(draw(st.integers(0, 3))):
        n = next(counter)
        kind = draw(st.sampled_from(["network", "partnership", "programme"]))
        roster = [{"enterprise": e, "role": f"role {canary(n)}"} for e in draw(st.lists(st.sampled_from(enterprise_ids),
                                                                                     unique=True, max_size=3))]
        roster.append({"organization": f"Organization {canary(n)}"})
        add(f"data/{kind}s/{record_id(n, kind)}.yaml", {
            "id": record_id(n, kind), "name": f"Initiative {canary(n)}", "kind": kind,
            "component": draw(st.sampled_from(["A", "B", "C"])), "lead_units": [draw(LEADS)], "status": "active",
            "members" if kind == "network" else "partners": roster, "topics": draw(TOPICS),
            "figures": [{"label": f"participants: area {canary(n)}", "value": n + 1, "unit": "participants",
                         "as_of": 2015, "source": f"Paper {canary(n)}"}],
            "summary": f"Summary {canary(n)}.", "visibility": draw(visibility), "notes": f"NOTE{n:03d}X",
            "sources": [f"Footnote {canary(n)}"],
        }, n)
    return replace(BASE, entries=[*CONTEXT, *entries], load_problems=[], failed_files=[]), canaries, never


def hidden_from(audience: Audience, canaries: dict[str, tuple[str, str]]) -> list[str]:
    """The canaries of records the audience may not see named."""
    return [token for token, (visibility, _) in canaries.items()
            if not may_name(SimpleNamespace(visibility=visibility), audience)]


def leaks(text: str, forbidden: list[str] | set[str]) -> list[str]:
    return sorted(token for token in forbidden if token in text)


def progress_outputs(dataset: Dataset, audience: Audience) -> str:
    # The report text places every initiative and asks for every annex, so that all of them are looked at.
    from ilo_engage.model.reports import Block

    initiatives = [e.record.id for e in dataset.entries if e.kind.name in ("network", "partnership", "programme")]
    entries = []
    for entry in dataset.entries:
        if entry.kind.name == "report":
            body = [*entry.record.body, *([Block(initiatives=initiatives)] if initiatives else [])]
            entry = replace(entry, record=entry.record.model_copy(
                update={"body": body, "annexes": ["computed-tables", "figures", "participants"]}))
        entries.append(entry)
    report = progress_report(replace(dataset, entries=entries), audience, examples=True)
    return repr(report) + "\n" + render_markdown(ROOT, "progress.md.j2", report=report)


def register_outputs(dataset: Dataset, audience: Audience) -> str:
    found = register_module.registers(dataset, audience)
    texts = [repr(found), *(register_module.render(found, fmt) for fmt in ("table", "md", "csv", "json"))]
    texts.append(render_markdown(ROOT, "register.md.j2", registers=found, title="Registers", date="1 January 2016"))
    return "\n".join(texts)


def dossier_outputs(dataset: Dataset, audience: Audience) -> str:
    # A Dossier (like a finder Match) holds whole records, persons and notes included: only what
    # is rendered from it is an output, so that is what is searched.
    texts = []
    for enterprise_id in dataset.by_id(Enterprise):
        try:
            found = dossiers.dossier(dataset, enterprise_id, audience)
        except IloEngageError as refused:  # one the audience may not see: the message repeats only the id asked
            # It may suggest an id, only of an enterprise the audience may see.
            assert str(refused).startswith(f"no enterprise has the id `{enterprise_id}`")
            suggested = re.findall(r"did you mean `([^`]+)`", str(refused))
            assert all(may_name(dataset.by_id(Enterprise)[s], audience) for s in suggested)
            continue
        texts += [dossiers.render(found, fmt) for fmt in ("text", "md", "json")]
    return "\n".join(texts)


def finder_outputs(dataset: Dataset, audience: Audience) -> str:
    texts = []
    for query in ("Enterprise", "Ltd", "CANARY", "Alias", "example"):
        found = finder.find(dataset, query, audience)
        texts += [finder.render(found, fmt) for fmt in ("table", "md", "json")]
    return "\n".join(texts)


@PROPERTY
@given(datasets())
def test_the_public_progress_report_names_only_public_records(case: tuple) -> None:
    dataset, canaries, never = case
    text = progress_outputs(dataset, "public")
    assert leaks(text, hidden_from("public", canaries)) == []
    assert leaks(text, never) == []


@PROPERTY
@given(datasets())
def test_staff_registers_dossiers_and_searches_hold_no_confidential_record(case: tuple) -> None:
    dataset, canaries, never = case
    text = "\n".join((register_outputs(dataset, "staff"), dossier_outputs(dataset, "staff"),
                      finder_outputs(dataset, "staff")))
    assert leaks(text, hidden_from("staff", canaries)) == []
    assert leaks(text, never) == []


@PROPERTY
@given(datasets(), st.sampled_from(AUDIENCES))
def test_no_output_for_any_audience_holds_personal_data_or_notes(case: tuple, audience: Audience) -> None:
    dataset, canaries, never = case
    text = "\n".join((progress_outputs(dataset, audience), register_outputs(dataset, audience),
                      dossier_outputs(dataset, audience), finder_outputs(dataset, audience)))
    assert leaks(text, never) == []
    assert leaks(text, hidden_from(audience, canaries)) == []


@settings(PROPERTY, max_examples=10)
@given(datasets(visibility=st.just("public")))
def test_what_an_audience_may_see_does_show_so_the_checks_above_look_in_the_right_place(case: tuple) -> None:
    dataset, _, never = case
    staff = register_outputs(dataset, "staff") + dossier_outputs(dataset, "staff")
    for enterprise in dataset.records(Enterprise):
        assert enterprise.name in staff and enterprise.id in staff
    for contact in dataset.records(Contact):
        assert contact.subject in staff
    public = progress_outputs(dataset, "public")
    for entry in dataset.entries:
        if entry.kind.name in ("network", "partnership", "programme") and entry.record.component == "A":
            assert entry.record.summary in public
    assert leaks(staff + public, never) == []


def test_a_unit_is_projected_whole_for_an_audience_that_may_name_it_and_unnamed_otherwise() -> None:
    unit = SimpleNamespace(id="co-x", short="CO-X", name="ILO Office for X", kind="field-office",
                           visibility="confidential", notes="CANARY")
    assert unit_view(unit, "restricted") == UnitView("co-x", "CO-X", "ILO Office for X", "field-office", shown=True)
    assert unit_view(unit, "staff") == UnitView("", NOT_NAMED_UNIT, NOT_NAMED_UNIT, "field-office", shown=False)
    assert unit_view(unit, "staff").shown is False
    assert unit_view(unit, "restricted").shown is True


def test_a_record_without_a_visibility_is_named_as_internal() -> None:
    assert [may_name(object(), audience) for audience in AUDIENCES] == [False, True, True]
