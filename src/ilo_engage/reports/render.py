"""Rendering a report's projection: Markdown from a Jinja template, DOCX from that Markdown.

Templates come from the dataset's templates/ folder first, then the package's defaults.
Jinja is sandboxed, undefined names are errors, and no template is ever made from record text.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import IloEngageError

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment(root: Path) -> Any:
    """The Jinja environment for a dataset's templates."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(root / "templates"), FileSystemLoader(DEFAULT_TEMPLATES)]),
        undefined=StrictUndefined,
        # Markdown is not escaped; HTML and XML templates are (including *.html.j2).
        autoescape=select_autoescape(["html", "htm", "xml", "html.j2", "htm.j2", "xml.j2"], default_for_string=False),
        keep_trailing_newline=True,
    )
    env.filters["cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    env.filters["percent"] = lambda share: f"{Decimal(share * 100).quantize(Decimal('1'))}%"
    return env


class TemplateFailed(IloEngageError):
    """A report template could not be rendered: nothing was written."""


def render_markdown(root: Path, template: str, **context: Any) -> str:
    """A template rendered with the given projection; blank-line runs tidied for stable output."""
    from jinja2 import TemplateError, TemplateSyntaxError

    try:
        text = environment(root).get_template(template).render(**context)
    except TemplateSyntaxError as exc:
        raise TemplateFailed(f"{exc.filename or template}:{exc.lineno}: {exc.message}") from None
    except TemplateError as exc:  # undefined names, sandbox refusals
        raise TemplateFailed(f"template {template}: {exc}") from None
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip() if not line.endswith("  ") else line  # keep Markdown hard breaks
        if line == "" and (not lines or lines[-1] == ""):
            continue
        lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"


def reference_docx(root: Path) -> Path | None:
    """The dataset's reference .docx for styles, if it has one (else the package default is used)."""
    candidate = root / "templates" / "reference.docx"
    return candidate if candidate.is_file() else None
