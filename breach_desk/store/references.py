"""References IG-YYYY-NNNN: assigned when the facts bring none, unique per database.

A per-year counter row, locked while numbers are handed out, keeps two saves on a team database
from taking the same number; numbers already used (e.g. by an imported breach) are skipped.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from breach_desk.store.models import BreachRow, ReferenceCounterRow
from breach_desk.store.session import is_team

PREFIX = "IG"


def format_reference(year: int, number: int) -> str:
    return f"{PREFIX}-{year}-{number:04d}"


def taken_in_year(session: Session, year: int) -> set[str]:
    """References of that year's pattern already in the register (for bulk assignment)."""
    pattern = f"{PREFIX}-{year}-%"
    return set(
        session.scalars(select(BreachRow.reference).where(BreachRow.reference.like(pattern)))
    )


def likely_next(session: Session, year: int) -> str:
    """The reference the next save of ``year`` will most likely be given (nothing reserved: a
    save elsewhere may take it first)."""
    last = session.scalar(select(ReferenceCounterRow.last).where(ReferenceCounterRow.year == year))
    number = last or 0
    while True:
        number += 1
        candidate = format_reference(year, number)
        if not session.scalar(select(BreachRow.id).where(BreachRow.reference == candidate)):
            return candidate


def reserve(
    session: Session, year: int, count: int, taken: Collection[str] | None = None
) -> list[str]:
    """Hand out ``count`` new references for ``year``, skipping any already in use.

    With ``taken`` None each candidate is checked against the register; pass the set from
    ``taken_in_year`` (plus the import's own references) to assign many at once.
    """
    if is_team(session):  # the database's own function keeps the counter
        found = session.execute(
            text("SELECT bd_reserve_references(:year, :count, :taken)"),
            {"year": year, "count": count, "taken": None if taken is None else list(taken)},
        ).scalar_one()
        return [str(r) for r in found]
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(ReferenceCounterRow)
        .values(year=year, last=0)
        .on_conflict_do_nothing(index_elements=["year"])
    )
    counter = session.scalars(
        select(ReferenceCounterRow).where(ReferenceCounterRow.year == year).with_for_update()
    ).one()
    number, out = counter.last, list[str]()
    while len(out) < count:
        number += 1
        candidate = format_reference(year, number)
        if taken is not None:
            if candidate in taken:
                continue
        elif session.scalar(select(BreachRow.id).where(BreachRow.reference == candidate)):
            continue
        out.append(candidate)
    counter.last = number
    session.flush()
    return out
