"""The latest progress report as a web page, with its Word document to download: the same
Markdown the `report progress` command renders, turned into HTML (raw HTML in it is escaped).

The Word document costs more than the rest of a large site together (its annex tables), so it is
made again only when what it is made from changed: the Markdown, the reference document and this
version of the package, whose digest the build keeps (build.json). The page is likewise taken
from the previous build while its digest, which covers that key, is the same: turning the
Markdown's long tables into HTML is itself a large part of a rebuild."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from .. import __version__
from ..core.audience import Audience
from ..load.dataset import Dataset
from ..reports.documents import progress_from
from ..reports.render import DEFAULT_TEMPLATES, reference_docx
from ..reports.translation import Passages

DOCX_NAME = "progress-report.docx"


@dataclass(frozen=True)
class ReportFiles:
    """The report's title, its Markdown, its body as HTML (None: the previous build's page is kept
    as it is), its DOCX, and the digest of what the DOCX is made from."""

    title: str
    markdown: str
    html: str | None
    docx: bytes
    key: str

    def body(self) -> str:
        """The body as HTML, made now if it was not (the previous page was to be kept, and is gone)."""
        return self.html if self.html is not None else to_html(self.markdown)


def report_files(dataset: Dataset, audience: Audience, previous: Callable[[], bytes | None],
                 previous_key: str | None, language: str = "en", passages: Passages | None = None,
                 page_unchanged: Callable[[str, str], bool] = lambda title, key: False) -> ReportFiles:
    """The report's files, in `language`; the previous build's DOCX (`previous()` reads it) kept
    if its key is this one, and no HTML made if `page_unchanged(title, key)` says the previous
    page is the same."""
    markdown, title, make_docx = progress_from(dataset, audience, language, passages)
    reference = reference_docx(dataset.root) or DEFAULT_TEMPLATES / "reference.docx"
    digest = hashlib.blake2b(digest_size=16)
    # The language is in the Markdown's words, and, for any but English, in the Word document's own tag.
    parts = (__version__.encode(), reference.read_bytes(), markdown.encode("utf-8"))
    for part in (*parts, language.encode()) if language != "en" else parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    key = digest.hexdigest()
    # None if there was none, or it is gone meanwhile: made again below.
    docx = previous() if previous_key == key else None
    html = None if page_unchanged(title, key) else to_html(markdown)
    return ReportFiles(title, markdown, html, docx if docx is not None else make_docx(), key)


def to_html(markdown: str) -> str:
    """The report's Markdown as HTML."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # html=False: text that looks like HTML is printed, never run (the Markdown escapes record text too).
    parser = MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)
    return str(parser.render(markdown))
