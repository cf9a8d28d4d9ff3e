"""The data contract: one Pydantic model per kind of record, and where each kind lives."""

from __future__ import annotations

from dataclasses import dataclass

from ..core import layout
from .common import Part, Record, Reference
from .contacts import Contact
from .enterprises import Enterprise
from .initiatives import Figure, Initiative, Network, Partnership, Programme
from .reports import ReportText
from .units import Unit
from .vocabulary import Regions, Topics


@dataclass(frozen=True)
class Kind:
    """A kind of record: its name, its model and where its files are (its place in `core.layout`)."""

    name: str
    model: type[Part]
    location: str  # a folder of one-record files, or (for vocabularies) a single file
    single_file: bool = False

    @classmethod
    def at(cls, place: layout.Place, model: type[Part]) -> Kind:
        return cls(place.kind, model, place.location, place.single_file)

    @property
    def prefix(self) -> str:
        """What the dataset-relative path of every file of this kind starts with."""
        return self.location if self.single_file else self.location + "/"

    def holds(self, relpath: str) -> bool:
        """Whether a dataset-relative path is a file of this kind."""
        if self.single_file:
            return relpath == self.location
        return relpath.startswith(self.prefix)


# Each place of the layout with the model of its records: a new kind of record is one line here
# and one in core/layout.py.
KINDS: tuple[Kind, ...] = (
    Kind.at(layout.TOPICS, Topics),
    Kind.at(layout.REGIONS, Regions),
    Kind.at(layout.UNITS, Unit),
    Kind.at(layout.ENTERPRISES, Enterprise),
    Kind.at(layout.CONTACTS, Contact),
    Kind.at(layout.NETWORKS, Network),
    Kind.at(layout.PARTNERSHIPS, Partnership),
    Kind.at(layout.PROGRAMMES, Programme),
    Kind.at(layout.REPORTS, ReportText),
)
DATA_FOLDER = layout.DATA_FOLDER
_BY_NAME = {kind.name: kind for kind in KINDS}


_AT = {kind.location: kind for kind in KINDS}


def kind_of(relpath: str) -> Kind | None:
    """The kind of record a dataset-relative path holds, or None if none does (the one `holds` it).

    Looked up folder by folder, not tried kind by kind: it is asked for every file of the dataset."""
    kind = _AT.get(relpath)
    if kind is not None and kind.single_file:
        return kind
    folder = relpath
    while "/" in folder:
        folder = folder.rsplit("/", 1)[0]
        kind = _AT.get(folder)
        if kind is not None and not kind.single_file:
            return kind
    return None


def kind_named(name: str) -> Kind:
    """The kind of record of this name (KeyError if there is none)."""
    return _BY_NAME[name]


def kinds_of(model: type[Part]) -> tuple[Kind, ...]:
    """The kinds whose records are instances of `model` (`Initiative`: the three kinds of initiative)."""
    return tuple(kind for kind in KINDS if issubclass(kind.model, model))


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
    "kind_named",
    "kind_of",
    "kinds_of",
]
