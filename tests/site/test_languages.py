"""The staff site in one of the dataset's languages: built in parallel and incrementally as the
English site is, and a folder built in one language never taken as the previous build of another."""

from __future__ import annotations

import json
from pathlib import Path

from ilo_engage.site.build import build_site
from tests.helpers import write


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _two_languages(root: Path) -> None:
    settings = (root / "ilo-engage.toml").read_text(encoding="utf-8")
    write(root, "ilo-engage.toml", 'languages = ["en", "fr"]\n' + settings)


def test_a_french_build_in_several_processes_writes_what_one_process_writes(clean_dataset: Path,
                                                                            tmp_path: Path) -> None:
    _two_languages(clean_dataset)
    one = build_site(clean_dataset, tmp_path / "one" / "fr", "staff", workers=1, language="fr", draft=True)
    two = build_site(clean_dataset, tmp_path / "two" / "fr", "staff", workers=2, language="fr", draft=True)
    assert files(tmp_path / "one" / "fr") == files(tmp_path / "two" / "fr")
    assert one.pages == two.pages
    page = (tmp_path / "two" / "fr" / "enterprises" / "example-cocoa.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "<h2>Unités concernées</h2>" in page
    assert '<a href="../../en/enterprises/example-cocoa.html" hreflang="en" lang="en">English</a>' in page


def test_a_french_rebuild_writes_nothing_new_and_a_build_in_another_language_renders_every_page(
        clean_dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(clean_dataset, out, "staff", workers=1, language="fr", draft=True)
    build_site(clean_dataset, out, "staff", workers=1, language="fr", draft=True)  # past the first home page
    again = build_site(clean_dataset, out, "staff", workers=1, language="fr", draft=True)
    assert again.written.written == []
    assert json.loads((out / "build.json").read_text(encoding="utf-8"))["language"] == "fr"
    # The same folder built in English: nothing of the French build is kept as if it were English.
    english = build_site(clean_dataset, out, "staff", workers=1)
    fresh = tmp_path / "fresh"
    build_site(clean_dataset, fresh, "staff", workers=1)
    assert files(out) == files(fresh)
    assert "language" not in json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert english.written.unchanged < len(files(fresh)) // 2


def test_without_a_language_the_staff_site_has_no_language_links(clean_dataset: Path, tmp_path: Path) -> None:
    _two_languages(clean_dataset)
    build_site(clean_dataset, tmp_path / "site", "staff", workers=1)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in home and 'class="languages"' not in home and "<h2>In numbers</h2>" in home
