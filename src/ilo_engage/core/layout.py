"""Where each kind of record lives in a dataset, written once.

Every stage reads the layout from here: the models pair each place with its model
(`model.KINDS`), the loader and the checks find files by it, the authoring commands write new
records into it, and shell completion lists ids from it without importing any model.
"""

from __future__ import annotations

from dataclasses import dataclass

SETTINGS_FILE = "ilo-engage.toml"  # its folder is the dataset's root
DATA_FOLDER = "data"
CACHE_FOLDER = ".ilo-engage-cache"  # what validate remembers between runs (checks/cache.py)


@dataclass(frozen=True)
class Place:
    """Where the files of one kind of record are: a folder of one-record files, or (for the
    vocabularies) a single file."""

    kind: str
    location: str
    single_file: bool = False

    @property
    def prefix(self) -> str:
        """What the dataset-relative path of every file of this kind starts with."""
        return self.location if self.single_file else self.location + "/"

    def holds(self, relpath: str) -> bool:
        """Whether a dataset-relative path is a file of this kind."""
        if self.single_file:
            return relpath == self.location
        return relpath.startswith(self.prefix)


TOPICS = Place("topics", f"{DATA_FOLDER}/topics.yaml", single_file=True)
REGIONS = Place("regions", f"{DATA_FOLDER}/regions.yaml", single_file=True)
UNITS = Place("unit", f"{DATA_FOLDER}/units")
ENTERPRISES = Place("enterprise", f"{DATA_FOLDER}/registers/enterprises")
CONTACTS = Place("contact", f"{DATA_FOLDER}/registers/contacts")
NETWORKS = Place("network", f"{DATA_FOLDER}/networks")
PARTNERSHIPS = Place("partnership", f"{DATA_FOLDER}/partnerships")
PROGRAMMES = Place("programme", f"{DATA_FOLDER}/programmes")
REPORTS = Place("report", f"{DATA_FOLDER}/reports")

PLACES: tuple[Place, ...] = (TOPICS, REGIONS, UNITS, ENTERPRISES, CONTACTS, NETWORKS, PARTNERSHIPS, PROGRAMMES, REPORTS)
# The three kinds of initiative (para 2), each in its own folder.
INITIATIVES: tuple[Place, ...] = (NETWORKS, PARTNERSHIPS, PROGRAMMES)
# What every other record's checks depend on: read first, and part of the cache's fingerprint.
CONTEXT: tuple[Place, ...] = (UNITS, TOPICS, REGIONS)


def place_of(relpath: str) -> Place | None:
    """The place a dataset-relative path belongs to, or None if no kind of record lives there."""
    return next((place for place in PLACES if place.holds(relpath)), None)
