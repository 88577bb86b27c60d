"""Notifications as records: the report to the ICO, its follow-ups and response, and telling
the people (issue 11).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

One table, ``notifications``, one row per event, never updated: the report to the ICO (at most
one per breach, a partial unique index), each follow-up, each response of the ICO, each time
the people were told. On PostgreSQL with ``db roles`` nobody writes it directly: IG officers
record through ``bd_record_notification`` (``store/pg_workflow``), which the register calls
again after this upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breach_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("how", sa.String(length=32), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("delay_reason", sa.Text(), nullable=True),
        sa.Column("voluntary", sa.Boolean(), nullable=False),
        sa.Column("people_count", sa.Integer(), nullable=True),
        sa.Column("letter_text", sa.Text(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('ico_report', 'follow_up', 'ico_response', 'people_told')",
            name=op.f("ck_notifications_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["breach_id"], ["breaches.id"], name=op.f("fk_notifications_breach_id_breaches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
    )
    op.create_index("ix_notifications_breach_id_kind", "notifications", ["breach_id", "kind"])
    op.create_index(
        "uq_notifications_breach_id_ico_report",
        "notifications",
        ["breach_id"],
        unique=True,
        sqlite_where=sa.text("kind = 'ico_report'"),
        postgresql_where=sa.text("kind = 'ico_report'"),
    )


def downgrade() -> None:
    op.drop_index("uq_notifications_breach_id_ico_report", table_name="notifications")
    op.drop_index("ix_notifications_breach_id_kind", table_name="notifications")
    op.drop_table("notifications")
