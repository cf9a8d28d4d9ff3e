"""`kind_of` answers, folder by folder, exactly what asking each kind whether it `holds` a path
would: the one kind of record a dataset-relative path belongs to, or none."""

from __future__ import annotations

import pytest

from ilo_engage.model import KINDS, kind_of


@pytest.mark.parametrize("relpath", [
    "data/topics.yaml", "data/regions.yaml", "data/units/act-emp.yaml", "data/units/nested/x.yaml",
    "data/registers/enterprises/a.yaml", "data/registers/enterprises/a/b/c.yaml",
    "data/registers/contacts/2015-01-01-a-aaaa.yaml", "data/networks/n.yaml", "data/partnerships/p.yml",
    "data/programmes/p.yaml", "data/reports/progress.yaml",
    "data/units", "data/units/", "data/topics.yaml/x", "data/regions.yml", "data/registers/x.yaml",
    "data/registers/enterprises", "data", "", "x/data/units/a.yaml", "data/unknown/a.yaml",
])
def test_the_kind_of_a_path_is_the_one_that_holds_it(relpath: str) -> None:
    holding = [kind for kind in KINDS if kind.holds(relpath)]
    assert len(holding) <= 1
    assert kind_of(relpath) is (holding[0] if holding else None)
