"""What a hostile or careless input finds (issue 13): no leak past the audience, no silent misreading.

Each test reproduces one finding on a copy of the clean dataset, whose confidential enterprise
`secret-mining` carries the canary CANARY-7F3A9C: no public or staff output may hold it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import invoke, write

E = "data/registers/enterprises/"
C = "data/registers/contacts/"
CANARY = "CANARY-7F3A9C"


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and ".ilo-engage-cache" not in p.parts}


# Item 13: ids are full-matched ("eta-corp\n" is not an id)


def test_an_id_with_a_trailing_newline_is_refused_and_no_file_is_written(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-enterprise", "--from-file", "-",
                    input='{"id": "eta-corp\\n", "name": "Eta Corp", "kind": "company", "country": "CH"}')
    assert result.exit_code == 1, result.output
    assert "is not a valid id" in result.stderr
    assert files(clean_dataset) == before


# Item 7: keys under `persons` are personal data too


def test_an_unknown_key_under_persons_is_not_quoted(clean_dataset: Path) -> None:
    contact = clean_dataset / C / "2015-06-01-example-cocoa-ab2c.yaml"
    text = contact.read_text(encoding="utf-8")
    assert "  - name:" in text
    contact.write_text(text.replace("  - name:", "  - chanda.placeholder@mail.example: x\n    name:", 1), encoding="utf-8")
    result = invoke(clean_dataset, "validate", "--format", "json")
    assert result.exit_code == 1
    assert "S001" in result.stdout and "persons[0]" in result.stdout
    assert "chanda" not in result.stdout + result.stderr


# Item 9: data is printed literally, never read as Rich markup


@pytest.mark.parametrize("name", ["Tailspin [/] Mining", "Tailspin [bold]Mining[/bold]"])
def test_names_with_markup_print_as_written(clean_dataset: Path, name: str) -> None:
    enterprise = clean_dataset / E / "example-cocoa.yaml"
    enterprise.write_text(enterprise.read_text(encoding="utf-8").replace(
        "name: Example Cocoa Trading S.A.", f"name: '{name}'"), encoding="utf-8")
    for command in (["find", "Tailspin"], ["register"], ["show", "example-cocoa"]):
        result = invoke(clean_dataset, *command)
        assert result.exit_code == 0, (command, result.output)
        assert name in result.stdout, command


# Item 5 and the template cases of item 8: templates are untrusted (they come with pull requests)

CONTACT_ID = "2015-06-01-example-cocoa-ab2c"
PERSON = "jane@cocoa.example.org"


def rendered(root: Path, *args: str):  # noqa: ANN201
    result = invoke(root, "report", *args)
    assert "Traceback" not in result.output
    return result


def test_a_template_cannot_include_a_record_through_a_linked_folder(clean_dataset: Path) -> None:
    (clean_dataset / "templates").mkdir()
    (clean_dataset / "templates" / "d").symlink_to("../data")
    write(clean_dataset, "templates/progress.md.j2", f"{{% include 'd/registers/contacts/{CONTACT_ID}.yaml' %}}\n")
    result = rendered(clean_dataset, "progress")
    assert result.exit_code == 1
    assert PERSON not in result.output and "symbolic link" in result.stderr


def test_a_template_that_is_a_link_outside_the_dataset_is_not_read(clean_dataset: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("OUTSIDE-SECRET {{ report.audience }}\n", encoding="utf-8")
    (clean_dataset / "templates").mkdir()
    (clean_dataset / "templates" / "progress.md.j2").symlink_to(outside)
    result = rendered(clean_dataset, "progress")
    assert result.exit_code == 1 and "OUTSIDE-SECRET" not in result.output
    assert "templates/progress.md.j2" in result.stderr


def test_a_linked_templates_folder_is_refused(clean_dataset: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "progress.md.j2").write_text("ELSEWHERE\n", encoding="utf-8")
    (clean_dataset / "templates").symlink_to(elsewhere)
    result = rendered(clean_dataset, "progress")
    assert result.exit_code == 1 and "ELSEWHERE" not in result.output


@pytest.mark.parametrize("name", ["../data/registers/contacts/" + CONTACT_ID + ".yaml",
                                  "/etc/hostname", "./../ilo-engage.toml"])
def test_a_template_cannot_name_a_file_outside_templates(clean_dataset: Path, name: str) -> None:
    write(clean_dataset, "templates/progress.md.j2", f"{{% include {name!r} %}}\n")
    result = rendered(clean_dataset, "progress")
    assert result.exit_code == 1, result.output
    assert PERSON not in result.output and "[procedure]" not in result.output


def test_a_register_template_receives_a_projection_of_the_units(clean_dataset: Path) -> None:
    unit = clean_dataset / "data/units/act-emp.yaml"
    unit.write_text(unit.read_text(encoding="utf-8") + "notes: UNIT-NOTE-CANARY\n", encoding="utf-8")
    write(clean_dataset, "templates/register.md.j2", "{% for r in registers %}{{ r.bureau.notes }}{% endfor %}\n")
    result = rendered(clean_dataset, "register", "--audience", "restricted")
    assert result.exit_code == 1
    assert "UNIT-NOTE-CANARY" not in result.output
    assert result.stderr.count("\n") == 1 and "notes" in result.stderr


def test_a_template_that_includes_itself_stops_with_one_line(clean_dataset: Path) -> None:
    write(clean_dataset, "templates/progress.md.j2", "again {% include 'progress.md.j2' %}\n")
    result = rendered(clean_dataset, "progress")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "include" in result.stderr


def test_a_huge_range_in_a_template_stops_with_one_line(clean_dataset: Path) -> None:
    write(clean_dataset, "templates/progress.md.j2", "{% for i in range(100001) %}{{ i }}{% endfor %}\n")
    result = rendered(clean_dataset, "progress")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "range" in result.stderr.lower()


def test_a_regular_template_of_the_dataset_is_still_used(clean_dataset: Path) -> None:
    write(clean_dataset, "templates/parts/title.md.j2", "CUSTOM {{ report.audience }}\n")
    write(clean_dataset, "templates/progress.md.j2", "{% include 'parts/title.md.j2' %}\n")
    result = rendered(clean_dataset, "progress")
    assert (result.exit_code, result.stdout) == (0, "CUSTOM public\n")


# Item 6: units, like every record, are named only for the audiences that may see them


def confidential_unit(root: Path, unit: str, short: str) -> None:
    path = root / "data/units" / f"{unit}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("visibility: public", "visibility: confidential")
                    .replace("short: ", f"short: {short}\nold_short: ", 1).replace("old_short: ", "# ", 1),
                    encoding="utf-8")


def test_a_confidential_unit_is_not_named_in_the_public_report(clean_dataset: Path) -> None:
    confidential_unit(clean_dataset, "co-abidjan", "UNIT-CANARY-1")
    confidential_unit(clean_dataset, "fundamentals", "UNIT-CANARY-2")
    text = clean_dataset / "data/reports/progress.yaml"  # the annex that names lead units
    text.write_text(text.read_text(encoding="utf-8").replace("  - figures\n", "  - figures\n  - participants\n"),
                    encoding="utf-8")
    assert invoke(clean_dataset, "validate").exit_code == 0
    for audience in ("public", "staff"):
        result = invoke(clean_dataset, "report", "progress", "--audience", audience)
        assert result.exit_code == 0, result.output
        assert "UNIT-CANARY" not in result.stdout
    restricted = invoke(clean_dataset, "report", "progress", "--audience", "restricted")
    assert "UNIT-CANARY-2" in restricted.stdout  # the check above looks in the right place


def test_a_confidential_unit_is_not_named_by_route_or_the_registers(clean_dataset: Path) -> None:
    confidential_unit(clean_dataset, "co-abidjan", "UNIT-CANARY-1")
    confidential_unit(clean_dataset, "fundamentals", "UNIT-CANARY-2")
    args = ["--initiated-by", "management", "--topic", "child-labour", "--country", "CI"]
    for fmt in ("text", "json"):
        result = invoke(clean_dataset, "route", *args, "--audience", "public", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "UNIT-CANARY" not in result.stdout and "co-abidjan" not in result.stdout
        assert "fundamentals" not in result.stdout
    assert "2 units not named" in invoke(clean_dataset, "route", *args, "--audience", "public").stdout
    assert "UNIT-CANARY-1" in invoke(clean_dataset, "route", *args, "--audience", "restricted").stdout
    for fmt in ("table", "json", "csv", "md"):
        result = invoke(clean_dataset, "register", "--format", fmt)
        assert result.exit_code == 0 and "fundamentals" not in result.stdout, fmt
    assert "fundamentals" in invoke(clean_dataset, "register", "--audience", "restricted").stdout


# Item 6: refusals and suggestions go through the same projection as `show` and `find`


def test_an_unknown_enterprise_is_refused_without_listing_the_ids(clean_dataset: Path) -> None:
    result = invoke(clean_dataset, "add-contact", "--no-input", "--enterprise", "nope", "--initiated-by",
                    "management", "--subject", "x")
    assert result.exit_code == 1
    assert "no enterprise has the id `nope`" in result.stderr and "ilo-engage list enterprises" in result.stderr
    assert "secret-mining" not in result.output and "example-cocoa" not in result.output


def test_a_contact_with_a_confidential_enterprise_can_still_be_added(clean_dataset: Path) -> None:
    result = invoke(clean_dataset, "add-contact", "--no-input", "--dry-run", "--enterprise", "secret-mining",
                    "--initiated-by", "management", "--subject", "x", "--date", "2016-01-04")
    assert result.exit_code == 0, result.output
    assert "enterprise: secret-mining" in result.stdout


def test_a_duplicate_of_a_confidential_enterprise_is_refused_without_naming_it(clean_dataset: Path) -> None:
    before = files(clean_dataset)
    result = invoke(clean_dataset, "add-enterprise", "--no-input", "--name", "Canary Mining CANARY-7F3A9C Ltd",
                    "--id", "other-mining", "--kind", "company", "--country", "GH")
    assert result.exit_code == 1
    assert CANARY not in result.output and "secret-mining" not in result.output
    assert "1 restricted record" in result.stderr and "--audience restricted" in result.stderr
    assert files(clean_dataset) == before
    assert CANARY not in invoke(clean_dataset, "find", "Canary Mining").output  # as find says


def test_a_duplicate_of_an_internal_enterprise_is_still_named(clean_dataset: Path) -> None:
    result = invoke(clean_dataset, "add-enterprise", "--no-input", "--name", "Example Cocoa", "--id", "other-cocoa",
                    "--kind", "company", "--country", "CH")
    assert result.exit_code == 1
    assert "Example Cocoa Trading S.A. (`example-cocoa`, CH)" in result.stderr and "restricted" not in result.stderr


# Item 15: commands that read the dataset say which files they could not read, instead of shrinking

CONFLICTED = C + "2015-06-01-example-cocoa-ab2c.yaml"


def conflict(root: Path) -> None:
    path = root / CONFLICTED
    path.write_text("<<<<<<< HEAD\n" + path.read_text(encoding="utf-8") + "=======\n>>>>>>> other\n", encoding="utf-8")


@pytest.mark.parametrize("command", [
    ["show", "example-cocoa"], ["find", "Example Cocoa"], ["register"],
    ["route", "--initiated-by", "management", "--enterprise", "example-cocoa"],
    ["contact", "2015-06-01-example-cocoa-ab2c", "follow-up", "--summary", "x"],
    ["add-contact", "--no-input", "--dry-run", "--enterprise", "example-cocoa", "--initiated-by", "management",
     "--subject", "x", "--date", "2016-01-04"],
])
def test_a_command_names_the_files_it_could_not_read(clean_dataset: Path, command: list[str]) -> None:
    conflict(clean_dataset)
    result = invoke(clean_dataset, *command)
    assert "Traceback" not in result.output
    assert (f"the dataset has 1 file that cannot be read as a record, left out here: {CONFLICTED}; "
            "run `ilo-engage validate` to see why") in result.stderr


def test_without_unreadable_files_nothing_is_said(clean_dataset: Path) -> None:
    result = invoke(clean_dataset, "show", "example-cocoa")
    assert result.exit_code == 0 and result.stderr == ""


# Item 14: file names are escaped in every output format

ODD_NAME = "odd\x1b[31m\nname\u202e.yaml"


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_file_name_with_escape_or_newline_is_printed_escaped(clean_dataset: Path, fmt: str,
                                                               monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write(clean_dataset, E + ODD_NAME, "id: [broken\n")
    result = invoke(clean_dataset, "validate", "--format", fmt)
    assert result.exit_code == 1
    shown = result.stdout + (summary.read_text(encoding="utf-8") if fmt == "github" else "")
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "odd\\x1b[31m\\x0aname\\u202e.yaml" in shown.replace("\\\\", "\\")
    if fmt == "text":
        assert result.stdout.splitlines()[0].startswith(f"{E}odd\\x1b[31m\\x0aname\\u202e.yaml:2:1: F010")


def test_fmt_prints_file_names_escaped(clean_dataset: Path) -> None:
    write(clean_dataset, E + ODD_NAME, "id: odd\nname:   Odd Ltd\nkind: company\ncountry: CH\n")
    result = invoke(clean_dataset, "fmt", "--check")
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "odd\\x1b[31m\\x0aname\\u202e.yaml" in result.stdout


# Item 14: one rule for links (followed inside the dataset, refused with F021 and the path outside)


def move_out(root: Path, relfolder: str, tmp_path: Path) -> Path:
    """The folder moved outside the dataset, a symbolic link left in its place."""
    import shutil

    elsewhere = tmp_path / "elsewhere"
    shutil.move(str(root / relfolder), elsewhere)
    (root / relfolder).symlink_to(elsewhere)
    return elsewhere


def test_a_linked_contacts_folder_leading_outside_is_refused_not_skipped(clean_dataset: Path, tmp_path: Path) -> None:
    elsewhere = move_out(clean_dataset, C.rstrip("/"), tmp_path)
    result = invoke(clean_dataset, "validate")
    assert result.exit_code == 1
    assert result.stdout.startswith("data/registers/contacts:1:1: F021 a symbolic link that leads outside the dataset")
    before = sorted(p.name for p in elsewhere.iterdir())
    added = invoke(clean_dataset, "add-contact", "--no-input", "--enterprise", "example-cocoa",
                   "--initiated-by", "management", "--subject", "x", "--date", "2016-01-04")
    assert added.exit_code == 1 and "leads outside the dataset" in added.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == before  # nothing written through the link


def test_a_linked_folder_inside_the_dataset_is_read(clean_dataset: Path) -> None:
    import shutil

    shutil.move(str(clean_dataset / C), clean_dataset / "contacts-kept-here")
    (clean_dataset / C.rstrip("/")).symlink_to(clean_dataset / "contacts-kept-here")
    result = invoke(clean_dataset, "validate", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "Contacts (1 shown, 1 not shown)" in invoke(clean_dataset, "show", "example-cocoa").stdout


def test_a_file_linking_outside_is_refused_the_same_way_with_or_without_a_path(clean_dataset: Path,
                                                                                tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_bytes((clean_dataset / E / "example-cocoa.yaml").read_bytes().replace(b"example-cocoa", b"linked"))
    (clean_dataset / E / "linked.yaml").symlink_to(outside)
    whole = invoke(clean_dataset, "validate")
    one = invoke(clean_dataset, "validate", str(clean_dataset / E / "linked.yaml"))
    expected = f"{E}linked.yaml:1:1: F021 a symbolic link that leads outside the dataset: not read"
    assert whole.exit_code == one.exit_code == 1
    assert whole.stdout.startswith(expected) and one.stdout.startswith(expected), one.output
    fmt = invoke(clean_dataset, "fmt")
    assert fmt.exit_code == 1 and fmt.stdout.startswith(expected)
    assert (clean_dataset / E / "linked.yaml").is_symlink()


def test_a_link_back_to_a_folder_already_read_is_not_read_twice(clean_dataset: Path) -> None:
    (clean_dataset / E / "again").symlink_to(clean_dataset / E)
    result = invoke(clean_dataset, "validate", "--no-cache")
    assert result.exit_code == 0, result.output


def test_a_record_like_file_the_tool_ignores_is_a_warning(clean_dataset: Path) -> None:
    (clean_dataset / E / "aatif.YAML").write_bytes((clean_dataset / E / "example-cocoa.yaml").read_bytes())
    result = invoke(clean_dataset, "validate")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{E}aatif.YAML:1:1: F022 this file is ignored: record files end in .yaml")
    assert invoke(clean_dataset, "validate", "--strict").exit_code == 1
    before = (clean_dataset / E / "aatif.YAML").read_bytes()
    invoke(clean_dataset, "fmt")
    assert (clean_dataset / E / "aatif.YAML").read_bytes() == before


def test_a_unit_suggestion_never_offers_a_confidential_unit(clean_dataset: Path) -> None:
    confidential_unit(clean_dataset, "fundamentals", "UNIT-CANARY-2")
    args = ["add-contact", "--no-input", "--dry-run", "--enterprise", "example-cocoa", "--initiated-by", "management",
            "--subject", "x", "--date", "2016-01-04"]
    result = invoke(clean_dataset, *args, "--technical-lead", "fundamental")
    assert result.exit_code == 1 and "no unit has the id `fundamental`" in result.stderr
    assert "did you mean `fundamentals`" not in result.stderr
    assert "did you mean `co-abidjan`" in invoke(clean_dataset, *args, "--technical-lead", "co-abidjn").stderr


def test_templates_receive_no_record_anywhere_in_their_projection(clean_dataset: Path) -> None:
    import dataclasses
    from datetime import date

    from pydantic import BaseModel

    from ilo_engage.load.dataset import load
    from ilo_engage.lookup.registers import registers
    from ilo_engage.reports.progress import progress_report

    def records_in(value: object, seen: set[int]) -> list[str]:
        if id(value) in seen:
            return []
        seen.add(id(value))
        if isinstance(value, BaseModel):
            return [type(value).__name__]
        if dataclasses.is_dataclass(value):
            return [r for f in dataclasses.fields(value) for r in records_in(getattr(value, f.name), seen)]
        if isinstance(value, (list, tuple, set, frozenset)):
            return [r for item in value for r in records_in(item, seen)]
        if isinstance(value, dict):
            return [r for item in value.values() for r in records_in(item, seen)]
        return []

    dataset = load(clean_dataset)
    for audience in ("public", "staff", "restricted"):
        assert records_in(registers(dataset, audience), set()) == []
        assert records_in(progress_report(dataset, audience, date(2014, 1, 1), date(2016, 12, 31)), set()) == []
