"""``breach-desk log template`` and ``breach-desk log import``: the old breach log brought in."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from breach_desk.cli.common import EXIT_BAD_INPUT, EXIT_OK, CliError, add_db_option, echo

if TYPE_CHECKING:
    Sub = argparse._SubParsersAction[argparse.ArgumentParser]


def register(sub: Sub) -> None:
    p = sub.add_parser(
        "log",
        help="bring the organisation's old breach log in (template, import)",
        description="Bring the organisation's old breach log (an Excel workbook or a CSV file) "
        "into the register as history.",
    )
    inner = p.add_subparsers(dest="log_command", metavar="COMMAND", required=True)
    t = inner.add_parser(
        "template",
        help="write a breach-log template (XLSX with an explanation sheet, or CSV)",
        description="Write the columns Breach Desk understands; the XLSX has a second sheet "
        "explaining each and the accepted values.",
    )
    t.add_argument("-o", "--output", metavar="FILE", required=True, help="FILE.xlsx or FILE.csv")
    t.set_defaults(handler=run_template)
    add_db_option(t)

    i = inner.add_parser(
        "import",
        help="import an old breach log: all or nothing",
        description="Import an old breach log. Each column is mapped to a field (suggested "
        "from its header; change any with --map or --mapping). Nothing is written until every "
        "row is clean; every problem names its row, column and value. Imported rows are "
        "history: no ICO clock, no recommendations; they are matched against new breaches.",
    )
    i.add_argument("file", metavar="FILE", help="FILE.xlsx or FILE.csv")
    i.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    i.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"Header text=FIELD"',
        help="map a column to a field (or to ignore); may be repeated",
    )
    i.add_argument("--mapping", metavar="MAP.json", help="a mapping saved with --save-mapping")
    i.add_argument("--save-mapping", metavar="MAP.json", help="save the mapping used")
    i.add_argument("--dry-run", action="store_true", help="check and summarise; write nothing")
    i.add_argument(
        "--on-conflict",
        choices=("stop", "skip", "update"),
        default="stop",
        help="rows imported before: stop (default), skip them, or update the fields they hold",
    )
    i.set_defaults(handler=run_import)
    add_db_option(i)


def run_template(args: argparse.Namespace) -> int:
    from breach_desk.services.oldlog_template import write_template

    path: str = args.output
    if not path.lower().endswith((".xlsx", ".csv")):
        raise CliError(f"{path}: the template is written as .xlsx or .csv")
    try:
        write_template(path)
    except OSError as exc:
        raise CliError(f"{path}: cannot write it ({exc.strerror})") from None
    print(f"wrote the breach-log template to {path}")
    return EXIT_OK


def _mapping(args: argparse.Namespace) -> dict[str, str]:
    from breach_desk.services.oldlog_read import check_mapping

    mapping: dict[str, str] = {}
    if args.mapping:
        try:
            with open(args.mapping, encoding="utf-8") as handle:
                loaded = json.load(handle)
        except FileNotFoundError:
            raise CliError(f"{args.mapping}: no such file") from None
        except (OSError, ValueError, UnicodeDecodeError):
            raise CliError(f"{args.mapping}: not a mapping saved by --save-mapping") from None
        if not isinstance(loaded, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in loaded.items()
        ):
            raise CliError(f"{args.mapping}: not a mapping saved by --save-mapping")
        mapping.update(loaded)
    for item in args.map:
        header, sep, name = item.rpartition("=")
        if not sep or not header.strip():
            raise CliError(f'--map "{item}": write it as "Header text=FIELD"')
        mapping[" ".join(header.split())] = name.strip()
    bad = check_mapping(mapping)
    if bad:
        raise CliError(f"--map {bad[0]}")
    return mapping


def run_import(args: argparse.Namespace) -> int:
    from breach_desk.cli.register import opened
    from breach_desk.services.oldlog import LogFileError, LogRejected, OldLog
    from breach_desk.services.oldlog_read import read_log

    mapping = _mapping(args)
    try:
        preview = read_log(args.file, args.sheet, mapping)
    except LogFileError as exc:
        raise CliError(f"{args.file}: {exc}") from None
    _print_mapping(preview)
    if args.save_mapping:
        try:
            with open(args.save_mapping, "w", encoding="utf-8") as handle:
                json.dump(preview.mapping(), handle, ensure_ascii=False, indent=2)
                handle.write("\n")
        except OSError as exc:
            raise CliError(f"{args.save_mapping}: cannot write it ({exc.strerror})") from None
    with opened() as reg:
        log = OldLog(reg)
        outcome = log.check(preview, args.on_conflict)
        if preview.problems or args.dry_run:
            _print_summary(preview, outcome, dry=True)
            if preview.problems:
                for problem in preview.problems:
                    echo(f"breach-desk: {args.file}: {problem}", err=True)
                raise CliError(
                    f"{args.file}: {len(preview.problems)} problem"
                    f"{'s' if len(preview.problems) != 1 else ''}: nothing was imported",
                    status=EXIT_BAD_INPUT,
                )
            return EXIT_OK
        try:
            outcome = log.import_log(preview, args.on_conflict)
        except LogRejected as exc:
            for problem in exc.problems:
                echo(f"breach-desk: {args.file}: {problem}", err=True)
            raise CliError(f"{args.file}: {exc}", status=EXIT_BAD_INPUT) from None
    if outcome.resumed is not None:
        from breach_desk.services.register import resumed_sentence

        echo(resumed_sentence(Path(preview.path).name, outcome.resumed))
    _print_summary(preview, outcome, dry=False)
    return EXIT_OK


def _print_mapping(preview: Any) -> None:
    where = f' (sheet "{preview.sheet}")' if preview.sheet else ""
    echo(f"Mapping used{where}, headers on row {preview.header_row}:")
    for column in preview.columns:
        samples = "; ".join(s[:30] for s in column.samples)
        echo(f'  "{column.header}" -> {column.field}' + (f"    e.g. {samples}" if samples else ""))


def _print_summary(preview: Any, outcome: Any, *, dry: bool) -> None:
    verb = "would import" if dry else "imported"
    echo(f"Rows read: {preview.rows_read}")
    echo(f"{verb.capitalize()}: {len(outcome.added)}")
    if outcome.updated:
        echo(f"{'Would update' if dry else 'Updated'}: {len(outcome.updated)}")
    if outcome.skipped:
        echo(f"Skipped (imported before): {len(outcome.skipped)}")
    if outcome.unchanged:
        echo(f"Unchanged (imported before, nothing new): {len(outcome.unchanged)}")
    kinds = preview.problems_by_kind()
    if kinds:
        echo("Problems: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    else:
        echo("Problems: none")
