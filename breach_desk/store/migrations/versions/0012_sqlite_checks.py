"""On SQLite the breach's band, likelihood and risk are checked by CHECK constraints, not triggers.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06

0007 refused values the method never produces with BEFORE INSERT/UPDATE triggers, because SQLite
cannot add a constraint to a table in place. A trigger on ``breaches`` made every row written
about eight times as costly (about 180 microseconds instead of 25 on this machine): a third of a
100,000-breach import's writing. CHECK constraints refuse the same values at almost no cost, so
this rebuilds the table with them, under the names PostgreSQL has had since 0007
(``ck_breaches_band_known`` …), and drops the two triggers.

The rebuild keeps every row and index. The table is copied aside, dropped and made again, and
the rows put back: the other tables' foreign keys name ``breaches`` and must go on naming it, so
it is never renamed, and the check of those keys is deferred to the commit, when every breach
is back. PostgreSQL already has the constraints: nothing changes there.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

BANDS = ("low", "medium", "high", "very_high")
LIKELIHOODS = ("remote", "possible", "likely", "occurred")
RISKS = ("unlikely", "risk", "high")
COLUMNS = {"band": BANDS, "likelihood": LIKELIHOODS, "risk": RISKS}
TRIGGER_WHEN = ("insert", "update")


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _checks() -> str:
    return ",\n".join(
        f"\tCONSTRAINT ck_breaches_{column}_known CHECK ({column} IS NULL OR {column} IN "
        f"({_listed(values)}))"
        for column, values in COLUMNS.items()
    )


def _rebuild(table_sql: str) -> None:
    """Make ``breaches`` again from ``table_sql``, keeping its rows and indexes."""
    conn = op.get_bind()
    indexes = [
        row[0]
        for row in conn.execute(
            text(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'breaches' "
                "AND sql IS NOT NULL"
            )
        )
    ]
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    conn.exec_driver_sql("CREATE TABLE _breaches_aside AS SELECT * FROM breaches")
    conn.exec_driver_sql("DROP TABLE breaches")
    conn.exec_driver_sql(table_sql)
    conn.exec_driver_sql("INSERT INTO breaches SELECT * FROM _breaches_aside")
    conn.exec_driver_sql("DROP TABLE _breaches_aside")
    for sql in indexes:
        conn.exec_driver_sql(sql)
    # Dropping the table dropped its planner statistics (0010): gather them again.
    conn.exec_driver_sql("ANALYZE breaches")


def _table_sql() -> str:
    found = op.get_bind().execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'breaches'")
    )
    return str(found.scalar_one())


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for when in TRIGGER_WHEN:
        op.execute(f"DROP TRIGGER IF EXISTS breaches_known_values_{when}")
    table_sql = _table_sql()
    if "ck_breaches_band_known" in table_sql:
        return  # made from the models after this revision: the constraints are there
    body = table_sql.rstrip()
    if not body.endswith(")"):
        raise RuntimeError("the breaches table's definition is not as expected")
    _rebuild(f"{body[:-1].rstrip()},\n{_checks()}\n)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    table_sql = _table_sql()
    if "ck_breaches_band_known" in table_sql:
        start = table_sql.index(",\n\tCONSTRAINT ck_breaches_band_known")
        _rebuild(table_sql[:start] + "\n)")
    checks = " OR ".join(
        f"(NEW.{c} IS NOT NULL AND NEW.{c} NOT IN ({_listed(v)}))" for c, v in COLUMNS.items()
    )
    for when in TRIGGER_WHEN:
        op.execute(
            f"CREATE TRIGGER breaches_known_values_{when} BEFORE {when.upper()} ON breaches "
            f"WHEN {checks} BEGIN SELECT RAISE(ABORT, 'refused: the severity band, "
            "likelihood or risk is not one of the method''s values'); END"
        )
