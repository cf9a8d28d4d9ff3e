"""The import's direct YAML writer gives the text `record_text` gives, or declines."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings, strategies as st

from ilo_engage.authoring.drafts import record_text
from ilo_engage.importing.emit import text
from ilo_engage.model import kind_named

# Letters, digits and every character the plain form has to think about.
# Mostly text the direct writer takes (so that the two are compared), some it must decline.
TEXT = st.one_of(st.text(alphabet="aZ9 é.,;:@_'()/&+=?-", min_size=1, max_size=70),
                 st.text(alphabet="aZ9 é.,;:@_'()/&+=?-#\"[]{}!*|>%`~\t", min_size=0, max_size=70),
                 st.sampled_from(["yes", "No", "null", "1.5", "2015-01-01", "0x1F", "~", "3M", "O'Neil (Ltd.)", "Acme: the company", "a:b"]))


@settings(max_examples=400, deadline=None)
@given(name=TEXT, aliases=st.lists(TEXT, max_size=3), website=TEXT, row=st.integers(1, 10**6),
       multinational=st.one_of(st.none(), st.booleans()))
def test_an_enterprise_is_written_as_record_text_writes_it(name: str, aliases: list[str], website: str, row: int,
                                                           multinational: bool | None) -> None:
    kind = kind_named("enterprise")
    record = {"id": "x", "name": name, "kind": "company", "country": "GH", "aliases": aliases,
              "multinational": multinational, "identifiers": {"website": website},
              "imported_from": {"file": "f.csv", "sheet": None, "row": row}}
    written = text(kind.model, record)
    assert written is None or written == record_text(kind, record)


@settings(max_examples=200, deadline=None)
@given(subject=TEXT, person=TEXT, day=st.dates(date(1990, 1, 1), date(2030, 1, 1)))
def test_a_contact_is_written_as_record_text_writes_it(subject: str, person: str, day: date) -> None:
    kind = kind_named("contact")
    record = {"id": "c", "date": day, "enterprise": "x", "initiated_by": "management", "subject": subject,
              "countries": ["CI", "GH"], "status": "closed", "pre_procedure": True,
              "persons": [{"name": person, "role": "CEO"}], "imported_from": {"file": "f.xlsx", "sheet": "S", "row": 2}}
    written = text(kind.model, record)
    assert written is None or written == record_text(kind, record)


def test_plain_rows_are_written_directly() -> None:
    kind = kind_named("enterprise")
    record = {"id": "acme", "name": "Margie's Travel (Ghana) Ltd.", "kind": "company", "country": "GH",
              "sectors": ["apparel; textiles"], "identifiers": {"website": "https://margie.example/x"}}
    assert text(kind.model, record) == record_text(kind, record)
