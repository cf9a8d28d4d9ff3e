"""`ilo-engage import`: spreadsheets made records, all or nothing, each row checked and deduplicated."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ilo_engage.core import writer
from tests.helpers import PROJECT, invoke

SAMPLE = PROJECT / "examples" / "import"
ENTERPRISES = "data/registers/enterprises"
CONTACTS = "data/registers/contacts"


def files(root: Path, folder: str) -> set[str]:
    return {p.name for p in (root / folder).glob("*.yaml")}


def csv_file(tmp_path: Path, text: str, name: str = "companies.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def mapping(tmp_path: Path, text: str, name: str = "map.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ENTERPRISE_MAP = """kind = "enterprises"
[fields]
name = "Company"
country = "Country"
kind = { value = "company" }
"identifiers.website" = { column = "Website" }
"identifiers.lei" = { column = "LEI" }
"""


def test_the_sample_imports_reports_its_messy_rows_flags_duplicates_and_a_second_import_creates_nothing(
        clean_dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    sheet, companies = str(SAMPLE / "field-office-register.xlsx"), str(SAMPLE / "enterprises.mapping.toml")
    before = files(clean_dataset, ENTERPRISES)

    refused = invoke(clean_dataset, "import", "enterprises", sheet, "--mapping", companies)
    assert refused.exit_code == 1
    assert files(clean_dataset, ENTERPRISES) == before  # all or nothing
    # The website without its scheme, at its row and column; the title row merged above the header
    # is skipped; the empty row is counted.
    assert f"{sheet}:7:D: S003 `identifiers.website`" in refused.stderr
    assert "1 empty row skipped" in refused.stderr
    # Two spellings of one company (same registration number), and a company registered already.
    assert f"{sheet}:6:-: likely duplicate, not written: 'FOURTH COFFEE ROASTERS SA' resembles row 3" in refused.stderr
    assert "same company number" in refused.stderr

    done = invoke(clean_dataset, "import", "enterprises", sheet, "--mapping", companies, "--skip-invalid")
    assert done.exit_code == 0, done.stderr
    written = files(clean_dataset, ENTERPRISES) - before
    assert written == {"fourth-coffee-roasters.yaml", "lucerne-publishing.yaml", "graphic-design-institute.yaml",
                       "contoso-electronics.yaml"}  # registered in the bundled dataset, not in this one
    record = (clean_dataset / ENTERPRISES / "fourth-coffee-roasters.yaml").read_text(encoding="utf-8")
    assert "country: CI\n" in record  # "Côte d'Ivoire" made its ISO code
    assert "size: large\n" in record  # "Large" matched to the allowed value
    assert "  - coffee\n  - agro-processing\n" in record
    assert "imported_from:\n  file: field-office-register.xlsx\n  sheet: Companies\n  row: 3\n" in record
    rejected = (tmp_path / "field-office-register-rejected.csv").read_text(encoding="utf-8-sig")
    assert rejected.splitlines()[0].startswith("row,Company,Country")
    assert rejected.splitlines()[1].startswith("7,Margie's Travel,Ghana") and "D: S003" in rejected

    contacts = str(SAMPLE / "contacts.mapping.toml")
    first = invoke(clean_dataset, "import", "contacts", sheet, "--mapping", contacts)
    assert first.exit_code == 0, first.stderr
    made = sorted(files(clean_dataset, CONTACTS) - {"2015-06-01-example-cocoa-ab2c.yaml",
                                                     "2015-08-03-secret-mining-q2zz.yaml",
                                                     "2015-09-01-example-cocoa-m4nx.yaml"})
    # The dates in two formats: a date cell, 02/06/2014 read day-first, and 2015-01-20.
    assert [m[:10] for m in made] == ["2014-03-14", "2014-06-02", "2015-01-20"]
    text = (clean_dataset / CONTACTS / made[2]).read_text(encoding="utf-8")
    assert "pre_procedure: true\n" in text and "enterprise: graphic-design-institute\n" in text

    for what, mapped in (("enterprises", companies), ("contacts", contacts)):
        again = invoke(clean_dataset, "import", what, sheet, "--mapping", mapped, "--skip-invalid")
        assert again.exit_code == 0
        assert again.stdout == ""
        assert "imported before" in again.stderr
    assert len(files(clean_dataset, CONTACTS)) == 6
    validated = invoke(clean_dataset, "validate")
    assert validated.exit_code == 0, validated.stdout


def test_a_contact_from_a_register_before_the_procedure_is_not_assessed(clean_dataset: Path, tmp_path: Path) -> None:
    """Dated after the procedure's start and missing every step, it breaks no rule when marked."""
    sheet = csv_file(tmp_path, "Date,Company,Subject,Status\n2015-10-01,Example Cocoa,Training,closed\n")
    base = 'kind = "contacts"\n{}[fields]\ndate = "Date"\nenterprise = "Company"\nsubject = "Subject"\n' \
           'status = "Status"\ninitiated_by = {{ value = "management" }}\n'
    assessed = invoke(clean_dataset, "import", "contacts", str(sheet), "--mapping", str(mapping(tmp_path, base.format(""))))
    assert assessed.exit_code == 1
    assert f"{sheet}:2:-: R002" in assessed.stderr  # not shared with the other bureau
    marked = mapping(tmp_path, base.format("pre_procedure = true\n"), "pre.toml")
    done = invoke(clean_dataset, "import", "contacts", str(sheet), "--mapping", str(marked))
    assert done.exit_code == 0, done.stderr
    assert invoke(clean_dataset, "validate").exit_code == 0


