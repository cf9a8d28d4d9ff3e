"""A dataset's text in the language of a document: each record's translatable texts replaced by
their text in that language (model/language.translated), before any projection is made, so that
every stage after it works as it does in the first language.

A text missing in the language refuses the document (exit 1, naming the first one by file and
line, as `validate` reports it: L001), unless it is a draft: then the text is printed in the
first language, marked as not translated where it stands.
"""

from __future__ import annotations

from dataclasses import replace

from ..core.errors import IloEngageError
from ..core.printable import printable
from ..load.dataset import Dataset, Entry
from ..model.common import Part
from ..model.language import Where, has_texts, translated
from .language import Wording


class TranslationMissing(IloEngageError):
    """A document asked for in a language some of its text is not in (exit 1)."""


def in_one_language(dataset: Dataset, language: str, words: Wording, draft: bool,
                    only: tuple[type[Part], ...] | None = None) -> Dataset:
    """The dataset with its text in `language`; refused while text is missing in it, unless `draft`
    (each missing passage then marked in the words of `words`). With `only`, just the records of
    those models (what a document prints: the registers print no initiative's or report's text)."""
    first = dataset.settings.first_language
    if language == first and not any(_has_translations(e) for e in dataset.entries):
        return dataset
    missing: list[tuple[str, Where]] = []
    entries: list[Entry[Part]] = []
    for entry in dataset.entries:
        if not has_texts(type(entry.record)) or (only is not None and not isinstance(entry.record, only)):
            entries.append(entry)
            continue

        def mark(where: Where, text: str, file: str = entry.file) -> str:
            missing.append((file, where))
            # A footnote's `after` is never printed: it finds the mark's place in the paragraph's
            # text, which a draft prints as the first language's.
            return words.missing(text) if draft and where[-1] != "after" else text

        entries.append(Entry(entry.file, entry.kind, translated(entry.record, language, first, mark)))
    if missing and not draft:
        file, where = missing[0]
        span = dataset.locate(file, where)
        raise TranslationMissing(
            f"{len(missing)} text{'s' if len(missing) != 1 else ''} of the dataset {'are' if len(missing) != 1 else 'is'} "
            f"not in {language} (first: {printable(file)}:{span.value_line}: "
            f"`{'.'.join(str(step) for step in where)}`); give {'them' if len(missing) != 1 else 'it'} "
            f"(`ilo-engage validate` lists them as L001), or render a draft with --draft, which marks each one"
        )
    return replace(dataset, entries=entries)


def _has_translations(entry: Entry[Part]) -> bool:
    from ..model.language import texts

    return has_texts(type(entry.record)) and any(text.translations for _, text, _ in texts(entry.record))
