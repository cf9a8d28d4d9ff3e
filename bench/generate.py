#!/usr/bin/env python3
"""Generate a realistic ilo-engage dataset of N record files, reproducible from a seed.

    python bench/generate.py OUT_DIR --records N --seed S [--clean]

Copies the project's settings and vocabularies (ilo-engage.toml, data/topics.yaml,
data/regions.yaml, data/units/, data/reports/progress.yaml) and generates, in the
canonical layout the tool writes (2-space indentation, block lists, long text folded
with `>-` to 100 columns):

- about 30% enterprises (data/registers/enterprises/),
- about 50% contacts that follow the engagement procedure of GB.326/INS/3 para 3 as
  src/ilo_engage/checks/routing.py checks it (data/registers/contacts/),
- about 20% initiatives: networks, partnerships and programmes.

On purpose, about 1% of the contacts break one routing rule each, and six files carry
another error (unknown references, a bad date, an invalid country code), so that
`validate` has real problems to report. What was broken where is written to
OUT_DIR/bench-manifest.json (outside data/, so the tool never reads it). The dataset is a git
work tree with everything committed, as a real one is (--no-git leaves git out). With --clean
those files are written correctly instead and everything else is byte-identical: the
same dataset without errors, which `report progress` agrees to render.

Everything comes from random.Random(seed): no clock, no other randomness. The same
seed, N and source files give byte-identical datasets. N counts the generated records
only; the ~40 copied files (units, vocabularies, report text) come on top.

Needs the project's virtual environment (ruamel.yaml reads the copied source files,
pycountry names the countries).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

# The same rules as the tool's: what a YAML 1.1 reader misreads, and when two names are one.
from ilo_engage.core.names import normalise
from ilo_engage.yamlio.roundtrip import YAML11_NOT_STRING

PROJECT = Path(__file__).resolve().parent.parent
SOURCE_DATA = PROJECT / "data"

PROCEDURE_START = date(2014, 6, 13)  # also read from ilo-engage.toml when possible
FIRST_DAY = date(2014, 1, 1)  # a few contacts predate the procedure (exempt)
LAST_DAY = date(2024, 12, 31)  # every step stays well before any day the benchmark runs
NEEDS_ANALYSIS_DAYS = 30
WRAP = 100  # the tool folds text longer than this (src/ilo_engage/yamlio/roundtrip.py)
LEAD_KINDS = ("policy-department", "field-office", "regional-office")
BASE32 = "abcdefghijklmnopqrstuvwxyz234567"

SHARES = {"enterprise": 0.30, "contact": 0.50, "initiative": 0.20}
INITIATIVE_KINDS = (("network", "data/networks", 0.25), ("partnership", "data/partnerships", 0.25),
                    ("programme", "data/programmes", 0.50))


# --------------------------------------------------------------------------------------
# Writing YAML in the canonical layout
# --------------------------------------------------------------------------------------

class Quoted(str):
    """A string always written in double quotes (phone numbers, as the schema asks)."""


class Raw(str):
    """A scalar written exactly as given (used to plant a bad date)."""


_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")


def _needs_quotes(text: str) -> bool:
    return (
        not text
        or text != text.strip()
        or bool(YAML11_NOT_STRING.match(text))
        or text.startswith(_INDICATORS)
        or ": " in text
        or " #" in text
        or text.endswith(":")
    )


def _plain_or_quoted(text: str) -> str:
    if isinstance(text, Raw):
        return str(text)
    if isinstance(text, Quoted) or _needs_quotes(text):
        return json.dumps(str(text), ensure_ascii=False)
    return text


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    assert isinstance(value, str), value
    return _plain_or_quoted(value)


def _string_lines(prefix: str, text: str, content_indent: int) -> list[str]:
    """`key: value`, folded over several lines as `>-` when the text is long (as the tool does)."""
    if isinstance(text, (Raw, Quoted)) or len(text) + content_indent <= WRAP:
        return [prefix + _plain_or_quoted(text)]
    lines = textwrap.wrap(text, width=WRAP - content_indent, break_long_words=False, break_on_hyphens=False)
    if len(lines) < 2:
        return [prefix + _plain_or_quoted(text)]
    pad = " " * content_indent
    return [prefix + ">-", *(pad + line for line in lines)]


def _mapping(record: dict, indent: int, out: list[str], first_prefix: str | None = None) -> None:
    first = True
    for key, value in record.items():
        if value is None or value == [] or value == {}:
            continue
        lead = first_prefix if (first and first_prefix is not None) else " " * indent
        first = False
        if isinstance(value, dict):
            out.append(f"{lead}{key}:")
            _mapping(value, indent + 2, out)
        elif isinstance(value, list):
            out.append(f"{lead}{key}:")
            for item in value:
                if isinstance(item, dict):
                    _mapping(item, indent + 4, out, first_prefix=" " * (indent + 2) + "- ")
                else:
                    out.append(" " * (indent + 2) + "- " + _scalar(item))
        elif isinstance(value, str) and not isinstance(value, date):
            out.extend(_string_lines(f"{lead}{key}: ", value, indent + 2))
        else:
            out.append(f"{lead}{key}: {_scalar(value)}")


def record_text(record: dict, comment: str | None = None) -> str:
    out: list[str] = []
    if comment:
        out.extend("# " + line for line in textwrap.wrap(comment, width=WRAP - 2))
    _mapping(record, 0, out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------
# Names and words
# --------------------------------------------------------------------------------------

def slug(text: str, limit: int = 64) -> str:
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower().replace("'", "").replace("’", "")
    words = re.findall(r"[a-z0-9]+", plain)
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > limit:
            break
        result = candidate
    return result or "x"


BRAND_STARTS = (
    "Nor", "Con", "Fab", "Tail", "Wood", "Lit", "Pro", "Wing", "Alp", "Blu", "Co", "Hum", "Lu", "Mar", "Nod",
    "South", "Trey", "Wide", "Kal", "Zen", "Ori", "Vel", "Ter", "Ash", "Bel", "Cad", "Dor", "Eld", "Fen", "Gal",
    "Har", "Ira", "Jas", "Kes", "Lor", "Mira", "Nex", "Oak", "Pel", "Qua", "Ros", "Sil", "Tam", "Umb", "Val",
    "Wex", "Yar", "Zor", "Ama", "Bri", "Cor", "Dal", "Era", "Fal", "Gra", "Hel", "Isa", "Kor", "Lin", "Mon",
)
BRAND_ENDS = (
    "wind", "toso", "rikam", "spin", "grove", "ware", "seware", "tip", "ina", "yonder", "ho", "ongous", "cerne",
    "gie", "van", "ridge", "ver", "ora", "ith", "ex", "ton", "ara", "ica", "ell", "ent", "ova", "um", "is", "ar",
    "en", "ia", "ane", "mark", "field", "stone", "brook", "haven", "crest", "dale", "vale",
)
BRAND_SECOND = (
    "Pacific", "Atlantic", "Global", "International", "Andean", "Sahel", "Mekong", "Delta", "Highland", "Coastal",
    "Continental", "United", "Northern", "Southern", "Eastern", "Western", "Golden", "Green", "Blue", "Union",
)
LEGAL_FORMS = ("plc", "Ltd", "S.A.", "GmbH", "Inc.", "S.A.S.", "Pvt Ltd", "AG", "N.V.", "B.V.", "S.p.A.", "Co., Ltd")

# (sector key, sectors listed, name noun, topics it tends to raise)
SECTORS = (
    ("cocoa", ["cocoa", "agricultural commodities trading"], "Cocoa Traders", ["child-labour", "supply-chains"]),
    ("apparel", ["apparel", "retail"], "Garments", ["supply-chains", "industrial-relations", "gender-equality", "wages"]),
    ("electronics", ["electronics"], "Electronics", ["supply-chains", "osh", "mne-declaration", "migration"]),
    ("mining", ["mining"], "Mining", ["osh", "local-development", "industrial-relations"]),
    ("logistics", ["road transport", "logistics"], "Logistics", ["wages", "osh", "labour-standards"]),
    ("tea", ["tea", "agriculture"], "Tea Estates", ["child-labour", "wages", "osh"]),
    ("construction", ["construction"], "Construction", ["osh", "migration", "skills"]),
    ("hotels", ["hotels and tourism"], "Hotels", ["youth-employment", "skills", "gender-equality"]),
    ("telecom", ["telecommunications"], "Telecom", ["skills", "youth-employment", "disability-inclusion"]),
    ("food", ["food processing"], "Foods", ["supply-chains", "productivity", "osh"]),
    ("automotive", ["automotive", "manufacturing"], "Motors", ["skills", "productivity", "industrial-relations"]),
    ("seafood", ["fishing", "seafood processing"], "Seafood", ["forced-labour", "migration", "supply-chains"]),
    ("palm-oil", ["palm oil", "plantations"], "Plantations", ["forced-labour", "child-labour", "osh"]),
    ("textiles", ["cotton", "textiles"], "Textiles", ["child-labour", "forced-labour", "supply-chains"]),
    ("retail", ["retail"], "Stores", ["wages", "gender-equality", "industrial-relations"]),
    ("energy", ["renewable energy"], "Energy", ["green-jobs", "skills", "local-development"]),
    ("pharma", ["pharmaceuticals"], "Pharma", ["hiv-aids", "social-protection", "osh"]),
    ("shipping", ["shipping"], "Shipping", ["labour-standards", "osh", "migration"]),
    ("software", ["software", "IT services"], "Software", ["skills", "youth-employment", "gender-equality"]),
    ("coffee", ["coffee"], "Coffee", ["child-labour", "cooperatives", "supply-chains"]),
    ("sugar", ["sugar cane"], "Sugar", ["osh", "child-labour", "wages"]),
    ("footwear", ["footwear"], "Footwear", ["supply-chains", "wages", "labour-law-compliance"]),
    ("sporting-goods", ["sporting goods"], "Sporting Goods", ["child-labour", "labour-law-compliance"]),
    ("toys", ["toys"], "Toys", ["supply-chains", "osh"]),
    ("furniture", ["furniture", "wood products"], "Furniture", ["productivity", "smes", "green-jobs"]),
    ("chemicals", ["chemicals"], "Chemicals", ["osh", "labour-standards"]),
    ("cement", ["cement", "building materials"], "Cement", ["osh", "green-jobs"]),
    ("dairy", ["dairy"], "Dairies", ["cooperatives", "smes", "productivity"]),
)
CROPS = ("Coffee", "Cocoa", "Tea", "Rice", "Dairy", "Cotton", "Fruit", "Vanilla", "Cashew", "Quinoa", "Grain", "Spice")
FOUNDATION_WORDS = ("Youth", "Education", "Health", "Community", "Skills", "Opportunity", "Futures", "Family")
FINANCE = (("Microfinance", ["microfinance"]), ("Bank", ["banking"]), ("Insurance", ["insurance"]),
           ("Capital", ["impact investment"]), ("Savings and Credit", ["microfinance", "savings"]))
OTHER_WORDS = (("Chamber of Commerce", ["business services"]), ("Business Council", ["business services"]),
               ("Certification Services", ["certification", "auditing"]), ("Trade Institute", ["training"]))

TOPIC_PHRASES = {
    "child-labour": "child labour", "forced-labour": "forced labour", "fundamental-principles":
    "fundamental principles and rights at work", "disability-inclusion": "the inclusion of workers with disabilities",
    "skills": "skills and apprenticeships", "youth-employment": "youth employment",
    "employment-promotion": "job creation", "social-protection": "social protection",
    "osh": "occupational safety and health", "smes": "small and medium-sized enterprises",
    "cooperatives": "cooperatives", "social-finance": "social finance", "labour-standards":
    "international labour standards", "labour-law-compliance": "labour law compliance",
    "industrial-relations": "social dialogue", "mne-declaration": "the MNE Declaration",
    "women-in-business": "women in management", "gender-equality": "gender equality",
    "hiv-aids": "HIV and AIDS at work", "green-jobs": "green jobs", "productivity": "productivity and working conditions",
    "supply-chains": "decent work in supply chains", "local-development": "local economic development",
    "corporate-social-responsibility": "corporate social responsibility", "human-rights": "business and human rights",
    "training": "training for managers", "wages": "wages and working time", "migration": "fair recruitment of migrant workers",
}
FIRST_NAMES = ("Alex", "Kim", "Sam", "Jordan", "Chanda", "Rahima", "Luis", "Amina", "Wei", "Priya", "Olga", "Kwame",
               "Fatima", "Mateo", "Aiko", "Nadia", "Tomás", "Inès", "Kofi", "Leila", "Dmitri", "Sofia", "Hamid",
               "Mei", "Juan", "Grace", "Arjun", "Ana", "Yusuf", "Elena", "Noura", "Pedro", "Thandi", "Hiroshi")
SURNAMES = ("Example", "Sample", "Placeholder", "Specimen", "Demo", "Fictive", "Modelo", "Muster", "Exemple",
            "Testperson", "Dummy", "Instance")
ROLES = ("Human resources director", "Head of sustainable sourcing", "Safety officer", "General secretary",
         "Procurement manager", "Programme officer", "Chief executive officer", "Compliance manager",
         "Plant manager", "Head of corporate affairs", "Legal counsel", "Organizing secretary", "President",
         "Sustainability manager", "Training coordinator")
UNION_WORDS = ("Workers' Union", "Workers' Federation", "Employees' Union", "Staff Union", "General Workers' Union",
               "Trade Union Congress")
ORGANIZATIONS = ("International Organisation of Employers", "International Trade Union Confederation",
                 "UN Global Compact", "Global Reporting Initiative", "World Business Council for Sustainable Development",
                 "OECD", "International Finance Corporation", "UNICEF", "World Bank", "European Commission")
ROLES_IN_INITIATIVE = ("member", "member", "member", "co-chair", "funder", "implementing partner", "partner",
                       "supporter", "founding member")
CHANNELS = ("email", "email", "email", "letter", "phone", "meeting", "meeting", "event", "helpdesk", "web-form", "other")
CURRENCIES = ("USD", "USD", "USD", "EUR", "CHF", "GBP", "JPY", "SEK")


# --------------------------------------------------------------------------------------
# Source data
# --------------------------------------------------------------------------------------

def _load(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False).load(path.read_text(encoding="utf-8"))


def _country_names() -> dict[str, str]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - the project depends on it
        return {}
    names = {}
    for country in pycountry.countries:
        name = getattr(country, "common_name", None) or country.name.split(",")[0]
        names[country.alpha_2] = name
    return names


class Source:
    """The copied files, as the generator needs them."""

    def __init__(self) -> None:
        topics = _load(SOURCE_DATA / "topics.yaml")["topics"]
        self.topics = [t["id"] for t in topics]
        regions = _load(SOURCE_DATA / "regions.yaml")["regions"]
        self.regions = [(r["id"], r["name"], list(r["countries"])) for r in regions]
        self.countries = sorted({c for _, _, cs in self.regions for c in cs})
        self.units = {}
        for path in sorted((SOURCE_DATA / "units").glob("*.yaml")):
            unit = _load(path)
            self.units[unit["id"]] = unit
        self.bureau = {u["group"]: u["id"] for u in self.units.values() if u["kind"] == "bureau"}
        self.secretariat = {u["group"]: u["id"] for u in self.units.values() if u["kind"] == "secretariat"}
        self.leads = [u for u in self.units.values() if u["kind"] in LEAD_KINDS]
        # The countries each field or regional office covers (a regional office: its region's).
        region_countries = {region_id: countries for region_id, _, countries in self.regions}
        self.covered = {u["id"]: set(region_countries.get(u.get("region", ""), []) if u["kind"] == "regional-office"
                                     else u.get("countries", [])) for u in self.leads}
        self.policy_departments = [u["id"] for u in self.leads if u["kind"] == "policy-department"]
        # Topics some lead covers: contacts take theirs from these, so a lead always fits.
        self.led_topics = sorted({t for u in self.leads for t in u.get("mandates", [])})
        self.country_names = _country_names()
        self.start = PROCEDURE_START
        self.needs_analysis_days = NEEDS_ANALYSIS_DAYS
        settings = PROJECT / "ilo-engage.toml"
        try:
            import tomllib

            procedure = tomllib.loads(settings.read_text(encoding="utf-8")).get("procedure", {})
            self.start = procedure.get("start", self.start)
            self.needs_analysis_days = procedure.get("needs_analysis_days", self.needs_analysis_days)
        except (OSError, ValueError):
            pass

    def candidates(self, topics: list[str], countries: list[str]) -> list[str]:
        """Leads within their mandate (routing rule R007): a policy department by topic, a field or
        regional office only for a country it covers."""
        return [u["id"] for u in self.leads
                if (set(countries) & self.covered[u["id"]] if u["kind"] in ("field-office", "regional-office")
                    else set(topics) & set(u.get("mandates", [])))]

    def country_name(self, code: str) -> str:
        return self.country_names.get(code, code)

    def unit_word(self, unit_id: str) -> str:
        kind = self.units[unit_id]["kind"]
        return {"policy-department": "department", "field-office": "country office",
                "regional-office": "regional office"}.get(kind, "unit")

    def short(self, unit_id: str) -> str:
        return self.units[unit_id]["short"]


# --------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------

def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


class Generator:
    def __init__(self, source: Source, records: int, seed: int, clean: bool = False) -> None:
        self.src = source
        self.clean = clean
        self.rng = random.Random(seed)
        self.n_enterprises = max(1, round(records * SHARES["enterprise"]))
        self.n_initiatives = max(1, round(records * SHARES["initiative"]))
        self.n_contacts = max(1, records - self.n_enterprises - self.n_initiatives)
        self.taken_ids = set(source.units) | {"progress"}
        self.name_keys: set[str] = set()
        self.enterprises: list[dict] = []
        self.files: list[tuple[str, str]] = []  # (relative path, text)
        self.manifest: dict = {"records": records, "seed": seed, "clean": clean, "routing_breaches": [],
                               "other_errors": []}

    # ---- enterprises ------------------------------------------------------------------

    def _brand(self) -> str:
        rng = self.rng
        brand = rng.choice(BRAND_STARTS) + rng.choice(BRAND_ENDS)
        if rng.random() < 0.3:
            brand += " " + rng.choice(BRAND_SECOND)
        return brand

    def _enterprise_name(self, country: str) -> tuple[str, str, list[str], str]:
        """(name, kind, sectors, sector key)"""
        rng = self.rng
        roll = rng.random()
        sector = rng.choice(SECTORS)
        if roll < 0.70:
            return f"{self._brand()} {sector[2]}", "company", list(sector[1]), sector[0]
        if roll < 0.78:
            crop = rng.choice(CROPS)
            return f"{self._brand()} {crop} Growers' Cooperative", "cooperative", ["agriculture", crop.lower()], "coop"
        if roll < 0.84:
            return f"{self._brand()} {rng.choice(FOUNDATION_WORDS)} Foundation", "foundation", ["philanthropy"], "foundation"
        if roll < 0.88:
            place = self.src.country_name(country)
            return (f"{sector[2]} Employers' Association of {place} ({self._brand()})", "employers-organization",
                    list(sector[1]), sector[0])
        if roll < 0.96:
            word, sectors = rng.choice(FINANCE)
            return f"{self._brand()} {word}", "financial-institution", list(sectors), "finance"
        word, sectors = rng.choice(OTHER_WORDS)
        return f"{self._brand()} {word}", "other", list(sectors), "other"

    def enterprise(self) -> dict:
        rng, src = self.rng, self.src
        country = rng.choice(src.countries)
        for attempt in range(200):  # names unique once case, accents and legal forms are set aside
            name, kind, sectors, sector_key = self._enterprise_name(country)
            if attempt > 50:
                name = f"{name} {rng.choice(BRAND_SECOND)} {attempt}"
            record_id = slug(name, 48)  # contact ids add 16 characters: ids stay within 64
            if normalise(name) not in self.name_keys and record_id not in self.taken_ids:
                break
        else:  # pragma: no cover
            raise RuntimeError("could not find a unique enterprise name")
        self.name_keys.add(normalise(name))
        self.taken_ids.add(record_id)
        if kind == "company" and rng.random() < 0.4:
            extra = rng.choice(SECTORS)[1][0]
            if extra not in sectors:
                sectors.append(extra)
        size = rng.choice(("sme", "large", "large", None)) if kind in ("company", "financial-institution") else \
            rng.choice(("sme", "sme", "large", None))
        multinational = None
        if rng.random() < 0.8:
            multinational = size == "large" and rng.random() < 0.8
        identifiers = {}
        if rng.random() < 0.6:
            identifiers["website"] = f"https://www.{record_id}.example.{rng.choice(('com', 'org', 'net'))}"
        if rng.random() < 0.2:
            identifiers["lei"] = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(18)) + \
                f"{rng.randrange(100):02d}"
        if rng.random() < 0.05:
            identifiers["wikidata"] = f"Q{rng.randrange(10_000, 99_999_999)}"
        identifiers = {k: identifiers[k] for k in ("lei", "website", "wikidata") if k in identifiers}  # model order
        aliases = []
        if rng.random() < 0.35:
            for _ in range(rng.choice((1, 1, 2))):
                alias = f"{name} {rng.choice(LEGAL_FORMS)}"  # the same name once legal forms are set aside
                if alias not in aliases:
                    aliases.append(alias)
        if rng.random() < 0.3:  # initials, when no other enterprise goes by them
            initials = "".join(word[0] for word in re.findall(r"[A-Za-z]+", name) if word[0].isupper())
            if len(initials) >= 3 and normalise(initials) not in self.name_keys:
                self.name_keys.add(normalise(initials))
                aliases.append(initials)
        countries_text = self._operations_text(country, multinational)
        notes = None
        if rng.random() < 0.95:
            notes = (f"Generated benchmark record; not a real enterprise. {self._kind_phrase(kind).capitalize()} "
                     f"working in {', '.join(sectors)}{countries_text}.")
            if rng.random() < 0.85:
                workers = rng.choice((40, 120, 350, 900, 2500, 8000, 30000, 120000))
                notes += rng.choice((f" It employs about {workers:,} workers.",
                                     f" It reports about {workers:,} employees and a network of small suppliers.",
                                     f" About {workers:,} people work for it, many of them on temporary contracts."))
            if rng.random() < 0.8:
                notes += rng.choice((" Its management has taken part in ILO training before.",
                                     " It is a member of the national employers' organization.",
                                     " Its workers are represented by a union affiliated to a global federation.",
                                     " It buys from several hundred small suppliers."))
            if rng.random() < 0.7:
                notes += (f" First recorded by {rng.choice(('ACT/EMP', 'ACTRAV', 'a field office'))} in "
                          f"{rng.randrange(2012, 2025)}.")
        record = {
            "id": record_id, "name": name, "kind": kind, "country": country, "sectors": sectors, "size": size,
            "multinational": multinational, "identifiers": identifiers or None, "aliases": aliases,
            "visibility": rng.choices(("internal", "public", "confidential"), (80, 15, 5))[0],
            "sources": [f"ACT/EMP register, {rng.randrange(2014, 2025)}"] if rng.random() < 0.5 else [],
            "notes": notes,
        }
        comment = None
        if rng.random() < 0.12:
            comment = rng.choice((
                f"Imported from the ACT/EMP register spreadsheet of {rng.randrange(2014, 2025)}.",
                "Website and country checked against the enterprise's own publications.",
                f"Merged with a duplicate record on {_day_between(rng, date(2015, 1, 1), LAST_DAY).isoformat()}.",
                "Name as the enterprise spells it in its letters to the Office.",
            ))
        self.enterprises.append({**record, "_sector": sector_key, "_topics": self._sector_topics(sector_key)})
        self._write(f"data/registers/enterprises/{record_id}.yaml", record, comment)
        return record

    def _sector_topics(self, key: str) -> list[str]:
        for sector in SECTORS:
            if sector[0] == key:
                return [t for t in sector[3] if t in self.src.led_topics]
        return {"coop": ["cooperatives", "smes"], "foundation": ["youth-employment", "skills", "social-protection"],
                "finance": ["social-finance", "smes"], "other": ["training", "labour-standards"]}.get(key, [])

    def _operations_text(self, country: str, multinational: bool | None) -> str:
        where = self.src.country_name(country)
        if multinational:
            return f", headquartered in {where} with operations in several countries"
        return f" in {where}"

    @staticmethod
    def _kind_phrase(kind: str) -> str:
        return {"company": "a company", "cooperative": "a cooperative", "foundation": "a corporate foundation",
                "employers-organization": "an employers' organization", "financial-institution": "a financial institution",
                "other": "an organization"}[kind]

    @staticmethod
    def _kind_word(kind: str) -> str:
        return {"company": "company", "cooperative": "cooperative", "foundation": "foundation",
                "employers-organization": "association", "financial-institution": "institution",
                "other": "organization"}[kind]

    # ---- contacts ---------------------------------------------------------------------

    def _pick_enterprise(self) -> dict:
        # Skewed: a few enterprises have many contacts, most have one or two.
        return self.enterprises[int(len(self.enterprises) * self.rng.random() ** 2)]

    def _contact_id(self, day: str, enterprise: str) -> str:
        while True:
            candidate = f"{day}-{enterprise}-{''.join(self.rng.choice(BASE32) for _ in range(4))}"
            if candidate not in self.taken_ids:
                self.taken_ids.add(candidate)
                return candidate

    def _person(self) -> dict:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        ascii_first = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode().lower()
        person = {"name": f"{first} {last}", "role": rng.choice(ROLES) if rng.random() < 0.9 else None}
        if rng.random() < 0.85:
            person["email"] = f"{ascii_first}.{last.lower()}@example.{rng.choice(('com', 'org', 'net'))}"
        if rng.random() < 0.7:
            person["phone"] = Quoted(f"+{rng.randrange(1, 999)} {rng.randrange(10, 99)} {rng.randrange(100, 999)} "
                                     f"{rng.randrange(1000, 9999)}")
        return person

    def _subject(self, initiated_by: str, topic: str, sector: str, country: str) -> str:
        t, place = TOPIC_PHRASES.get(topic, topic.replace("-", " ")), self.src.country_name(country)
        if initiated_by == "workers-organization":
            forms = (f"Concerns about {t} at sites in {place}",
                     f"Request for dialogue with management on {t} in {place}",
                     f"Complaint about {t} in a {sector} supply chain",
                     f"Support to raise {t} with the company's management")
        elif initiated_by == "ilo-unit":
            forms = (f"Invitation to share practices on {t}",
                     f"Dialogue on {t} with an enterprise in {place}",
                     f"Cooperation on {t} with local suppliers in {place}",
                     f"Pilot of an ILO tool on {t} in {sector}")
        else:
            forms = (f"Advice on {t} in its {sector} operations",
                     f"Request for training on {t} for its suppliers in {place}",
                     f"Support with {t} at its sites in {place}",
                     f"How international labour standards on {t} apply to its business",
                     f"Due diligence on {t} in its {sector} supply chain",
                     f"Request to join an ILO initiative on {t}")
        return self.rng.choice(forms)

    def _needs_summary(self, kind_word: str, topics: list[str], place: str) -> str:
        rng = self.rng
        t = TOPIC_PHRASES.get(topics[0], topics[0])
        goal = rng.choice((
            f"wants to improve its practice on {t} in {place}",
            f"asks how to set up a policy on {t} for the suppliers it buys from in {place}",
            f"would like its managers and supervisors in {place} trained on {t}",
            f"seeks to understand what international labour standards say about {t} and how they apply in {place}",
            f"reports difficulties with {t} at its operations in {place} and asks for practical support",
        ))
        ask = rng.choice(("tools and training", "written advice", "a meeting with the relevant department",
                          "support from the country office", "a training package it could offer its suppliers",
                          "guidance material and a contact person at the Office"))
        text = f"The {kind_word} {goal}, and asks the Office for {ask}."
        if len(topics) > 1:
            text += f" The request also touches on {TOPIC_PHRASES.get(topics[1], topics[1])}."
        text += rng.choice((f" An existing ILO programme on {t} may fit.",
                            " It seeks technical cooperation rather than an endorsement.",
                            f" The {kind_word} is ready to share the costs of a first activity.",
                            f" Workers' representatives at the {kind_word} support the request."))
        if rng.random() < 0.8:
            text += rng.choice((f" The bureau suggests a first meeting with the {kind_word}'s management to agree the scope.",
                                " No conflict with the Office's policy on partnerships was found.",
                                f" The {kind_word} has not worked with the Office before.",
                                f" A similar request from the {kind_word} was answered in an earlier year."))
        return text

    def _follow_up_summary(self, lead: str, topic: str, kind_word: str, place: str) -> str:
        who, t = f"The {self.src.unit_word(lead)}", TOPIC_PHRASES.get(topic, topic)
        return self._one_of((
            f"{who} held a first workshop on {t} for the {kind_word}'s managers and workers' representatives.",
            f"{who} shared its guidance on {t} and agreed a training session for the {kind_word}'s staff.",
            f"{who} reported on a visit to the {kind_word}'s sites in {place} and agreed the next steps.",
            f"{who} sent written advice on {t} and answered the {kind_word}'s follow-up questions.",
            f"{who} and the {kind_word} agreed a work plan on {t}, with a review after six months.",
        )) + self.rng.choice((
            " The bureau was kept informed.",
            f" Another meeting is planned with the {kind_word}'s management.",
            " Both sides found the exchange useful.",
            f" The {kind_word} asked for material in its own language.",
        )) + self.rng.choice((
            "",
            f" A short report on the activity was shared with the {kind_word}.",
            f" The {kind_word}'s suppliers in {place} will be invited to the next session.",
            " Workers' representatives took part in the discussion.",
        ))

    def _one_of(self, choices: tuple[str, ...]) -> str:
        return self.rng.choice(choices)

    def _outcome(self, status: str, kind_word: str, topic: str, place: str) -> str:
        t = TOPIC_PHRASES.get(topic, topic)
        if status == "declined":
            return self.rng.choice((
                f"The Office declined, as it does not endorse commercial products, and told the {kind_word} about its work on {t}.",
                f"The {kind_word} withdrew its request after the needs analysis.",
                f"The request fell outside the Office's mandate; the {kind_word} was pointed to public ILO tools on {t}.",
            ))
        return self.rng.choice((
            f"The {kind_word} adopted a policy on {t} after training by the Office.",
            f"The {kind_word} received the Office's guidance on {t} and closed the request.",
            f"The {kind_word} and the Office agreed a plan on {t} for its operations in {place}, now carried out by the {kind_word}.",
            f"A training on {t} took place for the {kind_word}'s staff and suppliers in {place}.",
        ))

    def contact(self, breach: bool = False, error: str | None = None) -> dict:
        """A contact that follows the procedure; with `breach`, one that breaks one routing rule
        that applies to it; with `error`, one carrying another planted error."""
        rng, src = self.rng, self.src
        planted = breach or error is not None
        ent = self._pick_enterprise()
        enterprise_id = ent["id"]
        # A planted problem goes in a contact the procedure applies to, past `received`.
        day = _day_between(rng, src.start if planted else FIRST_DAY, LAST_DAY)
        initiated_by = rng.choices(("management", "workers-organization", "ilo-unit"), (55, 25, 20))[0]
        counterpart = rng.choice(("management", "management", "workers-organization")) if initiated_by == "ilo-unit" else None
        group = {"management": "employers", "workers-organization": "workers"}[counterpart or initiated_by]
        other_group = "workers" if group == "employers" else "employers"
        entry, other, secretariat = src.bureau[group], src.bureau[other_group], src.secretariat[group]
        kind_word = self._kind_word(ent["kind"])

        topics_pool = ent["_topics"] or src.led_topics
        topics = rng.sample(topics_pool, min(len(topics_pool), rng.choice((1, 1, 2, 2, 3))))
        if rng.random() < 0.15:
            extra = rng.choice(src.led_topics)
            if extra not in topics:
                topics.append(extra)
        countries = [ent["country"]] if rng.random() < 0.8 else []
        if rng.random() < 0.25:
            extra_country = rng.choice(src.countries)
            if extra_country not in countries:
                countries.append(extra_country)
        place = src.country_name((countries or [ent["country"]])[0])
        sector_words = ent["sectors"][0]

        status = rng.choices(("received", "analysed", "referred", "in-progress", "closed", "declined"),
                             (0 if planted else 6, 8, 12, 22, 42, 10))[0]
        exempt = day < src.start
        workers_org = None
        if group == "workers" or initiated_by == "workers-organization":
            workers_org = f"{rng.choice(BRAND_STARTS)}{rng.choice(BRAND_ENDS)} {rng.choice(UNION_WORDS)}"

        initiating_unit = None
        if initiated_by == "ilo-unit":
            initiating_unit = rng.choice([u["id"] for u in src.leads] + ["itc", "pardev"])

        # Steps, each dated on or after the contact.
        shared = []
        if status != "received" or rng.random() < 0.5:
            share_day = day + timedelta(days=rng.randrange(0, 6))
            shared = [{"with": other, "date": share_day}, {"with": secretariat, "date": share_day}]
        needs = None
        enterprise_initiated = initiated_by != "ilo-unit"
        if enterprise_initiated and status != "received":
            needs = {"by": entry, "date": day + timedelta(days=rng.randrange(1, src.needs_analysis_days + 1)),
                     "summary": self._needs_summary(kind_word, topics, place)}
        lead, referred = None, []
        candidates = src.candidates(topics, countries)
        if status in ("referred", "in-progress", "closed"):
            if initiated_by == "ilo-unit" and initiating_unit in candidates and rng.random() < 0.6:
                lead = initiating_unit
            else:
                lead = rng.choice(candidates)
            if enterprise_initiated:
                referred = [lead]
                if rng.random() < 0.3:
                    second = rng.choice(candidates)
                    if second != lead:
                        referred.append(second)
        consultations = []
        if initiated_by == "ilo-unit":
            consultations = [{"with": entry, "date": day + timedelta(days=rng.randrange(0, 8)),
                              "summary": rng.choice((
                                  f"{src.short(entry)} agreed to the approach and asked that the national "
                                  f"{'employers' if group == 'employers' else 'workers'}' organization be associated.",
                                  f"{src.short(entry)} agreed that the {src.unit_word(initiating_unit)} contact the "
                                  f"{'management' if counterpart == 'management' else 'union'} and asked to be "
                                  "kept informed of the next steps.",
                                  f"{src.short(entry)} shared its earlier contacts with the enterprise and "
                                  "suggested whom to approach first.",
                                  None))}]
        if enterprise_initiated and lead and rng.random() < 0.4:  # the lead consults the entry bureau (para 3(c))
            consultations = [{"with": entry, "date": needs["date"] + timedelta(days=rng.randrange(1, 20)),
                              "summary": rng.choice((
                                  f"The {src.unit_word(lead)} and {src.short(entry)} agreed how to answer the "
                                  f"{kind_word} and who would attend the first meeting.",
                                  f"{src.short(entry)} briefed the {src.unit_word(lead)} on the {kind_word} and on "
                                  "earlier contacts with it.",
                              ))}]
        follow_ups = []
        if status in ("in-progress", "closed"):
            step_day = (needs["date"] if needs else day) + timedelta(days=rng.randrange(10, 120))
            for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
                follow_ups.append({"by": lead, "with": entry, "date": step_day,
                                   "summary": self._follow_up_summary(lead, topics[0], kind_word, place)})
                step_day += timedelta(days=rng.randrange(20, 150))
        outcome = None
        if status in ("closed", "declined"):
            outcome = self._outcome(status, kind_word, topics[0], place)
            if rng.random() < 0.8:
                outcome += rng.choice((" The register was updated accordingly.",
                                       f" The {kind_word} may come back to the Office later.",
                                       " Both bureaux were informed of the result."))

        if exempt:  # before the procedure: fewer steps recorded, as in the bundled example
            shared, needs, follow_ups, consultations = [], None, [], []
            referred = []
        # Every step dated: the referral after the needs analysis (before the first follow-up, which
        # comes 10 days or more after it), the closing after the last step.
        referral = None
        if referred:
            referral = {"to": referred, "date": (needs["date"] if needs else day) + timedelta(days=rng.randrange(0, 10))}
        closed_on = None
        if status in ("closed", "declined"):
            steps = [day, *(s["date"] for s in shared), *(c["date"] for c in consultations),
                     *(f["date"] for f in follow_ups), *([needs["date"]] if needs else []),
                     *([referral["date"]] if referral else [])]
            closed_on = max(steps) + timedelta(days=rng.randrange(1, 30))
        persons = [self._person() for _ in range(rng.choice((0, 1, 1, 2, 2, 2, 3, 3)))]
        notes = None
        if exempt:
            notes = (f"Generated benchmark record. Dated before {src.start.isoformat()}, when the procedure took "
                     "effect: exempt from its steps.")
        elif rng.random() < 0.75:
            notes = "Generated benchmark record; not a real enterprise." + rng.choice((
                f" The contact came through {rng.choice(('a national employers organization', 'a global union federation', 'the ILO website', 'a field office'))}.",
                f" The {kind_word} was met at an event in {place}.",
                f" The {kind_word} asked that the contact stay confidential.",
                f" The officer in charge changed during the year; see the earlier contacts with the {kind_word}.",
                f" The {kind_word}'s letter and the bureau's reply are filed with the register.",
            ))

        record = {
            "id": self._contact_id(day.isoformat(), enterprise_id), "date": day, "enterprise": enterprise_id,
            "initiated_by": initiated_by, "initiating_unit": initiating_unit, "counterpart": counterpart,
            "workers_organization": workers_org, "channel": rng.choice(CHANNELS) if rng.random() < 0.9 else None,
            "subject": self._subject(initiated_by, topics[0], sector_words, (countries or [ent["country"]])[0]),
            "topics": topics, "countries": countries, "entry_point": entry, "shared_with": shared,
            "needs_analysis": needs, "referral": referral, "technical_lead": lead,
            "consultations": consultations, "follow_ups": follow_ups, "status": status, "outcome": outcome, "closed_on": closed_on,
            "persons": persons, "visibility": rng.choices(("internal", "confidential", "public"), (85, 10, 5))[0],
            "sources": [f"{src.short(entry)} register, entry {day.year}/{rng.randrange(1, 2000):04d}"]
            if rng.random() < 0.5 else [],
            "notes": notes,
        }
        relpath = lambda r: f"data/registers/contacts/{r['id']}.yaml"  # noqa: E731
        # The random draws are the same with --clean, so the rest of the dataset is too.
        if breach:
            code = rng.choice(self._breaches_for(record))
            if not self.clean:
                record = self._break(record, code)
                self.manifest["routing_breaches"].append({"file": relpath(record), "code": code})
        if error:
            planted = self._plant_error(record, error)
            if not self.clean:
                record = planted
                self.manifest["other_errors"].append({"file": relpath(record), "error": error})
        self._write(relpath(record), record)
        return record

    # Routing rules a contact can be made to break, and when it can (status, who made it).
    def _breaches_for(self, record: dict) -> list[str]:
        status, by = record["status"], record["initiated_by"]
        found = ["R001"]
        if status != "received":
            found.append("R002")
        if by != "ilo-unit" and status != "received":
            found.append("R004")
        if by != "ilo-unit" and status in ("referred", "in-progress", "closed"):
            found.append("R005")
        if by == "ilo-unit":
            found.append("R006")
        if status in ("in-progress", "closed"):
            found.append("R008")
        if record["technical_lead"] and self._unfitting_lead(record):
            found.append("R007")
        return found

    def _unfitting_lead(self, record: dict) -> str | None:
        fitting = set(self.src.candidates(record["topics"], record["countries"]))
        others = sorted(u["id"] for u in self.src.leads if u["id"] not in fitting)
        return others[0] if others else None

    def _break(self, record: dict, code: str) -> dict:
        record = dict(record)
        if code == "R001":  # the entry point is the other bureau
            bureaux = sorted(self.src.bureau.values())
            record["entry_point"] = next(b for b in bureaux if b != record["entry_point"])
        elif code == "R002":  # not shared with the other bureau
            record["shared_with"] = [s for s in record["shared_with"] if s["with"] not in self.src.bureau.values()]
        elif code == "R004":  # needs analysis missing
            record["needs_analysis"] = None
        elif code == "R005":  # referral missing
            record["referral"] = None
        elif code == "R006":  # bureau not consulted
            record["consultations"] = []
        elif code == "R007":  # lead outside its mandate
            lead = self._unfitting_lead(record)
            record["technical_lead"] = lead
            if record["referral"]:
                record["referral"] = {**record["referral"], "to": [lead]}
            record["follow_ups"] = [{**f, "by": lead} for f in record["follow_ups"]]
        elif code == "R008":  # no follow-up
            record["follow_ups"] = []
        return record

    def _plant_error(self, record: dict, error: str) -> dict:
        record = dict(record)
        if error == "unknown-unit":  # D003, with a "did you mean" hint
            record["shared_with"] = [{**s, "with": s["with"].replace("secretariat", "secretariet")}
                                     for s in record["shared_with"]]
        elif error == "unknown-enterprise":  # D003
            record["enterprise"] = "unregistered-trading-company"
            record["id"] = self._contact_id(record["date"].isoformat(), record["enterprise"])
        elif error == "bad-date":  # S003: not a day of the calendar
            record["date"] = Raw(f"{record['date'].year}-02-30")
            record["id"] = self._contact_id(record["date"], record["enterprise"])
        return record

    # ---- initiatives ------------------------------------------------------------------

    def _unique_id(self, name: str) -> str:
        base = slug(name, 58)
        candidate, n = base, 2
        while candidate in self.taken_ids:
            candidate, n = f"{base}-{n}", n + 1
        self.taken_ids.add(candidate)
        return candidate

    def initiative(self, kind: str, folder: str, error: str | None = None) -> dict:
        rng, src = self.rng, self.src
        topics = rng.sample(src.led_topics, rng.choice((1, 2, 2, 3)))
        _region_id, region_name, region_countries = rng.choice(src.regions)
        countries = sorted(rng.sample(region_countries, min(len(region_countries), rng.choice((0, 1, 1, 2, 3, 5)))))
        t = TOPIC_PHRASES.get(topics[0], topics[0])
        sector = rng.choice(SECTORS)
        place = src.country_name(countries[0]) if countries else region_name
        if kind == "network":
            name = rng.choice((f"{sector[2]} Business Network on {t.capitalize()}",
                               f"{self._brand()} Learning Network on {t}",
                               f"{region_name} Business Network on {t}"))
        elif kind == "partnership":
            name = rng.choice((f"Partnership on {t} in {place}", f"{self._brand()} partnership on {t}",
                               f"Public–private partnership on {t} in the {sector[1][0]} sector"))
        else:
            name = rng.choice((f"{t.capitalize()} programme for {sector[1][0]} enterprises in {place}",
                               f"{self._brand()} project on {t} in {place}",
                               f"Training on {t} for enterprises in {place}"))
        record_id = self._unique_id(name)
        status = rng.choices(("feasibility", "planned", "active", "closed"), (10, 10, 60, 20))[0]
        started_year = rng.randrange(2008, 2024)
        started = rng.choice((started_year, f"{started_year}-{rng.randrange(1, 13):02d}"))
        ended = None
        if status == "closed":
            ended = rng.choice((started_year + rng.randrange(1, 5), f"{started_year + rng.randrange(1, 5)}-{rng.randrange(1, 13):02d}"))
        if status in ("feasibility", "planned"):
            started = None
        leads = sorted(set(src.candidates(topics, countries)))
        lead_units = rng.sample(leads, min(len(leads), rng.choice((1, 1, 2))))
        roster = []
        used = set()
        for _ in range(rng.choice((0, 1, 2, 3, 4, 6, 8, 10))):
            if rng.random() < 0.75:
                ent = self._pick_enterprise()["id"]
                if ent in used:
                    continue
                used.add(ent)
                roster.append({"enterprise": ent, "role": rng.choice(ROLES_IN_INITIATIVE)})
            else:
                org = rng.choice(ORGANIZATIONS)
                if org in used:
                    continue
                used.add(org)
                roster.append({"organization": org, "role": rng.choice(ROLES_IN_INITIATIVE)})
        funding = None
        if rng.random() < 0.4:
            funding = {"amount": Decimal(rng.randrange(50, 50_000) * 1000), "currency": rng.choice(CURRENCIES)}
        figures = []
        source_ref = f"GB.{rng.randrange(320, 350)}/INS/{rng.randrange(2, 9)} para {rng.randrange(4, 30)}"
        for _ in range(rng.choice((0, 1, 2, 2, 3, 4))):
            label, unit = rng.choice((("member companies", "companies"), ("enterprises assisted", "enterprises"),
                                      ("workers reached", "workers"), ("participants trained", "participants"),
                                      ("share of women among participants", "per cent"),
                                      ("funds mobilized", "US$ million")))
            tenths = rng.randrange(1, 1000)
            value = Decimal(f"{tenths // 10}.{tenths % 10}") if unit in ("per cent", "US$ million") \
                else Decimal(rng.randrange(5, 250_000))
            figures.append({"label": label, "value": value, "unit": unit,
                            "qualifier": rng.choice((None, None, "about", "around", "more than", "over")),
                            "as_of": rng.choice((rng.randrange(2012, 2025), f"{rng.randrange(2012, 2025)}-{rng.randrange(1, 13):02d}")),
                            "source": source_ref})
        summary = self._initiative_summary(kind, name, topics, region_name, place, roster, figures)
        record = {
            "id": record_id, "name": name, "kind": kind, "component": rng.choices(("A", "B", "C"), (60, 25, 15))[0],
            "lead_units": lead_units, "members" if kind == "network" else "partners": roster, "status": status,
            "started": started, "ended": ended, "countries": countries, "topics": topics, "funding": funding,
            "figures": figures, "summary": summary,
            # As the bundled initiatives say: English only, the other declared languages to come.
            "translations": {"fr": "incomplete", "es": "incomplete"},
            "visibility": rng.choices(("public", "internal", "confidential"), (60, 35, 5))[0],
            "sources": [source_ref] if rng.random() < 0.6 else [],
            "notes": "Generated benchmark record; the initiative and its figures are fictional." if rng.random() < 0.5 else None,
        }
        comment = None
        if self.clean:
            error = None
        if error == "unknown-topic":  # D003, with a "did you mean" hint
            record["topics"] = [topics[0].replace("our", "or") if "our" in topics[0] else topics[0] + "s", *topics[1:]]
        elif error == "unknown-member":  # D003
            record["members" if kind == "network" else "partners"] = [
                *roster, {"enterprise": "unregistered-enterprise-ltd", "role": "member"}]
        if rng.random() < 0.1:
            comment = "Figures as reported by the lead unit; the summary restates the progress report."
        self._write(f"{folder}/{record_id}.yaml", record, comment)
        return record

    def _initiative_summary(self, kind: str, name: str, topics: list[str], region: str, place: str,
                            roster: list[dict], figures: list[dict]) -> str:
        rng = self.rng
        t = TOPIC_PHRASES.get(topics[0], topics[0])
        what = {"network": "business network", "partnership": "public–private partnership", "programme": "programme"}[kind]
        sentences = [
            rng.choice((f"The {name} is a {what} that helps enterprises address {t} in their operations and supply chains.",
                        f"Through the {name}, the ILO works with enterprises on {t} in {place}.",
                        f"The {name} brings together enterprises, employers' and workers' organizations to work on {t}.")),
            rng.choice((f"It offers training, peer learning and practical tools adapted to {region}.",
                        "Its members exchange good practices and take part in research led by the Office.",
                        f"Activities in {place} combine advice to management with training for workers' representatives.",
                        "It builds on ILO standards and the MNE Declaration to guide the enterprises taking part.")),
        ]
        if len(topics) > 1:
            sentences.append(f"It also covers {', '.join(TOPIC_PHRASES.get(x, x) for x in topics[1:])}.")
        sentences.append(rng.choice((
            f"Enterprises taking part commit to an action plan on {t} and report on it every year.",
            f"Its work in {place} is carried out with the national employers' and workers' organizations.",
            "Participants have access to an online platform, webinars and a helpdesk run by the Office.",
            "A steering committee with representatives of the enterprises and the ILO meets twice a year.",
        )))
        sentences.append(rng.choice((
            f"The Office provides technical advice on {t}, based on the relevant international labour standards.",
            "The lead unit coordinates with ACT/EMP and ACTRAV so that employers and workers are both involved.",
            f"Field offices in {region} support the enterprises taking part in their countries.",
        )))
        if rng.random() < 0.95:
            sentences.append(rng.choice((
                f"Since it started, guidance notes on {t} have been published and translated into several languages.",
                "A mid-term review found that most participating enterprises had changed at least one practice.",
                f"Training sessions in {place} reached managers, supervisors and workers' representatives alike.",
                "The initiative is funded by voluntary contributions and by fees from the larger enterprises.",
            )))
        if roster:
            noun = "members" if kind == "network" else "partners"
            sentences.append(f"It counts {len(roster)} {noun if len(roster) > 1 else noun[:-1]} on record.")
        if figures:
            sentences.append(rng.choice(("The figures below are those the lead unit reported for the period.",
                                         "Results are monitored by the lead unit and reported to the Governing Body.")))
            # Figures are stated by placeholder, as the data contract asks: {key} is the label as a slug.
            labels = list(dict.fromkeys(f["label"] for f in figures))
            sentences.append("Reported: " + "; ".join(
                "{" + "-".join(re.findall(r"[a-z0-9]+", label)) + "} " + label for label in labels) + ".")
        sentences.append(rng.choice((
            "An evaluation is planned at the end of the current phase.",
            "The Office intends to extend the approach to other sectors and countries.",
            "Lessons learned feed into the Office's guidance for enterprises.",
            "",
        )))
        return " ".join(s for s in sentences if s)

    # ---- the report text -------------------------------------------------------------

    def report_text(self, initiatives: list[dict]) -> str:
        """The bundled report text, its body keeping the headings and the paragraphs of its own
        that state no figure, and placing none or a few of the generated initiatives under each
        strategic component (the bundled initiatives are not copied)."""
        text = (SOURCE_DATA / "reports" / "progress.yaml").read_text(encoding="utf-8")
        body = _load(SOURCE_DATA / "reports" / "progress.yaml")["body"]
        by_component: dict[str, list[str]] = {}
        for record in initiatives:
            by_component.setdefault(record["component"], []).append(record["id"])
        lines = ["body:"]
        for block in body:
            if "heading" in block:
                lines.extend(_string_lines("  - heading: ", block["heading"], 4))
                if block.get("level", 2) != 2:
                    lines.append(f"    level: {block['level']}")
                component = block["heading"][:1] if block["heading"][1:3] == ". " else None
                pool = by_component.get(component or "", [])
                for _ in range(self.rng.choice((0, 1, 2, 3))):
                    if pool:
                        lines.append("  - initiatives:")
                        lines.append(f"      - {pool.pop(self.rng.randrange(len(pool)))}")
            elif "assessment" in block:
                lines.extend(_string_lines("  - assessment: ", block["assessment"], 4))
            elif not block.get("initiatives") and "{" not in block.get("text", "{"):
                lines.extend(_string_lines("  - text: ", block["text"], 6))
        block_text = "\n".join(lines) + "\n"
        match = re.search(r"(?ms)^body:\n.*?(?=^\S)", text)
        if not match:
            raise RuntimeError("data/reports/progress.yaml has no `body:` block to rewrite")
        return text[:match.start()] + block_text + text[match.end():]

    # ---- output ----------------------------------------------------------------------

    def _write(self, relpath: str, record: dict, comment: str | None = None) -> None:
        self.files.append((relpath, record_text(record, comment)))

    def generate(self) -> None:
        rng = self.rng
        for _ in range(self.n_enterprises):
            self.enterprise()

        # Which contacts break a routing rule (about 1%), and which carry another error.
        n_breaches = max(1, round(self.n_contacts * 0.01))
        positions = list(range(self.n_contacts))
        breach_at = set(rng.sample(positions, min(n_breaches, len(positions))))
        free = [p for p in positions if p not in breach_at]
        error_at = dict(zip(rng.sample(free, min(3, len(free))), ("unknown-unit", "unknown-enterprise", "bad-date"), strict=False))
        for i in range(self.n_contacts):
            self.contact(breach=i in breach_at, error=error_at.get(i))
        initiatives = []
        plan = []
        for kind, folder, share in INITIATIVE_KINDS:
            plan += [(kind, folder)] * round(self.n_initiatives * share)
        while len(plan) < self.n_initiatives:
            plan.append(INITIATIVE_KINDS[-1][:2])
        plan = plan[:self.n_initiatives]
        rng.shuffle(plan)
        errors = {0: "unknown-topic", 1: "unknown-member"} if len(plan) >= 2 else {}
        for i, (kind, folder) in enumerate(plan):
            error = errors.get(i)
            record = self.initiative(kind, folder, error)
            initiatives.append(record)
            if error and not self.clean:
                self.manifest["other_errors"].append({"file": f"{folder}/{record['id']}.yaml", "error": error})
        # One enterprise with a country code that is not ISO 3166-1 (S003).
        bad = self.enterprises[len(self.enterprises) // 2]
        relpath = f"data/registers/enterprises/{bad['id']}.yaml"
        for index, (path, text) in enumerate(self.files):
            if path == relpath and not self.clean:
                self.files[index] = (path, re.sub(r"(?m)^country: .*$", "country: UK", text, count=1))
                self.manifest["other_errors"].append({"file": relpath, "error": "bad-country"})
        self.report = self.report_text(initiatives)


def write_dataset(out: Path, records: int, seed: int, clean: bool = False, git: bool = True) -> dict:
    source = Source()
    generator = Generator(source, records, seed, clean)
    generator.generate()
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} exists and is not empty: choose a new folder")
    (out / "data").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROJECT / "ilo-engage.toml", out / "ilo-engage.toml")
    for name in ("topics.yaml", "regions.yaml"):
        shutil.copyfile(SOURCE_DATA / name, out / "data" / name)
    shutil.copytree(SOURCE_DATA / "units", out / "data" / "units")
    (out / "data" / "reports").mkdir(parents=True, exist_ok=True)
    (out / "data" / "reports" / "progress.yaml").write_text(generator.report, encoding="utf-8", newline="\n")
    folders = set()
    total = 0
    for relpath, text in generator.files:
        path = out / relpath
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        data = text.encode("utf-8")
        total += len(data)
        path.write_bytes(data)
    counts: dict[str, int] = {}
    for relpath, _ in generator.files:
        folder = relpath.rsplit("/", 1)[0]
        counts[folder] = counts.get(folder, 0) + 1
    manifest = generator.manifest
    manifest.update({
        "files_generated": len(generator.files),
        "bytes_generated": total,
        "mean_bytes_per_record": round(total / max(1, len(generator.files)), 1),
        "by_folder": dict(sorted(counts.items())),
        # Handy for benchmarks: a registered enterprise, a topic and a country that exist.
        "sample": {"enterprise": generator.enterprises[0]["id"], "topic": generator.enterprises[0]["_topics"][0]
                   if generator.enterprises[0]["_topics"] else source.led_topics[0],
                   "country": generator.enterprises[0]["country"],
                   "contact": next(p for p, _ in generator.files if p.startswith("data/registers/contacts/")
                                   and not any(p == e["file"] for e in manifest["other_errors"] + manifest["routing_breaches"]))},
    })
    (out / "bench-manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if git:
        commit_dataset(out)
    return manifest


def commit_dataset(out: Path) -> None:
    """Make the dataset a git work tree with everything committed, as a real one is (the tool then
    asks git which files changed). Author and dates are fixed, so the commit is reproducible."""
    (out / ".gitignore").write_text(".ilo-engage-cache/\nbench-restore.json\n", encoding="utf-8")
    when = "2026-01-01T00:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": "Benchmark", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "Benchmark", "GIT_COMMITTER_EMAIL": "bench@example.org",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-gpg-sign", "-m", "Generated dataset"]):
        subprocess.run(["git", "-C", str(out), *command], check=True, env=env, stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="folder to create (must be new or empty)")
    parser.add_argument("--records", type=int, required=True, metavar="N", help="number of record files to generate")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.add_argument("--no-git", dest="git", action="store_false",
                        help="leave the dataset out of git (by default it is a git work tree with everything "
                             "committed, as a real dataset is)")
    parser.add_argument("--clean", action="store_true",
                        help="write the planted problems' files correctly: the same dataset without errors "
                             "(reports refuse to render data with errors)")
    args = parser.parse_args(argv)
    if args.records < 10:
        parser.error("--records must be at least 10")
    manifest = write_dataset(args.out, args.records, args.seed, args.clean, args.git)
    breaches: dict[str, int] = {}
    for item in manifest["routing_breaches"]:
        breaches[item["code"]] = breaches.get(item["code"], 0) + 1
    print(f"{args.out}: {manifest['files_generated']} records, {manifest['bytes_generated'] / 1e6:.1f} MB "
          f"({manifest['mean_bytes_per_record']:.0f} bytes each); routing breaches "
          f"{', '.join(f'{k}×{v}' for k, v in sorted(breaches.items()))}; "
          f"{len(manifest['other_errors'])} other errors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
