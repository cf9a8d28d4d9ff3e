"""Dates as officers type them on the command line: one parser, one wording for every mistake."""

from __future__ import annotations

import calendar
import re
from datetime import date

_WRITTEN = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str) -> date:
    """A date written YYYY-MM-DD; ValueError saying what is wrong otherwise.

    A date written the right way but not on the calendar ("2026-02-30") is told apart
    from one written another way ("21/11/2026"): the fix is not the same."""
    written = text.strip()
    match = _WRITTEN.fullmatch(written)
    if match is None:
        raise ValueError(f"{written!r}: write dates as YYYY-MM-DD, e.g. 2026-11-21")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"{written} is not a date (there is no month {month:02d})")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"{written} is not a date ({calendar.month_name[month]} {year} has {days} days)"
                         if day else f"{written} is not a date (there is no day 00)")
    return date(year, month, day)
