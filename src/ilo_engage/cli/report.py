"""`ilo-engage report`: documents rendered from the records."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import Audience, AudienceOption, ForceOption, RootOption, emit, handle_errors
from .dates import date_option

app = typer.Typer(name="report", help="Render reports from the records: progress, register.", no_args_is_help=True)


class Format(str, Enum):
    md = "md"
    docx = "docx"


FormatOption = Annotated[Format, typer.Option("--format", help="md (Markdown) or docx (Word).")]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", metavar="FILE", dir_okay=False,
                              help="Write to this new file (- or left out: standard output; docx needs a file or -). "
                                   "Never a record, the settings, a link, a device or a FIFO.")
]
LanguageOption = Annotated[
    str | None, typer.Option("--language", metavar="LANG", help="The document's language (en, fr, es; default: the "
                             "dataset's first in `languages`). Text not given in it refuses the document, unless --draft.")
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", metavar="REV", help="Render the dataset as it was at a git revision or date (YYYY-MM-DD).")
]


@app.command("progress")
@handle_errors
def progress(
    start: Annotated[date | None, date_option("--from", "First day of the period.")] = None,
    end: Annotated[date | None, date_option("--to", "Last day of the period.")] = None,
    period: Annotated[str | None, typer.Option("--period", metavar="YYYY-YY", help="A biennium, e.g. 2014-15.")] = None,
    output_format: FormatOption = Format.md,
    output: OutputOption = None,
    force: ForceOption = False,
    as_of: AsOfOption = None,
    audience: AudienceOption = Audience.public,
    examples: Annotated[bool, typer.Option(
        "--examples", help="Add an annex illustrating the register section with the example records, "
        "titled and marked as examples (they never count in the report's body).")] = False,
    draft: Annotated[bool, typer.Option(
        "--draft", help="Render it even though the report text still has passages in [square brackets] to write, "
        "or text not yet in --language (printed in the dataset's first language, marked as not translated).")] = False,
    language: LanguageOption = None,
    root: RootOption = None,
) -> None:
    """Render the progress report to the Governing Body (GB.326/INS/3 paras 1, 26(b))."""
    from ..reports.documents import progress_document

    first, last = _period(start, end, period)
    _render(root, as_of, output_format, output, force,
            lambda dataset_root: progress_document(dataset_root, audience.value, first, last, output_format.value,
                                                   examples, draft, language))


@app.command("register")
@handle_errors
def register(
    output_format: FormatOption = Format.md,
    output: OutputOption = None,
    force: ForceOption = False,
    as_of: AsOfOption = None,
    audience: AudienceOption = Audience.staff,
    language: LanguageOption = None,
    draft: Annotated[bool, typer.Option(
        "--draft", help="Render it even though some text is not yet in --language (printed in the dataset's first "
        "language, marked as not translated).")] = False,
    root: RootOption = None,
) -> None:
    """Render the ACT/EMP and ACTRAV registers as a document (paras 3(d), 24)."""
    from ..reports.documents import register_document

    _render(root, as_of, output_format, output, force,
            lambda dataset_root: register_document(dataset_root, audience.value, output_format.value, language, draft))


def _render(root: Path | None, as_of: str | None, output_format: Format, output: Path | None, force: bool,
            make: Callable[[Path], str | bytes]) -> None:
    from ..core.errors import UsageError
    from ..load.settings import checked_root

    if output_format is Format.docx and output is None:
        raise UsageError("--format docx needs --output FILE")
    dataset_root = checked_root(root)
    if as_of:
        from ..reports.history import dataset_as_of

        with dataset_as_of(dataset_root, as_of) as past_root:
            content = make(past_root)
    else:
        content = make(dataset_root)
    emit(content, output, force)


def _period(start: date | None, end: date | None, period: str | None) -> tuple[date | None, date | None]:
    from ..core.errors import UsageError

    if period is None:
        return (start, end)
    if start or end:
        raise UsageError("give either --period or --from/--to")
    match = re.fullmatch(r"(\d{4})-(\d{2}|\d{4})", period)
    if not match:
        raise UsageError("--period is a biennium such as 2014-15")
    first = int(match[1])
    second = int(match[2]) if len(match[2]) == 4 else first // 100 * 100 + int(match[2])
    if second != first + 1:
        raise UsageError(f"--period {period}: a biennium is two consecutive years, e.g. {first}-{str(first + 1)[2:]}")
    return date(first, 1, 1), date(second, 12, 31)
