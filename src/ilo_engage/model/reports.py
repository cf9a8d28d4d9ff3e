"""The text of a report that is not derived from records: its cover, its body (headings and
paragraphs, which place the initiatives' summaries), the draft decision and the annexes.
Kept in the dataset so that a re-render never loses it (data/reports/<id>.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .common import Part, Record, Reference
from .language import Language, Translatable, TranslationStatus, translations_field
from .types import Slug, Text, YamlDate


class Footnote(Part):
    """A footnote to a paragraph, and the words its mark follows."""

    text: Translatable = Field(description="The footnote (Markdown inline formatting allowed).")
    after: Translatable | None = Field(
        None,
        description="The words the mark follows, as written in the paragraph (the first place they occur, "
        "placeholders unexpanded); leave out to put the mark at the paragraph's end.",
    )


class Paragraph(Part):
    """A numbered paragraph written in the report text, with lettered items and footnotes."""

    text: Translatable = Field(description="The paragraph (Markdown inline formatting allowed; figures as placeholders).")
    items: list[Translatable] = Field(default_factory=list, description="Lettered items, e.g. '(a) Entry point: …'.")
    footnotes: list[Footnote] = Field(default_factory=list, description="Footnotes to the paragraph.")


Annex = Literal["computed-tables", "figures", "participants"]


class Block(Part):
    """One block of the report's body, in order: a heading, a numbered paragraph, or the assessment.

    A paragraph holds its own `text`, then the summaries of its `initiatives` in order, then its
    `closing` text: one numbered paragraph in all. An initiative no paragraph names is not printed."""

    heading: Translatable | None = Field(None, description="A heading (not numbered).")
    level: Literal[2, 3, 4] = Field(2, description="The heading's level: 2 a section, 3 and 4 subheadings.")
    text: Translatable | None = Field(None, description="The paragraph's own text, before its initiatives' summaries.")
    initiatives: list[Slug] = Field(default_factory=list, description="Ids of initiatives whose summaries follow.")
    closing: Translatable | None = Field(None, description="Text after the initiatives' summaries.")
    items: list[Translatable] = Field(default_factory=list, description="Lettered items, e.g. '(a) Entry point: …'.")
    footnotes: list[Footnote] = Field(default_factory=list, description="Footnotes to the paragraph.")
    assessment: Translatable | None = Field(
        None,
        description="The title of the computed assessment of the procedure, placed here. It appears only if the "
        "period has contacts that are not examples.",
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        kinds = [self.heading is not None, bool(self.text or self.initiatives or self.closing),
                 self.assessment is not None]
        if sum(kinds) != 1:
            raise PydanticCustomError(
                "block", "give one of `heading`, a paragraph (`text`, `initiatives`, `closing`) or `assessment`"
            )
        return self

    @property
    def is_paragraph(self) -> bool:
        return bool(self.text or self.initiatives or self.closing)

    def words(self, summaries: Iterable[str]) -> str:
        """The paragraph's words in order, each part on one line of single spaces: its text, the
        `summaries` of its initiatives (those found), its closing. Footnote anchors are found in it."""
        return " ".join(one_line(part) for part in (self.text or "", *summaries, self.closing or "") if part)


def one_line(text: str) -> str:
    """A text's words on one line, single-spaced (YAML folded and literal text alike)."""
    return " ".join(text.split())


class Implications(Part):
    """The implications the cover lists."""

    policy: Translatable = Field(description="Policy implications.")
    legal: Translatable = Field(description="Legal implications.")
    financial: Translatable = Field(description="Financial implications.")
    follow_up: Translatable = Field(description="Follow-up action required.")


class Period(Part):
    """The period a report covers."""

    start: YamlDate = Field(alias="from", description="First day.")
    end: YamlDate = Field(alias="to", description="Last day.")


class ReportText(Record):
    """The text of a report to the Governing Body that lives beside the records."""

    title: Translatable = Field(description="The report's title.")
    session: Translatable = Field(description="The Governing Body session, e.g. '326th Session, Geneva, 10–24 March 2016'.")
    symbol: Text = Field(description="The document symbol, e.g. GB.326/INS/3.")
    section: Translatable = Field(description="The Governing Body section, e.g. 'Institutional Section'.")
    date: YamlDate = Field(description="The document's date; also the date inside the generated files.")
    language: Text = Field("English", description="Original language.")
    purpose_kind: Literal["For decision", "For debate and guidance", "For information"] = Field(
        description="What the Governing Body is asked to do."
    )
    period: Period = Field(description="The period the report covers, unless --from/--to say otherwise.")
    purpose: Translatable = Field(
        description="Purpose of the document. `{decision_paragraph}` is replaced by the draft decision's number."
    )
    strategic_objective: Translatable = Field(description="Relevant strategic objective.")
    implications: Implications = Field(description="Policy, legal, financial implications and follow-up.")
    author_unit: Translatable = Field(description="Author unit.")
    related_documents: list[Text] = Field(default_factory=list, description="Related documents.")
    body: list[Block] = Field(description="The report's headings and paragraphs, in order, before the draft decision.")
    decision: Paragraph = Field(description="The draft decision: text and lettered items.")
    annexes: list[Annex] = Field(
        default_factory=list,
        description="Annexes after the draft decision: computed-tables (numbers computed from the records), "
        "figures (every figure with its source and earlier value), participants (lead units and members).",
    )
    authors: Slug | None = Field(None, description="Id of the unit drafting the report (para 3(d)).")
    translations: dict[Language, TranslationStatus] = translations_field()

    def references(self) -> Iterator[Reference]:
        for i, block in enumerate(self.body):
            for k, initiative in enumerate(block.initiatives):
                yield ("body", i, "initiatives", k), "initiative", initiative
        if self.authors:
            yield ("authors",), "unit", self.authors
