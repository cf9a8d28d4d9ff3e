"""Copy the bundled dataset's settings, vocabularies and units into src/ilo_engage/starter/, which
`init` copies, and its report templates into src/ilo_engage/templates/, the package's defaults.

The installed package cannot see the project's data/ and templates/ folders, so `ilo-engage init`
and the reports take these files from the package. Run this after changing ilo-engage.toml,
data/topics.yaml, data/regions.yaml, data/units/ or templates/; a test fails while the copies differ.

    .venv/bin/python scripts/make_starter.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ilo_engage.core.layout import REGIONS, SETTINGS_FILE, TOPICS, UNITS

PROJECT = Path(__file__).resolve().parents[1]
STARTER = PROJECT / "src" / "ilo_engage" / "starter"
# The settings and what every record's checks depend on (the vocabularies and the units).
COPIED_FILES = (SETTINGS_FILE, TOPICS.location, REGIONS.location)
COPIED_FOLDER = UNITS.location
# The report templates and the Word styles: the files of the root's templates/ (the package's
# templates/ also holds the web site's, in site/, which are the package's own).
TEMPLATES = PROJECT / "templates"
PACKAGE_TEMPLATES = PROJECT / "src" / "ilo_engage" / "templates"


def report_templates(folder: Path) -> list[Path]:
    """The report templates and reference.docx in a templates/ folder (its files, not its folders)."""
    return sorted(p for p in folder.iterdir() if p.is_file())


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
    for stale in report_templates(PACKAGE_TEMPLATES):
        if not (TEMPLATES / stale.name).is_file():
            stale.unlink()
    for source in report_templates(TEMPLATES):
        shutil.copyfile(source, PACKAGE_TEMPLATES / source.name)
        print(PACKAGE_TEMPLATES / source.name)


if __name__ == "__main__":
    main()
