"""Indexes for sorting the register by ICO deadline and by overdue recommendations.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

The ICO deadline in order (the breaches needing no report after the others); and the index of
recommendations by status and due date now carries the breach too, so the overdue ones are
counted per breach from the index alone (``store/ordering``).
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_breaches_ico_deadline_id", "breaches", ["ico_deadline", "id"])
    op.create_index(
        "ix_recommendations_status_due_date_breach_id",
        "recommendations",
        ["status", "due_date", "breach_id"],
    )
    op.drop_index("ix_recommendations_status_due_date", table_name="recommendations")


def downgrade() -> None:
    op.create_index("ix_recommendations_status_due_date", "recommendations", ["status", "due_date"])
    op.drop_index("ix_recommendations_status_due_date_breach_id", table_name="recommendations")
    op.drop_index("ix_breaches_ico_deadline_id", table_name="breaches")
