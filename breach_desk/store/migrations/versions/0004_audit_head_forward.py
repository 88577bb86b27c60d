"""The audit log's head only moves forward.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29

Rewinding ``audit_head`` (with the tail of the log deleted to match) would hide a truncated log
from the chain check; the database now refuses it, and refuses deleting or truncating the head.
(Whoever owns the database can still drop the guard: the witness file and the position printed
on reports catch that, see ``store/witness.py``.)
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MESSAGE = "the audit log''s head only moves forward"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head "
            "WHEN NEW.id <> OLD.id OR NEW.seq < OLD.seq "
            "OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION bd_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS "
        "$f$ BEGIN IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq < OLD.seq "
        "OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) THEN "
        f"RAISE EXCEPTION '{MESSAGE}'; END IF; RETURN NEW; END $f$"
    )
    op.execute(
        "CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head "
        "FOR EACH ROW EXECUTE FUNCTION bd_audit_head_forward()"
    )
    op.execute(
        "CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head "
        "FOR EACH STATEMENT EXECUTE FUNCTION bd_audit_head_forward()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_head_forward")
        op.execute("DROP TRIGGER IF EXISTS audit_head_no_delete")
        return
    op.execute("DROP TRIGGER IF EXISTS audit_head_no_truncate ON audit_head")
    op.execute("DROP TRIGGER IF EXISTS audit_head_forward ON audit_head")
    op.execute("DROP FUNCTION IF EXISTS bd_audit_head_forward()")
