"""The register stores only what Breach Desk can read back.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06

A breach's severity band, likelihood and risk are one of the method's values (a ``risk = 'low'``
written by a crafted call once made every listing, ``show`` and export fail for everyone);
a draft is at most 8 MB; an evidence file's name holds no control or bidirectional-override
character. On PostgreSQL these are CHECK constraints (``NOT VALID``: rows already there are left
for ``audit recheck`` to report, new ones are checked), and a deferred trigger keeps the
reference counter from moving past the references actually used when the transaction commits,
so a reservation cannot burn through a year's numbers. On SQLite, a one-person file whose only
writer is Breach Desk itself, triggers refuse the same values.
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

BANDS = ("low", "medium", "high", "very_high")
LIKELIHOODS = ("remote", "possible", "likely", "occurred")
RISKS = ("unlikely", "risk", "high")
MAX_DRAFT_BYTES = 8 * 1024 * 1024
NAME_FORBIDDEN = (
    "[\\u0001-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]"
)
"""Control and bidirectional-control characters, as a PostgreSQL regular expression."""

COLUMNS = {"band": BANDS, "likelihood": LIKELIHOODS, "risk": RISKS}


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for when in ("INSERT", "UPDATE"):
            checks = " OR ".join(
                f"(NEW.{c} IS NOT NULL AND NEW.{c} NOT IN ({_listed(v)}))"
                for c, v in COLUMNS.items()
            )
            op.execute(
                f"CREATE TRIGGER breaches_known_values_{when.lower()} BEFORE {when} ON breaches "
                f"WHEN {checks} BEGIN SELECT RAISE(ABORT, 'refused: the severity band, "
                "likelihood or risk is not one of the method''s values'); END"
            )
            op.execute(
                f"CREATE TRIGGER drafts_bounded_{when.lower()} BEFORE {when} ON drafts "
                f"WHEN length(CAST(NEW.payload AS BLOB)) > {MAX_DRAFT_BYTES} BEGIN "
                "SELECT RAISE(ABORT, 'refused: a draft is kept up to 8 MB'); END"
            )
        return
    for column, values in COLUMNS.items():
        op.execute(
            f"ALTER TABLE breaches ADD CONSTRAINT ck_breaches_{column}_known "
            f"CHECK ({column} IS NULL OR {column} IN ({_listed(values)})) NOT VALID"
        )
    op.execute(
        "ALTER TABLE drafts ADD CONSTRAINT ck_drafts_payload_bounded "
        f"CHECK (octet_length(payload) <= {MAX_DRAFT_BYTES}) NOT VALID"
    )
    op.execute(
        "ALTER TABLE evidence_files ADD CONSTRAINT ck_evidence_files_name_plain "
        f"CHECK (name !~ E'{NAME_FORBIDDEN}' AND btrim(name) <> '') NOT VALID"
    )
    op.execute(
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
    op.execute(
        "CREATE CONSTRAINT TRIGGER reference_counters_used AFTER INSERT OR UPDATE "
        "ON reference_counters DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        "EXECUTE FUNCTION bd_counter_used()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for when in ("insert", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS breaches_known_values_{when}")
            op.execute(f"DROP TRIGGER IF EXISTS drafts_bounded_{when}")
        return
    op.execute("DROP TRIGGER IF EXISTS reference_counters_used ON reference_counters")
    op.execute("DROP FUNCTION IF EXISTS bd_counter_used()")
    op.execute("ALTER TABLE evidence_files DROP CONSTRAINT IF EXISTS ck_evidence_files_name_plain")
    op.execute("ALTER TABLE drafts DROP CONSTRAINT IF EXISTS ck_drafts_payload_bounded")
    for column in COLUMNS:
        op.execute(f"ALTER TABLE breaches DROP CONSTRAINT IF EXISTS ck_breaches_{column}_known")
