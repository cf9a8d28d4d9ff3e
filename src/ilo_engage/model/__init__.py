"""The data contract: one Pydantic model per kind of record, and where each kind lives."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .common import Part, Record, Reference
from .contacts import Contact
from .enterprises import Enterprise
from .initiatives import Figure, Initiative, Network, Partnership, Programme
from .reports import ReportText
from .units import Unit
from .vocabulary import Regions, Topics


@dataclass(frozen=True)
class Kind:
    """A kind of record: its name, its model and where its files are."""

    name: str
    model: type[BaseModel]
    location: str  # a folder of one-record files, or (for vocabularies) a single file
    single_file: bool = False

    def holds(self, relpath: str) -> bool:
        """Whether a dataset-relative path is a file of this kind."""
        if self.single_file:
            return relpath == self.location
        return relpath.startswith(self.location + "/")


KINDS: tuple[Kind, ...] = (
    Kind("topics", Topics, "data/topics.yaml", single_file=True),
    Kind("regions", Regions, "data/regions.yaml", single_file=True),
    Kind("unit", Unit, "data/units"),
    Kind("enterprise", Enterprise, "data/registers/enterprises"),
    Kind("contact", Contact, "data/registers/contacts"),
    Kind("network", Network, "data/networks"),
    Kind("partnership", Partnership, "data/partnerships"),
    Kind("programme", Programme, "data/programmes"),
    Kind("report", ReportText, "data/reports"),
)
DATA_FOLDER = "data"


def kind_of(relpath: str) -> Kind | None:
    """The kind of record a dataset-relative path holds, or None if none does."""
    return next((kind for kind in KINDS if kind.holds(relpath)), None)


__all__ = [
    "KINDS",
    "Contact",
    "Enterprise",
    "Figure",
    "Initiative",
    "Kind",
    "Network",
    "Part",
    "Partnership",
    "Programme",
    "Record",
    "Reference",
    "Regions",
    "ReportText",
    "Topics",
    "Unit",
    "kind_of",
]
