"""The bundled dataset holds every figure GB.326/INS/3 states in paras 4–22, with its source.

The expected values are the paper's, typed here from it: (paragraph, value, qualifier).
A figure matches when a record holds it with that value and qualifier and cites that paragraph.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ilo_engage.load.dataset import load
from ilo_engage.model import Initiative
from tests.helpers import PROJECT

STATED = [
    (4, "9", None),  # member companies of the Child Labour Platform
    (5, "13", None), (5, "20", "more than"),
    (6, "13", None), (6, "20", "over"), (6, "5", None), (6, "35", "over"), (6, "100", "over"),
    (7, "22", None), (7, "12", None),
    (9, "6", "around"), (9, "3.6", None), (9, "750", None), (9, "200000", "around"),
    (10, "70", "more than"),
    (11, "35000", "more than"), (11, "65", None), (11, "10", None),
    (12, "143", None), (12, "57", None), (12, "120", "around"), (12, "39.8", None),
    (12, "20", None), (12, "8", None), (12, "9", None), (12, "18.3", None),
    (13, "30", None), (13, "1261", None), (13, "1.5", "over"),
    (14, "20", None), (14, "220", None), (14, "25", None), (14, "30", "over"),
    (16, "1300", None), (16, "39", None), (16, "5", None), (16, "30", None), (16, "260", "over"),
    (21, "850", "approximately"), (21, "350", None), (21, "200", None), (21, "106", None),
    (21, "86", None), (21, "63", None), (21, "5000", None), (21, "250", None),
    (22, "6", None),
]

DATASET = load(PROJECT)
INITIATIVES: dict[str, Initiative] = {
    e.record.id: e.record for e in DATASET.entries if isinstance(e.record, Initiative)  # type: ignore[attr-defined]
}


def source(paragraph: int) -> str:
    return f"GB.326/INS/3 para {paragraph}"


@pytest.mark.parametrize(("paragraph", "value", "qualifier"), STATED)
def test_each_stated_figure_is_recorded_with_its_qualifier_and_source(
    paragraph: int, value: str, qualifier: str | None
) -> None:
    found = [
        (initiative.id, figure.label)
        for initiative in INITIATIVES.values()
        for figure in initiative.figures
        if figure.source == source(paragraph) and figure.value == Decimal(value) and figure.qualifier == qualifier
    ]
    assert found, f"no figure {qualifier or ''} {value} citing {source(paragraph)}"


def test_every_recorded_figure_is_one_the_paper_states() -> None:
    stated = {(source(p), Decimal(v), q) for p, v, q in STATED}
    unexpected = [
        (initiative.id, figure.label, figure.value)
        for initiative in INITIATIVES.values()
        for figure in initiative.figures
        if (figure.source, figure.value, figure.qualifier) not in stated
    ]
    assert not unexpected


def test_counts_the_records_can_give_are_derived_not_stated() -> None:
    # Para 13: Better Work has projects in eight countries and studies in two more.
    assert len(INITIATIVES["better-work"].countries) == 8
    assert sorted(INITIATIVES["better-work-feasibility"].countries) == ["ET", "MM"]
    # Para 6: four national apprenticeship networks; para 18: dialogues in four countries.
    assert sorted(INITIATIVES["global-apprenticeships-network"].countries) == ["AR", "ES", "ID", "TR"]
    assert sorted(INITIATIVES["mne-declaration-dialogues"].countries) == ["CI", "PK", "VN", "ZM"]


def test_the_itc_training_areas_do_not_add_up_to_the_stated_total() -> None:
    # Para 21 gives "approximately 850" participants but its top areas add up to 805:
    # the records keep what the paper says.
    itc = INITIATIVES["itc-courses-for-enterprises"]
    areas = [f.value for f in itc.figures if f.label.startswith("participants:")]
    total = next(f for f in itc.figures if f.qualifier == "approximately")
    assert sum(areas) == 805
    assert total.value == 850


def test_start_dates_are_recorded() -> None:
    assert INITIATIVES["global-business-and-disability-network"].started == "2010"
    assert INITIATIVES["global-apprenticeships-network"].started == "2013"
    assert INITIATIVES["social-protection-floors-business-network"].started == "2015-10-28"
    assert INITIATIVES["forced-labour-business-network"].status == "feasibility"


def test_every_initiative_cites_the_paper_and_has_a_summary() -> None:
    assert len(INITIATIVES) >= 30
    for initiative in INITIATIVES.values():
        assert any(s.startswith("GB.326/INS/3 para") for s in initiative.sources), initiative.id
        assert len(initiative.summary) > 80, initiative.id


def test_the_components_follow_the_papers_sections() -> None:
    components = {i.id: i.component for i in INITIATIVES.values()}
    assert components["child-labour-platform"] == "A"
    assert components["helpdesk-for-business"] == "B"
    assert components["enterprise-encounters"] == "C"
