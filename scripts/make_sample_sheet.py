#!/usr/bin/env python3
"""Write examples/import/field-office-register.xlsx, the messy sample spreadsheet of `import`.

A field office's register of companies and contacts as such registers are kept: a title merged
across the columns above the header, two spellings of one company, countries written as names,
dates typed in two ways (and one a real date cell), an empty row, a website without its scheme.
Every company is fictional. Needs openpyxl (a test dependency): `.venv/bin/python scripts/make_sample_sheet.py`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "import" / "field-office-register.xlsx"

COMPANIES = [
    ("Fourth Coffee Roasters S.A.", "Côte d'Ivoire", "coffee; agro-processing", "https://fourthcoffee.example", "Large",
     "CI-ABJ-2011-B-1234"),
    ("Lucerne Publishing", "CI", "printing", None, "SME", None),
    (None, None, None, None, None, None),
    ("FOURTH COFFEE ROASTERS SA", "Ivory Coast", "coffee", None, None, "CI-ABJ-2011-B-1234"),
    ("Margie's Travel", "Ghana", "tourism", "margiestravel.example", "sme", None),
    ("Contoso Electronics Limited", "Viet Nam", "electronics", None, "large", None),
    ("Graphic Design Institute", "Burkina Faso", "education; printing", "https://gdi.example", "SME", None),
]
CONTACTS = [
    (date(2014, 3, 14), "Fourth Coffee Roasters", "Asked about child labour due diligence in its supply chain",
     "Meeting", "Management", "Closed", "Côte d'Ivoire"),
    ("02/06/2014", "Lucerne Publishing", "Training of supervisors in occupational safety", "Email", "Management",
     "Closed", "CI"),
    ("2015-01-20", "Graphic Design Institute", "Apprenticeship places for young graduates", "Letter", "Management",
     "Declined", "Burkina Faso; Côte d'Ivoire"),
]


def main() -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Companies"
    sheet.append(["Register of companies, ILO Country Office for Côte d'Ivoire (kept since 2011)"])
    sheet.merge_cells("A1:F1")
    sheet.append(["Company", "Country", "Sector(s)", "Website", "Size", "Registration no."])
    for row in COMPANIES:
        sheet.append(list(row))
    contacts = book.create_sheet("Contacts")
    contacts.append(["Contacts with companies, 2014-2015 (before the engagement procedure)"])
    contacts.merge_cells("A1:G1")
    contacts.append(["Date", "Company", "Subject", "Channel", "Initiated by", "Status", "Countries"])
    for row in CONTACTS:
        contacts.append(list(row))
    contacts["A3"].number_format = "dd/mm/yyyy"
    for each in (sheet, contacts):
        each["A1"].font = Font(bold=True)
    SAMPLE.parent.mkdir(parents=True, exist_ok=True)
    book.save(SAMPLE)
    print(SAMPLE)


if __name__ == "__main__":
    main()
