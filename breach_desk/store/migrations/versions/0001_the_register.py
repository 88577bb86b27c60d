"""The register: breaches, assessment versions, matching, recommendations, audit, drafts.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Also creates what recommendation tracking (issue 6) needs, so it brings no schema churn:
recommendations with owner, service, evidence, done/verified, transitions and evidence files.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64
_STATUSES = "'open', 'in_progress', 'done', 'verified', 'rejected'"


def _at(name: str, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _who(name: str, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(200), nullable=nullable)


def _index(table: str, *columns: str, name: str | None = None) -> None:
    op.create_index(name or f"ix_{table}_{'_'.join(columns)}", table, list(columns))


def upgrade() -> None:
    op.create_table(
        "breaches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("service", sa.String(200), nullable=True),
        _at("aware_at"),
        sa.Column("band", sa.String(16), nullable=True),
        sa.Column("likelihood", sa.String(16), nullable=True),
        sa.Column("risk", sa.String(16), nullable=True),
        sa.Column("ico_report", sa.Boolean(), nullable=False),
        _at("ico_deadline", nullable=True),
        sa.Column("notify_subjects", sa.Boolean(), nullable=False),
        sa.Column("is_repeat", sa.Boolean(), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        _at("created_at"),
        _who("created_by"),
        _at("updated_at"),
        _who("updated_by"),
        _at("closed_at", nullable=True),
        _who("closed_by", nullable=True),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'assessed', 'closed')", name=op.f("ck_breaches_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_breaches")),
        sa.UniqueConstraint("reference", name=op.f("uq_breaches_reference")),
    )
    _index("breaches", "aware_at", "id")
    _index("breaches", "risk")
    _index("breaches", "service")
    _index("breaches", "status")
    _index("breaches", "updated_at")

    op.create_table(
        "assessment_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breach_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        # Compressed on SQLite (models.PackedText); PostgreSQL compresses long text itself.
        sa.Column("assessment", sa.Text().with_variant(sa.LargeBinary(), "sqlite"), nullable=False),
        sa.Column("removed", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        _at("created_at"),
        _who("created_by"),
        sa.ForeignKeyConstraint(
            ["breach_id"], ["breaches.id"], name=op.f("fk_assessment_versions_breach_id_breaches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_versions")),
        sa.UniqueConstraint(
            "breach_id", "number", name=op.f("uq_assessment_versions_breach_id_number")
        ),
    )

    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breach_id", sa.Integer(), nullable=False),
        sa.Column("name_folded", sa.String(200), nullable=True),
        sa.Column("email_norm", sa.String(320), nullable=True),
        sa.Column("identifier_norm", sa.String(100), nullable=True),
        sa.ForeignKeyConstraint(
            ["breach_id"], ["breaches.id"], name=op.f("fk_people_breach_id_breaches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    _index("people", "breach_id")
    for column in ("email_norm", "identifier_norm", "name_folded"):
        _index("people", column, "breach_id")

    op.create_table(
        "recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breach_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("label_folded", sa.String(200), nullable=True),
        sa.Column("email_norm", sa.String(320), nullable=True),
        sa.ForeignKeyConstraint(
            ["breach_id"], ["breaches.id"], name=op.f("fk_recipients_breach_id_breaches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recipients")),
    )
    _index("recipients", "breach_id")
    for column in ("email_norm", "label_folded"):
        _index("recipients", column, "breach_id")

    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("breach_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner_role", sa.String(16), nullable=False),
        _who("owner", nullable=True),
        sa.Column("service", sa.String(200), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=True),
        _who("done_by", nullable=True),
        _at("done_at", nullable=True),
        _who("verified_by", nullable=True),
        _at("verified_at", nullable=True),
        sa.Column("removed_reason", sa.Text(), nullable=True),
        sa.Column("added_in_version", sa.Integer(), nullable=False),
        _at("created_at"),
        _who("created_by"),
        _at("updated_at"),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "owner_role IN ('ig', 'service', 'it')", name=op.f("ck_recommendations_owner_role")
        ),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_recommendations_status")),
        sa.ForeignKeyConstraint(
            ["breach_id"], ["breaches.id"], name=op.f("fk_recommendations_breach_id_breaches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendations")),
        sa.UniqueConstraint("breach_id", "code", name=op.f("uq_recommendations_breach_id_code")),
    )
    _index("recommendations", "owner")
    _index("recommendations", "service")
    _index("recommendations", "status", "due_date")

    op.create_table(
        "recommendation_transitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        _at("at"),
        _who("by"),
        sa.Column("from_status", sa.String(16), nullable=True),
        sa.Column("to_status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.CheckConstraint(
            f"from_status IS NULL OR from_status IN ({_STATUSES})",
            name=op.f("ck_recommendation_transitions_from_status"),
        ),
        sa.CheckConstraint(
            f"to_status IN ({_STATUSES})", name=op.f("ck_recommendation_transitions_to_status")
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_recommendation_transitions_recommendation_id_recommendations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_transitions")),
    )
    _index("recommendation_transitions", "recommendation_id")

    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        _who("added_by"),
        _at("added_at"),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_evidence_files_recommendation_id_recommendations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
    )
    _index("evidence_files", "recommendation_id")

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        _at("at"),
        _who("actor"),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("reference", sa.String(64), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_log_seq")),
    )
    _index("audit_log", "reference")
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.bulk_insert(head, [{"id": 1, "seq": 0, "hash": GENESIS}])
    _append_only_triggers()

    op.create_table(
        "reference_counters",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_reference_counters")),
    )

    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("reference", sa.String(64), nullable=True),
        _who("created_by"),
        _at("created_at"),
        _at("updated_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    _index("drafts", "created_by")


def _append_only_triggers() -> None:
    """UPDATE and DELETE on the audit log are refused by the database itself."""
    message = "the audit log is append-only"
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{message}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
        "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    for table in (
        "drafts",
        "reference_counters",
        "audit_head",
        "audit_log",
        "evidence_files",
        "recommendation_transitions",
        "recommendations",
        "recipients",
        "people",
        "assessment_versions",
        "breaches",
    ):
        op.drop_table(table)
