"""The latest progress report as a web page, with its Word document to download: the same
Markdown the `report progress` command renders, turned into HTML (raw HTML in it is escaped)."""

from __future__ import annotations

from ..core.audience import Audience
from ..load.dataset import Dataset
from ..reports.documents import progress_from

DOCX_NAME = "progress-report.docx"


def report_files(dataset: Dataset, audience: Audience) -> tuple[str, str, bytes]:
    """The report's title, its body as HTML, and the DOCX."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    markdown, title, docx = progress_from(dataset, audience)
    # html=False: text that looks like HTML is printed, never run (the Markdown escapes record text too).
    parser = MarkdownIt("commonmark", {"html": False}).enable("table").use(footnote_plugin)
    return title, parser.render(markdown), docx
