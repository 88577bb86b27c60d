"""Indexes for reading "My actions", "Monitoring" and the dashboard a page at a time.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

Recommendations by due date (the lists walk it in order, overdue first, and stop at a page),
and by service, status, due date and breach: the counts beside the lists and the dashboard's
figures per service are read from that index alone (``store/action_list``).
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_recommendations_due_date_id", "recommendations", ["due_date", "id"])
    op.create_index(
        "ix_recommendations_service_status_due_date_breach_id",
        "recommendations",
        ["service", "status", "due_date", "breach_id"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_recommendations_service_status_due_date_breach_id", table_name="recommendations"
    )
    op.drop_index("ix_recommendations_due_date_id", table_name="recommendations")
