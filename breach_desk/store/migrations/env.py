"""Alembic environment for the register. Run through ``breach_desk.store.migrate``.

The connection comes from ``config.attributes["connection"]``; SQLite gets batch mode
(``render_as_batch``) because it cannot ALTER most things in place.
"""

from __future__ import annotations

from alembic import context

from breach_desk.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - always given by migrate.py
    raise RuntimeError("run migrations through breach_desk.store.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
