"""Shell completion of record ids, fast enough not to be noticed: file names and one
regular expression, no YAML parser or models (the layout comes from core/layout.py, which imports none).

Completion is an output like any other (audiences: see audience.py): it offers what staff may see,
never the id of a confidential record. Whether a record is confidential is read from its
top-level `visibility:` line, only for the files whose names match what was typed. A file that
is not a regular one (a link, a FIFO) or cannot be read is not offered.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from ..core import layout
from ..core.layout import SETTINGS_FILE

_TOPIC_ID = re.compile(r"^\s*-\s*id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)
# A country in data/regions.yaml: an item of two capitals, quoted or not ('NO' is quoted).
_COUNTRY = re.compile(r"^\s*-\s*['\"]?([A-Z]{2})['\"]?\s*(?:#.*)?$", re.MULTILINE)


def _root() -> Path | None:
    """The dataset root as the commands find it (without reading the settings)."""
    explicit = os.environ.get("ILO_ENGAGE_ROOT")
    if explicit:
        return Path(explicit)
    here = Path.cwd()
    return next((folder for folder in (here, *here.parents) if (folder / SETTINGS_FILE).is_file()), None)


def _stems(folder: str) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        root = _root()
        if root is None or not (root / folder).is_dir() or (root / folder).is_symlink():
            return []
        found = []
        for parent, subfolders, files in os.walk(root / folder):  # links to folders are not followed
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            found += [
                name[:-5] for name in files
                if name.endswith(".yaml") and not name.startswith(".") and name[:-5].startswith(incomplete)
                and _offered(os.path.join(parent, name))
            ]
        return sorted(found)
    return complete


def _offered(path: str) -> bool:
    """Whether a record file's id may be offered (the rule suggestions follow too)."""
    from ..core.suggest import offered_file

    return offered_file(path)


enterprise_ids = _stems(layout.ENTERPRISES.location)
contact_ids = _stems(layout.CONTACTS.location)
unit_ids = _stems(layout.UNITS.location)


def topic_ids(incomplete: str) -> list[str]:
    """Topic ids from data/topics.yaml."""
    root = _root()
    try:
        text = (root / layout.TOPICS.location).read_text(encoding="utf-8") if root else ""
    except OSError:
        return []
    return sorted(t for t in _TOPIC_ID.findall(text) if t.startswith(incomplete))


def country_codes(incomplete: str) -> list[str]:
    """Country codes from data/regions.yaml (every country a region lists, which is what field and regional
    offices are routed by) that start with what was typed, in capitals as the records write them."""
    root = _root()
    try:
        text = (root / layout.REGIONS.location).read_text(encoding="utf-8") if root else ""
    except OSError:
        return []
    return sorted({c for c in _COUNTRY.findall(text) if c.startswith(incomplete)})
