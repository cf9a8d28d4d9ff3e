"""Options and arguments a command passes on, checked through the command line: what the command
hands to the code below it (the cache, the day), and what it does with what comes back (a contact
found by `find` alone, a `contact` without a step)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ilo_engage.cli import app
from tests.helpers import FIXTURES

CLEAN = FIXTURES / "clean"
CONTACT = "2015-06-01-example-cocoa-ab2c"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_validate_uses_the_cache_unless_told_not_to(clean_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ilo_engage.checks.validate as checks

    seen: list[tuple[bool, date | None]] = []
    real = checks.validate

    def spy(*args: Any, use_cache: bool, today: date | None, **kwargs: Any) -> Any:
        seen.append((use_cache, today))
        return real(*args, use_cache=use_cache, today=today, **kwargs)

    monkeypatch.setattr(checks, "validate", spy)
    assert invoke("validate", "--root", str(clean_dataset)).exit_code == 0
    assert invoke("validate", "--no-cache", "--today", "2016-01-21", "--root", str(clean_dataset)).exit_code == 0
    assert seen == [(True, None), (False, date(2016, 1, 21))]


def test_find_that_matches_only_a_contact_succeeds_and_lists_it() -> None:
    result = invoke("find", "2015-06-01", "--root", str(CLEAN))
    assert result.exit_code == 0, result.output
    assert CONTACT in result.stdout and result.stderr == ""


def test_a_root_that_is_a_file_is_a_usage_error_naming_it() -> None:
    settings = CLEAN / "ilo-engage.toml"
    result = invoke("validate", "--root", str(settings))
    assert result.exit_code == 2
    assert f"Invalid value for '--root' (env var: 'ILO_ENGAGE_ROOT'): dir '{settings}' is a file." in result.stderr


def test_contact_alone_prints_its_help() -> None:
    result = invoke("contact")
    assert result.exit_code == 2
    assert "Record a step of the procedure on a contact" in result.output
    assert "Missing argument" not in result.output


def test_contact_with_an_id_and_no_step_prints_its_timeline() -> None:
    result = invoke("contact", CONTACT, "--root", str(CLEAN))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"{CONTACT}: Advice on child labour due diligence in the cocoa supply chain\nexample-cocoa; status closed\n")
