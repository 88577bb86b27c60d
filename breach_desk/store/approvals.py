"""Second IG officers' approvals to close a breach (four eyes, METHOD section 5), as recorded:
read for the breach in full, each marked void when a recommendation was rejected after it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from breach_desk.domain.clock import as_aware
from breach_desk.domain.register import CloseApproval
from breach_desk.store.models import CloseApprovalRow, RecommendationRow, TransitionRow


def rejected_at(session: Session, breach_id: int) -> list[datetime]:
    """Every moment one of the breach's recommendations was rejected: a rejection, or a
    recommendation removed at a reassessment (either voids an approval made before it)."""
    return [
        *session.scalars(
            select(TransitionRow.at)
            .join(RecommendationRow, RecommendationRow.id == TransitionRow.recommendation_id)
            .where(RecommendationRow.breach_id == breach_id, TransitionRow.to_status == "rejected")
        ),
        *session.scalars(
            select(RecommendationRow.created_at).where(
                RecommendationRow.breach_id == breach_id,
                RecommendationRow.removed_reason.is_not(None),
            )
        ),
    ]


def read(session: Session, breach_id: int) -> tuple[CloseApproval, ...]:
    """The breach's approvals to close, oldest first; one followed by a rejection is void from
    the first rejection after it."""
    rows = list(
        session.scalars(
            select(CloseApprovalRow)
            .where(CloseApprovalRow.breach_id == breach_id)
            .order_by(CloseApprovalRow.approved_at, CloseApprovalRow.id)
        )
    )
    if not rows:
        return ()
    rejections = sorted(rejected_at(session, breach_id), key=as_aware)
    out: list[CloseApproval] = []
    for r in rows:
        later = [at for at in rejections if as_aware(at) > as_aware(r.approved_at)]
        out.append(
            CloseApproval(r.approved_at, r.approved_by, r.reason, later[0] if later else None)
        )
    return tuple(out)
