"""What every record may carry, whatever its kind."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, Field

from .types import RECORD_CONFIG, Slug, Text, Visibility

COMMON_FIELDS = ("visibility", "sources", "notes")

# (where in the record, kind of record referred to, id): see `Record.references`.
Reference = tuple[tuple[str | int, ...], str, str]


class Part(BaseModel):
    """A nested part of a record (a figure, a member, a step of the procedure)."""

    model_config = RECORD_CONFIG

    @classmethod
    def field_names(cls) -> list[str]:
        """Its fields as YAML spells them, in canonical order: `id` first, the common ones last."""
        names = [info.alias or name for name, info in cls.model_fields.items()]
        return sorted(names, key=lambda name: (name != "id", name in COMMON_FIELDS))


class Record(Part):
    """A record kept in its own file, named by its id."""

    id: Slug = Field(description="The record's id; the file is named after it (`<id>.yaml`).")
    visibility: Visibility = Field(
        "internal",
        description="Who may see the record named in outputs: public, internal (ILO staff) or confidential.",
    )
    sources: list[Text] = Field(
        default_factory=list, description="Citations for what the record states, e.g. `GB.326/INS/3 para 4`."
    )
    notes: str | None = Field(None, description="Internal free text; never printed in a public output.")

    def references(self) -> Iterator[Reference]:
        """The ids this record refers to, with where they stand in it."""
        return iter(())
