"""Pieces every command shares: errors with exit statuses, the database option, output."""

from __future__ import annotations

import argparse
import json
import sys
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


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
