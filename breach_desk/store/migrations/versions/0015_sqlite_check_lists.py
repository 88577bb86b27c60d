"""On SQLite, a CHECK that a value is one of a list is written as comparisons, not IN (…).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06

SQLite (3.40 here) evaluates ``status IN ('open', 'in_progress', …)`` in a CHECK constraint by
building a small temporary index of the list for every row written: about 3 microseconds a
check, against 0.2 for ``status = 'open' OR status = 'in_progress' OR …``. A recommendation
has two such checks and a breach four, so in a 100,000-breach import (660,000 recommendations)
they were about a tenth of the writer's time.

This rebuilds each table with such a check (breaches, recommendations, recommendation
transitions, notifications, reminder messages) with the same constraints, same names, written
as comparisons: the values accepted are exactly the same. The rebuild keeps every row, index
and trigger, as 0012 does: the table is copied aside, dropped, made again under its own name
(other tables' foreign keys name it) and filled, the check of foreign keys deferred to the
commit. PostgreSQL evaluates IN lists at no such cost: nothing changes there.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from alembic import op
from sqlalchemy import text

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

TABLES = (
    "breaches",
    "recommendations",
    "recommendation_transitions",
    "notifications",
    "reminder_messages",
)

_IN_LIST = re.compile(r"\b(\w+) IN \(('[a-z_]+'(?:, '[a-z_]+')*)\)")
_COMPARED = re.compile(r"\((\w+) = '[a-z_]+'(?: OR \1 = '[a-z_]+')*\)")


def _as_comparisons(match: re.Match[str]) -> str:
    column, listed = match.group(1), match.group(2)
    return "(" + " OR ".join(f"{column} = {value}" for value in listed.split(", ")) + ")"


def _as_list(match: re.Match[str]) -> str:
    column = match.group(1)
    values = re.findall(r"= ('[a-z_]+')", match.group(0))
    return f"{column} IN ({', '.join(values)})"


def _table_sql(table: str) -> str | None:
    found = op.get_bind().execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"), {"t": table}
    )
    value = found.scalar()
    return None if value is None else str(value)


def _rebuild(table: str, table_sql: str) -> None:
    """Make ``table`` again from ``table_sql``, keeping its rows, indexes and triggers."""
    conn = op.get_bind()
    kept = [
        str(row[0])
        for row in conn.execute(
            text(
                "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                "AND tbl_name = :t AND sql IS NOT NULL ORDER BY type, name"
            ),
            {"t": table},
        )
    ]
    aside = f"_{table}_aside"
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    conn.exec_driver_sql(f"CREATE TABLE {aside} AS SELECT * FROM {table}")
    conn.exec_driver_sql(f"DROP TABLE {table}")
    conn.exec_driver_sql(table_sql)
    conn.exec_driver_sql(f"INSERT INTO {table} SELECT * FROM {aside}")
    conn.exec_driver_sql(f"DROP TABLE {aside}")
    for sql in kept:
        conn.exec_driver_sql(sql)
    # Dropping the table dropped its planner statistics (0010): gather them again.
    conn.exec_driver_sql(f"ANALYZE {table}")


def _rewrite(pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        table_sql = _table_sql(table)
        if table_sql is None:
            continue
        changed = pattern.sub(replace, table_sql)
        if changed != table_sql:
            _rebuild(table, changed)


def upgrade() -> None:
    _rewrite(_IN_LIST, _as_comparisons)


def downgrade() -> None:
    _rewrite(_COMPARED, _as_list)
