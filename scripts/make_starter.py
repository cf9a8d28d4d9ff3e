"""Copy the bundled settings, vocabularies and units into src/ilo_engage/starter/, which `init` copies.

The installed package cannot see the project's data/ folder, so `ilo-engage init` takes its
starter files from the package. Run this after changing ilo-engage.toml, data/topics.yaml,
data/regions.yaml or data/units/; a test fails while the copies differ.

    .venv/bin/python scripts/make_starter.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
STARTER = PROJECT / "src" / "ilo_engage" / "starter"
COPIED_FILES = ("ilo-engage.toml", "data/topics.yaml", "data/regions.yaml")
COPIED_FOLDER = "data/units"


def main() -> None:
    for relpath in COPIED_FILES:
        (STARTER / relpath).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROJECT / relpath, STARTER / relpath)
        print(STARTER / relpath)
    shutil.rmtree(STARTER / COPIED_FOLDER, ignore_errors=True)
    (STARTER / COPIED_FOLDER).mkdir(parents=True)
    for source in sorted((PROJECT / COPIED_FOLDER).glob("*.yaml")):
        shutil.copyfile(source, STARTER / COPIED_FOLDER / source.name)
        print(STARTER / COPIED_FOLDER / source.name)


if __name__ == "__main__":
    main()
