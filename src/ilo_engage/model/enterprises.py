"""The register of enterprises engaging with the ILO (para 3(d))."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .common import ImportSource, Part, Record
from .types import CountryCode, Slug, StrictBool, Text

EnterpriseKind = Literal["company", "foundation", "employers-organization", "cooperative", "financial-institution", "other"]
Size = Literal["sme", "large"]


class Identifiers(Part):
    """Identifiers that tell an enterprise apart from others of a similar name."""

    lei: Annotated[str, Field(pattern=r"^[A-Z0-9]{18}[0-9]{2}$")] | None = Field(
        None, description="Legal Entity Identifier (ISO 17442), 20 characters."
    )
    website: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(
        None, description="The enterprise's website, starting http:// or https://."
    )
    company_number: Text | None = Field(
        None, description="The number of its registration in its country's register of companies."
    )
    wikidata: Annotated[str, Field(pattern=r"^Q[0-9]+$")] | None = Field(None, description="Wikidata item, e.g. Q123.")


class Enterprise(Record):
    """An enterprise, foundation or employers' organization the Office engages with."""

    name: Text = Field(description="The name the enterprise uses.")
    kind: EnterpriseKind = Field(description="What sort of enterprise it is.")
    country: CountryCode = Field(description="Country of its headquarters (ISO 3166-1 alpha-2).")
    sectors: list[Text] = Field(default_factory=list, description="Economic sectors it works in, e.g. cocoa, apparel.")
    size: Size | None = Field(None, description="sme or large; leave out if not known.")
    multinational: StrictBool | None = Field(None, description="true if it operates in several countries.")
    identifiers: Identifiers | None = Field(None, description="Identifiers such as its LEI or website.")
    aliases: list[Text] = Field(default_factory=list, description="Other names it is known by.")
    former_ids: list[Slug] = Field(
        default_factory=list,
        description="Ids it had before `ilo-engage enterprise rename` or `merge`: `show` and `find` still lead "
        "here, a reference to one is refused with the id to write (D007), and the ids of contacts made under "
        "one stay valid (a contact's id never changes).",
    )
    example: StrictBool = Field(
        False, description="true for an invented enterprise kept to show the tool: never named in a report's body."
    )
    imported_from: ImportSource | None = Field(
        None, description="For a record made by `ilo-engage import`, the spreadsheet and row it came from."
    )