def test_every_row_is_reported_at_its_row_and_column_and_nothing_is_written(clean_dataset: Path, tmp_path: Path) -> None:
    sheet = csv_file(tmp_path, "Company,Country,Website,LEI\n"
                               "Good One,Kenya,,\n"
                               "Bad Country,Atlantis,,\n"
                               ",GH,,\n"
                               "Bad Site,GH,www.bad.example,\n")
    before = files(clean_dataset, ENTERPRISES)
    result = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(mapping(tmp_path, ENTERPRISE_MAP)))
    assert result.exit_code == 1
    assert f"{sheet}:3:B: I010 'Atlantis' is not a country name or ISO code" in result.stderr
    assert f"{sheet}:4:A: S002 missing required field `name`" in result.stderr
    assert "`id`" not in result.stderr  # made from the name: its absence says no more
    assert f"{sheet}:5:C: S003" in result.stderr
    assert files(clean_dataset, ENTERPRISES) == before

    as_json = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(tmp_path / "map.toml"),
                     "--format", "json", "--dry-run")
    data = json.loads(as_json.stdout)
    assert [(p["row"], p["column"], p["code"]) for p in data["problems"]] == [(3, "B", "I010"), (4, "A", "S002"),
                                                                             (5, "C", "S003")]
    assert data["written"] is False
    github = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(tmp_path / "map.toml"),
                    "--format", "github")
    assert f"::error file={sheet},line=3,col=2,title=I010 column B%3A 'Atlantis'" in github.stdout


def test_dry_run_writes_nothing_and_says_what_it_would(clean_dataset: Path, tmp_path: Path) -> None:
    sheet = csv_file(tmp_path, "Company,Country,Website,LEI\nGood One,Kenya,,\n")
    result = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(mapping(tmp_path, ENTERPRISE_MAP)),
                    "--dry-run")
    assert result.exit_code == 0
    assert "1 enterprise to write (dry run: nothing written)" in result.stderr
    assert not (clean_dataset / ENTERPRISES / "good-one.yaml").exists()


