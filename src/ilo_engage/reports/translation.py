"""A dataset's text in the language of a document: each record's translatable texts replaced by
their text in that language (model/language.translated), before any projection is made, so that
every stage after it works as it does in the first language.

A text missing in the language refuses the document (exit 1, naming the first one by file and
line, as `validate` reports it: L001), unless it is a draft: then the text is printed in the
first language, marked as not translated where it stands.

Only the passages the document prints count: a record the audience may not see, a field the
document never shows (the guide's `engagement` in the report, an initiative the report does not
cite) is no reason to refuse it. Each missing passage carries a tag at its end, two characters of
Unicode's private use area around its number, which no record may contain and every stage passes
on as it is (sorting by the text is not disturbed: the tag is at its end); the rendered document
says which it prints (`Passages.printed`), and the tags are taken out before it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any

from ..core.errors import IloEngageError
from ..core.printable import printable
from ..load.dataset import Dataset, Entry
from ..model.common import Part
from ..model.figures import alike_in_every_language
from ..model.language import Where, has_texts, translated
from .language import Wording

_OPEN, _CLOSE = "\ue000", "\ue001"
_TAG = re.compile(f"{_OPEN}([0-9]+){_CLOSE}")


class TranslationMissing(IloEngageError):
    """A document asked for in a language some of its text is not in (exit 1)."""


@dataclass
class Passages:
    """The passages of a dataset missing in a document's language, each tagged where it is printed."""

    dataset: Dataset
    language: str
    draft: bool
    missing: list[tuple[str, Where]] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)

    def tag(self, file: str, where: Where) -> str:
        self.missing.append((file, where))
        return f"{_OPEN}{len(self.missing) - 1}{_CLOSE}"

    def printed(self, text: str) -> str:
        """A rendered part of the document with its tags taken out; the passages it prints noted."""
        self.seen.update(int(found) for found in _TAG.findall(text))
        return _TAG.sub("", text)

    def printed_in(self, value: Any) -> Any:
        """A value the document prints besides its text (a dataclass of strings, as the Word cover),
        its tags taken out the same way."""
        if isinstance(value, str):
            return self.printed(value)
        if is_dataclass(value) and not isinstance(value, type):
            changed = {f.name: self.printed_in(getattr(value, f.name)) for f in fields(value)}
            return replace(value, **changed)
        if isinstance(value, tuple):
            return tuple(self.printed_in(item) for item in value)
        return value

    def check(self) -> None:
        """Refuse the document if it prints a passage missing in its language, unless a draft."""
        if self.draft or not self.seen:
            return
        printed = sorted(self.seen)
        file, where = self.missing[printed[0]]
        span = self.dataset.locate(file, where)
        n = len(printed)
        raise TranslationMissing(
            f"{n} text{'s' if n != 1 else ''} the document prints {'are' if n != 1 else 'is'} "
            f"not in {self.language} (first: {printable(file)}:{span.value_line}: "
            f"`{'.'.join(str(step) for step in where)}`); give {'them' if n != 1 else 'it'} "
            f"(`ilo-engage validate` lists them as L001), or render a draft with --draft, which marks each one"
        )


def for_document(dataset: Dataset, language: str, words: Wording, draft: bool,
                 only: tuple[type[Part], ...] | None = None) -> tuple[Dataset, Passages]:
    """The dataset with its text in `language`, each passage missing in it tagged (and, in a
    `draft`, marked in the words of `words`); with `only`, just the records of those models. What
    the document renders goes through `Passages.printed`, then `Passages.check` refuses it if it
    prints a missing passage, unless a draft."""
    passages = Passages(dataset, language, draft)
    first = dataset.settings.first_language
    if language == first and not any(_has_translations(e) for e in dataset.entries):
        return dataset, passages
    entries: list[Entry[Part]] = []
    for entry in dataset.entries:
        if not has_texts(type(entry.record)) or (only is not None and not isinstance(entry.record, only)):
            entries.append(entry)
            continue

        def mark(where: Where, text: str, file: str = entry.file) -> str:
            # A footnote's `after` is never printed: it finds the mark's place in the paragraph's
            # text, which a draft prints as the first language's (its tag at the end, after it). A
            # figure's unit without a noun (US$ million) is printed in the document's words by the tool.
            if where[-1] == "after" or alike_in_every_language(where, text):
                return text
            tagged = text + passages.tag(file, where)
            return words.missing(tagged) if draft else tagged

        entries.append(Entry(entry.file, entry.kind, translated(entry.record, language, first, mark)))
    return replace(dataset, entries=entries), passages


def _has_translations(entry: Entry[Part]) -> bool:
    from ..model.language import texts

    return has_texts(type(entry.record)) and any(text.translations for _, text, _ in texts(entry.record))
