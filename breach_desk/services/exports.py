"""The register as a person takes it away: every breach as JSON, CSV or XLSX, and one breach
or one register line as ``show --json`` and ``list --json`` print it (with its ICO clock).

The formats themselves are the store's (``store/exporting``); this is the use case.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime
from typing import IO, Any, Literal, cast

from breach_desk.domain.notification import as_dict
from breach_desk.domain.register import AuditEntry, Breach, BreachSummary
from breach_desk.facts_io import finite_facts
from breach_desk.services.register import Register
from breach_desk.store import exporting

Format = Literal["json", "csv", "xlsx"]


def export_breaches(register: Register, fmt: Format, out: IO[str] | IO[bytes]) -> int:
    """Write every breach to ``out`` (binary for XLSX, text otherwise); returns how many."""
    # NaN and infinity (kept by a register written before they were refused) never leave it.
    rows = (
        dataclasses.replace(row, facts=finite_facts(row.facts)) for row in register.export_records()
    )
    if fmt == "xlsx":
        return exporting.write_xlsx(rows, cast("IO[bytes]", out))
    writer = exporting.write_json if fmt == "json" else exporting.write_csv
    return writer(rows, cast("IO[str]", out))


def summary_as_dict(summary: BreachSummary, at: datetime) -> dict[str, Any]:
    """A register line with its ICO clock at ``at``."""
    return exporting.summary_to_dict(summary) | {"clock": summary.clock(at).as_dict()}


def breach_as_dict(breach: Breach, history: Iterable[AuditEntry], at: datetime) -> dict[str, Any]:
    """A breach with its versions, history, ICO clock at ``at`` and notification records."""
    shown = exporting.breach_to_dict(breach, history)
    shown["clock"] = breach.clock(at).as_dict()
    shown["notifications"] = as_dict(breach.notifications)
    return shown
