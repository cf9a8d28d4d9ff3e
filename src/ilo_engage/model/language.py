"""Text that readers see, in each of the dataset's languages.

A translatable field is written either as a plain string (in the dataset's first language: a
one-language dataset looks as it always did) or as a mapping from language code to text:

    name: {en: Child labour, fr: Travail des enfants, es: Trabajo infantil}

Loaded, it is a `Translated`: a `str` holding the text in its first language (so code that only
prints it keeps working) with its other languages beside it. `translated()` gives a copy of a
record with every such field in one language, which is how documents in French or Spanish are made.

A record says which of its languages are knowingly incomplete or not checked against the
Office's own wording in `translations` (see `TranslationStatus`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

# ISO 639-1: two lower-case letters (en, fr, es).
LANGUAGE_PATTERN = r"^[a-z]{2}$"
_LANGUAGE = re.compile(r"[a-z]{2}")

# What a record may say of a language it declares: `incomplete`, some of its text is knowingly
# not yet in that language (validate does not warn about each field; documents in it are drafts);
# `unverified`, the text given in that language is not checked against the Office's published wording.
TranslationStatus = Literal["incomplete", "unverified"]


class Translated(str):
    """A text in its first language (the `str` itself) with its translations by language code.
    Made one language's by `translated()`, it keeps the first language's text as `original`, for
    the code that reads a text rather than prints it (a figure's key, its unit's kind)."""

    translations: dict[str, str]
    original: str

    def __new__(cls, text: str, translations: dict[str, str] | None = None,
                original: str | None = None) -> Translated:
        made = super().__new__(cls, text)
        made.translations = dict(translations or {})
        made.original = text if original is None else original
        return made

    def __reduce__(self) -> tuple[Any, ...]:  # pickled whole (the scan's worker processes)
        return (Translated, (str(self), self.translations, self.original))

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages it is written in (a plain string: none named, see `in_language`)."""
        return tuple(self.translations)

    def in_language(self, language: str, first: str) -> str | None:
        """The text in `language`, None if it has none; a plain string is in `first`, the
        dataset's first language."""
        if not self.translations:
            return str(self) if language == first else None
        return self.translations.get(language)

    def as_data(self) -> str | dict[str, str]:
        """The value as it is written in YAML."""
        return dict(self.translations) if self.translations else str(self)


def original(text: str) -> str:
    """The text in the dataset's first language, whatever language it is printed in."""
    return text.original if isinstance(text, Translated) else text


def is_language(value: object) -> bool:
    """Whether a value is an ISO 639-1 code as the dataset writes it."""
    return isinstance(value, str) and _LANGUAGE.fullmatch(value) is not None


class _Translatable:
    """The Pydantic type of a translatable text: a non-empty string or a language → text mapping."""

    @classmethod
    def validate(cls, value: Any) -> Translated:
        if isinstance(value, Translated):
            return value
        if isinstance(value, str):
            if not value:
                raise PydanticCustomError("string_too_short", "the text is empty")
            return Translated(value)
        if isinstance(value, dict) and value:
            for language, text in value.items():
                if not is_language(language):
                    raise PydanticCustomError(
                        "language_code", "'{language}' is not a language code: use two lower-case letters "
                        "(ISO 639-1), e.g. en, fr, es", {"language": str(language)})
                if not isinstance(text, str) or not text:
                    raise PydanticCustomError("language_text", "the {language} text is empty or not text",
                                              {"language": language})
            first = next(iter(value.values()))
            return Translated(first, value)
        raise PydanticCustomError(
            "translatable", "expected a text, or a text per language such as `{{en: …, fr: …}}`, got {value}",
            {"value": value})

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.validate,
            serialization=core_schema.plain_serializer_function_ser_schema(_as_data),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "object", "minProperties": 1, "propertyNames": {"pattern": LANGUAGE_PATTERN},
                 "additionalProperties": {"type": "string", "minLength": 1}},
            ],
            "description": "A text, or a text per language (ISO 639-1 codes, e.g. `{en: …, fr: …, es: …}`).",
        }


def _as_data(value: Any) -> Any:
    return value.as_data() if isinstance(value, Translated) else value


Translatable = Annotated[str, _Translatable]

Where = tuple[str | int, ...]
Statuses = dict[str, TranslationStatus]
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]


def translations_field() -> Any:
    """The `translations` field of a record or part whose text readers see."""
    return Field(
        default_factory=dict,
        description="What the text says of each declared language it is not complete or checked in: `incomplete` "
        "(some text is knowingly not yet in that language: validate does not warn about each field, documents "
        "in it are drafts) or `unverified` (given, but not checked against the Office's published wording).",
    )


# Called for a text missing in the language asked for: where it is and its first-language text;
# returns what to print in its place.
OnMissing = Callable[[Where, str], str]


@cache
def has_texts(model: type[BaseModel]) -> bool:
    """Whether a model holds a translatable text anywhere (a contact does not: its check is skipped)."""
    return any(_Translatable in info.metadata or _annotation_has_texts(info.annotation)
               for info in model.model_fields.values())


def _annotation_has_texts(annotation: Any) -> bool:
    if annotation is _Translatable:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return has_texts(annotation)
    return any(_annotation_has_texts(arg) for arg in get_args(annotation))


def texts(part: BaseModel, where: Where = (), statuses: Statuses | None = None) -> Iterator[tuple[Where, Translated, Statuses]]:
    """Every translatable text of a record, with where it stands and what the nearest part that
    says so (its `translations`) says of each language."""
    own = getattr(part, "translations", None)
    statuses = own if isinstance(own, dict) and own else (statuses or {})
    for name, info in type(part).model_fields.items():
        yield from _texts_in(getattr(part, name), (*where, info.alias or name), statuses)


def _texts_in(value: Any, where: Where, statuses: Statuses) -> Iterator[tuple[Where, Translated, Statuses]]:
    if isinstance(value, Translated):
        yield where, value, statuses
    elif isinstance(value, BaseModel):
        yield from texts(value, where, statuses)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _texts_in(item, (*where, index), statuses)


def translated(part: Any, language: str, first: str, missing: OnMissing, where: Where = ()) -> Any:
    """A copy of a record (or any value in it) with each translatable text in `language`; a text
    without it is replaced by what `missing` returns."""
    if isinstance(part, Translated):
        if language == first and not part.translations:
            return part
        text = part.in_language(language, first)
        if text is None:
            text = missing(where, str(part))
        return Translated(text, original=part.original)
    if isinstance(part, BaseModel):
        update = {}
        for name, info in type(part).model_fields.items():
            value = getattr(part, name)
            changed = translated(value, language, first, missing, (*where, info.alias or name))
            if changed is not value:
                update[name] = changed
        return part.model_copy(update=update) if update else part
    if isinstance(part, list):
        items = [translated(item, language, first, missing, (*where, i)) for i, item in enumerate(part)]
        return items if any(a is not b for a, b in zip(items, part, strict=True)) else part
    return part
