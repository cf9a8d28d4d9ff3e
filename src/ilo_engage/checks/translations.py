"""L001: text readers see, missing in a language the dataset declares (`languages` in ilo-engage.toml).

A plain string is in the dataset's first language; a mapping names its languages. A record (or a
topic, a region) that says a language is `incomplete` in its `translations` has said so once for
all its text: its fields are not reported one by one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core import problems as P
from ..load.dataset import Entry
from ..model import Part
from ..model.figures import alike_in_every_language
from ..model.language import has_texts, texts
from .base import Context, Finding


def translations_present(entry: Entry[Part], ctx: Context) -> Iterator[Finding]:
    """Each translatable text of a record is given in every declared language."""
    if not has_texts(type(entry.record)):
        return  # contacts and enterprises: nothing of theirs is translated
    first = ctx.languages[0]
    for where, text, statuses in texts(entry.record):
        if alike_in_every_language(where, text):
            continue  # a figure's unit without a noun (US$ million, per cent): the tool prints it in each
        missing = [language for language in ctx.languages
                   if text.in_language(language, first) is None and statuses.get(language) != "incomplete"]
        if missing:
            yield Finding(P.TRANSLATION_MISSING, where,
                          f"`{'.'.join(str(step) for step in where)}` has no {', '.join(missing)} text", True)
