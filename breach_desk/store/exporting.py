"""Exporting the register: JSON (facts v1, which ``import`` reads back), CSV and XLSX.

Rows stream from the database, so a large register exports in flat memory. Spreadsheet cells
that start like a formula are written as text: a title such as ``=HYPERLINK(...)`` typed into a
breach must not run in whoever opens the export.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import LONDON
from breach_desk.domain.declared import declared_fields
from breach_desk.domain.description import LABELS, describe_facts
from breach_desk.domain.enums import Cause, DataCategory
from breach_desk.domain.facts import Facts
from breach_desk.domain.facts_codec import facts_to_json
from breach_desk.domain.oldlog import FROM_OLD_LOG
from breach_desk.domain.register import AuditEntry, Breach, BreachSummary
from breach_desk.store.queries import ExportRow

_REGISTER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", "Reference"),
    ("title", LABELS["title"]),
    ("service", LABELS["service"]),
    ("status", "Status"),
    ("aware_at", f"{LABELS['aware_at']} (London)"),
    ("cause", LABELS["cause"]),
    ("people", LABELS["subjects.count"]),
    ("categories", LABELS["data.categories"]),
    ("severity", LABELS["severity"]),
    ("risk", LABELS["risk"]),
    ("ico_report", LABELS["ico"]),
    ("ico_deadline", "ICO deadline (London)"),
    ("ico_reported", "Reported to the ICO"),
    ("ico_delay_reason", "Reasons the ICO report is late"),
    ("repeat", LABELS["repeat"]),
    ("open", "Open recommendations"),
    ("overdue", "Overdue recommendations"),
    ("version", "Assessment version"),
    ("created_by", "Recorded by"),
    ("created_at", "Recorded at (London)"),
)
"""Column headings in the words of the one vocabulary and description."""
_SHOWN_ABOVE = frozenset(
    {"title", "service", "aware_at", "cause", "subjects.count", "data.categories"}
)
FACT_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (d.top, d.fact.label)
    for d in declared_fields(Facts)
    if d.fact.label and d.top not in _SHOWN_ABOVE
)
"""Every other declared fact, in the words of the description (derived from the declarations in
``domain/facts.py``: a new fact is a new column)."""
COLUMNS: tuple[tuple[str, str], ...] = _REGISTER_COLUMNS + FACT_COLUMNS
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _when(moment: datetime | None) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m-%d %H:%M") if moment else ""


def _labels(enum: type[StrEnum], values: Iterable[str]) -> str:
    out = []
    for value in values:
        try:
            out.append(vocabulary.label(enum(value)))
        except ValueError:
            out.append(str(value))
    return "; ".join(out)


def _described(facts: Facts | None) -> dict[str, str]:
    """Each fact's value as the description words it, by key (none for a breach from the old
    log: what it said is in the register's columns)."""
    if facts is None:
        return {}
    out: dict[str, str] = {}
    for section in describe_facts(facts):
        for ln in section.lines:
            out[ln.key] = (
                "; ".join(
                    i.name + (f" ({', '.join(i.details)})" if i.details else "") for i in ln.items
                )
                or ln.value
            )
    return out


def flat(row: ExportRow) -> dict[str, Any]:
    out = _flat(row)
    if row.from_old_log:  # history: Breach Desk made no decision, and a gap stays a gap
        unknown = ["data.presence_reveals_category", "harm_reported", "ico_report", "ico_deadline"]
        unknown += ["ico_reported", "repeat", "open", "overdue"]
        unknown += [] if "cause" in (row.logged or {}) else ["cause"]
        out |= dict.fromkeys(unknown, "")
    return out


def _register_facts(row: ExportRow) -> tuple[str, int | str, str]:
    """Cause, number of people, kinds of data: from the facts, or what the old log said."""
    f = row.facts
    if f is not None:
        kinds = "; ".join(vocabulary.label(c) for c in f.data.categories)
        return vocabulary.label(f.cause), f.subjects.count, kinds
    if row.logged is None:
        return "", "", ""  # its stored facts cannot be read (reported by the export)
    logged = row.logged
    return (
        _labels(Cause, [logged.get("cause", "unknown")]),
        logged.get("subjects", {}).get("count", ""),
        _labels(DataCategory, logged.get("data", {}).get("categories", [])),
    )


def _flat(row: ExportRow) -> dict[str, Any]:
    s = row.summary
    described = _described(row.facts)
    cause, people, categories = _register_facts(row)
    return {
        "reference": s.reference,
        "title": s.title,
        "service": s.service or "",
        "status": FROM_OLD_LOG if s.from_old_log else vocabulary.label(s.status),
        "aware_at": _when(s.aware_at),
        "cause": cause,
        "people": people,
        "categories": categories,
        "severity": vocabulary.label(s.band) if s.band else "",
        "risk": vocabulary.label(s.risk) if s.risk else "",
        "ico_report": vocabulary.yes_no(s.ico_report),
        "ico_deadline": _when(s.ico_deadline),
        "ico_reported": vocabulary.yes_no(s.ico_reported),
        "ico_delay_reason": row.ico_delay_reason or "",
        "repeat": vocabulary.yes_no(s.is_repeat),
        "open": s.open_recommendations,
        "overdue": s.overdue_recommendations,
        "version": row.version,
        "created_by": row.created_by,
        "created_at": _when(row.created_at),
        **{key: described.get(key, "") for key, _label in FACT_COLUMNS},
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
        if row.facts is None:
            continue  # history from the old log (its own file re-imports it), or unreadable
        out.write(",\n" if count else "\n")
        out.write(json.dumps(facts_to_json(row.facts), ensure_ascii=False, indent=2))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


Columns = Sequence[tuple[str, str]]


def table_csv(columns: Columns, rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Rows (dicts by column key) as CSV with a heading row; formula-like text stays text."""
    writer = csv.writer(out)
    writer.writerow([label for _key, label in columns])
    count = 0
    for values in rows:
        writer.writerow([safe_text(values[key]) for key, _label in columns])
        count += 1
    return count


def table_xlsx(
    sheet_name: str, columns: Columns, rows: Iterable[dict[str, Any]], out: str | Path | IO[bytes]
) -> int:
    """Rows (dicts by column key) as one XLSX sheet, streamed (write-only), heading frozen;
    text is always written as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name)
    sheet.freeze_panes = "A2"
    sheet.append([label for _key, label in columns])
    count = 0
    for values in rows:
        line = []
        for value in (values[key] for key, _label in columns):
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


def write_csv(rows: Iterable[ExportRow], out: IO[str]) -> int:
    return table_csv(COLUMNS, (flat(r) for r in rows), out)


def write_xlsx(rows: Iterable[ExportRow], out: str | Path | IO[bytes]) -> int:
    return table_xlsx("Breach register", COLUMNS, (flat(r) for r in rows), out)


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
        **({"from_old_log": True, "aware_as_logged": s.aware_as_logged} if s.from_old_log else {}),
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
        "close_approvals": [
            {
                "approved_by": a.by,
                "approved_at": _iso(a.at),
                "reason": a.reason,
                "void": a.void,
                "void_since": _iso(a.void_since),
            }
            for a in breach.close_approvals
        ],
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
                "number": r.id,
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
