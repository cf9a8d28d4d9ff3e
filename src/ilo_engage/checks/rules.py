"""What a procedure rule is: a stable code, the paragraph it enforces, and the function that checks it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..core.problems import Code, Severity
from ..model import Contact
from ..yamlio import Path
from .base import Context

Place = tuple[Path, str]  # where in the contact, and what is wrong
PAPER = "GB.326/INS/3"


@dataclass(frozen=True)
class Rule:
    """A routing rule: its code, the paragraph it enforces, and the function that checks it."""

    code: Code
    paragraph: str
    check: Callable[[Contact, Context], Iterable[Place]]


def rule(code: str, severity: Severity, paragraph: str, title: str, hint: str) -> Callable[..., Rule]:
    """Make a function a routing rule; its hint cites the paragraph it comes from."""

    def make(check: Callable[[Contact, Context], Iterable[Place]]) -> Rule:
        return Rule(Code(code, severity, title, f"{hint} ({PAPER} para {paragraph})"), paragraph, check)

    return make


ERROR, WARNING = Severity.ERROR, Severity.WARNING
