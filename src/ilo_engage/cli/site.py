"""`ilo-engage site`: the static web site of the registers (staff) or the guide for companies (public)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .common import RootOption, handle_errors


class SiteAudience(str, Enum):
    staff = "staff"
    public = "public"
    restricted = "restricted"


@handle_errors
def command(
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="DIR", file_okay=False,
        help="The site's folder: a new or empty one, or one this command built (replaced whole, at once). "
             "Never inside a dataset's data/, never a link.")],
    audience: Annotated[SiteAudience, typer.Option(
        "--audience", help="staff: the registers and dossiers for ILO staff (internal records named, confidential "
                           "ones counted); public: the guide for companies (para 25), from public initiatives "
                           "only, with no register; restricted adds confidential records to the staff site. "
                           "Personal data is never shown.")
    ] = SiteAudience.staff,
    serve: Annotated[bool, typer.Option(
        "--serve", help="After building, preview the site on this machine (127.0.0.1) until Ctrl-C.")] = False,
    port: Annotated[int, typer.Option(
        "--port", min=0, max=65535, help="The preview's port (0: any free one).")] = 8000,
    language: Annotated[str | None, typer.Option(
        "--language", metavar="LANG", help="The site in this language (en, fr, es): the records' text in it, "
        "the fixed words, dates and numbers too, each page linking to the same page of the site in the dataset's "
        "other languages, each built in a sibling folder named by its code (e.g. --output site/fr). Text not "
        "given in it refuses the build, unless --draft. Without it, the staff site is as it always was: the "
        "records' text in the dataset's first language, the fixed words in English.")] = None,
    draft: Annotated[bool, typer.Option(
        "--draft", help="Build the site even though some text is not yet in --language (printed in the "
        "dataset's first language, marked as not translated).")] = False,
    root: RootOption = None,
) -> None:
    """Build a static web site from the records: for staff (GB.326/INS/3 para 3(d)) the home, registers, a
    page per enterprise, initiative, unit, topic and country, the progress report and search; for the
    public (para 25) the guide to the ways a company can work with the ILO.

    Plain files that read from disk, a file share or a static host, with no request outside the site.
    """
    from ..core.wording import count
    from ..load.settings import checked_root
    from ..site.build import build_site

    built = build_site(checked_root(root), output, audience.value, language=language, draft=draft)
    written = built.written
    print(f"{output}: {count(built.pages, 'page')} for the {built.audience} audience; "
          f"{count(len(written.written), 'file')} written, {written.unchanged} unchanged", file=sys.stderr)
    if serve:
        from ..site.serve import address, preview_server

        server = preview_server(output, port)
        with server:
            print(f"Serving {output} at {address(server)} (Ctrl-C stops)", file=sys.stderr, flush=True)
            server.serve_forever()  # Ctrl-C: handle_errors says "interrupted", exit 130
