"""`ilo-engage site`: read and check the dataset once (from the store brought up to date, as the
read commands do: only the files changed since are parsed), project it for the audience, render
every page, index it for search, and write the site (see output.py).

The staff site's work is shared out among processes (parallel.py): the report, the charts and
groups of pages. A page whose inputs are those of the previous build (digest.py; build.json
keeps each page's digest) is linked from it unrendered.

Either site may be built in one of the dataset's languages (`--language`): the records' text in
it (reports/translation.py), the fixed words from the catalogs, dates and numbers in its style,
and each page linking to the same page of the sites in the other languages, built in sibling
folders named by their codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..core.audience import Audience
from ..load.dataset import Dataset
from ..lookup.dossier import contact_summary
from ..reports.documents import stored_checked
from ..reports.translation import Passages
from .content import StaffContent, staff_content
from .output import Staging, Written, build_folder, check_site_folder, write_site
from .pages import Page, Renderer, Spec, assets, home_page, staff_pages
from .parallel import run_tasks, workers_available
from .report import DOCX_NAME, ReportFiles, report_files

BUILD_FILE = "build.json"  # what the build showed, to tell the next one what is new
REPORT_PAGE = "report/index.html"


@dataclass(frozen=True)
class Built:
    """A finished build: where, for whom, how many pages, and which files were written anew."""

    output: Path
    audience: Audience
    pages: int
    written: Written


def build_site(root: Path, output: Path, audience: Audience, workers: int | None = None,
               language: str | None = None, draft: bool = False) -> Built:
    """Build the site of the dataset at `root` into `output` for an audience, in `workers`
    processes (default: one per core where that is safe, see parallel.py), in `language`
    (refused while text it prints is missing in it, unless a `draft`). Without a language, the
    public guide is in the dataset's first language and the staff site, as it always was, has its
    records' text in the dataset's first language and its fixed words in English."""
    from ..reports.language import available, checked_language, wording
    from ..reports.translation import for_document

    check_site_folder(output)  # a refused --output is said before any work (write_site checks it again)
    dataset = stored_checked(root)  # the store's records, only changed files parsed; refused with errors
    # Asked for one language, the site links to its siblings in the others the tool can write.
    siblings = tuple(code for code in dataset.settings.languages if code in available()) if language else ()
    if audience == "public":
        from ..model import Initiative, Unit
        from .guide import guide_pages

        chosen, fixed = checked_language(language, dataset.settings.languages)
        dataset, printed = for_document(dataset, chosen, wording(fixed), draft, only=(Initiative, Unit))
        pages: list[Page] = [*assets(("site.css",)),
                             *((path, printed.printed(html.decode("utf-8")).encode("utf-8"))
                               for path, html in guide_pages(dataset, fixed, siblings))]
        printed.check()
        return Built(output, audience, sum(p.endswith(".html") for p, _ in pages), write_site(output, pages))
    staff_language: str | None = None
    passages: Passages | None = None
    if language is not None:
        chosen, staff_language = checked_language(language, dataset.settings.languages)
        dataset, passages = for_document(dataset, chosen, wording(staff_language), draft)
    staff = _StaffBuild(dataset, audience, output, workers or workers_available(), staff_language, siblings, passages)
    written = build_folder(output, staff.fill)
    return Built(output, audience, staff.pages, written)


class _StaffBuild:
    """The staff site's pieces of work, shared out among the processes, and their files placed."""

    def __init__(self, dataset: Dataset, audience: Audience, output: Path, workers: int,
                 language: str | None = None, siblings: tuple[str, ...] = (), passages: Passages | None = None) -> None:
        self.dataset, self.audience, self.output, self.workers = dataset, audience, output, workers
        self.language, self.siblings = language, siblings  # None: as the staff site always was
        self.passages = passages  # with a language: the passages missing in it, noted where printed
        self.pages = 0

    def fill(self, staging: Staging) -> None:
        from ..reports.language import in_language, wording
        from .charts import chart_files
        from .search import FOLDER as SEARCH_FOLDER, index_site

        language = self.language or "en"
        previous = _previous(staging.read_previous(BUILD_FILE), self.audience, self.language)
        content = staff_content(self.dataset, self.audience, wording(language))
        passages = self.passages
        renderer = Renderer(content, languages=self.siblings, passages=passages)
        renderer.shared_digest()  # once, before the workers start
        before = _digests(previous)
        pages = staff_pages(content)
        # The report (its Word document above all) takes longest: first, so that the pages and the
        # search index are made meanwhile. Pages go in groups, a few per process, to even out the load.
        groups = max(1, 4 * self.workers)
        tasks: list[Callable[[], Any]] = [
            partial(report_files, self.dataset, self.audience, partial(staging.read_previous, f"report/{DOCX_NAME}"),
                    (previous or {}).get("report"), language, passages, partial(_report_unchanged, renderer, before)),
            partial(chart_files, self.dataset, content, renderer),
            *(partial(_place_pages, staging, renderer, before, pages[g::groups]) for g in range(groups))]
        # Figures printed in pages and charts follow the language, in whichever process runs them;
        # each task says which missing passages it printed (a worker's own notes are not the build's).
        tasks = [partial(_in_language, language, passages, task) for task in tasks]
        charts: list[dict[str, Any]] = []
        report: ReportFiles | None = None
        digests: dict[str, str] = {}
        left = len(tasks) - 1  # the tasks before the search index can run: all but the report
        for index, (result, seen) in run_tasks(tasks, self.workers):
            if passages is not None:
                passages.seen.update(seen)
            if index == 0:
                report = result
                continue
            if index == 1:
                charts, chart_pages = result
                for path, data in chart_pages:
                    if passages is not None and path.endswith(".svg"):  # a region's name, in the legend
                        data = passages.printed(data.decode("utf-8")).encode("utf-8")
                    staging.place(path, data)
                self.pages += sum(path.endswith(".html") for path, _ in chart_pages)
            else:
                written, unchanged, made_from = result
                staging.add(written, unchanged)
                digests.update(made_from)
            left -= 1
            if left == 0:  # every page search indexes is in place
                index_site(staging.folder, language)
        assert report is not None  # run_tasks ran every task
        shown = _shown(content)
        with in_language(language) as words:
            _place_report(staging, renderer, report, digests)
            for page in (*assets(), home_page(renderer, _news(content, shown, previous), charts),
                         (f"report/{DOCX_NAME}", report.docx),
                         renderer.page("search.html", "search.html.j2", words.gettext("Search"))):
                staging.place(*page)
        if passages is not None:
            passages.check()  # refused: nothing of this build is kept
        built = {"audience": self.audience, "report": report.key, **shown, "pages": dict(sorted(digests.items()))}
        if self.language is not None:  # a build in another language is no previous build of this one
            built["language"] = self.language
        staging.place(BUILD_FILE, (json.dumps(built, indent=1, sort_keys=True) + "\n").encode())
        staging.relink_unchanged(SEARCH_FOLDER)  # the other files were placed or linked by this build
        self.pages += len(pages) + 3  # and the home page, the report's and the search page


