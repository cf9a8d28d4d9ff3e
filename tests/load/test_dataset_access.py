"""Typed access to the records of a dataset: by model, never by a kind's name."""

from __future__ import annotations

from ilo_engage.load.dataset import Entry, load
from ilo_engage.model import Contact, Enterprise, Initiative, Network, Unit
from tests.helpers import PROJECT


def test_records_of_a_model_are_its_instances_in_file_order() -> None:
    dataset = load(PROJECT)
    contacts = list(dataset.records(Contact))
    assert contacts and all(isinstance(c, Contact) for c in contacts)
    assert [c.id for c in contacts] == [e.record.id for e in dataset.entries if e.kind.name == "contact"]


def test_an_abstract_model_gives_every_kind_built_on_it() -> None:
    dataset = load(PROJECT)
    kinds = {type(i).__name__ for i in dataset.records(Initiative)}
    assert kinds == {"Network", "Partnership", "Programme"}
    assert {e.file.split("/")[1] for e in dataset.entries_of(Network)} == {"networks"}


def test_by_id_keeps_the_first_record_of_an_id() -> None:
    dataset = load(PROJECT)
    assert dataset.by_id(Unit)["act-emp"].kind == "bureau"
    first = next(dataset.entries_of(Enterprise))
    again = first.record.model_copy(update={"name": "A later record with the same id"})
    dataset.entries.append(Entry(first.file, first.kind, again))
    assert dataset.by_id(Enterprise)[first.record.id] is first.record
