"""The ``breach-desk`` command. With no subcommand it opens the window; with one it works headless
and never imports Qt.

Each area adds its subcommands from its own module (``register(subparsers)``); handlers import
what they need when they run, so ``breach-desk assess`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from breach_desk import __version__
from breach_desk.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    CliError,
    add_db_option,
    check_options,
    option_names,
)


def build_parser(*, only_assess: bool = False) -> argparse.ArgumentParser:
    """Every command; ``only_assess``: just ``assess`` (``breach-desk assess ...``), which then
    starts without loading the other commands' modules."""
    from breach_desk.cli import assess

    parser = argparse.ArgumentParser(
        prog="breach-desk",
        description="Assess personal-data breaches, keep the breach register, track "
        "recommendations. Run with no command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if only_assess:
        assess.register(sub)
        return parser
    from breach_desk.cli import actions, notify, oldlog, register, remind, reports

    for area in (assess, register, reports, actions, notify, oldlog, remind):
        area.register(sub)
    return parser


def _window_only(args: list[str]) -> tuple[bool, str | None]:
    """(True, db) when the arguments only open the window: skip building every command."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db":
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0].removeprefix("--db=")
    return False, None


def _register_error_status(exc: BaseException) -> int | None:
    """The exit status for an error the register reports to a person, else None.

    A bad request (no such breach, a missing reason) is bad input (2); a refusal the register
    made (a conflict, a full disk, a rejected import) is a failure (1). The register's errors
    module is only looked up if a command loaded it: nothing else can raise them.
    """
    errors = sys.modules.get("breach_desk.domain.errors")
    if errors is None or not isinstance(exc, errors.RegisterError):
        return None
    if isinstance(exc, errors.InvalidChange | errors.NotFound):
        return EXIT_BAD_INPUT
    return EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    window, db = _window_only(args_list)
    if window:
        from breach_desk.gui.app import run_gui

        return int(run_gui(db))
    parser = build_parser(only_assess=args_list[0] == "assess")
    args = parser.parse_args(args_list)
    if args.command is None:
        from breach_desk.gui.app import run_gui

        return int(run_gui(getattr(args, "db", None)))
    try:
        check_options(args, option_names(parser, args))
        if getattr(args, "db", None):
            os.environ["BREACH_DESK_DB"] = args.db
        return int(args.handler(args))
    except CliError as exc:
        for message in exc.messages:
            _say(message)
        return exc.status
    except BrokenPipeError:
        # The reader went away (``breach-desk list | head -1``): what it wanted it has.
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except Exception as exc:
        status = _register_error_status(exc)
        if status is None:
            raise
        for line in str(exc).splitlines():
            _say(line)
        return status


def _say(message: str) -> None:
    """One line of a message to the user on stderr; what came from their input (a path, a
    field name) shown escaped, never as terminal control."""
    from breach_desk.printable import printable

    print(f"breach-desk: {printable(message)}", file=sys.stderr)


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's last flush of what is
    still buffered does not fail on the closed pipe again."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)
