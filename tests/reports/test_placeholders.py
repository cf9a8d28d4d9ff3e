"""Placeholders as `validate` quotes them: exactly as the text wrote them, whichever parts they have."""

from __future__ import annotations

import pytest

from ilo_engage.model.figures import placeholders


@pytest.mark.parametrize("written", ["{members}", "{members:words}", "{members:number}", "{itc.members}",
                                     "{itc.members:words}", "{a-b.c-d:number}"])
def test_a_placeholder_is_quoted_as_written(written: str) -> None:
    (found,) = placeholders(f"Some {written} here.")
    assert found.written == written
    assert (found.start, found.end) == (5, 5 + len(written))


def test_each_part_of_a_placeholder_is_read_apart() -> None:
    found = [(p.initiative, p.key, p.style) for p in placeholders("{a} {x.b:words} {c:number} {d:other} {E}")]
    assert found == [(None, "a", None), ("x", "b", "words"), (None, "c", "number")]  # not styles or names: text
