"""What every record may carry, whatever its kind."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import ClassVar

from pydantic import BaseModel, Field

from .types import RECORD_CONFIG, Slug, StrictInt, Text, Visibility

COMMON_FIELDS = ("visibility", "sources", "notes")

# (where in the record, kind of record referred to, id): see `Record.references`.
Reference = tuple[tuple[str | int, ...], str, str]


class Part(BaseModel):
    """A nested part of a record (a figure, a member, a step of the procedure)."""

    model_config = RECORD_CONFIG

    @classmethod
    def part_at(cls, path: tuple[str | int, ...]) -> type[Part] | None:
        """The model of the part at a path in a record (list indexes skipped), or None if none."""
        current: type[Part] | None = cls
        for step in path:
            if current is None:
                return None
            if isinstance(step, int):
                continue
            fields = {info.alias or name: info for name, info in current.model_fields.items()}
            current = _part_in(fields[step].annotation) if step in fields else None
        return current

    # The canonical order of fields where the order of definition is not the one to read
    # (fields a subclass adds come after its base's).
    field_order: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def field_names(cls) -> list[str]:
        """Its fields as YAML spells them, in canonical order: `id` first, the common ones last."""
        names = [info.alias or name for name, info in cls.model_fields.items()]
        rank = {name: i for i, name in enumerate(cls.field_order)}
        return sorted(names, key=lambda name: (name != "id", name in COMMON_FIELDS, rank.get(name, len(rank))))


class ImportSource(Part):
    """Where an imported record came from: the spreadsheet's file name and row (`import` skips a row
    already imported, so importing the same file again creates nothing new)."""

    file: Text = Field(description="The spreadsheet's file name (without its folder).")
    sheet: Text | None = Field(None, description="The sheet, in a workbook (XLSX or ODS).")
    row: StrictInt = Field(ge=1, description="The row number in the spreadsheet, as the spreadsheet shows it.")

    def key(self) -> str:
        """The row as one value: `file#row`, `file#sheet!row` in a workbook."""
        return source_key(self.file, self.sheet, self.row)


def source_key(file: str, sheet: str | None, row: int) -> str:
    """A spreadsheet row as one value: `file#row`, or `file#sheet!row` in a workbook."""
    return f"{file}#{sheet}!{row}" if sheet else f"{file}#{row}"


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


def _part_in(annotation: object) -> type[Part] | None:
    """The Part inside an annotation such as `list[X]` or `X | None`."""
    if isinstance(annotation, type) and issubclass(annotation, Part):
        return annotation
    for arg in typing.get_args(annotation):
        found = _part_in(arg)
        if found is not None:
            return found
    return None