def test_duplicates_by_identifier_first_then_by_similar_name(clean_dataset: Path, tmp_path: Path) -> None:
    sheet = csv_file(tmp_path, "Company,Country,Website,LEI\n"
                               "Totally Different Name,CH,https://www.cocoa.example.org/,\n"  # the website
                               "Exampel Cocoa Trading,CH,,\n"  # a misspelling of a registered name
                               "Zephyr Looms,IN,,529900T8BM49AURSDO55\n"
                               "Other Name Entirely,IN,,529900T8BM49AURSDO55\n"  # the LEI of the row above
                               "Zephyr Looms Pvt Ltd,IN,,\n")  # the name of row 4, legal form aside
    result = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(mapping(tmp_path, ENTERPRISE_MAP)),
                    "--format", "json")
    data = json.loads(result.stdout)
    found = {d["row"]: (d["resembles"], d["reason"]) for d in data["duplicates"]}
    assert found[2] == ("example-cocoa", "same website")
    assert found[3][0] == "example-cocoa" and found[3][1].startswith("name ")
    assert found[5] == ("zephyr-looms", "same LEI")
    assert found[6] == ("zephyr-looms", "same name")
    assert [r["row"] for r in data["records"]] == [4]
    # A row said to be another enterprise is imported anyway.
    again = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(tmp_path / "map.toml"),
                   "--not-duplicate", "3")
    assert again.exit_code == 0
    assert "exampel-cocoa-trading.yaml" in again.stdout


def test_a_confidential_lookalike_is_not_named(clean_dataset: Path, tmp_path: Path) -> None:
    sheet = csv_file(tmp_path, "Company,Country,Website,LEI\nCanary Mining CANARY-7F3A9C,GH,,\n")
    result = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(mapping(tmp_path, ENTERPRISE_MAP)))
    assert "resembles a restricted record" in result.stderr
    assert "secret-mining" not in result.stderr


def test_without_a_mapping_one_is_proposed_from_the_header(clean_dataset: Path, tmp_path: Path) -> None:
    sheet = csv_file(tmp_path, "Name of firm;Company name;HQ Country;Sector(s);Web site;Remarks;Colour\nA;B;C;D;E;F;G\n")
    result = invoke(clean_dataset, "import", "enterprises", str(sheet))
    assert result.exit_code == 1
    proposal = (tmp_path / "companies.csv.mapping.toml").read_text(encoding="utf-8")
    assert 'name = "Company name"' in proposal
    assert 'country = "HQ Country"' in proposal
    assert 'sectors = { column = "Sector(s)", split = ";" }' in proposal
    assert '"identifiers.website" = "Web site"' in proposal
    assert 'notes = "Remarks"' in proposal
    assert '# column G ("Colour") is not imported' in proposal
    assert '# kind = { value = "..." }' in proposal  # required, and no column says it
    # As proposed it does not import: the required kind is not filled.
    used = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(tmp_path / "companies.csv.mapping.toml"))
    assert used.exit_code == 2
    assert "[fields] kind: required, but no column or value fills it" in used.stderr


def test_mapping_mistakes_are_usage_errors_naming_each(clean_dataset: Path, tmp_path: Path) -> None:
    sheet = csv_file(tmp_path, "Company,Country\nA,GH\n")
    wrong = mapping(tmp_path, 'kind = "enterprises"\ndates = "sideways"\nspeed = 1\n[fields]\nname = "Firm"\n'
                              'colour = "Country"\ncountry = "Country"\nkind = { value = "company" }\n')
    result = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(wrong))
    assert result.exit_code == 2
    for expected in ("unknown setting `speed`", "`dates` is day-first or month-first", "no column 'Firm' in row 1",
                     "[fields] colour: not a field of enterprises"):
        assert expected in result.stderr
    broken = mapping(tmp_path, "kind = \n", "broken.toml")
    assert invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(broken)).exit_code == 2


@pytest.mark.parametrize(("data", "delimiter"), [
    ("Company;Country\r\nCafé Ñandú;Perú\r\n".encode("cp1252"), ";"),
    ("\ufeffCompany\tCountry\nCafé Ñandú\tPerú\n".encode(), "\t"),
    ("Company|Country\nCafé Ñandú|Perú\n".encode("utf-16"), "|"),
])
def test_csv_encodings_and_delimiters_are_detected(clean_dataset: Path, tmp_path: Path, data: bytes,
                                                   delimiter: str) -> None:
    sheet = tmp_path / "companies.csv"
    sheet.write_bytes(data)
    mapped = mapping(tmp_path, 'kind = "enterprises"\n[fields]\nname = "Company"\ncountry = "Country"\n'
                               'kind = { value = "company" }\n')
    result = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(mapped))
    assert result.exit_code == 0, result.stderr
    record = (clean_dataset / ENTERPRISES / "cafe-nandu.yaml").read_text(encoding="utf-8")
    assert "name: Café Ñandú\n" in record and "country: PE\n" in record


