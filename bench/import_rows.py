"""The spreadsheet `run.py` imports (`--only import`): N rows of enterprises with pseudo-word names,
countries written as names or codes, and its mapping. Names are random syllables so that rows share
words as real names do (the dedupe compares names that share a word) without being duplicates."""

from __future__ import annotations

import csv
import random
from pathlib import Path

SYLLABLES = ("ka", "lo", "mi", "ner", "vo", "tas", "ri", "bel", "dun", "or", "se", "fa", "gul", "hin", "pe", "zor")
COUNTRIES = ("Ghana", "GH", "Côte d'Ivoire", "CI", "Viet Nam", "VN", "Brazil", "BR", "India", "IN", "Peru", "PE")
MAPPING = """kind = "enterprises"
threshold = 90
[fields]
name = "Company"
country = "Country"
sectors = { column = "Sectors", split = ";" }
size = "Size"
kind = { value = "company" }
"""


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def write(folder: Path, rows: int, seed: int = 1) -> tuple[Path, Path]:
    """The CSV file and its mapping, in `folder`."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    sheet, mapping = folder / f"enterprises-{rows}.csv", folder / "enterprises.mapping.toml"
    seen: set[str] = set()
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Company", "Country", "Sectors", "Size"])
        while len(seen) < rows:
            name = f"{word(rng)} {word(rng)} {rng.choice(('Ltd', 'S.A.', 'Trading', 'Foods', 'Textiles', ''))}".strip()
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            out.writerow([name, rng.choice(COUNTRIES), rng.choice(("cocoa", "apparel; textiles", "mining", "")),
                          rng.choice(("SME", "Large", ""))])
    mapping.write_text(MAPPING, encoding="utf-8")
    return sheet, mapping
