"""Pieces every command shares: errors with exit statuses, the database option, output."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
"""The command ran but found a problem (a broken audit chain, a conflict, a refused transition)."""
EXIT_BAD_INPUT = 2
"""The input could not be used: bad facts, a bad option, a missing file."""


class CliError(Exception):
    """A problem to tell the user in words, then exit with ``status``."""

    def __init__(self, *messages: str, status: int = EXIT_BAD_INPUT) -> None:
        self.messages = list(messages)
        self.status = status
        super().__init__("\n".join(messages))


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="database URL (default: BREACH_DESK_DB, else the SQLite register in your data "
        "folder); e.g. postgresql+psycopg://user@host/db for a team",
    )


_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff]"
)


def print_json(value: Any) -> None:
    """JSON for a program or a person: readable UTF-8, with what could drive a terminal (C1
    controls, bidirectional overrides; C0 controls JSON escapes anyway) as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    text = _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text)
    sys.stdout.write("\n")


def echo(text: str = "", *, err: bool = False) -> None:
    """Print text from the register or a file: control characters, bidirectional overrides and
    lone surrogates shown escaped (an escape sequence in a title never reaches the terminal)."""
    from breach_desk.printable import printable

    print(printable(text, keep_lines=True), file=sys.stderr if err else sys.stdout)


def read_input(path: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or '-' for standard input; every
    failure a CliError naming the path."""
    from breach_desk.files import InputFileError, read_stream
    from breach_desk.files import read_input as read_file

    try:
        if path == "-":
            return read_stream(sys.stdin.buffer, limit)
        return read_file(path, limit)
    except InputFileError as exc:
        raise CliError(f"{path}: {exc}") from None
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise CliError(f"{path}: cannot read it ({exc.strerror})") from None


def write_failed(path: str, exc: OSError) -> CliError:
    """A file could not be written: the reason in words, exit 1 (nothing half-written is left)."""
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full"
    elif isinstance(exc, IsADirectoryError):
        reason = "it is a folder"
    else:
        reason = exc.strerror or type(exc).__name__
    return CliError(f"{path}: cannot write it ({reason})", status=EXIT_FAILED)


MAX_OPTION_TEXT = 20_000
"""The longest text an option takes (a reason, a note, evidence): the register's own limit."""
PATH_OPTIONS = frozenset({"file", "files", "output", "pdf", "letter_text", "source", "db"})
"""Options naming files (or a database URL): the operating system's names, which may hold any
bytes but NUL."""


def option_names(parser: argparse.ArgumentParser, args: argparse.Namespace) -> dict[str, str]:
    """How the user typed each option of the command they chose: ``--reason``, ``FILE``."""
    names: dict[str, str] = {}
    current: argparse.ArgumentParser | None = parser
    while current is not None:
        chosen = None
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                chosen = action.choices.get(getattr(args, action.dest, None) or "")
            elif action.option_strings:
                names[action.dest] = action.option_strings[-1]
            else:
                metavar = action.metavar if isinstance(action.metavar, str) else None
                names[action.dest] = metavar or action.dest.upper()
        current = chosen
    return names


def text_fault(text: str) -> str | None:
    """Why text typed as an option cannot be kept in the register, or None."""
    if "\x00" in text:
        return "contains a NUL character (\\u0000)"
    if len(text) > MAX_OPTION_TEXT:
        return f"is too long ({len(text):,} characters; at most {MAX_OPTION_TEXT:,})"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "is not UTF-8 text (it holds bytes that are not characters)"
    return None


def check_options(args: argparse.Namespace, names: dict[str, str]) -> None:
    """Refuse text options the register cannot hold before anything runs: a NUL character
    (no file name or database can hold one), a lone surrogate (bytes that are not UTF-8), or
    text over MAX_OPTION_TEXT characters. Exit 2 naming the option (``names``: how it was
    typed, see ``option_names``)."""
    for dest, value in vars(args).items():
        values = value if isinstance(value, list) else [value]
        for item in values:
            if not isinstance(item, str):
                continue
            name = names.get(dest, "--" + dest.replace("_", "-"))
            if "\x00" in item:
                raise CliError(f"{name}: contains a NUL character (\\u0000)")
            if dest in PATH_OPTIONS:
                continue
            fault = text_fault(item)
            if fault is not None:
                raise CliError(f"{name}: {fault}")


ID_MAX = 2**31 - 1
"""The largest number a register's id or version column holds (32-bit on PostgreSQL)."""


def whole_number(low: int = 1, high: int = ID_MAX) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, else a usage error (exit 2)
    instead of a database overflow."""

    def parse(text: str) -> int:
        stripped = text.strip()
        if not stripped.lstrip("-").isdigit() or len(stripped) > 12:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text[:20]!r}")
        value = int(stripped)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low:,} to {high:,}, got {value:,}")
        return value

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse
