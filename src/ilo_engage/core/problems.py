"""Problems found in a dataset: plain values that checks return and outputs print."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: errors fail `validate`, warnings only with `--strict`."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    """A stable problem code, like a linter's, with what it means and how to fix it."""

    code: str
    severity: Severity
    title: str
    hint: str

    def at(self, file: str, line: int, column: int, message: str, hint: str | None = None) -> Problem:
        """A problem of this code at a place in a file (line and column from 1)."""
        return Problem(file, line, column, self.code, self.severity, message, hint or self.hint)


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong in one file; ordering sorts by file, then line and column."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


class FileProblem(Exception):
    """Raised while reading a file that cannot be a record: the code, where, and why."""

    def __init__(self, code: Code, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.line = line
        self.column = column
        self.message = message

    def problem(self, file: str) -> Problem:
        return self.code.at(file, self.line, self.column, self.message)


def _error(code: str, title: str, hint: str) -> Code:
    return Code(code, Severity.ERROR, title, hint)


def _warning(code: str, title: str, hint: str) -> Code:
    return Code(code, Severity.WARNING, title, hint)


# File and YAML problems: the file cannot be read as a record at all.
UNREADABLE = _error("F000", "unreadable file", "check the file's permissions")
FILE_TOO_LARGE = _error("F001", "file too large", "split the content; a record file is a few kilobytes")
BAD_ENCODING = _error("F002", "not UTF-8", "save the file as UTF-8 (in most editors: 'Save with encoding')")
BAD_CHARACTER = _error(
    "F003",
    "forbidden character",
    "delete the invisible character; retype the text around it if unsure",
)
CONFLICT_MARKER = _error(
    "F004",
    "unresolved merge conflict",
    "resolve the conflict: keep the right lines and delete the <<<<<<<, ======= and >>>>>>> lines",
)
NOT_A_FILE = _error("F005", "not a regular file",
                    "a record is a regular file: remove the FIFO, device or socket, or move it out of data/")
YAML_SYNTAX = _error(
    "F010",
    "YAML syntax error",
    "check indentation (spaces, never tabs), colons after keys and closing quotes or brackets",
)
DUPLICATE_KEY = _error("F011", "duplicate key", "keep one of the two entries and delete the other")
ANCHOR_ALIAS = _error(
    "F012",
    "anchor, alias or merge key",
    "write the values out in full: records do not use &anchors, *aliases or << merges",
)
EXPLICIT_TAG = _error("F013", "explicit tag", "remove the !tag; write the plain value")
DIRECTIVE = _error("F014", "directive", "remove the %YAML or %TAG line")
SEVERAL_DOCUMENTS = _error("F015", "several documents", "keep one record per file: remove the extra '---' document")
EMPTY_FILE = _error("F016", "empty file", "write the record's fields, starting with `id:`, or delete the file")
NOT_A_MAPPING = _error("F017", "not a mapping", "a record is a set of `key: value` lines at the left margin")
TOO_DEEP = _error("F018", "nested too deeply", "records nest a few levels at most; flatten the structure")
BAD_KEY = _error("F019", "bad key", "keys are plain field names such as `name` or `date`")
UNKNOWN_FILE = _error(
    "F020",
    "file outside the data contract",
    "move the file into one of the record folders, or out of data/",
)
LINK_OUTSIDE = _error(
    "F021",
    "link outside the dataset",
    "a record lives in the dataset: replace the symbolic link by the file or folder itself",
)
IGNORED_FILE = _warning(
    "F022",
    "file ignored",
    "record files end in .yaml, in lower case: rename the file, or move it out of data/",
)
SETTINGS = _error("F030", "bad settings", "correct ilo-engage.toml; see the README for the settings")

# Schema problems: the file is YAML but not a valid record of its kind.
UNKNOWN_FIELD = _error("S001", "unknown field", "remove the field or correct its spelling")
MISSING_FIELD = _error("S002", "missing field", "add the field")
INVALID_VALUE = _error("S003", "invalid value", "correct the value")

# Dataset problems: records that are valid alone but not together.
DUPLICATE_ID = _error("D001", "duplicate id", "give one of the records another id (and rename its file to match)")
ID_NOT_FILE_NAME = _error(
    "D002",
    "id differs from file name",
    "make the file name the id followed by .yaml, or correct the id",
)
UNKNOWN_REFERENCE = _error("D003", "unknown reference", "correct the id, or add the record it refers to")
DUPLICATE_ENTRY = _error("D004", "duplicate entry", "keep one of the two entries")
CONTACT_ID = _error(
    "D005",
    "contact id not in the agreed form",
    "name contacts YYYY-MM-DD-<enterprise id>-<4 letters a-z or digits 2-7>, from the contact's date and enterprise",
)

FORMER_ID = _error("D007", "reference to a former id",
                   "write the enterprise's current id: it was renamed or merged (`former_ids` in its file)")

LIKELY_DUPLICATE = _warning(
    "D006",
    "likely duplicate enterprise",
    "if both records are the same enterprise, keep one and point its contacts at it; "
    "if not, add an identifier (website or LEI) that tells them apart",
)

# Report-text problems: what the progress report would say (see checks/report_text.py).
REPORT_PLACEHOLDER = _error("T001", "placeholder names no figure",
                            "write {key} for a figure of the record, {initiative-id.key} elsewhere; see the figure's key")
REPORT_NUMBER_WRITTEN = _warning("T002", "figure written as a number", "write the figure's placeholder instead")
REPORT_FIGURE_UNUSED = _warning("T003", "figure no text states",
                                "state it in the summary or a report text by its placeholder, or remove it")
REPORT_NOTE_ANCHOR = _warning("T004", "footnote mark not placed",
                              "give in `after` words the paragraph contains, as written")
REPORT_PERIOD_AFTER_DATE = _warning("T005", "period ends after the report's date",
                                    "end the period on or before the report's date")
REPORT_EXAMPLES_MIXED = _warning("T006", "example and real contacts in one period",
                                 "remove the example records (or their `example: true`) once real contacts are recorded")
REPORT_UNFILLED = _warning("T007", "report text still to be written",
                           "replace the text in square brackets that `ilo-engage init` left; `report` refuses "
                           "it unless --draft")

# Language problems: text readers see, missing in a language the dataset declares (checks/translations.py).
TRANSLATION_MISSING = _warning("L001", "translation missing",
                               "give the text in that language (`{en: …, fr: …}`), or say in the record's "
                               "`translations` that the language is incomplete; documents in it need --draft")

CODES: tuple[Code, ...] = (
    UNREADABLE,
    FILE_TOO_LARGE,
    BAD_ENCODING,
    BAD_CHARACTER,
    CONFLICT_MARKER,
    YAML_SYNTAX,
    DUPLICATE_KEY,
    ANCHOR_ALIAS,
    EXPLICIT_TAG,
    DIRECTIVE,
    SEVERAL_DOCUMENTS,
    EMPTY_FILE,
    NOT_A_MAPPING,
    TOO_DEEP,
    BAD_KEY,
    UNKNOWN_FILE,
    SETTINGS,
    UNKNOWN_FIELD,
    MISSING_FIELD,
    INVALID_VALUE,
    DUPLICATE_ID,
    ID_NOT_FILE_NAME,
    UNKNOWN_REFERENCE,
    DUPLICATE_ENTRY,
    CONTACT_ID,
    LIKELY_DUPLICATE,
    FORMER_ID,
    REPORT_PLACEHOLDER,
    REPORT_NUMBER_WRITTEN,
    REPORT_FIGURE_UNUSED,
    REPORT_NOTE_ANCHOR,
    REPORT_PERIOD_AFTER_DATE,
    REPORT_EXAMPLES_MIXED,
    REPORT_UNFILLED,
    TRANSLATION_MISSING,
)
