"""Matching enterprise names the way people write them: accents, case, punctuation and
legal suffixes aside ("Nestlé S.A." and "nestle" are the same name)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Legal forms and filler words that do not tell enterprises apart.
LEGAL_SUFFIXES = frozenset(
    """
    sa s a ag inc incorporated ltd limited llc lp llp plc corp corporation co company cie
    gmbh kg kgaa bv nv spa srl sarl sas sl pte pvt pty kk oy ab as asa aps oyj ag se
    group holding holdings the
    """.split()
)


def normalise(name: str) -> str:
    """A name reduced to its distinguishing words: lower case, no accents, no punctuation or legal form."""
    if name.isascii():  # nothing to decompose (most names): the same text, without a walk over each letter
        plain = name.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("&", " and ")
    words = re.findall(r"[a-z0-9]+", plain.replace(".", ""))
    kept = [w for w in words if w not in LEGAL_SUFFIXES]
    return " ".join(kept or words)


def matches(query: str, candidates: Iterable[str]) -> bool:
    """Whether every word of the query appears in one of the candidate names (after normalising)."""
    wanted = normalise(query).split()
    if not wanted:
        return False
    for candidate in candidates:
        words = [*normalise(candidate).split(), normalise(candidate).replace(" ", "")]
        if all(any(word.startswith(w) for word in words) for w in wanted):
            return True
    return False
