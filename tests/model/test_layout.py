"""The layout of kinds and folders is written once (core/layout.py); the models follow it."""

from __future__ import annotations

from ilo_engage.core import layout
from ilo_engage.model import KINDS, Initiative, kind_named, kind_of, kinds_of


def test_every_place_of_the_layout_has_one_model_in_the_same_order() -> None:
    assert [(k.name, k.location, k.single_file) for k in KINDS] == [
        (p.kind, p.location, p.single_file) for p in layout.PLACES
    ]


def test_a_path_belongs_to_the_kind_of_its_place() -> None:
    for place in layout.PLACES:
        path = place.location if place.single_file else f"{place.location}/x.yaml"
        assert kind_of(path) is kind_named(place.kind)
        assert layout.place_of(path) is place
    assert kind_of("data/unitsx/x.yaml") is None
    assert layout.place_of("data/topics.yaml/x") is None


def test_the_initiatives_are_the_kinds_whose_model_is_an_initiative() -> None:
    assert [k.name for k in kinds_of(Initiative)] == [p.kind for p in layout.INITIATIVES]
