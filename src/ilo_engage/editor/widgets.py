"""The editor's form fields, made from the models' JSON Schemas: one Decap CMS field per field of a record.

Each field's widget follows its type in the schema (a choice for an enumeration, a date for a date,
a list of objects for a list of parts), its help text is the model's description, and it is required
as in the model. A text readers see (a text, or a text per language) is the `translated` widget of
admin/editor.js: one input per language the dataset declares, saved as a plain string while only the
first is given and as a `{en: …, fr: …}` mapping otherwise. Fields a form does not offer (a record's
`translations`, what only a command writes) are hidden fields: a saved record keeps them, and
its keys stay in the canonical order. The models do not say which ids refer to which kind of record (`Record.references`
computes that from values), so `REFERENCES` says it per field; a test holds it equal to what
`references()` yields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.common import Part

# (model, field as YAML spells it) → the kind of record its id (or ids) refer to.
REFERENCES: dict[tuple[str, str], str] = {
    ("Contact", "enterprise"): "enterprise",
    ("Contact", "initiating_unit"): "unit",
    ("Contact", "entry_point"): "unit",
    ("Contact", "technical_lead"): "unit",
    ("Contact", "topics"): "topic",
    ("Contact", "referred_to"): "unit",
    ("Sharing", "with"): "unit",
    ("NeedsAnalysis", "by"): "unit",
    ("Referral", "to"): "unit",
    ("Consultation", "with"): "unit",
    ("FollowUp", "by"): "unit",
    ("FollowUp", "with"): "unit",
    ("Network", "lead_units"): "unit",
    ("Partnership", "lead_units"): "unit",
    ("Programme", "lead_units"): "unit",
    ("Network", "topics"): "topic",
    ("Partnership", "topics"): "topic",
    ("Programme", "topics"): "topic",
    ("Participant", "enterprise"): "enterprise",
    ("Unit", "mandates"): "topic",
    ("Unit", "region"): "region",
}

# Fields the form does not show (hidden: kept as the file has them): deprecated ones, still read,
# that `fmt --fix` rewrites.
OMITTED = {("Contact", "referred_to")}
# Fields only a command writes, in any model: where `ilo-engage import` took the record from, and an
# enterprise's ids before `enterprise rename` or `merge`. Hidden too.
WRITTEN_BY_COMMANDS = {"imported_from", "former_ids"}

# Labels an officer reads better than the field's name made into words ("Workers organization",
# "Lei", "Gets"); every other label is the name with spaces.
LABELS = {
    "workers_organization": "Workers' organization",
    "follow_ups": "Follow-ups",
    "pre_procedure": "Before the procedure",
    "lei": "LEI",
    "how": "How a company takes part",
    "gets": "What a company gets",
    "gives": "What a company gives",
}

# Text fields that take sentences: a text area rather than one line.
MULTILINE = {"summary", "notes", "outcome", "how", "gets", "gives", "description"}

# The pattern and message of an id typed by hand (the models' `Slug`).
ID_HINT = "lower-case letters and digits in words joined by single hyphens, e.g. acme-foods"


@dataclass(frozen=True)
class Vocabulary:
    """The values offered for ids the dataset defines and codes the standards define: (value, label) pairs."""

    units: tuple[tuple[str, str], ...]
    topics: tuple[tuple[str, str], ...]
    countries: tuple[tuple[str, str], ...]
    currencies: tuple[tuple[str, str], ...]
    # The languages of the text readers see (`languages` in ilo-engage.toml), the first first.
    languages: tuple[tuple[str, str], ...] = (("en", "English"),)

    def choices(self, target: str) -> tuple[tuple[str, str], ...]:
        return {"unit": self.units, "topic": self.topics}[target]


def form_fields(model: type[Part], vocabulary: Vocabulary, *, optional_parent: bool = False) -> list[dict[str, Any]]:
    """The form's fields for a model, in the canonical order of its files.

    Inside an optional object (a needs analysis, a referral) nothing is required by the form: the
    object is left out when empty, and `validate` reports a half-filled one on the pull request."""
    schema = model.model_json_schema(mode="validation")
    return _fields(model.__name__, schema, schema.get("$defs", {}), model.field_names(), vocabulary, optional_parent)


def _fields(
    name: str, schema: dict[str, Any], defs: dict[str, Any], order: list[str], vocabulary: Vocabulary,
    optional_parent: bool,
) -> list[dict[str, Any]]:
    properties: dict[str, Any] = schema["properties"]
    required = set(schema.get("required", ()))
    fields = []
    for field_name in order:
        prop = properties[field_name]
        # `translations` (what a record says of its languages) is kept by maintainers in git.
        if (name, field_name) in OMITTED or field_name in WRITTEN_BY_COMMANDS or _by_language(prop):
            # Hidden, not left out: Decap orders a saved file's keys by the fields it knows, and puts
            # the others first, out of the order `fmt` keeps.
            fields.append({"name": field_name, "label": field_name.replace("_", " ").capitalize(),
                           "widget": "hidden", "required": False})
            continue
        fields.append(_field(name, field_name, prop, defs, vocabulary, field_name in required and not optional_parent))
    return fields


def _field(
    model: str, name: str, prop: dict[str, Any], defs: dict[str, Any], vocabulary: Vocabulary, required: bool
) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "label": LABELS.get(name) or name.replace("_", " ").capitalize()}
    if not required:
        field["required"] = False
    if prop.get("description"):
        field["hint"] = prop["description"]
    value = _not_null(prop)
    target = REFERENCES.get((model, name))
    many = value.get("type") == "array"
    item = _not_null(value.get("items", {})) if many else value
    if "const" in item:  # a kind's single value (`kind: network`): set, never asked
        field.update(widget="hidden", default=item["const"])
        field.pop("required", None)
        return field
    if target == "enterprise":
        field.update(widget="relation", collection="enterprises", value_field="id", search_fields=["name", "id"],
                     display_fields=["name"])
    elif target is not None:
        field.update(widget="select", options=_options(vocabulary.choices(target)))
    elif "$ref" in item:
        return _parts(field, item["$ref"], defs, vocabulary, many, optional=not required)
    elif "enum" in item:
        field.update(widget="select", options=_enum_options(item["enum"], vocabulary))
    elif item.get("format") == "date":
        field.update(widget="datetime", format="YYYY-MM-DD", date_format="YYYY-MM-DD", time_format=False,
                     picker_utc=True)
    elif item.get("type") == "boolean":
        field["widget"] = "boolean"
    elif "anyOf" in item and any(branch.get("type") == "object" for branch in item["anyOf"]):
        # A text readers see: one input per declared language (admin/editor.js), whether the file
        # holds a plain string or a mapping; a string widget would show a mapping as "Map {…}" and
        # replace it with whatever is typed.
        field.update(widget="translated", multiline=name in MULTILINE, languages=_options(vocabulary.languages))
        if len(vocabulary.languages) > 1:
            field["hint"] = field.get("hint", "") + " One box per language; a box left empty is left out."
    elif "anyOf" in item and any(branch.get("type") == "number" for branch in item["anyOf"]):  # an amount
        field.update(widget="number", value_type="float", min=0)
    elif "anyOf" in item:  # a year, month or date: typed as text, checked by its pattern
        pattern = next(branch["pattern"] for branch in item["anyOf"] if "pattern" in branch)
        field.update(widget="string", pattern=[pattern, "a year (2010), a month (2015-10) or a date (2015-10-28)"])
    else:
        field["widget"] = "text" if name in MULTILINE else "string"
        if "pattern" in item:
            what = ID_HINT if item["pattern"].startswith("^[a-z0-9]+(-") else f"text matching {item['pattern']}"
            field["pattern"] = [item["pattern"], what]
    if many:
        if field["widget"] in ("select", "relation"):
            field["multiple"] = True
        else:  # a list of texts: one input per item (a comma-separated input would split citations)
            # Each item labelled as one ("Source", "Add source"); one added and left empty is not
            # refused: it is left out when the record is saved, as any empty field.
            inner: dict[str, Any] = {"name": name, "label": _singular(field["label"]), "required": False}
            inner.update({key: field.pop(key) for key in ("widget", "pattern") if key in field})
            field.update(widget="list", field=inner, label_singular=inner["label"])
    if "default" in prop and prop["default"] not in (None, [], False):
        field["default"] = prop["default"]
    return field


def _parts(
    field: dict[str, Any], ref: str, defs: dict[str, Any], vocabulary: Vocabulary, many: bool, optional: bool
) -> dict[str, Any]:
    """A field holding one part (an object) or a list of parts (a list of objects)."""
    part_name = ref.rsplit("/", 1)[-1]
    part = defs[part_name]
    order = _part_model(part_name).field_names()
    # An item of a list exists only once added, so its own fields keep the model's requirements.
    inner = _fields(part_name, part, defs, order, vocabulary, optional_parent=optional and not many)
    field.update(widget="list" if many else "object", fields=inner, collapsed=not many)
    if many:
        field["label_singular"] = _singular(field["label"])
        field["summary"] = "{{fields." + inner[0]["name"] + "}}"
    return field


def _part_model(name: str) -> type[Part]:
    """The Part class the schema's `$defs` entry is named after (for its canonical order of fields)."""
    waiting = list(Part.__subclasses__())
    while waiting:
        found = waiting.pop()
        if found.__name__ == name:
            return found
        waiting += found.__subclasses__()
    raise KeyError(name)


def _by_language(prop: dict[str, Any]) -> bool:
    """Whether a field is a mapping keyed by language (a record's `translations`)."""
    return prop.get("type") == "object" and "patternProperties" in prop


def _not_null(prop: dict[str, Any]) -> dict[str, Any]:
    """An optional field's schema without its `null` branch."""
    branches = prop.get("anyOf")
    if branches and any(branch.get("type") == "null" for branch in branches):
        rest = [branch for branch in branches if branch.get("type") != "null"]
        return rest[0] if len(rest) == 1 else {"anyOf": rest}
    return prop


def _enum_options(values: list[str], vocabulary: Vocabulary) -> list[Any]:
    """Choices for an enumeration: countries and currencies with their names, others as they are."""
    for named in (vocabulary.countries, vocabulary.currencies):
        if set(values) == {value for value, _ in named}:
            return _options(named)
    return list(values)


def _options(pairs: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for value, label in pairs]


def _singular(label: str) -> str:
    """'Follow-ups' → 'Follow-up', 'Figures' → 'Figure', 'Aliases' → 'Alias', 'Shared with' stays."""
    if label.endswith("ases"):
        return label[:-2]
    return label[:-1] if label.endswith("s") else label