def test_dates_follow_the_declared_order_and_an_undeclared_one_is_asked_for(clean_dataset: Path,
                                                                            tmp_path: Path) -> None:
    from ilo_engage.importing.convert import Unreadable, read_date

    assert read_date("03/04/2015", "day-first") == date(2015, 4, 3)
    assert read_date("03/04/2015", "month-first") == date(2015, 3, 4)
    assert read_date("3.4.15", "day-first") == date(2015, 4, 3)
    assert read_date("2015-04-03", None) == date(2015, 4, 3)
    assert read_date("3 April 2015", None) == date(2015, 4, 3)
    with pytest.raises(Unreadable, match="day-first or month-first"):
        read_date("03/04/2015", None)
    with pytest.raises(Unreadable):
        read_date("31/12/2015", "month-first")
    sheet = csv_file(tmp_path, "Date,Company,Subject,Status\n03/04/2015,Example Cocoa,Training,closed\n")
    mapped = mapping(tmp_path, 'kind = "contacts"\npre_procedure = true\n[fields]\ndate = "Date"\n'
                               'enterprise = "Company"\nsubject = "Subject"\nstatus = "Status"\n'
                               'initiated_by = { value = "management" }\n')
    result = invoke(clean_dataset, "import", "contacts", str(sheet), "--mapping", str(mapped))
    assert f"{sheet}:2:A: I011 '03/04/2015': is it day-first or month-first?" in result.stderr


def test_a_contact_names_its_enterprise_by_id_name_or_alias(clean_dataset: Path, tmp_path: Path) -> None:
    sheet = csv_file(tmp_path, "Date,Company,Subject,Status\n"
                               "2015-01-05,example-cocoa,By id,closed\n"
                               "2015-01-06,EXAMPLE COCOA TRADING SA,By name,closed\n"
                               "2015-01-07,Example Cocoa,By alias,closed\n"
                               "2015-01-08,Nobody Known,Unknown,closed\n")
    mapped = mapping(tmp_path, 'kind = "contacts"\npre_procedure = true\n[fields]\ndate = "Date"\n'
                               'enterprise = "Company"\nsubject = "Subject"\nstatus = "Status"\n'
                               'initiated_by = { value = "management" }\n')
    result = invoke(clean_dataset, "import", "contacts", str(sheet), "--mapping", str(mapped), "--skip-invalid",
                    "--rejects", str(tmp_path / "rejects.csv"))
    assert result.exit_code == 0
    assert f"{sheet}:5:B: I020 no registered enterprise has the id or name 'Nobody Known'" in result.stderr
    assert sum(name.startswith("2015-01-0") for name in files(clean_dataset, CONTACTS)) == 3
    assert "Nobody Known" in (tmp_path / "rejects.csv").read_text(encoding="utf-8-sig")


def test_a_failed_write_removes_what_the_import_wrote(clean_dataset: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = csv_file(tmp_path, "Company,Country,Website,LEI\nFirst One,KE,,\nSecond One,KE,,\nThird One,KE,,\n")
    placed: list[str] = []

    def fail_third(step: str) -> None:
        if step == "placed":
            placed.append(step)
            if len(placed) == 2:
                raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "fault_hook", fail_third)
    before = files(clean_dataset, ENTERPRISES)
    result = invoke(clean_dataset, "import", "enterprises", str(sheet), "--mapping", str(mapping(tmp_path, ENTERPRISE_MAP)))
    assert result.exit_code != 0
    assert files(clean_dataset, ENTERPRISES) == before


