"""`ilo-engage site`: load and check the dataset once, project it for the audience, render every
page, index it for search, and write the site (see output.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.audience import Audience
from ..load.dataset import Dataset, load
from ..lookup.dossier import contact_summary
from ..reports.documents import refuse_errors
from .content import StaffContent, staff_content
from .output import Written, check_site_folder, write_site
from .pages import Page, Renderer, assets, staff_pages

BUILD_FILE = "build.json"  # what the build showed, to tell the next one what is new


@dataclass(frozen=True)
class Built:
    """A finished build: where, for whom, how many pages, and which files were written anew."""

    output: Path
    audience: Audience
    pages: int
    written: Written


def build_site(root: Path, output: Path, audience: Audience) -> Built:
    """Build the site of the dataset at `root` into `output` for an audience."""
    check_site_folder(output)  # a refused --output is said before any work (write_site checks it again)
    dataset = load(root)
    refuse_errors(dataset)
    if audience == "public":
        from .guide import guide_pages

        pages: list[Page] = [*assets(("site.css",)), *guide_pages(dataset)]
        written = write_site(output, pages)
    else:
        from .search import index_site

        pages = list(_staff(dataset, audience, output, _previous(output, audience)))
        written = write_site(output, pages, index_site)
    return Built(output, audience, sum(p.endswith(".html") for p, _ in pages), written)


def _staff(dataset: Dataset, audience: Audience, output: Path, previous: dict[str, Any] | None) -> Iterator[Page]:
    from .charts import chart_files
    from .report import DOCX_NAME, report_files

    content = staff_content(dataset, audience)
    shown = _shown(content)
    charts, chart_pages = chart_files(dataset, content, Renderer(content))
    yield from assets()
    yield from staff_pages(content, _news(content, shown, previous), charts)
    yield from chart_pages
    previous_docx = output / "report" / DOCX_NAME if previous else None
    report = report_files(dataset, audience, previous_docx, (previous or {}).get("report"))
    yield Renderer(content).page("report/index.html", "report.html.j2", report.title, body=_markup(report.html),
                                 docx_name=DOCX_NAME)
    yield f"report/{DOCX_NAME}", report.docx
    yield "search.html", Renderer(content).page("search.html", "search.html.j2", "Search")[1]
    built = {"audience": audience, "report": report.key, **shown}
    yield BUILD_FILE, (json.dumps(built, indent=1, sort_keys=True) + "\n").encode()


def _markup(html: str) -> Any:
    """HTML the Markdown renderer made (it escapes any HTML in the text), kept as it is."""
    from markupsafe import Markup

    return Markup(html)  # escaped by the Markdown renderer (html=False)


def _shown(content: StaffContent) -> dict[str, list[str]]:
    """The ids the site names and the steps it shows, to compare with the next build."""
    return {
        "contacts": sorted(c.id for c in content.contacts),
        "enterprises": sorted(content.enterprises),
        "initiatives": sorted(content.initiatives),
        "steps": sorted(f"{c.id} {step}" for c in content.contacts for step in contact_summary(c)["steps"]),
    }


def _previous(output: Path, audience: Audience) -> dict[str, Any] | None:
    """What the previous build in this folder named, if it was a build for the same audience."""
    try:
        found = json.loads((output / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and found.get("audience") == audience else None


def _news(content: StaffContent, shown: dict[str, list[str]], previous: dict[str, Any] | None) -> dict[str, Any] | None:
    """What this build shows that the previous one did not (None on a first build)."""
    if previous is None:
        return None
    before = {key: set(previous.get(key) or ()) for key in shown}
    contacts = {c.id: c for c in content.contacts}
    new_contacts = [c for c in content.contacts if c.id not in before["contacts"]]
    new_steps = [(contacts[key.split(" ", 1)[0]], key.split(" ", 1)[1]) for key in shown["steps"]
                 if key not in before["steps"] and key.split(" ", 1)[0] in before["contacts"]]
    return {
        "contacts": new_contacts,
        "enterprises": [e for k, e in content.enterprises.items() if k not in before["enterprises"]],
        "initiatives": [i for k, i in content.initiatives.items() if k not in before["initiatives"]],
        "steps": new_steps,
    }