def _place_pages(staging: Staging, renderer: Renderer, before: dict[str, str],
                 pages: list[Callable[[], Spec]]) -> tuple[list[str], int, dict[str, str]]:
    """Place a group of pages (in a worker: its own counts, passed back to the build): a page made
    from what the previous build's was made from is linked from it unrendered, the others rendered.
    Also what each page is made from, for the next build."""
    mine = Staging(staging.folder, staging.previous, staging.previous_fd)
    digests: dict[str, str] = {}
    for make in pages:
        spec = make()
        made_from = renderer.digest(spec)
        if made_from is not None:
            digests[spec.path] = made_from
            if before.get(spec.path) == made_from and mine.keep(spec.path):
                continue
        mine.place(*renderer.render(spec))
    return mine.written, mine.unchanged, digests


def _in_language(language: str, passages: Passages | None, task: Callable[[], Any]) -> tuple[Any, set[int]]:
    """A task run with numbers and figures in the language's style (reports/language.in_language),
    and the missing passages it printed."""
    from ..reports.language import in_language

    with in_language(language):
        result = task()
    return result, set(passages.seen) if passages is not None else set()


def _report_spec(title: str, key: str) -> Spec:
    """The report's page as its digest sees it: its title and the key of the Markdown its body is
    made from (see report.py), in place of the body."""
    return Spec(REPORT_PAGE, "report.html.j2", title, {"made_from": key, "docx_name": DOCX_NAME})


def _report_unchanged(renderer: Renderer, before: dict[str, str], title: str, key: str) -> bool:
    """Whether the report's page would be the previous build's (then its HTML is not made)."""
    made_from = renderer.digest(_report_spec(title, key))
    return made_from is not None and before.get(REPORT_PAGE) == made_from


def _place_report(staging: Staging, renderer: Renderer, report: ReportFiles, digests: dict[str, str]) -> None:
    """The report's page: the previous build's linked while made from the same, else rendered."""
    made_from = renderer.digest(_report_spec(report.title, report.key))
    if made_from is not None:
        digests[REPORT_PAGE] = made_from
    if report.html is None and staging.keep(REPORT_PAGE):
        return
    staging.place(*renderer.page(REPORT_PAGE, "report.html.j2", report.title, body=_markup(report.body()),
                                 docx_name=DOCX_NAME))


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


def _previous(data: bytes | None, audience: Audience, language: str | None = None) -> dict[str, Any] | None:
    """What the previous build in this folder named (its build.json), if it was a build for the
    same audience in the same language."""
    try:
        found = json.loads(data or b"")
    except ValueError:
        return None
    same = isinstance(found, dict) and found.get("audience") == audience and found.get("language") == language
    return found if same else None


def _digests(previous: dict[str, Any] | None) -> dict[str, str]:
    """What each page of the previous build was made from (none known: every page is rendered)."""
    found = (previous or {}).get("pages")
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


def _news(content: StaffContent, shown: dict[str, list[str]], previous: dict[str, Any] | None) -> dict[str, Any] | None:
    """What this build shows that the previous one did not (None on a first build)."""
    if previous is None:
        return None
    before = {key: set(previous.get(key) or ()) for key in shown}
    contacts = {c.id: c for c in content.contacts}
    new_contacts = [c for c in content.contacts if c.id not in before["contacts"]]
    new_steps = [(contacts[key.split(" ", 1)[0]], key.split(" ", 1)[1]) for key in shown["steps"]
                 if key not in before["steps"] and key.split(" ", 1)[0] in before["contacts"]]
    if not content.words.english:  # the keys are the English lines; each shown as its own language's
        new_steps = [(c, _step_in(c, step, content)) for c, step in new_steps]
    return {
        "contacts": new_contacts,
        "enterprises": [e for k, e in content.enterprises.items() if k not in before["enterprises"]],
        "initiatives": [i for k, i in content.initiatives.items() if k not in before["initiatives"]],
        "steps": new_steps,
    }


def _step_in(contact: Any, step: str, content: StaffContent) -> str:
    """A step's English line (as build.json keeps it) in the language of the site."""
    from .content import step_lines

    return step_lines(contact, content.words).get(step, step)
