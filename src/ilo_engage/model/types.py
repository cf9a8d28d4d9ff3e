"""Field types shared by the record models, each with its check and its JSON Schema.

Booleans and enumerations are strict (``'no'`` is not false); dates are read
from YAML dates or ``YYYY-MM-DD`` strings only (never from numbers, which
Pydantic would take as Unix timestamps); countries come from ISO 3166-1.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, ClassVar, Literal

from pydantic import ConfigDict, Field, GetCoreSchemaHandler, GetJsonSchemaHandler, Strict
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

# The JSON Schema's pattern (ECMA-262, where `$` is the very end); Python checks with fullmatch,
# since its `$` also matches before a final newline and would let "acme\n" pass as an id.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG_MAX_LENGTH = 64
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PARTIAL_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")

# Every model forbids unknown keys and is immutable once loaded.
# The schema of a model is built on its first use, not at import: a command that reads only
# some kinds (validate with nothing changed reads only the units, topics and regions) does not
# pay for the others.
RECORD_CONFIG = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

StrictBool = Annotated[bool, Strict()]
StrictInt = Annotated[int, Strict()]
Text = Annotated[str, Field(min_length=1)]
Visibility = Literal["public", "internal", "confidential"]


class _CustomType:
    """Base for a type given by one plain validator and one JSON Schema."""

    json_schema: ClassVar[JsonSchemaValue] = {}

    @classmethod
    def validate(cls, value: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(cls.validate)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(cls.json_schema)


class _Slug(_CustomType):
    json_schema: ClassVar[JsonSchemaValue] = {
        "type": "string",
        "pattern": SLUG_PATTERN,
        "maxLength": SLUG_MAX_LENGTH,
        "description": "An id: lower-case letters and digits in words joined by single hyphens.",
    }

    @classmethod
    def validate(cls, value: Any) -> str:
        if not isinstance(value, str):
            raise PydanticCustomError("id_type", "expected an id such as `acme-foods`, got {value}", {"value": value})
        if not _SLUG.fullmatch(value) or len(value) > SLUG_MAX_LENGTH:
            raise PydanticCustomError(
                "id_format",
                "'{value}' is not a valid id: use lower-case letters and digits joined by single hyphens, "
                "at most 64 characters",
                {"value": value},
            )
        return value


@cache
def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes, from pycountry's copy of the standard."""
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def currency_codes() -> frozenset[str]:
    """The ISO 4217 currency codes, from pycountry's copy of the standard."""
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


class _CountryCode(_CustomType):
    @classmethod
    def validate(cls, value: Any) -> str:
        if not isinstance(value, str) or value not in country_codes():
            hint = " (use upper case)" if isinstance(value, str) and value.upper() in country_codes() else ""
            raise PydanticCustomError(
                "country_code",
                "'{value}' is not an ISO 3166-1 alpha-2 country code" + hint,
                {"value": value},
            )
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "enum": sorted(country_codes()), "description": "ISO 3166-1 alpha-2 country code."}


class _CurrencyCode(_CustomType):
    @classmethod
    def validate(cls, value: Any) -> str:
        if not isinstance(value, str) or value not in currency_codes():
            raise PydanticCustomError("currency_code", "'{value}' is not an ISO 4217 currency code", {"value": value})
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "enum": sorted(currency_codes()), "description": "ISO 4217 currency code."}


class _Date(_CustomType):
    json_schema: ClassVar[JsonSchemaValue] = {"type": "string", "format": "date", "description": "A date written YYYY-MM-DD."}

    @classmethod
    def validate(cls, value: Any) -> date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise PydanticCustomError("date_value", "'{value}' is not a day of the calendar", {"value": value}) from None
        raise PydanticCustomError("date_format", "expected a date written YYYY-MM-DD, got {value}", {"value": value})


class _PartialDate(_CustomType):
    json_schema: ClassVar[JsonSchemaValue] = {
        "anyOf": [
            {"type": "integer", "minimum": 1000, "maximum": 9999},
            {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
        ],
        "description": "A year (2010), a month (2015-10) or a day (2015-10-28).",
    }

    @classmethod
    def validate(cls, value: Any) -> str:
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return str(value)
        if isinstance(value, date) and not isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, str) and _PARTIAL_DATE.fullmatch(value):
            try:
                date.fromisoformat((value + "-01-01")[:10])
            except ValueError:
                pass
            else:
                return value
        raise PydanticCustomError(
            "partial_date", "expected a year (2010), a month (2015-10) or a date (2015-10-28), got {value}",
            {"value": value},
        )


Slug = Annotated[str, _Slug]
CountryCode = Annotated[str, _CountryCode]
CurrencyCode = Annotated[str, _CurrencyCode]
YamlDate = Annotated[date, _Date]
PartialDate = Annotated[str, _PartialDate]
# At most 20 digits either side of the point: ample for any amount or count, and it keeps
# `1e999999999` (a small Decimal that prints as a billion digits) out of every report.
Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=20)]
