"""Exporting the register: JSON (facts v1, which ``import`` reads back), CSV and XLSX.

Rows stream from the database, so a large register exports in flat memory. Spreadsheet cells
that start like a formula are written as text: a title such as ``=HYPERLINK(...)`` typed into a
breach must not run in whoever opens the export.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from breach_desk.domain.clock import LONDON
from breach_desk.domain.register import AuditEntry, Breach, BreachSummary
from breach_desk.store.queries import ExportRow

COLUMNS = (
    ("reference", "Reference"),
    ("title", "Title"),
    ("service", "Service"),
    ("status", "Status"),
    ("aware_at", "Aware at (London)"),
    ("cause", "Cause"),
    ("people", "People affected"),
    ("categories", "Data categories"),
    ("severity", "Severity"),
    ("risk", "Risk"),
    ("ico_report", "Report to ICO"),
    ("ico_deadline", "ICO deadline (London)"),
    ("ico_reported", "Reported to ICO"),
    ("ico_delay_reason", "Reasons for a late ICO report"),
    ("repeat", "Repeat"),
    ("open", "Open recommendations"),
    ("overdue", "Overdue recommendations"),
    ("version", "Version"),
    ("created_by", "Recorded by"),
    ("created_at", "Recorded at (London)"),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _when(moment: datetime | None) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m-%d %H:%M") if moment else ""


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def flat(row: ExportRow) -> dict[str, Any]:
    s, f = row.summary, row.facts
    return {
        "reference": s.reference,
        "title": s.title,
        "service": s.service or "",
        "status": s.status.value,
        "aware_at": _when(s.aware_at),
        "cause": f.get("cause", "unknown"),
        "people": f.get("subjects", {}).get("count", ""),
        "categories": ", ".join(f.get("data", {}).get("categories", [])),
        "severity": s.band.label if s.band else "",
        "risk": s.risk.value if s.risk else "",
        "ico_report": _yes(s.ico_report),
        "ico_deadline": _when(s.ico_deadline),
        "ico_reported": _yes(s.ico_reported),
        "ico_delay_reason": row.ico_delay_reason or "",
        "repeat": _yes(s.is_repeat),
        "open": s.open_recommendations,
        "overdue": s.overdue_recommendations,
        "version": row.version,
        "created_by": row.created_by,
        "created_at": _when(row.created_at),
    }


def safe_text(value: Any) -> Any:
    """Text that a spreadsheet will not take for a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_json(rows: Iterable[ExportRow], out: IO[str]) -> int:
    """A JSON array of facts v1 (with references): ``breach-desk import`` reads it back."""
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(row.facts, ensure_ascii=False, indent=2))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_csv(rows: Iterable[ExportRow], out: IO[str]) -> int:
    writer = csv.writer(out)
    writer.writerow([label for _key, label in COLUMNS])
    count = 0
    for row in rows:
        values = flat(row)
        writer.writerow([safe_text(values[key]) for key, _label in COLUMNS])
        count += 1
    return count


def write_xlsx(rows: Iterable[ExportRow], out: str | Path | IO[bytes]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Breach register")
    sheet.freeze_panes = "A2"
    sheet.append([label for _key, label in COLUMNS])
    count = 0
    for row in rows:
        values = flat(row)
        line = []
        for value in (values[key] for key, _label in COLUMNS):
            cell = WriteOnlyCell(sheet)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # never a formula
            else:
                cell.value = value
            line.append(cell)
        sheet.append(line)
        count += 1
    book.save(out)
    return count


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def summary_to_dict(s: BreachSummary) -> dict[str, Any]:
    return {
        "reference": s.reference,
        "title": s.title,
        "service": s.service,
        "status": s.status.value,
        "aware_at": _iso(s.aware_at),
        "severity": s.band.value if s.band else None,
        "risk": s.risk.value if s.risk else None,
        "ico_report": s.ico_report,
        "ico_deadline": _iso(s.ico_deadline),
        "ico_reported": s.ico_reported,
        "is_repeat": s.is_repeat,
        "open_recommendations": s.open_recommendations,
        "overdue_recommendations": s.overdue_recommendations,
        "updated_at": _iso(s.updated_at),
    }


def breach_to_dict(breach: Breach, history: Iterable[AuditEntry] = ()) -> dict[str, Any]:
    """Everything the register keeps about one breach, as JSON (``show --json``)."""
    from breach_desk.assessment_io import assessment_to_dict
    from breach_desk.facts_io import facts_to_dict

    return {
        "reference": breach.reference,
        "status": breach.status.value,
        "row_version": breach.row_version,
        "created_at": _iso(breach.created_at),
        "created_by": breach.created_by,
        "updated_at": _iso(breach.updated_at),
        "updated_by": breach.updated_by,
        "closed_at": _iso(breach.closed_at),
        "closed_by": breach.closed_by,
        "facts": facts_to_dict(breach.facts),
        "related": [
            {"reference": m.reference, "matched_on": m.matched_on, "title": m.title}
            for m in breach.related
        ],
        "versions": [
            {
                "number": v.number,
                "created_at": _iso(v.created_at),
                "created_by": v.created_by,
                "reason": v.reason,
                "ico_delay_reason": v.ico_delay_reason,
                "removed": [{"code": r.code, "reason": r.reason} for r in v.removed],
                "changes": [
                    {"path": c.path, "before": c.before, "after": c.after} for c in v.changes
                ],
                "assessment": assessment_to_dict(v.assessment),
            }
            for v in breach.versions
        ],
        "recommendations": [
            {
                "code": r.code,
                "text": r.text,
                "owner_role": r.owner_role.value,
                "owner": r.owner,
                "service": r.service,
                "due_date": r.due_date.isoformat(),
                "status": r.status.value,
                "overdue": r.overdue(),
                "why": r.why,
                "evidence": r.evidence,
                "done_by": r.done_by,
                "done_at": _iso(r.done_at),
                "verified_by": r.verified_by,
                "verified_at": _iso(r.verified_at),
                "removed_reason": r.removed_reason,
                "history": [
                    {
                        "at": _iso(t.at),
                        "by": t.by,
                        "from": t.from_status.value if t.from_status else None,
                        "to": t.to_status.value,
                        "reason": t.reason,
                        "evidence": t.evidence,
                    }
                    for t in r.history
                ],
            }
            for r in breach.recommendations
        ],
        "audit": [
            {
                "seq": e.seq,
                "at": _iso(e.at),
                "actor": e.actor,
                "action": e.action,
                "reason": e.reason,
            }
            for e in history
        ],
    }
