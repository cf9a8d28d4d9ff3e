"""The text of a report that is not derived from records: its cover, background,
recommendations and draft decision, and how its overview groups the initiatives.
Kept in the dataset so that a re-render never loses it (data/reports/<id>.yaml)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from .common import Part, Record, Reference
from .initiatives import Component
from .types import Slug, Text, YamlDate


class Paragraph(Part):
    """A numbered paragraph of the report, with lettered items and footnotes."""

    text: Text = Field(description="The paragraph (Markdown inline formatting allowed).")
    items: list[Text] = Field(default_factory=list, description="Lettered items, e.g. '(a) Entry point: …'.")
    footnotes: list[Text] = Field(default_factory=list, description="Footnotes to the paragraph.")


class Subsection(Part):
    """A heading of the overview and the initiatives it presents, in order."""

    title: Text = Field(description="The heading, e.g. 'Global business networks'.")
    initiatives: list[Slug] = Field(default_factory=list, description="Ids of the initiatives, in order.")


class OverviewSection(Part):
    """One strategic component (para 2) of the overview."""

    component: Component = Field(description="A, B or C.")
    title: Text = Field(description="The component's title.")
    subsections: list[Subsection] = Field(default_factory=list, description="Its headings, in order.")


class Implications(Part):
    """The implications the cover lists."""

    policy: Text = Field(description="Policy implications.")
    legal: Text = Field(description="Legal implications.")
    financial: Text = Field(description="Financial implications.")
    follow_up: Text = Field(description="Follow-up action required.")


class Period(Part):
    """The period a report covers."""

    start: YamlDate = Field(alias="from", description="First day.")
    end: YamlDate = Field(alias="to", description="Last day.")


class ReportText(Record):
    """The text of a report to the Governing Body that lives beside the records."""

    title: Text = Field(description="The report's title.")
    session: Text = Field(description="The Governing Body session, e.g. '326th Session, Geneva, 10–24 March 2016'.")
    symbol: Text = Field(description="The document symbol, e.g. GB.326/INS/3.")
    section: Text = Field(description="The Governing Body section, e.g. 'Institutional Section'.")
    date: YamlDate = Field(description="The document's date; also the date inside the generated files.")
    language: Text = Field("English", description="Original language.")
    purpose_kind: Literal["For decision", "For debate and guidance", "For information"] = Field(
        description="What the Governing Body is asked to do."
    )
    period: Period = Field(description="The period the report covers, unless --from/--to say otherwise.")
    purpose: Text = Field(
        description="Purpose of the document. `{decision_paragraph}` is replaced by the draft decision's number."
    )
    strategic_objective: Text = Field(description="Relevant strategic objective.")
    implications: Implications = Field(description="Policy, legal, financial implications and follow-up.")
    author_unit: Text = Field(description="Author unit.")
    related_documents: list[Text] = Field(default_factory=list, description="Related documents.")
    background: list[Paragraph] = Field(description="The Background section's paragraphs.")
    overview_title: Text = Field(description="The title of the overview of initiatives.")
    overview: list[OverviewSection] = Field(description="The components A, B, C and their headings.")
    assessment_title: Text = Field(description="The title of the computed assessment of the procedure.")
    recommendations_title: Text = Field(description="The title of the recommendations.")
    recommendations: list[Paragraph] = Field(description="The recommendations' paragraphs.")
    decision: Paragraph = Field(description="The draft decision: text and lettered items.")
    authors: Slug | None = Field(None, description="Id of the unit drafting the report (para 3(d)).")

    def references(self) -> Iterator[Reference]:
        for i, section in enumerate(self.overview):
            for j, subsection in enumerate(section.subsections):
                for k, initiative in enumerate(subsection.initiatives):
                    yield ("overview", i, "subsections", j, "initiatives", k), "initiative", initiative
        if self.authors:
            yield ("authors",), "unit", self.authors