KILLED_IMPORT = """\
import os, signal, sys
from ilo_engage.core import writer
from ilo_engage.cli import app

step, *args = sys.argv[1:]
seen = []

def hook(name):
    seen.append(name)
    if name == step and seen.count(step) == 2:
        os.kill(os.getpid(), signal.SIGKILL)

writer.fault_hook = hook
app(args, prog_name="ilo-engage")
"""


@pytest.mark.parametrize("step", ["temp-written", "placed"])
def test_an_import_killed_while_writing_leaves_whole_records_and_run_again_writes_the_rest(
        clean_dataset: Path, tmp_path: Path, step: str) -> None:
    sheet = csv_file(tmp_path, "Company,Country,Website,LEI\nFirst One,KE,,\nSecond One,KE,,\nThird One,KE,,\n")
    args = ["import", "enterprises", str(sheet), "--mapping", str(mapping(tmp_path, ENTERPRISE_MAP))]
    before = files(clean_dataset, ENTERPRISES)
    killed = subprocess.run([sys.executable, "-c", KILLED_IMPORT, step, *args, "--root", str(clean_dataset)],
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # Killed while staging: no record; killed at the second link: the first two, whole (validate is clean).
    assert len(files(clean_dataset, ENTERPRISES) - before) == (2 if step == "placed" else 0)
    assert invoke(clean_dataset, "validate").exit_code == 0
    again = invoke(clean_dataset, *args)
    assert again.exit_code == 0, again.stderr
    assert files(clean_dataset, ENTERPRISES) - before == {"first-one.yaml", "second-one.yaml", "third-one.yaml"}


def test_an_unreadable_spreadsheet_is_a_usage_error(clean_dataset: Path, tmp_path: Path) -> None:
    fake = tmp_path / "broken.xlsx"
    fake.write_bytes(b"not a zip at all")
    result = invoke(clean_dataset, "import", "enterprises", str(fake), "--mapping", str(mapping(tmp_path, ENTERPRISE_MAP)))
    assert result.exit_code == 2
    assert "broken.xlsx: cannot read it as a spreadsheet" in result.stderr
    missing = invoke(clean_dataset, "import", "enterprises", str(tmp_path / "none.csv"), "--mapping", "x.toml")
    assert missing.exit_code == 2


def test_the_sample_file_is_the_one_the_script_makes(tmp_path: Path) -> None:
    """The shipped workbook reads as the script describes it (a merged title, then the header)."""
    from ilo_engage.importing.sheets import read_sheet

    sheet = read_sheet(SAMPLE / "field-office-register.xlsx", "Companies")
    assert sheet.rows[1][:2] == ["Company", "Country"]
    assert all(c in (None, "") for c in sheet.rows[0][1:])
    assert shutil.which  # the script itself needs openpyxl, a test dependency


def test_the_readme_commands_run_on_the_bundled_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's "From spreadsheets" commands, word for word, in a copy of the bundled dataset:
    the dry run refuses (row 7), the import with --skip-invalid writes the others, the contacts follow,
    and the duplicate of `contoso-electronics` is flagged, not written."""
    import re
    import shlex

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From spreadsheets", 1)[1].split("\n## ", 1)[0]
    commands = [line for block in re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
                for line in block.splitlines() if line.startswith("ilo-engage ")]
    assert len(commands) == 3
    root = tmp_path / "bundled"
    shutil.copytree(PROJECT / "data", root / "data")
    shutil.copy(PROJECT / "ilo-engage.toml", root)
    shutil.copytree(SAMPLE, root / "examples" / "import")
    monkeypatch.chdir(root)
    codes, outputs = [], []
    for command in commands:
        result = invoke(None, *shlex.split(command)[1:])
        codes.append(result.exit_code)
        outputs.append(result.stderr)
    assert codes == [1, 0, 0]
    assert "field-office-register.xlsx:7:D: S003" in outputs[0]
    assert "resembles `contoso-electronics`" in outputs[1]
    assert "3 contacts written" in outputs[2]
    assert invoke(None, "validate").exit_code == 0
