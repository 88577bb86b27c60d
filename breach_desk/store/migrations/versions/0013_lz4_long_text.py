"""On PostgreSQL the register's long texts are compressed with LZ4 rather than pglz.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

PostgreSQL compresses a long value before storing it (TOAST). Its own method, pglz, was most of
the server's work in a large import: the stored assessment of every breach (about 11 KB of
JSON, with its decision note) compressed at about 180 microseconds each, on the same two cores
that validate and assess. LZ4, which PostgreSQL has offered since version 14 where it was built
with it (as the packaged servers are), compresses the same text several times faster, and reads
it back faster too; it compresses JSON about as well.

Only new values are compressed the new way: nothing is rewritten, and older values read as they
always did. A server without LZ4 keeps pglz (nothing changes). SQLite, whose register compresses
the assessments itself (zlib), is untouched.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

LONG_TEXT = {
    "assessment_versions": ("facts", "assessment"),
    "audit_log": ("before", "after"),
    "drafts": ("payload",),
    "log_entries": ("record",),
}
"""The columns whose values are often longer than PostgreSQL's 2 KB threshold."""


def _lz4_offered() -> bool:
    found = op.get_bind().execute(
        text(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
    )
    return bool(found.scalar())


def _set(method: str) -> None:
    if op.get_bind().dialect.name != "postgresql" or not _lz4_offered():
        return
    for table, columns in LONG_TEXT.items():
        for column in columns:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION {method}")


def upgrade() -> None:
    _set("lz4")


def downgrade() -> None:
    _set("default")
