"""The numbered paragraphs of the progress report's body and draft decision, from the report text.

A paragraph is the report text's own words, then the summaries of the initiatives it names that
the audience may see, then its closing words. Paragraphs are numbered 1, 2, 3 … across the body
and the draft decision; footnotes are the report text's own, placed after the words it names,
plus any source of a record that is not the document being rendered, at the paragraph's end.
Figures come from the records through placeholders; text from records is printed literally
(Markdown escaped), the report text's own inline formatting is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.audience import Audience, may_name
from ..core.wording import typography
from ..model import Initiative
from ..model.figures import Current, fill
from ..model.reports import Block, Footnote, Paragraph as ParagraphText, one_line

MARK = "\x00"  # stands for a footnote mark while the text is filled in and escaped
Figures = dict[str, dict[str, Current]]


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph: its text (Markdown, footnote marks included), lettered items, notes."""

    number: int
    text: str
    items: tuple[str, ...] = ()
    notes: tuple[int, ...] = ()
    kind: str = "paragraph"


@dataclass(frozen=True)
class Heading:
    """A heading of the body: level 2 a section, 3 and 4 subheadings."""

    level: int
    text: str
    kind: str = "heading"


@dataclass
class Numbering:
    """Paragraph and footnote counters, shared across the whole report."""

    paragraph: int = 0
    footnotes: list[tuple[int, str]] = field(default_factory=list)

    def next(self) -> int:
        """The number of the next paragraph, which has no notes."""
        self.paragraph += 1
        return self.paragraph

    def add(self, text: str, items: tuple[str, ...] = (), notes: tuple[str, ...] = ()) -> Paragraph:
        """A numbered paragraph; each MARK in its text becomes the mark of the next note, in order."""
        number = self.next()
        numbers = []
        for note in notes:
            self.footnotes.append((len(self.footnotes) + 1, note))
            numbers.append(len(self.footnotes))
        marked = iter(numbers)
        text = re.sub(MARK, lambda _: f"[^{next(marked)}]", text)
        rest = "".join(f"[^{n}]" for n in marked)
        return Paragraph(number, text + rest, items, tuple(numbers))


def literal(text: str) -> str:
    """Record text as Markdown that prints it literally: markup characters escaped, and nothing at
    the start read as a list item, a heading, a quote or a table."""
    text = re.sub(r"([\\`*_\[\]<>~])", r"\\\1", typography(text))  # `|` is for table cells to escape
    return no_block_start(text)


def no_block_start(text: str) -> str:
    """Escape what would open a block at the start of a paragraph's text ('2015. …', '# x', '- x')."""
    match = re.match(r"(\d+)([.)])(\s|$)", text)
    if match:
        return f"{match[1]}\\{match[2]}{text[match.end(2):]}"
    if re.match(r"[#>+=-]", text):
        return "\\" + text
    return text


def body_paragraph(block: Block, initiatives: dict[str, Initiative], figures: Figures, numbering: Numbering,
                   audience: Audience, symbol: str) -> Paragraph | None:
    """A paragraph of the body: own text, the summaries of the initiatives it may show, closing text."""
    parts: list[str] = []
    notes: list[str] = []
    raw = block.words(initiatives[i].summary for i in block.initiatives if i in initiatives)
    marks = _marks(raw, block.footnotes)
    offset = 0
    if block.text:
        parts.append(_own(block.text, figures, marks, offset))
        offset += len(one_line(block.text)) + 1
    shown = False
    for initiative_id in block.initiatives:
        initiative = initiatives.get(initiative_id)
        if initiative is None:
            continue
        summary = one_line(initiative.summary)
        if may_name(initiative, audience):
            shown = True
            parts.append(_record(summary, initiative.id, figures, marks, offset))
            notes += [s for s in initiative.sources if not _is_document(s, symbol) and s not in notes]
        offset += len(summary) + 1
    if block.closing:
        parts.append(_own(block.closing, figures, marks, offset))
    if not parts or (block.initiatives and not shown and not block.text and not block.closing):
        return None
    text = no_block_start(" ".join(p for p in parts if p))
    own_notes = [typography(n.text) for n in block.footnotes]
    # The report text's notes are marked where it says; a record's source is marked at the end.
    return numbering.add(text, _items(block.items, figures), (*own_notes, *notes))


def decision_paragraph(numbering: Numbering, text: ParagraphText, figures: Figures) -> Paragraph:
    """The draft decision: the report text's own words, numbered after the body."""
    raw = one_line(text.text)
    marked = _place_marks(raw, _marks(raw, text.footnotes), 0)
    return numbering.add(
        no_block_start(typography(fill(marked, None, figures))),
        _items(text.items, figures),
        tuple(typography(n.text) for n in text.footnotes),
    )


def _items(items: list[str], figures: Figures) -> tuple[str, ...]:
    return tuple(no_block_start(typography(fill(one_line(i), None, figures))) for i in items)


def _marks(raw: str, footnotes: list[Footnote]) -> list[int]:
    """Where each footnote's mark goes in the paragraph's raw text (its end if `after` is not found)."""
    places = []
    for note in footnotes:
        at = raw.find(note.after) if note.after else -1
        places.append(at + len(note.after) if at >= 0 and note.after else len(raw))
    return places


def _own(text: str, figures: Figures, marks: list[int], offset: int) -> str:
    """The report text's own words: typography, marks, figures; its inline Markdown kept."""
    return typography(fill(_place_marks(one_line(text), marks, offset), None, figures))


def _record(text: str, own: str, figures: Figures, marks: list[int], offset: int) -> str:
    """A record's words: figures filled in, then printed literally (the marks are not escaped)."""
    return literal(typography(fill(_place_marks(text, marks, offset), own, figures)))


def _place_marks(text: str, marks: list[int], offset: int) -> str:
    inside = sorted(m - offset for m in marks if offset <= m <= offset + len(text))
    for at in reversed(inside):
        text = text[:at] + MARK + text[at:]
    return text


def _is_document(source: str, symbol: str) -> bool:
    """Whether a source cites the document being rendered ('GB.326/INS/3 para 4' in GB.326/INS/3)."""
    return source == symbol or source.startswith((symbol + " ", symbol + ","))
