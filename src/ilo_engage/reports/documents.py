"""Each report as a document: load, project for the audience, render Markdown, build DOCX."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from ..core.audience import Audience
from ..core.errors import IloEngageError
from ..core.problems import Problem
from ..load.dataset import Dataset
from ..lookup.registers import registers
from ..model import Contact, Regions, Topics, Unit
from .language import REGISTERS_TITLE, WORD_TAGS, checked_language, in_language, localized_cover, wording
from .progress import progress_report, report_date
from .render import reference_docx, render_markdown
from .translation import Passages, for_document


def progress_document(root: Path, audience: Audience, start: date | None, end: date | None, fmt: str,
                      examples: bool = False, draft: bool = False, language: str | None = None) -> str | bytes:
    """The progress report of the dataset at `root`, as Markdown text or DOCX bytes (with `examples`,
    an annex illustrating the register section with the example records), in `language` (default:
    the dataset's first). Text still to be written (T007) or not yet in the language (L001) refuses
    it, unless it is a `draft`."""
    dataset = _stored(root)
    refuse_errors(dataset, unfilled=not draft)
    chosen, fixed = checked_language(language, dataset.settings.languages)
    dataset, passages = for_document(dataset, chosen, wording(fixed), draft)
    with in_language(fixed) as words:
        report = localized_cover(progress_report(dataset, audience, start, end, examples=examples), words,
                                 report_date(dataset))
        markdown = passages.printed(render_markdown(root, "progress.md.j2", fixed, report=report))
        cover = passages.printed_in(report.cover) if fmt != "md" else report.cover  # Word prints its cover
        passages.check()
        if fmt == "md":
            return markdown
        return _docx(root, markdown, cover.title, report_date(dataset), cover=cover,
                     language=None if words.english else WORD_TAGS.get(fixed, fixed))


def progress_from(dataset: Dataset, audience: Audience, language: str = "en",
                  passages: Passages | None = None) -> tuple[str, str, Callable[[], bytes]]:
    """The progress report of a dataset already loaded and checked (and already in `language`,
    see translation.py), for its own period: its Markdown, its title, and what makes its DOCX when
    called (the web site shows the one and offers the other, and makes the DOCX again only when
    the Markdown changed). The fixed words, dates and numbers in `language`; with `passages`
    (translation.for_document), the passages missing in it that the report prints are noted."""
    day = report_date(dataset)
    with in_language(language) as words:
        report = localized_cover(progress_report(dataset, audience), words, day)
        markdown = render_markdown(dataset.root, "progress.md.j2", language, report=report)
    cover = report.cover
    if passages is not None:
        markdown, cover = passages.printed(markdown), passages.printed_in(cover)
    tag = None if words.english else WORD_TAGS.get(language, language)
    return markdown, cover.title, lambda: _docx(dataset.root, markdown, cover.title, day, cover=cover, language=tag)


def register_document(root: Path, audience: Audience, fmt: str, language: str | None = None,
                      draft: bool = False) -> str | bytes:
    """The registers as a document, dated by the latest contact they hold, in `language` (default:
    the dataset's first; text not in it refuses the document unless it is a `draft`)."""
    dataset = _stored(root)
    refuse_errors(dataset)
    chosen, fixed = checked_language(language, dataset.settings.languages)
    dataset, passages = for_document(dataset, chosen, wording(fixed), draft, only=(Unit, Topics, Regions))
    contacts = [contact.date for contact in dataset.records(Contact)]
    as_of = max(contacts) if contacts else date(2000, 1, 1)
    with in_language(fixed) as words:
        found = registers(dataset, audience, as_of=as_of)  # timed as of its own date: reproducible
        title = words.gettext(REGISTERS_TITLE)
        markdown = passages.printed(render_markdown(root, "register.md.j2", fixed, registers=found, title=title,
                                                    date=words.long_date(as_of)))
    passages.check()
    if fmt == "md":
        return markdown
    return _docx(root, markdown, title, as_of, landscape=True,
                 language=None if words.english else WORD_TAGS.get(fixed, fixed))


def _stored(root: Path) -> Dataset:
    """Every record, from the store brought up to date (only the files changed since are parsed)."""
    from ..checks import stored

    return stored.dataset(stored.updated(root))


def _docx(root: Path, markdown: str, title: str, day: date, cover: object | None = None,
          landscape: bool = False, language: str | None = None) -> bytes:
    """The Word document: laid out as a Governing Body paper when given the report's cover,
    in landscape for wide tables (the registers' eight columns); `language` (a tag such as fr-FR)
    is the document's for spell-checking (None: the reference document's, British English)."""
    from .docx.writer import DocxMetadata, ReferenceUnusable, markdown_to_docx

    metadata = DocxMetadata(title=title, author="International Labour Office", created=datetime.combine(day, time()),
                            language=language)
    reference = reference_docx(root)
    try:
        return markdown_to_docx(markdown, metadata, reference, cover=cover, landscape=landscape)
    except ReferenceUnusable as exc:  # named as the officer knows it, inside the dataset
        raise ReferenceUnusable(exc.reason, Path("templates", "reference.docx")) from None


def refuse_errors(dataset: Dataset, unfilled: bool = False) -> None:
    """A report is never rendered from data with errors: validate names them (found as validate
    finds them, through its cache). With `unfilled`, nor from a report text still holding the
    starter's bracketed placeholders (T007)."""
    from ..checks.validate import validate

    _refuse(validate(dataset.root).problems, unfilled)


def stored_checked(root: Path) -> Dataset:
    """Every record, from the store brought up to date (only the files changed since are parsed),
    refused as `refuse_errors` refuses it: the one scan that updates the store also says what
    validate would find, so the dataset is not scanned twice."""
    from ..checks import stored
    from ..checks.validate import without_knock_on

    space = stored.updated(root)
    _refuse(without_knock_on(space.problems()), unfilled=False)  # what validate(root) finds, as it finds it
    return stored.dataset(space)


def _refuse(problems: list[Problem], unfilled: bool) -> None:
    """Refuse data whose problems (validate's) hold an error, or with `unfilled`, report text left to write."""
    from ..core.printable import printable

    errors = [p for p in problems if p.is_error]
    left = [p for p in problems if p.code == "T007"] if unfilled else []
    if left and not errors:
        first = left[0]
        raise IloEngageError(
            f"the report text still has {len(left)} passage{'s' if len(left) != 1 else ''} to write "
            f"(first: {printable(first.file)}:{first.line}: {first.message}); replace them "
            "(`ilo-engage validate` lists them), or render a draft with --draft"
        )
    if errors:
        first = errors[0]
        raise IloEngageError(
            f"the dataset has {len(errors)} error{'s' if len(errors) != 1 else ''} "
            f"(first: {printable(first.file)}:{first.line}: {first.code} {first.message}); "
            "run `ilo-engage validate`"
        )
