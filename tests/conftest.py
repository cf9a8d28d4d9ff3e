"""Shared fixtures: small datasets beside the tests, copied so a test may change them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PROJECT = Path(__file__).parent.parent


@pytest.fixture
def clean_dataset(tmp_path: Path) -> Path:
    """A copy of a small dataset that breaks no rule."""
    root = tmp_path / "dataset"
    # Not the cache a command run on the fixture itself may have left: a test starts from the files.
    shutil.copytree(FIXTURES / "clean", root, ignore=shutil.ignore_patterns(".ilo-engage-cache"))
    return root


@pytest.fixture
def broken_dataset(clean_dataset: Path) -> Path:
    """The clean dataset with one broken file per bad input laid over it."""
    shutil.copytree(FIXTURES / "broken", clean_dataset, dirs_exist_ok=True)
    return clean_dataset


def write(root: Path, relpath: str, text: str | bytes) -> Path:
    """Write a file into a dataset, creating its folder."""
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# The clean fixture's [deadlines]: far off, so that its open contacts are never overdue whatever
# day the tests run. A test that writes its own settings file adds them to stay clean.
FAR_DEADLINES = "\n[deadlines]\nshared = 26000\nneeds_analysis = 36500\nconsultation = 36500\nreferral = 36500\nfollow_up = 36500\n"
