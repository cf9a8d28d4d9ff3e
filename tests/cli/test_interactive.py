"""`add-contact` on a terminal: it asks for each field in turn, checks each answer as it is
given, and shows the record before writing it. Driven through a pseudo-terminal."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from datetime import date
from pathlib import Path

import pexpect
from typer.testing import CliRunner

from ilo_engage.cli import app
from ilo_engage.yamlio import parse

CONTACT_PATH = r"data/registers/contacts/2015-10-01-example-cocoa-[a-z2-7]{4}\.yaml"


def spawn(root: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable, ["-m", "ilo_engage", "add-contact", "--root", str(root)],
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"}, encoding="utf-8", timeout=20, dimensions=(50, 200),
    )
    child.delaybeforesend = None  # the prompts wait for input; no need to pause before typing
    return child


def answer(child: pexpect.spawn, question: str, reply: str) -> None:
    child.expect_exact(question)
    child.sendline(reply)


def contact_files(root: Path) -> set[str]:
    return {p.name for p in (root / "data/registers/contacts").iterdir()}


def answer_up_to_topics(child: pexpect.spawn) -> None:
    answer(child, "Enterprise (id)", "example cocoa")  # part of the name: found by the name search, and confirmed
    answer(child, "'example cocoa' is not an id: did you mean example-cocoa (Example Cocoa Trading S.A., CH)? [Y/n]: ",
           "y")
    answer(child, f"Date of the contact (YYYY-MM-DD) [{date.today().isoformat()}]: ", "2015-10-01")
    answer(child, "Who made the contact [management/workers-organization/ilo-unit]: ", "management")
    child.expect_exact("  Entry point: ACT/EMP (GB.326/INS/3 para 3(a))")
    # Management made the contact: no question about an ILO unit or a workers' organization.
    answer(child, "Subject, in one line: ", "Due diligence: child labour among cocoa suppliers")


def answer_after_topics(child: pexpect.spawn) -> None:
    answer(child, "Countries (ISO codes, comma-separated): ", "ci")
    answer(child, "Channel [email/letter/phone/meeting/event/helpdesk/web-form/other] [email]: ", "meeting")
    answer(child, "Status [received/analysed/referred/in-progress/closed/declined] [received]: ", "")
    child.expect_exact("  1. fundamentals: mandate covers child-labour")  # candidate leads, best fit first
    child.expect_exact("  2. co-abidjan: covers CI")
    answer(child, "Technical lead (unit id): ", "1")
    answer(child, "Visibility [public/internal/confidential] [internal]: ", "")


def test_add_contact_asks_for_each_field_and_writes_the_record_once_confirmed(clean_dataset: Path) -> None:
    before = contact_files(clean_dataset)
    child = spawn(clean_dataset)
    answer_up_to_topics(child)
    answer(child, "Topics (ids, comma-separated) [child-labour/supply-chains/osh]: ", "child-labour, supply-chains")
    answer_after_topics(child)
    child.expect(CONTACT_PATH + ":")  # the record is shown before it is written
    answer(child, "Write this record? [Y/n]: ", "y")
    child.expect(CONTACT_PATH)
    written = child.after
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    [added] = contact_files(clean_dataset) - before
    assert written == f"data/registers/contacts/{added}"
    assert parse((clean_dataset / written).read_text(encoding="utf-8")).data == {
        "id": added.removesuffix(".yaml"),
        "date": date(2015, 10, 1),
        "enterprise": "example-cocoa",
        "initiated_by": "management",
        "channel": "meeting",
        "subject": "Due diligence: child labour among cocoa suppliers",
        "topics": ["child-labour", "supply-chains"],
        "countries": ["CI"],
        "entry_point": "act-emp",
        "technical_lead": "fundamentals",
        "status": "received",
        "visibility": "internal",
    }
    assert CliRunner().invoke(app, ["validate", "--root", str(clean_dataset)]).exit_code == 0


def test_an_invalid_answer_is_explained_and_the_question_asked_again(clean_dataset: Path) -> None:
    before = contact_files(clean_dataset)
    child = spawn(clean_dataset)
    answer_up_to_topics(child)
    topics = "Topics (ids, comma-separated) [child-labour/supply-chains/osh]: "
    answer(child, topics, "child-labour, nope")
    child.expect_exact("  no topic has the id `nope`; `ilo-engage list topics` lists them")
    answer(child, topics, "child-labour")
    answer_after_topics(child)
    answer(child, "Write this record? [Y/n]: ", "n")
    child.expect_exact("Nothing was written.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert contact_files(clean_dataset) == before


def test_a_mistyped_date_is_asked_again(clean_dataset: Path) -> None:
    child = spawn(clean_dataset)
    answer(child, "Enterprise (id)", "example-cocoa")
    date_question = "Date of the contact (YYYY-MM-DD)"
    answer(child, date_question, "2015-13-01")
    asked_again = child.expect_exact([date_question, pexpect.EOF])
    child.close()
    assert asked_again == 0


def test_questions_left_empty_leave_their_fields_out(clean_dataset: Path) -> None:
    """Optional fields answered with Enter are not written; defaults are (channel, status, visibility)."""
    child = spawn(clean_dataset)
    answer_up_to_topics(child)
    answer(child, "Topics (ids, comma-separated) [child-labour/supply-chains/osh]: ", "")
    answer(child, "Countries (ISO codes, comma-separated): ", "")
    answer(child, "Channel [email/letter/phone/meeting/event/helpdesk/web-form/other] [email]: ", "")
    answer(child, "Status [received/analysed/referred/in-progress/closed/declined] [received]: ", "")
    answer(child, "Technical lead (unit id): ", "")
    answer(child, "Visibility [public/internal/confidential] [internal]: ", "")
    child.expect_exact("Write this record? [Y/n]: ")
    shown = child.before
    assert re.search(r"\nentry_point: act-emp\r?\n", shown)
    assert re.search(r"\nchannel: email\r?\n", shown)
    assert "initiating_unit" not in shown and "counterpart" not in shown and "topics" not in shown
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_required_field_is_asked_again_and_ctrl_c_offers_to_save_the_answers(clean_dataset: Path,
                                                                              tmp_path: Path) -> None:
    before = contact_files(clean_dataset)
    work = tmp_path / "work"
    work.mkdir()
    child = pexpect.spawn(
        sys.executable, ["-m", "ilo_engage", "add-contact", "--root", str(clean_dataset)], cwd=str(work),
        env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"}, encoding="utf-8", timeout=60, dimensions=(50, 200),
    )
    child.delaybeforesend = None
    answer(child, "Enterprise (id): ", "")
    child.expect_exact("  --enterprise: required (Ctrl-C stops, and offers to save your answers)")
    answer(child, "Enterprise (id): ", "exmple-cocoa")  # a typo: suggested, and asked again
    child.expect_exact("  no enterprise has the id `exmple-cocoa`; did you mean `example-cocoa`?")
    answer(child, "Enterprise (id): ", "example cocoa")
    answer(child, "did you mean example-cocoa (Example Cocoa Trading S.A., CH)? [Y/n]: ", "")
    answer(child, f"Date of the contact (YYYY-MM-DD) [{date.today().isoformat()}]: ", "2015-10-01")
    answer(child, "Who made the contact [management/workers-organization/ilo-unit]: ", "management")
    child.expect_exact("Subject, in one line: ")
    time.sleep(0.5)  # the prompt is reading before the interrupt
    child.sendintr()
    answer(child, "Save the 3 fields given so far to add-contact-draft.json? [Y/n]: ", "y")
    child.expect_exact("Saved. To continue: ilo-engage add-contact --from-file add-contact-draft.json")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert contact_files(clean_dataset) == before
    assert json.loads((work / "add-contact-draft.json").read_text(encoding="utf-8")) == {
        "enterprise": "example-cocoa", "date": "2015-10-01", "initiated_by": "management"}
    resumed = CliRunner().invoke(app, ["add-contact", "--no-input", "--dry-run", "--from-file",
                                       str(work / "add-contact-draft.json"), "--subject", "Due diligence",
                                       "--root", str(clean_dataset)])
    assert resumed.exit_code == 0, resumed.stderr
    assert "enterprise: example-cocoa\n" in resumed.stdout and "initiated_by: management\n" in resumed.stdout
