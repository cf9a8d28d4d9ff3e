"""The shared vocabularies kept in one file each: topics and regions."""

from __future__ import annotations

from pydantic import Field

from .common import Part
from .language import Language, Translatable, TranslationStatus, translations_field
from .types import CountryCode, Slug, Text


class Topic(Part):
    """A subject of engagement, such as child labour or social protection."""

    id: Slug = Field(description="The topic's id, used by units' mandates, contacts and initiatives.")
    name: Translatable = Field(description="The topic's name as reports print it (a text, or a text per language).")
    description: str | None = Field(None, description="What the topic covers, where the name is not enough.")
    translations: dict[Language, TranslationStatus] = translations_field()


class Region(Part):
    """One of the ILO's five regions and its countries."""

    id: Slug = Field(description="The region's id.")
    name: Translatable = Field(description="The region's name as reports print it (a text, or a text per language).")
    countries: list[CountryCode] = Field(description="The countries of the region (ISO 3166-1 alpha-2).")
    translations: dict[Language, TranslationStatus] = translations_field()


class Topics(Part):
    """The file data/topics.yaml: the topic vocabulary."""

    topics: list[Topic] = Field(description="Every topic, one entry each.")
    sources: list[Text] = Field(default_factory=list, description="Citations for the vocabulary.")
    notes: str | None = Field(None, description="Internal free text.")


class Regions(Part):
    """The file data/regions.yaml: the ILO's regions."""

    regions: list[Region] = Field(description="The five regions, each with its countries.")
    sources: list[Text] = Field(default_factory=list, description="Citations for the list.")
    notes: str | None = Field(None, description="Internal free text.")
