"""People's addresses, reminders sent, and complaints about breaches (issue 23).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

- ``directory``: each login's display name and email (and, on SQLite, their role and
  services; on PostgreSQL the database's roles decide those).
- ``escalation_contacts``: who is copied when a service's action is long overdue.
- ``reminder_messages`` and ``reminders``: every reminder email, reserved before it is sent and
  marked sent after, with the items and thresholds it covered, so a run never sends twice.
- ``complaints``: a complaint received about a breach (DPA 2018 s.164A), its acknowledgement
  and its outcome.

On PostgreSQL with ``db roles`` nobody writes these tables directly: the functions of
``store/pg_remind`` do, and the register installs them again after this upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directory",
        sa.Column("login", sa.String(length=200), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=True),
        sa.Column("services", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_directory")),
    )
    op.create_table(
        "escalation_contacts",
        sa.Column("service", sa.String(length=200), nullable=False),
        sa.Column("login", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("service", name=op.f("pk_escalation_contacts")),
    )
    op.create_table(
        "reminder_messages",
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("login", sa.String(length=200), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reserved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "state IN ('reserved', 'sent')", name=op.f("ck_reminder_messages_state")
        ),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_reminder_messages")),
    )
    op.create_index("ix_reminder_messages_state", "reminder_messages", ["state"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=200), nullable=False),
        sa.Column("item", sa.String(length=80), nullable=False),
        sa.Column("threshold", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["reminder_messages.message_id"],
            name=op.f("fk_reminders_message_id_reminder_messages"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint(
            "login", "item", "threshold", name=op.f("uq_reminders_login_item_threshold")
        ),
    )
    op.create_index("ix_reminders_message_id", "reminders", ["message_id"])
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breach_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("from_whom", sa.Text(), nullable=False),
        sa.Column("how", sa.String(length=32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("acknowledged_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["breach_id"], ["breaches.id"], name=op.f("fk_complaints_breach_id_breaches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
    )
    op.create_index("ix_complaints_breach_id", "complaints", ["breach_id"])
    op.create_index("ix_complaints_acknowledged_on", "complaints", ["acknowledged_on"])


def downgrade() -> None:
    op.drop_index("ix_complaints_acknowledged_on", table_name="complaints")
    op.drop_index("ix_complaints_breach_id", table_name="complaints")
    op.drop_table("complaints")
    op.drop_index("ix_reminders_message_id", table_name="reminders")
    op.drop_table("reminders")
    op.drop_index("ix_reminder_messages_state", table_name="reminder_messages")
    op.drop_table("reminder_messages")
    op.drop_table("escalation_contacts")
    op.drop_table("directory")
