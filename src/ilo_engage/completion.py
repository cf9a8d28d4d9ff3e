"""Shell completion of record ids, fast enough not to be noticed: file names and one
regular expression, no YAML parser or models."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

_TOPIC_ID = re.compile(r"^\s*-\s*id:\s*['\"]?([a-z0-9-]+)", re.MULTILINE)


def _root() -> Path | None:
    """The dataset root as the commands find it (without reading the settings)."""
    explicit = os.environ.get("ILO_ENGAGE_ROOT")
    if explicit:
        return Path(explicit)
    here = Path.cwd()
    return next((folder for folder in (here, *here.parents) if (folder / "ilo-engage.toml").is_file()), None)


def _stems(folder: str) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        root = _root()
        if root is None or not (root / folder).is_dir():
            return []
        names = (p.name[:-5] for p in (root / folder).rglob("*.yaml") if not p.name.startswith("."))
        return sorted(name for name in names if name.startswith(incomplete))
    return complete


enterprise_ids = _stems("data/registers/enterprises")
contact_ids = _stems("data/registers/contacts")
unit_ids = _stems("data/units")


def topic_ids(incomplete: str) -> list[str]:
    """Topic ids from data/topics.yaml."""
    root = _root()
    try:
        text = (root / "data/topics.yaml").read_text(encoding="utf-8") if root else ""
    except OSError:
        return []
    return sorted(t for t in _TOPIC_ID.findall(text) if t.startswith(incomplete))
