"""Four eyes on closing: the recorded second approval (METHOD section 5).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06

Whoever rejected a recommendation that stands rejected may not close the breach alone. Another
IG officer (not one who rejected any of them) either closes it, or records here their approval
to close it, with a reason; with that approval the one who rejected may close. An approval is
void once any of the breach's recommendations is rejected after it. One row per approval, never
updated. On PostgreSQL with ``db roles`` nobody writes it directly: IG officers approve through
``bd_approve_close`` (``store/pg_workflow``), which the register installs again after this
upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "close_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breach_id", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["breach_id"], ["breaches.id"], name=op.f("fk_close_approvals_breach_id_breaches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_close_approvals")),
    )
    op.create_index("ix_close_approvals_breach_id", "close_approvals", ["breach_id"])


def downgrade() -> None:
    op.drop_index("ix_close_approvals_breach_id", table_name="close_approvals")
    op.drop_table("close_approvals")
