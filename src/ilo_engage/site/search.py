"""Search over the staff site with Pagefind: an index built into the site (pagefind/), split in
fragments so a page loads only the parts a query needs, which keeps it fast at 100,000 records.
Pagefind ships its binary in a wheel on the package index (`pagefind[bin]`), so no download."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..core.errors import IloEngageError

FOLDER = "pagefind"  # the index's folder in the site


class SearchIndexFailed(IloEngageError):
    """The search index could not be built: nothing was written."""

    exit_code = 3


def index_site(folder: Path, language: str = "en") -> None:
    """Index the pages marked data-pagefind-body (enterprises and initiatives) into folder/pagefind/,
    words stemmed as `language` stems them (the site's language)."""
    try:
        from pagefind_bin import get_executable

        binary = str(get_executable())
    except (ImportError, FileNotFoundError) as exc:
        raise SearchIndexFailed(f"the search indexer (pagefind) is not installed: {exc}") from None
    # One language throughout, the site's (its pages' lang); accents and case are folded by Pagefind,
    # legal forms by the normalised names each enterprise page carries.
    # Only the pages that carry data-pagefind-body are read: the others (topics, countries, units list
    # many contacts each) would cost parsing time and add nothing to the index.
    command = [binary, "--site", str(folder), "--output-subdir", FOLDER, "--force-language", language, "--silent",
               "--glob", "{enterprises,initiatives}/*.html"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(f"the search indexer failed: {exc}") from None
    if done.returncode != 0:
        raise SearchIndexFailed(f"the search indexer failed: {(done.stderr or done.stdout).strip()[:500]}")
