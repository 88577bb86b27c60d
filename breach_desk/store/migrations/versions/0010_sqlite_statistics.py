"""Gather SQLite's planner statistics once, for registers made before the register kept them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

SQLite reads ``sqlite_stat1`` to choose between the tracking lists' indexes, and gathers it only
when asked. Without it, on a 100,000-breach register, the Dashboard took 0.9 s instead of 0.5 s
and a filter keystroke's rows 280 ms instead of 150 ms. A bulk import now gathers them
(``Store.refresh_statistics``) and closing the register keeps them current (``PRAGMA
optimize``); this gathers them once for a register that has never had them. PostgreSQL gathers
its own (autovacuum), so nothing changes there.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE")


def downgrade() -> None:
    """Statistics are not schema: nothing to undo."""
