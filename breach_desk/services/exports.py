"""The register as a person takes it away: every breach as JSON, CSV or XLSX, and one breach
or one register line as ``show --json`` and ``list --json`` print it (with its ICO clock).

The formats themselves are the store's (``store/exporting``); this is the use case.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import IO, Any, Literal, NamedTuple, cast

from breach_desk.domain.notification import as_dict
from breach_desk.domain.register import AuditEntry, Breach, BreachSummary
from breach_desk.services.register import Register
from breach_desk.store import exporting
from breach_desk.store.queries import ExportRow

Format = Literal["json", "csv", "xlsx"]


class Exported(NamedTuple):
    written: int
    """Breaches written."""
    historic: int
    """Of the register's breaches, how many came from the old log (a JSON export of facts leaves
    those not yet assessed out: they are not facts the import reads)."""
    unreadable: tuple[str, ...] = ()
    """The breaches whose stored facts cannot be read, each with why: exported without their
    facts (a JSON export leaves them out), never stopping the export."""


def export_breaches(register: Register, fmt: Format, out: IO[str] | IO[bytes]) -> Exported:
    """Write every breach to ``out`` (binary for XLSX, text otherwise)."""
    historic = 0
    unreadable: list[str] = []

    def counted(row: ExportRow) -> ExportRow:
        nonlocal historic
        historic += row.from_old_log
        if row.unreadable is not None:
            unreadable.append(f"{row.summary.reference}: {row.unreadable}")
        return row

    rows = (counted(row) for row in register.export_records())
    if fmt == "xlsx":
        written = exporting.write_xlsx(rows, cast("IO[bytes]", out))
    else:
        writer = exporting.write_json if fmt == "json" else exporting.write_csv
        written = writer(rows, cast("IO[str]", out))
    return Exported(written, historic, tuple(unreadable))


def summary_as_dict(summary: BreachSummary, at: datetime) -> dict[str, Any]:
    """A register line with its ICO clock at ``at``."""
    return exporting.summary_to_dict(summary) | {"clock": summary.clock(at).as_dict()}


def breach_as_dict(breach: Breach, history: Iterable[AuditEntry], at: datetime) -> dict[str, Any]:
    """A breach with its versions, history, ICO clock at ``at`` and notification records."""
    shown = exporting.breach_to_dict(breach, history)
    shown["clock"] = breach.clock(at).as_dict()
    shown["notifications"] = as_dict(breach.notifications)
    return shown
