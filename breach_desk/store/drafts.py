"""The wizard's autosaved drafts: arbitrary JSON, one row per draft, private to its author.

Drafts are work in progress, not register changes: they are not audited, and they are not
breaches (nothing in them is validated). After a crash the next start offers them back.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy import text as sa_text

from breach_desk.domain.errors import InvalidChange, RegisterError
from breach_desk.domain.register import DraftInfo
from breach_desk.store.models import DraftRow
from breach_desk.store.session import UnitOfWork

UNTITLED = "Untitled breach"


class DraftNotFound(RegisterError, LookupError):
    def __init__(self, draft_id: int) -> None:
        self.draft_id = draft_id
        super().__init__(f"there is no draft {draft_id} (it was finalised or discarded)")


def _mine(uow: UnitOfWork, draft_id: int) -> DraftRow | None:
    row = uow.session.get(DraftRow, draft_id)
    return row if row is not None and row.created_by == uow.actor else None


MAX_DRAFT_BYTES = 8 * 1024 * 1024
"""The largest draft kept, on either engine (migration 0007, ``bd_save_draft``)."""


def save(
    uow: UnitOfWork,
    draft_id: int | None,
    payload: dict[str, Any],
    title: str,
    reference: str | None,
) -> int:
    try:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise InvalidChange(f"the draft cannot be saved as JSON ({exc})") from None
    if len(text.encode("utf-8")) > MAX_DRAFT_BYTES:
        raise InvalidChange(f"the draft is too big to keep (at most {MAX_DRAFT_BYTES:,} bytes)")
    title = " ".join((title or "").split())[:200] or UNTITLED
    if uow.team:  # the database's own function stamps it and keeps it the author's
        new_id = uow.session.execute(
            sa_text("SELECT bd_save_draft(:id, :title, :payload, :reference)"),
            {"id": draft_id, "title": title, "payload": text, "reference": reference},
        ).scalar_one()
        return int(new_id)
    row = _mine(uow, draft_id) if draft_id is not None else None
    if row is None:
        row = DraftRow(
            title=title,
            payload=text,
            reference=reference,
            created_by=uow.actor,
            created_at=uow.at,
            updated_at=uow.at,
        )
        uow.session.add(row)
    else:
        row.title, row.payload, row.updated_at = title, text, uow.at
        if reference is not None:
            row.reference = reference
    uow.session.flush()
    return row.id


def listing(uow: UnitOfWork) -> list[DraftInfo]:
    rows = uow.session.scalars(
        select(DraftRow)
        .where(DraftRow.created_by == uow.actor)
        .order_by(DraftRow.updated_at.desc(), DraftRow.id.desc())
    )
    return [DraftInfo(r.id, r.title, r.updated_at, r.reference, _page(r.payload)) for r in rows]


def _page(payload: str) -> int | None:
    """The page a draft was saved at, when its payload says (a draft need not be valid)."""
    try:
        page = json.loads(payload).get("page")
    except (ValueError, AttributeError, RecursionError):
        return None
    return page if isinstance(page, int) and not isinstance(page, bool) else None


def load(uow: UnitOfWork, draft_id: int) -> dict[str, Any]:
    row = _mine(uow, draft_id)
    if row is None:
        raise DraftNotFound(draft_id)
    value: dict[str, Any] = json.loads(row.payload)
    return value


def discard(uow: UnitOfWork, draft_id: int) -> None:
    if uow.team:
        uow.session.execute(sa_text("SELECT bd_discard_draft(:id)"), {"id": draft_id})
        return
    uow.session.execute(
        delete(DraftRow).where(DraftRow.id == draft_id, DraftRow.created_by == uow.actor)
    )
