"""A team import is a run the register remembers: resumed, never duplicated or half-hidden.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06

On a team database (PostgreSQL after ``db roles``) nobody may hold the register for more than
seconds (``pg_workflow.HOLD_LIMIT``), so a large import writes its breaches a batch per
transaction. The run is recorded here: the file's SHA-256, how many records it holds, the
reference of each record (its own, or the one reserved for it) in order, the first breach id
after the register as it stood (repeat matching looks only below it, so a resumed run assesses
as the first would have), who started it and when, how many records are stored, how many
breaches' notifications exported beside the file are recorded (``told``), and when it
finished. Importing the same file while its run is unfinished resumes it. IG officers write it
only through ``bd_start_import``, ``bd_import_progress``, ``bd_import_told``,
``bd_finish_import`` and ``bd_abandon_import`` (``store/pg_workflow``).

References reserved for an unfinished run are not yet used by any breach: on PostgreSQL the
deferred check of migration 0007, which keeps the reference counter from passing the references
actually used, counts them as used until the run finishes. SQLite, a one-person file, imports in
one transaction and keeps the table empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

COUNTER_USED_0007 = (
    "CREATE OR REPLACE FUNCTION bd_counter_used() RETURNS trigger LANGUAGE plpgsql AS $f$ "
    "DECLARE v_used integer; BEGIN "
    "IF NEW.last <= coalesce(OLD.last, 0) THEN RETURN NULL; END IF; "
    "SELECT max(substring(reference FROM '^IG-[0-9]+-([0-9]{1,9})$')::integer) "
    "INTO v_used FROM breaches WHERE reference LIKE 'IG-' || NEW.year || '-%'; "
    "IF NEW.last > coalesce(v_used, 0) THEN "
    "RAISE EXCEPTION USING ERRCODE = '23514', MESSAGE = format('references for %s were "
    "reserved beyond those used (counter %s, last used %s)', NEW.year, NEW.last, "
    "coalesce(v_used, 0)); END IF; RETURN NULL; END $f$"
)
COUNTER_USED = (
    "CREATE OR REPLACE FUNCTION bd_counter_used() RETURNS trigger LANGUAGE plpgsql AS $f$ "
    "DECLARE v_used integer; v_run integer; BEGIN "
    "IF NEW.last <= coalesce(OLD.last, 0) THEN RETURN NULL; END IF; "
    "SELECT max(substring(reference FROM '^IG-[0-9]+-([0-9]{1,9})$')::integer) "
    "INTO v_used FROM breaches WHERE reference LIKE 'IG-' || NEW.year || '-%'; "
    # References reserved for an unfinished import run count as used until it finishes.
    "SELECT max(reserved_last) INTO v_run FROM import_runs "
    "WHERE finished_at IS NULL AND year = NEW.year; "
    "IF NEW.last > greatest(coalesce(v_used, 0), coalesce(v_run, 0)) THEN "
    "RAISE EXCEPTION USING ERRCODE = '23514', MESSAGE = format('references for %s were "
    "reserved beyond those used (counter %s, last used %s)', NEW.year, NEW.last, "
    "coalesce(v_used, 0)); END IF; RETURN NULL; END $f$"
)


def upgrade() -> None:
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("refs", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("reserved_last", sa.Integer(), nullable=True),
        sa.Column("before_id", sa.Integer(), nullable=False),
        sa.Column("stored", sa.Integer(), nullable=False),
        sa.Column("told", sa.Integer(), nullable=False),
        sa.Column("started_by", sa.String(length=200), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
    )
    op.create_index("ix_import_runs_sha256", "import_runs", ["sha256"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(COUNTER_USED)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(COUNTER_USED_0007)
        for signature in (
            "bd_start_import(text, integer, text[])",
            "bd_import_progress(bigint, integer, integer)",
            "bd_import_told(bigint, integer, integer)",
            "bd_finish_import(bigint)",
            "bd_abandon_import(bigint)",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    op.drop_index("ix_import_runs_sha256", table_name="import_runs")
    op.drop_table("import_runs")
