"""Finding the dataset root and reading its settings file, ilo-engage.toml."""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..core import problems as P
from ..core.errors import DatasetNotFound, IloEngageError
from ..core.layout import SETTINGS_FILE
from ..core.problems import FileProblem
from ..model.language import Language

ROOT_ENV = "ILO_ENGAGE_ROOT"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProcedureSettings(_Section):
    """How the engagement procedure is checked."""

    # Para 1 of GB.326/INS/3 says the Governing Body endorsed the procedure at its
    # 321st Session (June 2014); para 23 says March 2014. The default follows para 1.
    start: date = Field(date(2014, 6, 13), description="Contacts before this day are exempt from the procedure.")
    needs_analysis_days: int = Field(
        30, ge=0, description="A needs analysis made more than this many days after the contact is late (a warning)."
    )
    # Superseded by [deadlines]: still read so that older settings files load, but no longer used.
    overdue_days: int | None = Field(
        None, ge=0, description="Superseded by the [deadlines] section; read but not used.",
    )


class DeadlineSettings(_Section):
    """How long each step of the procedure may wait on an open contact (the dataset's to set)."""

    shared: int = Field(5, ge=0, description="Working days (Monday to Friday) from the contact to the sharing.")
    needs_analysis: int = Field(30, ge=0, description="Days from an enterprise's contact to the needs analysis.")
    consultation: int = Field(
        30, ge=0, description="Days from an ILO unit's contact to its consultation with ACT/EMP or ACTRAV."
    )
    referral: int = Field(15, ge=0, description="Days from the needs analysis (or consultation) to the referral.")
    follow_up: int = Field(60, ge=0, description="Days from the referral to the technical lead's first follow-up.")


class Settings(_Section):
    """The settings of one dataset."""

    languages: list[Language] = Field(
        ["en"], min_length=1,
        description="The languages of the text readers see (ISO 639-1 codes), the first the one plain texts are "
        "written in; validate warns about a text missing one of them (L001).",
    )
    procedure: ProcedureSettings = ProcedureSettings()
    deadlines: DeadlineSettings = DeadlineSettings()

    @field_validator("languages")
    @classmethod
    def _each_once(cls, languages: list[str]) -> list[str]:
        if len(set(languages)) != len(languages):
            raise ValueError("each language once")
        return languages

    @property
    def first_language(self) -> str:
        """The language plain texts are written in."""
        return self.languages[0]


def find_root(explicit: Path | None = None, start: Path | None = None) -> Path:
    """The dataset root: --root, else $ILO_ENGAGE_ROOT, else the nearest folder upwards with ilo-engage.toml."""
    chosen = explicit or (Path(os.environ[ROOT_ENV]) if os.environ.get(ROOT_ENV) else None)
    if chosen is not None:
        if not (chosen / SETTINGS_FILE).is_file():
            raise DatasetNotFound(f"{chosen} is not a dataset: it has no {SETTINGS_FILE}")
        return chosen.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise DatasetNotFound()


class SettingsInvalid(IloEngageError):
    """The dataset's ilo-engage.toml is wrong (exit 1)."""


def checked_root(explicit: Path | None = None) -> Path:
    """The dataset root, as find_root finds it, refused if its settings file is wrong.

    Every command that reads the records goes through here: a wrong setting would otherwise be
    replaced by its default without a word, and the answer would silently use the wrong rules.
    `validate` reports the same problem among the others instead.
    """
    root = find_root(explicit)
    try:
        load_settings(root)
    except FileProblem as exc:
        raise SettingsInvalid(
            f"{root / SETTINGS_FILE}:{exc.line}:{exc.column}: {exc.code.code} {exc.message}; "
            "fix it first (`ilo-engage validate` lists every problem)"
        ) from None
    return root


def load_settings(root: Path) -> Settings:
    """The dataset's settings; FileProblem with a line if the file is wrong."""
    text = (root / SETTINGS_FILE).read_text(encoding="utf-8", errors="replace")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(where[1]), int(where[2])) if where else (1, 1)
        raise FileProblem(P.SETTINGS, line, column, f"not valid TOML: {str(exc).split(' (at')[0]}") from None
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        keys = [str(part) for part in error["loc"]]
        line = _line_of_key(text, keys)
        what = ".".join(keys)
        message = "unknown setting" if error["type"] == "extra_forbidden" else error["msg"]
        raise FileProblem(P.SETTINGS, line, 1, f"`{what}`: {message}") from None


def _line_of_key(text: str, keys: list[str]) -> int:
    """The line of a setting `section.key` (TOML parsers keep no positions)."""
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped.strip("[] ")
            if keys and section == keys[0] and len(keys) == 1:
                return number
            continue
        key = stripped.split("=", 1)[0].strip()
        if (keys[:-1] == [section] and key == keys[-1]) or (not section and key == keys[0]):
            return number
    return 1
