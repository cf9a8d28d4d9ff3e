"""Plain help for every command: the words an officer types, wrapped between words to the terminal.

Typer's own help shows internal type names (`<bool>`, `<list[str]>`, `{ID}`) and, in a narrow
terminal, cuts choices and words in the middle; these classes print the same content plainly.
"""

from __future__ import annotations

import inspect
import os
import shutil
import textwrap
from collections.abc import Iterable
from typing import Any

from typer._click.core import Context
from typer.core import TyperArgument, TyperCommand, TyperGroup
from typer.main import Typer

MAX_WIDTH = 100  # past this, lines get hard to read whatever the terminal
INDENT = 2
GAP = 2


def width() -> int:
    """The width help is wrapped to: $COLUMNS, else the terminal's, at most MAX_WIDTH."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = shutil.get_terminal_size((80, 24)).columns
    return max(40, min(columns, MAX_WIDTH))


def wrap(text: str, columns: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Lines of at most `columns` characters, broken between words only (never inside one or at a hyphen)."""
    return textwrap.wrap(text, columns, initial_indent=indent,
                         subsequent_indent=indent if subsequent is None else subsequent,
                         break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]


def value_name(param: Any) -> str:
    """What an option's value is called in help: its metavar, its choices, or TEXT."""
    if param.metavar:
        return str(param.metavar)
    choices = getattr(param.type_descriptor, "choices", None) if param.type_descriptor.is_choice else None
    if choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    if param.type_descriptor.is_path:
        return "PATH"
    if param.type_descriptor.annotation is int:
        return "NUMBER"
    return "TEXT"


def argument_name(param: Any) -> str:
    """An argument as usage and help show it: ID, [PATH]..., never {ID} or [[BUREAU]]."""
    name = str(param.metavar or param.name.upper())
    if not param.required:
        name = f"[{name}]"
    if param.nargs != 1:
        name += "..."
    return name


def is_flag(param: Any) -> bool:
    return bool(getattr(param, "is_flag", False)) or bool(getattr(param, "count", False))


def option_term(param: Any) -> str:
    """`-y, --yes`, `--multinational / --national`, `--date YYYY-MM-DD`."""
    names = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
    term = ", ".join(names)
    if param.secondary_opts:
        term += " / " + ", ".join(param.secondary_opts)
    if not is_flag(param):
        term += f" {value_name(param)}"
    return term


def option_help(param: Any, ctx: Any) -> str:
    """An option's help with what else to know: repeatable, environment variable, default, required."""
    extra = []
    envvar = getattr(param, "envvar", None)
    if envvar and getattr(param, "show_envvar", True):
        extra.append(f"environment: {envvar}")
    if param.show_default is not False and not is_flag(param) and not param.multiple:
        default = param.default
        if hasattr(default, "value"):
            default = default.value
        if default not in (None, "", (), []) and not callable(default):
            extra.append(f"default: {default}")
    if param.required:
        extra.append("required")
    text = " ".join((param.help or "").split())
    return f"{text} [{'; '.join(extra)}]" if extra else text


