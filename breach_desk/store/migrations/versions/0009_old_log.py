"""The old breach log brought in: one row per imported line of an organisation's own log.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

An imported line becomes a breach in ``breaches`` (status closed, version 0: no assessment of
Breach Desk's own, no ICO clock, no recommendation) and a row in ``log_entries`` saying where
it came from (file, sheet, row, who imported it, when) and what the log recorded, as recorded.
``row_key`` (the log's reference, else a fingerprint of date, service and description) makes a
second import of the same file add nothing. On PostgreSQL with ``db roles`` nobody writes it
directly: IG officers import through ``bd_import_log`` (``store/pg_oldlog``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "log_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breach_id", sa.Integer(), nullable=False),
        sa.Column("row_key", sa.String(length=80), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=False),
        sa.Column("sheet", sa.String(length=100), nullable=True),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("imported_by", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["breach_id"], ["breaches.id"], name=op.f("fk_log_entries_breach_id_breaches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_log_entries")),
        sa.UniqueConstraint("breach_id", name=op.f("uq_log_entries_breach_id")),
        sa.UniqueConstraint("row_key", name=op.f("uq_log_entries_row_key")),
    )


def downgrade() -> None:
    op.drop_table("log_entries")
