"""Recommendations as rows: JSON for ``actions list --json``, CSV and XLSX for the Monitoring
export. Text that looks like a formula is written as text (the register export's rule)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import LONDON
from breach_desk.domain.register import Transition
from breach_desk.domain.workflow import ActionItem
from breach_desk.files import open_private
from breach_desk.store.exporting import table_csv, table_xlsx

COLUMNS = (
    ("id", "No."),
    ("reference", "Breach"),
    ("title", "Breach title"),
    ("service", "Service"),
    ("code", "Code"),
    ("name", "Recommendation"),
    ("text", "Action"),
    ("owner", "Owner"),
    ("status", "Status"),
    ("due_date", "Due"),
    ("overdue_days", "Days overdue"),
    ("age_days", "Age (days)"),
    ("evidence", "Evidence"),
    ("done_by", "Done by"),
    ("done_at", "Done at (London)"),
    ("verified_by", "Verified by"),
    ("verified_at", "Verified at (London)"),
)


def _when(moment: datetime | None) -> str:
    return moment.astimezone(LONDON).strftime("%Y-%m-%d %H:%M") if moment else ""


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def owner_text(item: ActionItem) -> str:
    r = item.recommendation
    return r.owner or vocabulary.label(r.owner_role)


def flat(item: ActionItem, at: datetime) -> dict[str, Any]:
    r = item.recommendation
    return {
        "id": r.id,
        "reference": r.breach_reference,
        "title": item.title,
        "service": item.service or "",
        "code": r.code,
        "name": vocabulary.recommendation_title(r.code, r.text),
        "text": r.text,
        "owner": owner_text(item),
        "status": vocabulary.label(r.status),
        "due_date": r.due_date.isoformat(),
        "overdue_days": item.overdue_days(at),
        "age_days": item.age_days(at),
        "evidence": r.evidence or "",
        "done_by": r.done_by or "",
        "done_at": _when(r.done_at),
        "verified_by": r.verified_by or "",
        "verified_at": _when(r.verified_at),
    }


def _transition(t: Transition) -> dict[str, Any]:
    return {
        "at": t.at.isoformat(),
        "by": t.by,
        "from": t.from_status.value if t.from_status else None,
        "to": t.to_status.value,
        "reason": t.reason,
        "evidence": t.evidence,
    }


def to_dict(item: ActionItem, at: datetime) -> dict[str, Any]:
    """One recommendation, with its history and files, as JSON."""
    r = item.recommendation
    return {
        "id": r.id,
        "reference": r.breach_reference,
        "title": item.title,
        "service": item.service,
        "code": r.code,
        "text": r.text,
        "owner_role": r.owner_role.value,
        "owner": r.owner,
        "due_date": r.due_date.isoformat(),
        "status": r.status.value,
        "overdue": r.overdue(at),
        "overdue_days": item.overdue_days(at),
        "age_days": item.age_days(at),
        "evidence": r.evidence,
        "done_by": r.done_by,
        "done_at": _iso(r.done_at),
        "verified_by": r.verified_by,
        "verified_at": _iso(r.verified_at),
        "history": [_transition(t) for t in r.history],
        "files": [
            {"id": f.id, "name": f.name, "size": f.size, "sha256": f.sha256} for f in r.files
        ],
    }


def write_csv(items: Sequence[ActionItem], at: datetime, out: IO[str]) -> int:
    return table_csv(COLUMNS, (flat(i, at) for i in items), out)


def write_xlsx(items: Sequence[ActionItem], at: datetime, out: str | Path | IO[bytes]) -> int:
    return table_xlsx("Recommendations", COLUMNS, (flat(i, at) for i in items), out)


def write(items: Sequence[ActionItem], at: datetime, path: Path) -> int:
    """CSV or XLSX by the file's suffix; personal data, so readable by its owner only (0600)
    and written whole or not at all."""
    if path.suffix.lower() == ".xlsx":
        with open_private(path, "wb") as binary:
            return write_xlsx(items, at, binary)
    with open_private(path, "w") as out:
        return write_csv(items, at, out)
