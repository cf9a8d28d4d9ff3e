"""Options and arguments a command passes on, checked through the command line: what the command
hands to the code below it (the cache, the day), and what it does with what comes back (a contact
found by `find` alone, a `contact` without a step)."""

from __future__ import annotations

import re
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


def test_show_today_sets_the_day_a_contacts_next_step_is_due_against(clean_dataset: Path) -> None:
    (clean_dataset / "ilo-engage.toml").write_text("[procedure]\nstart = 2014-06-13\n", encoding="utf-8")  # 30 days
    contact = "2015-09-01-example-cocoa-m4nx"

    def next_step(today: str) -> str:
        result = invoke("show", contact, "--today", today, "--audience", "restricted", "--root", str(clean_dataset))
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()[-1]

    assert next_step("2015-10-01").startswith("Next: needs analysis by actrav, due by 2015-10-01: ")
    assert next_step("2015-10-02").startswith("Next: needs analysis by actrav, overdue since 2015-10-01: ")


def test_a_refused_step_names_the_steps_its_errors_ask_for_not_its_warnings(clean_dataset: Path) -> None:
    # Entered through the wrong bureau (R001, an error no step records) and not shared with the workers'
    # secretariat (R003, a warning the `share` step records): the refusal suggests no step.
    contact = clean_dataset / "data/registers/contacts/2015-09-01-example-cocoa-m4nx.yaml"
    text = contact.read_text(encoding="utf-8")
    shared = "entry_point: actrav\nshared_with:\n  - with: act-emp\n    date: 2015-09-02\n  - with: workers-secretariat\n"
    assert shared in text
    contact.write_text(text.replace(shared, "entry_point: act-emp\nshared_with:\n  - with: act-emp\n"), encoding="utf-8")
    result = invoke("contact", contact.stem, "analyse", "--summary", "Needs", "--date", "2015-09-03",
                    "--root", str(clean_dataset))
    assert result.exit_code == 1
    assert [line.split(": ", 1)[1][:4] for line in result.stderr.splitlines() if line.startswith("data/")] == \
        ["R001", "R003"]
    assert result.stderr.splitlines()[-1] == "ilo-engage: the record has errors: nothing was written"


def test_validates_summary_is_one_colour_on_a_terminal(clean_dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Green when clean, bold red with problems; numbers and brackets not highlighted apart.
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    clean = invoke("validate", "--no-cache", "--root", str(clean_dataset))
    assert re.fullmatch(r"\x1b\[32mNo problems \(\d+ files checked\)\.\x1b\[0m\n", clean.stderr), clean.stderr
    (clean_dataset / "data/registers/enterprises/bad.yaml").write_text("id: bad\n", encoding="utf-8")
    broken = invoke("validate", "--no-cache", "--root", str(clean_dataset))
    last = broken.stderr.splitlines()[-1]
    assert re.fullmatch(r"\x1b\[1;31m\d+ errors? \(\d+ files checked\)\.\x1b\[0m", last), last
