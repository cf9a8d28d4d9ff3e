"""Printing problems for people (text), programs (json) and GitHub pull requests (github)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..core.printable import printable
from ..core.problems import Problem


def _shown(problem: Problem) -> Problem:
    """The problem with its file name printable (names come from the file system, messages are ours)."""
    from dataclasses import replace

    file = printable(problem.file)
    return problem if file == problem.file else replace(problem, file=file)


def write_problems(problems: Sequence[Problem], fmt: str, out: TextIO, root: Path) -> None:
    """Write problems to `out` as `text`, `json` or `github` annotations."""
    if fmt == "json":
        json.dump([_shown(problem).as_dict() for problem in problems], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif fmt == "github":
        prefix = _workspace_prefix(root)
        for problem in problems:
            out.write(github_annotation(problem, prefix) + "\n")
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(markdown_summary(problems))
    else:
        for problem in problems:
            out.write(text_line(problem) + "\n")


def unreadable_notice(files: Sequence[str], limit: int = 5) -> str | None:
    """What a command that reads the dataset says when files could not be read as records
    (so its answer may lack them), naming them; None when every file was read."""
    if not files:
        return None
    named = ", ".join(printable(f) for f in files[:limit]) + (f" and {len(files) - limit} more" if len(files) > limit else "")
    many = len(files) != 1
    return (f"the dataset has {len(files)} file{'s' if many else ''} that cannot be read as "
            f"{'records' if many else 'a record'}, left out here: {named}; run `ilo-engage validate` to see why")


def warn_unreadable(files: Sequence[str], out: TextIO) -> None:
    """Print the notice of unreadable files, if any, as a warning."""
    notice = unreadable_notice(files)
    if notice:
        out.write(f"ilo-engage: warning: {notice}\n")


def text_line(problem: Problem) -> str:
    """`path:line:column: CODE message`, then the hint on an indented line."""
    problem = _shown(problem)
    return (
        f"{problem.file}:{problem.line}:{problem.column}: {problem.code} {problem.message}\n"
        f"    hint: {problem.hint}"
    )


def github_annotation(problem: Problem, prefix: str = "") -> str:
    """A workflow command that GitHub shows on the pull request's diff."""
    problem = _shown(problem)
    properties = ",".join(
        f"{key}={_escape_property(str(value))}"
        for key, value in (
            ("file", prefix + problem.file),
            ("line", problem.line),
            ("col", problem.column),
            ("title", f"{problem.code} {problem.message}"),
        )
    )
    return f"::{problem.severity.value} {properties}::{_escape_data(f'{problem.message} (hint: {problem.hint})')}"


def markdown_summary(problems: Sequence[Problem]) -> str:
    """Every problem as a Markdown table, since GitHub shows only the first few annotations."""
    errors = sum(problem.is_error for problem in problems)
    problems = [_shown(problem) for problem in problems]
    lines = ["## ilo-engage validate", "", summary_sentence(errors, len(problems) - errors), ""]
    if problems:
        lines += ["| file | line | code | message | hint |", "|---|---|---|---|---|"]
        lines += [
            f"| {_cell(p.file)} | {p.line} | {p.code} | {_cell(p.message)} | {_cell(p.hint)} |" for p in problems
        ]
    return "\n".join(lines) + "\n\n"


def summary_sentence(errors: int, warnings: int, files: int | None = None) -> str:
    """'2 errors and 1 warning (40 files checked).'"""
    checked = f" ({files} file{'s' if files != 1 else ''} checked)" if files is not None else ""
    if not errors and not warnings:
        return f"No problems{checked}."
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return f"{' and '.join(parts)}{checked}."


def _workspace_prefix(root: Path) -> str:
    """The dataset root relative to the checkout GitHub annotates, as a path prefix."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace:
        return ""
    try:
        relative = root.resolve().relative_to(Path(workspace).resolve()).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative + "/"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
