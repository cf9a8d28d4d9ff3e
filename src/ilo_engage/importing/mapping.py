"""The mapping file (TOML) that says which column fills which field, and how.

    kind = "enterprises"          # or "contacts"
    header_row = 2                # the row naming the columns (default: found among the first ten)
    dates = "day-first"           # how dates not written YYYY-MM-DD read: day-first or month-first
    threshold = 90                # name similarity (0-100) from which a row is a likely duplicate

    [fields]
    name = "Company"                                   # a column, by its header (or its letter)
    country = "HQ country"                             # names or codes, made ISO codes
    sectors = { column = "Sectors", split = ";" }      # a list, split on a separator
    size = { column = "Size", values = { SME = "sme", Large = "large" } }
    kind = { value = "company" }                       # the same value on every row

Without a mapping, `propose` writes one from the header row, matching field names and common
synonyms, for the user to read and correct.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field as default
from pathlib import Path
from typing import Any

from ..core.errors import UsageError
from .sheets import Sheet, column_letter

KINDS = ("enterprises", "contacts")
DATE_ORDERS = ("day-first", "month-first")

# The fields a spreadsheet may fill, by kind, with the type of value each takes (see convert.py),
# and the words a header may use for it (compared lower case, punctuation aside).
FIELDS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "enterprises": {
        "id": ("text", ("id",)),
        "name": ("text", ("name", "company", "company name", "enterprise", "enterprise name", "organization",
                          "organisation", "firm", "business name")),
        "kind": ("text", ("kind", "type", "enterprise type", "kind of enterprise")),
        "country": ("country", ("country", "hq", "hq country", "headquarters", "country of headquarters", "pays")),
        "sectors": ("list", ("sector", "sectors", "industry", "industries")),
        "size": ("text", ("size", "company size")),
        "multinational": ("bool", ("multinational", "mne")),
        "identifiers.lei": ("text", ("lei", "legal entity identifier")),
        "identifiers.website": ("text", ("website", "web site", "url", "web", "homepage")),
        "identifiers.company_number": ("text", ("company number", "registration number", "company no",
                                                "reg no", "registration no", "company registration number")),
        "identifiers.wikidata": ("text", ("wikidata",)),
        "aliases": ("list", ("aliases", "alias", "also known as", "aka", "other names")),
        "visibility": ("text", ("visibility",)),
        "sources": ("list", ("source", "sources")),
        "notes": ("text", ("notes", "note", "comments", "comment", "remarks")),
        "example": ("bool", ("example",)),
    },
    "contacts": {
        "id": ("text", ("id",)),
        "date": ("date", ("date", "contact date", "date of contact", "received", "date received")),
        "enterprise": ("text", ("enterprise", "company", "company name", "enterprise name", "organization",
                                "organisation")),
        "initiated_by": ("text", ("initiated by", "initiator", "who initiated", "from")),
        "initiating_unit": ("text", ("initiating unit",)),
        "counterpart": ("text", ("counterpart",)),
        "workers_organization": ("text", ("workers organization", "workers organisation", "trade union", "union")),
        "channel": ("text", ("channel", "how", "medium")),
        "subject": ("text", ("subject", "purpose", "description", "about", "request")),
        "topics": ("list", ("topics", "topic", "themes", "theme")),
        "countries": ("countries", ("countries", "country", "countries concerned")),
        "entry_point": ("text", ("entry point",)),
        "technical_lead": ("text", ("technical lead", "lead unit")),
        "status": ("text", ("status", "stage")),
        "outcome": ("text", ("outcome", "result")),
        "closed_on": ("date", ("closed on", "date closed", "closed")),
        "person.name": ("text", ("contact person", "person", "contact name")),
        "person.role": ("text", ("role", "position", "job title")),
        "person.email": ("text", ("email", "e mail", "email address")),
        "person.phone": ("text", ("phone", "telephone", "tel")),
        "visibility": ("text", ("visibility",)),
        "sources": ("list", ("source", "sources")),
        "notes": ("text", ("notes", "note", "comments", "comment", "remarks")),
        "example": ("bool", ("example",)),
    },
}
# What every record of the kind needs, from a column or a fixed value (the id is made when not given;
# a contact's entry point follows from who made it).
REQUIRED = {"enterprises": ("name", "kind", "country"),
            "contacts": ("date", "enterprise", "initiated_by", "subject", "status")}


@dataclass(frozen=True)
class Rule:
    """How one field is filled: from a column (`column`, its index once resolved) or a fixed `value`;
    `values` translates cells (compared lower case); `split` separates a list's items."""

    field: str
    column: str | None = None
    index: int | None = None
    value: Any = None
    values: dict[str, str] = default(default_factory=dict)
    split: str = ";"

    @property
    def letter(self) -> str:
        """The column's letter, or `-` for a fixed value."""
        return column_letter(self.index) if self.index is not None else "-"


