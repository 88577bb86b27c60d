"""Many rows into one table, fast: one executemany, values converted once by each column's own
bind processor (the same conversion SQLAlchemy applies, without its per-row bookkeeping).

Used by the import, where SQLAlchemy's per-parameter overhead was a third of the writer's time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Dialect, LargeBinary, TypeDecorator
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.sql.schema import Table
from sqlalchemy.types import TypeEngine


def _processor(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column's bind processor; for dates, times and flags, remembered per value (an
    import's rows share a handful of timestamps and due dates)."""
    impl = type_.dialect_impl(dialect)
    if isinstance(impl, LargeBinary):
        return None  # both drivers take bytes as they are
    process = impl.bind_processor(dialect)
    if process is None or not isinstance(type_, Date | DateTime | Boolean | TypeDecorator):
        return process
    if isinstance(type_, Date) and not isinstance(type_, DateTime):
        # By value: a day hashes cheaply, and an import's due dates are a handful of days
        # made afresh for each recommendation.
        days: dict[date, Any] = {}

        def by_day(value: date | None) -> Any:
            if value is None:
                return None
            try:
                return days[value]
            except KeyError:
                days[value] = result = process(value)
                return result

        return by_day
    # By identity: an import's rows share the very same objects, and hashing an aware datetime
    # asks its zone for the offset every time. The rows keep each object alive for the call.
    seen: dict[int, Any] = {}

    def remembered(value: Any) -> Any:
        try:
            return seen[id(value)]
        except KeyError:
            seen[id(value)] = result = process(value)
            return result

    return remembered


def insert_tuples(
    conn: Connection,
    model: type[DeclarativeBase],
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    same: Mapping[str, Any] | None = None,
) -> None:
    """Insert ``rows`` (values in the order of ``columns``) into ``model``'s table; ``same``:
    columns whose value is the same in every row (who, when, the status), converted once."""
    if not rows:
        return
    table: Table = model.__table__  # type: ignore[assignment]
    dialect = conn.dialect
    same = same or {}
    tail = tuple(
        value if (process := _processor(table.c[name].type, dialect)) is None else process(value)
        for name, value in same.items()
    )
    everything = (*columns, *same)
    quote = dialect.identifier_preparer.quote
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in everything)}) "
        f"VALUES ({', '.join(marker for _ in everything)})"
    )
    convert = [
        (i, process)
        for i, name in enumerate(columns)
        if (process := _processor(table.c[name].type, dialect)) is not None
    ]

    def converted(row: tuple[Any, ...]) -> tuple[Any, ...]:
        if not convert:
            return row + tail
        values = list(row)
        for i, process in convert:
            values[i] = process(values[i])
        values += tail
        return tuple(values)

    if dialect.name == "postgresql" and not _row_security_active(conn, table):
        _copy(conn, table, everything, map(converted, rows))
        return
    conn.exec_driver_sql(sql, [converted(row) for row in rows])


def _row_security_active(conn: Connection, table: Table) -> bool:
    """Does row-level security apply to this user on ``table`` (``breach-desk db roles``)? The
    server then refuses COPY FROM, so an IG officer's import inserts instead."""
    found = conn.exec_driver_sql("SELECT row_security_active(%s::regclass)", (table.name,))
    return bool(found.scalar())


def _copy(
    conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> None:
    """PostgreSQL's COPY, in the transaction of ``conn``: several times faster than INSERTs
    for the server as well as for us. In its binary form, typed by the columns themselves: a
    long text (an assessment is about 11 KB) goes as it is, where the text form escaped it
    character by character on both sides."""
    quote = conn.dialect.identifier_preparer.quote
    statement = (
        f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
        "FROM STDIN (FORMAT BINARY)"
    )
    driver: Any = conn.connection.dbapi_connection  # psycopg's own connection
    with driver.cursor() as cursor:
        types = _column_types(cursor, table.name, columns)
        with cursor.copy(statement) as copy:
            copy.set_types(types)
            for row in rows:
                copy.write_row(row)


def _column_types(cursor: Any, table: str, columns: Sequence[str]) -> list[int]:
    """The type of each of ``columns`` as the database has it (binary COPY needs them exact)."""
    cursor.execute(
        "SELECT attname, atttypid::int FROM pg_attribute "
        "WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped",
        (table,),
    )
    found = dict(cursor.fetchall())
    return [found[c] for c in columns]
