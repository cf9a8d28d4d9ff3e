"""No site shows what its audience may not see: every generated file of the staff and public
sites is scanned (the Word document and the compressed search index opened) for each confidential
record's name, id and subject and every person's e-mail and telephone."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from ilo_engage.load.dataset import load
from ilo_engage.model import Contact, Enterprise
from ilo_engage.site.build import build_site
from tests.helpers import invoke, write

CANARY = "CANARY-7F3A9C"


def secrets(root: Path, audience: str) -> set[str]:
    """What the audience's site may never hold: confidential records (for the public, internal
    ones too) by name, id and subject, and every person's e-mail and phone."""
    hidden = {"confidential"} | ({"internal"} if audience == "public" else set())
    found = {CANARY}
    for entry in load(root).entries:
        record = entry.record
        if getattr(record, "visibility", None) in hidden:
            found |= {v for v in (getattr(record, "id", None), getattr(record, "name", None),
                                  getattr(record, "subject", None)) if v}
        for person in getattr(record, "persons", []):
            found |= {v for v in (person.name, person.email, person.phone) if v}
    return found


def texts(site: Path) -> dict[str, str]:
    """Every file of the site as text: DOCX parts unzipped, Pagefind's gzipped index expanded."""
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name, data = path.relative_to(site).as_posix(), path.read_bytes()
        if data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = b"".join(archive.read(member) for member in archive.namelist())
        elif data.startswith(b"\x1f\x8b"):
            data = gzip.decompress(data)
        found[name] = data.decode("utf-8", errors="replace")
    return found


@pytest.mark.parametrize("audience", ["staff", "public"])
def test_no_generated_file_names_a_record_its_audience_may_not_see(clean_dataset: Path, tmp_path: Path,
                                                                     audience: str) -> None:
    site = tmp_path / "site"
    build_site(clean_dataset, site, audience)
    forbidden = secrets(clean_dataset, audience)
    assert {"secret-mining", "canary.person@example.org", "+41 22 000 0000", "jane@cocoa.example.org"} <= forbidden
    files = texts(site)
    assert len(files) > (20 if audience == "staff" else 1)
    for name, text in files.items():
        for secret in forbidden:
            assert secret not in text, f"{secret!r} in {name}"


def test_the_public_guide_has_no_register_contact_or_enterprise(clean_dataset: Path, tmp_path: Path) -> None:
    # An internal initiative that says how companies engage stays out of the public guide.
    write(clean_dataset, "data/programmes/internal-pilot.yaml",
          "id: internal-pilot\nname: Internal Pilot Helpdesk\nkind: programme\ncomponent: B\nstatus: planned\n"
          "summary: A pilot.\nengagement:\n  way: helpdesk\n  how: Ask the pilot.\n  source: a note\n"
          "visibility: internal\n")
    site = tmp_path / "guide"
    result = invoke(clean_dataset, "site", "--output", str(site), "--audience", "public")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{site}: 1 page for the public audience; 2 files written, 0 unchanged\n"
    dataset = load(clean_dataset)
    names = {e.name for e in dataset.records(Enterprise)}
    names |= {e.record.id for e in dataset.entries if e.kind.name in ("enterprise", "contact")}  # type: ignore[attr-defined]
    names |= {c.subject for c in dataset.records(Contact)}
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == [
        ".ilo-engage-site", "assets/site.css", "index.html"]
    page = (site / "index.html").read_text(encoding="utf-8")
    for name in names:
        assert name not in page
    assert "register" not in page.lower()
    assert "Internal Pilot" not in page and 'href="#helpdesk"' not in page
    assert "<h2 id=\"network-title\">Join a business network</h2>" in page
    assert "<h3 id=\"child-labour-platform-title\">Child Labour Platform</h3>" in page
