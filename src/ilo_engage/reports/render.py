"""Rendering a report's projection: Markdown from a Jinja template, DOCX from that Markdown.

Templates come from the dataset's templates/ folder first, then the package's defaults.
A dataset's templates come from pull requests too, so they are untrusted: the loader serves only
regular files inside templates/ (no symbolic link anywhere on the way, no `..`, no absolute
name), Jinja is sandboxed, undefined names are errors, a template that includes itself or asks
for a huge range stops with a message, and templates receive only the audience's projection.
No template is ever made from record text.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from ..core.errors import IloEngageError

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAX_TEMPLATE_BYTES = 1024 * 1024


def _dataset_loader(folder: Path) -> Any:
    """A loader of the dataset's own templates that never leaves `folder` nor follows a link."""
    from jinja2 import BaseLoader, TemplateNotFound

    class DatasetTemplates(BaseLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            parts = template.split("/")
            if template.startswith("/") or "\\" in template or any(p in ("", ".", "..") for p in parts):
                raise TemplateFailed(f"template name {template!r}: only names inside templates/ are served")
            try:
                info = os.lstat(folder)
            except FileNotFoundError:
                raise TemplateNotFound(template) from None
            if not stat.S_ISDIR(info.st_mode):  # a link in place of templates/ is refused like any other
                raise TemplateFailed("templates/ is not a folder (a symbolic link?): it is not used")
            path = folder
            for part in parts:
                path = path / part
                try:
                    info = os.lstat(path)
                except (FileNotFoundError, NotADirectoryError):
                    raise TemplateNotFound(template) from None
                if stat.S_ISLNK(info.st_mode):
                    raise TemplateFailed(f"templates/{template}: a symbolic link; templates are served only as "
                                         "regular files inside templates/")
            if not stat.S_ISREG(info.st_mode):
                raise TemplateFailed(f"templates/{template}: not a regular file")
            text = _read_regular(path, template)
            return text, str(path), lambda: False  # read again each run: a run renders once

    return DatasetTemplates()


def _read_regular(path: Path, template: str) -> str:
    """A template's text, opened without following a link and without blocking on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise TemplateFailed(f"templates/{template}: cannot read it ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise TemplateFailed(f"templates/{template}: not a regular file")
        data = handle.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateFailed(f"templates/{template}: more than {MAX_TEMPLATE_BYTES:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateFailed(f"templates/{template}: not UTF-8 text") from None


def environment(root: Path, language: str = "en") -> Any:
    """The Jinja environment for a dataset's templates, with the words and formats of `language`:
    `_()` and `ngettext()` look the templates' English up in the package's catalog."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    from ..core.wording import count
    from .language import translations, wording
    from .paragraphs import literal

    words = wording(language)
    env = SandboxedEnvironment(
        loader=ChoiceLoader([_dataset_loader(root / "templates"), FileSystemLoader(DEFAULT_TEMPLATES)]),
        undefined=StrictUndefined,
        # Markdown is not escaped; HTML and XML templates are (including *.html.j2).
        autoescape=select_autoescape(["html", "htm", "xml", "html.j2", "htm.j2", "xml.j2"], default_for_string=False),
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    env.filters["counted"] = (lambda n, noun, verb=None: count(n, noun, verb)) if words.english else (
        lambda n, noun: words.counted(n, noun))
    env.filters["date_range"] = words.date_range
    env.filters["long_date"] = words.long_date
    env.filters["number"] = words.count
    # The tool's own words that reach a document as values (a requirement's title, a qualifier):
    # looked up in the catalog, printed as they are when it has no entry.
    env.filters["translated"] = lambda text: words.gettext(str(text)) if text else text
    # Text holding names from records, printed as it is: Markdown characters escaped.
    env.filters["literal"] = literal
    # A macro's text as one paragraph: its lines joined, single-spaced (with names escaped: sentence).
    env.filters["paragraph"] = lambda text: " ".join(str(text).split())
    env.filters["sentence"] = lambda text: literal(" ".join(str(text).split()))
    env.filters["percent"] = words.percent
    return env


class TemplateFailed(IloEngageError):
    """A report template could not be rendered: nothing was written."""


def render_markdown(root: Path, template: str, language: str = "en", **context: Any) -> str:
    """A template rendered with the given projection in `language`; blank-line runs tidied for stable output."""
    from jinja2 import TemplateError, TemplateSyntaxError

    try:
        text = environment(root, language).get_template(template).render(**context)
    except TemplateSyntaxError as exc:
        raise TemplateFailed(f"{exc.filename or template}:{exc.lineno}: {exc.message}") from None
    except TemplateError as exc:  # undefined names, sandbox refusals
        raise TemplateFailed(f"template {template}: {exc}") from None
    except RecursionError:  # Python's recursion limit bounds a template that includes itself
        raise TemplateFailed(f"template {template}: templates include each other without end") from None
    except OverflowError as exc:  # the sandbox's limit on range()
        raise TemplateFailed(f"template {template}: {exc}") from None
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip() if not line.endswith("  ") else line  # keep Markdown hard breaks
        if line == "" and (not lines or lines[-1] == ""):
            continue
        lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"


def reference_docx(root: Path) -> Path | None:
    """The dataset's reference .docx for styles, if it has one (else the package default is used).

    Like the templates, only a regular file inside templates/, reached through no symbolic link."""
    folder = root / "templates"
    candidate = folder / "reference.docx"
    if not (folder.exists() or folder.is_symlink()) or not (candidate.exists() or candidate.is_symlink()):
        return None
    if folder.is_symlink() or candidate.is_symlink() or not candidate.is_file():
        raise TemplateFailed("templates/reference.docx: not a regular file inside templates/ (a symbolic link?)")
    return candidate