def definitions(rows: Iterable[tuple[str, str]], columns: int) -> list[str]:
    """Term and description in two columns; a long term gets its description on the next line."""
    rows = list(rows)
    if not rows:
        return []
    first = min(max(len(term) for term, _ in rows), max(12, columns // 3))
    start = INDENT + first + GAP
    lines: list[str] = []
    for term, text in rows:
        lead = " " * INDENT + term
        if len(term) <= first:
            body = wrap(text, columns, " " * start)
            body[0] = lead.ljust(start) + body[0][start:]
            lines.extend(body)
        else:
            lines.append(lead)
            lines.extend(wrap(text, columns, " " * start) if text else [])
    return lines


def paragraphs(text: str, columns: int) -> list[str]:
    """A docstring's paragraphs, each rewrapped (single line breaks are not kept)."""
    lines: list[str] = []
    for paragraph in inspect.cleandoc(text).split("\n\n"):
        lines.extend(wrap(" ".join(paragraph.split()), columns, " " * INDENT))
        lines.append("")
    return lines


def command_path(ctx: Any) -> str:
    """`ilo-engage contact ID analyse`: the commands, and the arguments of the groups on the way."""
    parts: list[str] = []
    node = ctx
    while node is not None:
        pieces = [node.info_name or ""]
        if node is not ctx:
            pieces += [argument_name(p) for p in node.command.params if isinstance(p, TyperArgument)]
        parts = [*pieces, *parts]
        node = node.parent
    return " ".join(p for p in parts if p)


def usage(command: Any, ctx: Any) -> str:
    pieces = ["[OPTIONS]"] + [argument_name(p) for p in command.params if isinstance(p, TyperArgument)]
    if isinstance(command, TyperGroup):
        pieces.append("COMMAND [ARGS]...")
    return f"Usage: {command_path(ctx)} {' '.join(pieces)}"


def render(command: Any, ctx: Any) -> str:
    """The whole help page of a command or group."""
    columns = width()
    lines = wrap(usage(command, ctx), columns, "", " " * 7)
    lines.append("")
    if command.help:
        lines.extend(paragraphs(command.help, columns))
    params = command.get_params(ctx)
    arguments = [(argument_name(p), " ".join((p.help or "").split()))
                 for p in params if isinstance(p, TyperArgument)]
    options = [(option_term(p), option_help(p, ctx)) for p in params
               if not isinstance(p, TyperArgument) and not p.hidden]
    for title, rows in (("Arguments", arguments), ("Options", options)):
        if rows:
            lines.append(f"{title}:")
            lines.extend(definitions(rows, columns))
            lines.append("")
    if isinstance(command, TyperGroup):
        rows = [(name, _short(command.commands[name])) for name in command.list_commands(ctx)
                if not command.commands[name].hidden]
        if rows:
            lines.append("Commands:")
            lines.extend(definitions(rows, columns))
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _short(command: Any) -> str:
    """A command's first sentence (its first paragraph, whole)."""
    return " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())


class PlainContext(Context):
    """A context naming its command as people type it (in "Try 'ilo-engage contact ID share -h'")."""

    @property
    def command_path(self) -> str:
        return command_path(self)


class _Plain:
    """What both classes change: the help page and the usage line of errors."""

    context_class = PlainContext

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(render(self, ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(usage(self, ctx) + "\n")


class PlainCommand(_Plain, TyperCommand):  # type: ignore[misc]
    """A command with plain help."""


class PlainGroup(_Plain, TyperGroup):  # type: ignore[misc]
    """A group with plain help; `--root DIR` given before the command is moved after it."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            args = root_after_command(args)
        elif any(param.param_type_name == "argument" for param in self.params):  # `contact ID`
            args = root_before_argument(args)
        return super().parse_args(ctx, args)


def root_before_argument(args: list[str]) -> list[str]:
    """`contact ID --root DIR` (no step) read as `contact --root DIR ID`: a group stops reading its
    own options at its argument, so the option is moved before it."""
    if len(args) == 3 and args[1] == "--root":
        return [args[1], args[2], args[0]]
    if len(args) == 2 and args[1].startswith("--root="):
        return [args[1], args[0]]
    return args


def root_after_command(args: list[str]) -> list[str]:
    """`--root DIR validate …` read as `validate … --root DIR`: the option is accepted in both places."""
    moved: list[str] = []
    rest = list(args)
    while rest and rest[0].startswith("--root"):
        if rest[0] == "--root" and len(rest) > 1:
            moved += rest[:2]
            rest = rest[2:]
        elif rest[0].startswith("--root="):
            moved.append(rest.pop(0))
        else:
            break
    if not moved:
        return args
    if "--" in rest:  # options go before the end of options
        at = rest.index("--")
        return [*rest[:at], *moved, *rest[at:]]
    return [*rest, *moved]


def plain(app: Typer) -> Typer:
    """Give an app and its commands plain help (applied to each registered command and group)."""
    app.info.cls = PlainGroup
    app.rich_markup_mode = None
    for info in app.registered_commands:
        info.cls = PlainCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            plain(group.typer_instance)
    return app