@dataclass(frozen=True)
class Mapping:
    """A whole mapping, its columns resolved against a sheet's header row."""

    kind: str
    header_row: int
    rules: tuple[Rule, ...]
    dates: str | None = None
    threshold: float = 90.0
    pre_procedure: bool = False
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None

    def type_of(self, name: str) -> str:
        return FIELDS[self.kind][name][0]


def header_key(text: Any) -> str:
    """A header compared as its words: lower case, punctuation and extra spaces aside."""
    plain = str(text or "").casefold().replace("'", "").replace("(s)", "s")  # "Sector(s)" → "sectors"
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def read_options(path: Path) -> dict[str, Any]:
    """A mapping file's contents; UsageError (exit 2) naming the line of a TOML syntax error."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--mapping {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--mapping {path}: cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None


def resolve(options: dict[str, Any], kind: str, sheet: Sheet, where: str) -> Mapping:
    """The mapping's rules with each column found in the sheet's header row; UsageError naming every
    problem at once (an unknown field or column, a field required and not filled, a bad option)."""
    wrong: list[str] = []
    known = {"kind", "header_row", "dates", "threshold", "pre_procedure", "fields", "sheet", "encoding", "delimiter"}
    wrong += [f"unknown setting `{key}`" for key in options if key not in known]
    if options.get("kind", kind) != kind:
        wrong.append(f"it maps {options['kind']}, not {kind}")
    dates = options.get("dates")
    if dates is not None and dates not in DATE_ORDERS:
        wrong.append(f"`dates` is day-first or month-first, not {dates!r}")
    threshold = options.get("threshold", 90)
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 50 <= threshold <= 100:
        wrong.append("`threshold` is a number from 50 to 100")
        threshold = 90
    header_row = options.get("header_row") or find_header_row(sheet, kind)
    if not isinstance(header_row, int) or header_row < 1:
        wrong.append("`header_row` is a row number, from 1")
        header_row = 1
    headers = {header_key(h): i for i, h in reversed(list(enumerate(_row(sheet, header_row)))) if header_key(h)}
    rules = []
    for name, given in (options.get("fields") or {}).items():
        if name not in FIELDS[kind]:
            wrong.append(f"[fields] {name}: not a field of {kind} (fields: {', '.join(FIELDS[kind])})")
            continue
        rule, problem = _rule(name, given, headers, header_row)
        wrong += [problem] if problem else []
        rules.append(rule)
    mapped = {r.field for r in rules}
    missing = [f for f in REQUIRED[kind] if f not in mapped]
    wrong += [f"[fields] {f}: required, but no column or value fills it" for f in missing]
    if wrong:
        raise UsageError(f"{where}: " + "; ".join(wrong))
    return Mapping(kind, header_row, tuple(rules), dates, float(threshold), options.get("pre_procedure") is True,
                   options.get("sheet"), options.get("encoding"), options.get("delimiter"))


def _rule(name: str, given: Any, headers: dict[str, int], header_row: int) -> tuple[Rule, str | None]:
    if isinstance(given, str):
        given = {"column": given}
    if not isinstance(given, dict) or ("column" in given) == ("value" in given):
        return Rule(name), f"[fields] {name}: give a column's header, or {{ column = ... }} or {{ value = ... }}"
    extra = set(given) - {"column", "value", "values", "split"}
    if extra:
        return Rule(name), f"[fields] {name}: unknown key {', '.join(sorted(extra))}"
    values = {header_key(k): v for k, v in (given.get("values") or {}).items()}
    split = given.get("split", ";")
    if "value" in given:
        return Rule(name, value=given["value"], values=values, split=split), None
    column = str(given["column"])
    index = headers.get(header_key(column))
    if index is None and re.fullmatch(r"[A-Z]{1,3}", column):
        index = sum((ord(c) - 64) * 26 ** i for i, c in enumerate(reversed(column))) - 1
    if index is None:
        return Rule(name), f"[fields] {name}: no column {column!r} in row {header_row}"
    return Rule(name, column, index, None, values, split), None


def _row(sheet: Sheet, number: int) -> list[Any]:
    return sheet.rows[number - 1] if 0 < number <= len(sheet.rows) else []


def find_header_row(sheet: Sheet, kind: str) -> int:
    """The row among the first ten that names the most fields (a title above it, merged across the
    columns, names none); the first row with cells if none does."""
    words = {w for _, synonyms in FIELDS[kind].values() for w in synonyms}
    best, best_score = 0, (0, 0)
    for number, row in enumerate(sheet.rows[:10], start=1):
        keys = [header_key(c) for c in row if isinstance(c, str)]
        score = (sum(k in words for k in keys), sum(bool(k) for k in keys))
        if score[1] and (best == 0 or score > best_score):
            best, best_score = number, score
    return best or 1


def propose(sheet: Sheet, kind: str, sheet_name: str | None = None) -> str:
    """A mapping for the sheet, as TOML text to edit: each column whose header names a field (or a
    common synonym of one) mapped to it, the other columns listed, required fields left to fill."""
    header_row = find_header_row(sheet, kind)
    lines = [f"# How the columns of {sheet.name} fill {kind} (ilo-engage import {kind} FILE --mapping THIS).",
             "# Proposed from the header row: check every line, then import.",
             f'kind = "{kind}"', *([f"sheet = {_toml(sheet_name)}"] if sheet_name else []),
             f"header_row = {header_row}",
             '# dates = "day-first"   # how dates not written YYYY-MM-DD read: day-first (31/12/2015) or month-first',
             "threshold = 90   # name similarity (0-100) from which a row is a likely duplicate"]
    if kind == "contacts":
        lines.append("pre_procedure = false   # true: the register predates the procedure; its rules do not apply")
    lines += ["", "[fields]"]
    taken: set[str] = set()
    unused = []
    for index, header in enumerate(_row(sheet, header_row)):
        key = header_key(header)
        name = next((f for f, (_, synonyms) in FIELDS[kind].items() if key in synonyms and f not in taken), None)
        if name is None:
            if key:
                unused.append(f"# column {column_letter(index)} ({_toml(str(header))}) is not imported")
            continue
        taken.add(name)
        extra = ', split = ";"' if FIELDS[kind][name][0] in ("list", "countries") else ""
        written = _toml(str(header).strip())
        lines.append(f"{_toml_key(name)} = {{ column = {written}{extra} }}" if extra else f"{_toml_key(name)} = {written}")
    for name in REQUIRED[kind]:
        if name not in taken:
            lines.append(f"# {name} = {{ value = \"...\" }}   # required: name a column or give a value")
    return "\n".join(lines + (["", *unused] if unused else []) + [""])


def _toml(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


def _toml_key(name: str) -> str:
    return _toml(name) if "." in name else name
