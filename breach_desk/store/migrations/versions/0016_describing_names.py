"""A name or label that only describes is not compared across breaches.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06

Repeat matching compared every person's folded name and every recipient's folded label. A
label such as "Member of the public" or "Unknown" then made every breach that used it a repeat
of every earlier one that did, with the likelihood stepped up, a root-cause review proposed and
the committee's count of repeats inflated; an old breach log brought in, where such labels are
the rule, would have been marked repeats almost throughout. From this version a name or label
made only of words that describe (``store/normalise.identifying``) is not kept for matching:
this clears the ones already kept (``people.name_folded``, ``recipients.label_folded``). The
facts themselves, and every assessment already made, are unchanged: an officer who wants a
breach judged again reassesses it.

Downgrading leaves them cleared: the earlier version uses them only to match, and matching on
them was the fault.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import sqlalchemy as sa
from alembic import op

from breach_desk.store.normalise import identifying

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

COLUMNS = (("people", "name_folded"), ("recipients", "label_folded"))


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def upgrade() -> None:
    conn = op.get_bind()
    for table, column in COLUMNS:
        kept = conn.execute(
            sa.text(f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL")
        ).scalars()
        describing = [value for value in kept if identifying(value) is None]
        clear = sa.text(f"UPDATE {table} SET {column} = NULL WHERE {column} IN :values")
        clear = clear.bindparams(sa.bindparam("values", expanding=True))
        for chunk in _chunks(describing):
            conn.execute(clear, {"values": list(chunk)})


def downgrade() -> None:
    """Nothing to give back (see the module's note)."""
