"""The home page's charts: SVG drawn at build time, each with a text alternative and its figures as
a table, counted from every real contact (named or not), examples apart."""

from __future__ import annotations

import re
from pathlib import Path

from ilo_engage.site.build import build_site
from tests.helpers import write


def cells(page: str) -> list[list[str]]:
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_contacts_per_quarter_by_bureau_count_every_real_contact(clean_dataset: Path, tmp_path: Path) -> None:
    # An example contact never counts with the real ones.
    write(clean_dataset, "data/registers/contacts/2015-10-01-example-cocoa-zz2z.yaml",
          "id: 2015-10-01-example-cocoa-zz2z\ndate: 2015-10-01\nenterprise: example-cocoa\n"
          "initiated_by: management\nsubject: An example\nentry_point: act-emp\nstatus: received\nexample: true\n")
    site = tmp_path / "site"
    build_site(clean_dataset, site, "staff")
    table = (site / "charts/contacts-by-bureau.html").read_text(encoding="utf-8")
    assert cells(table) == [["2015 Q2", "1", "0", "1"], ["2015 Q3", "1", "1", "2"]]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ('alt="Contacts per quarter, by the bureau they entered through: stacked bars for each quarter from '
            '2015 Q2 to 2015 Q3. In all, ACT/EMP 2; ACTRAV 1. The table page gives every quarter."') in home
    svg = (site / "charts/contacts-by-bureau.svg").read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and 'id="chart-contacts-by-bureau"' in svg and "<script" not in svg
    region = cells((site / "charts/contacts-by-region.html").read_text(encoding="utf-8"))
    assert region == [["2015 Q2", "1", "1"], ["2015 Q3", "2", "2"]]  # Côte d’Ivoire and Ghana: Africa
    rules = {row[0]: row[1:] for row in cells((site / "charts/compliance-by-rule.html").read_text(encoding="utf-8"))}
    assert rules["R001 entry point is the right bureau"] == ["3", "0", "0"]
    assert "(example data)" not in home


def test_a_dataset_of_examples_only_charts_them_titled_as_examples(clean_dataset: Path, tmp_path: Path) -> None:
    for path in (clean_dataset / "data/registers/contacts").glob("*.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("\nstatus:", "\nexample: true\nstatus:"),
                        encoding="utf-8")
    site = tmp_path / "site"
    build_site(clean_dataset, site, "staff")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Contacts per quarter, by the bureau they entered through (example data)." in home
    assert "Compliance with the procedure, by rule (example data): R011" in home
