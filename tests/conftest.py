"""Shared fixtures: small datasets beside the tests, copied so a test may change them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES


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

