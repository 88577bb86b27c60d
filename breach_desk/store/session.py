"""One session per user action, and the audit entries that go with it.

``Store.unit(write=True)`` opens a transaction, collects audit entries while the action runs,
chains them onto the log just before commit, and commits everything or nothing. Database
failures leave as ``StoreError`` with a message a person can act on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from breach_desk.domain.clock import now, recorded_now
from breach_desk.domain.errors import StoreError
from breach_desk.store import audit, pg_workflow, witness
from breach_desk.store.audit import PendingEntry
from breach_desk.store.engine import (
    BUSY_TIMEOUT_MS,
    WRITE,
    current_actor,
    display_location,
    make_engine,
    parse_url,
)


class UnitOfWork:
    """The session of one user action, with its moments and its audit entries.

    ``at`` is the real moment, for every time the action records (``clock.recorded_now``);
    ``now`` is the moment the rules judge by (deadlines, "today", the year of a new reference),
    which ``BREACH_DESK_NOW`` may fix for a demonstration or a test.
    """

    def __init__(
        self, session: Session, actor: str, at: datetime, now: datetime, team: bool = False
    ) -> None:
        self.session = session
        self.actor = actor
        self.at = at
        self.now = now
        self.team = team
        """A team database (PostgreSQL after ``db roles``): every change is a call of one of its
        functions (``store/pg_workflow``), which write the audit entries themselves."""
        session.info[TEAM] = team
        self._entries: list[audit.PendingEntry] = []

    def audit(
        self,
        action: str,
        reference: str | None,
        before: Any = None,
        after: Any = None,
        reason: str | None = None,
    ) -> None:
        """Record a change; it is chained onto the log when the action commits."""
        self._entries.append(audit.PendingEntry(action, reference, before, after, reason))

    def take_entries(self) -> list[PendingEntry]:
        """The entries collected so far, handed to whoever writes them (a team database's
        import function)."""
        taken, self._entries = self._entries, []
        return taken

    def flush_audit(self) -> None:
        if self.team and self._entries:
            raise RuntimeError("on a team database the database writes the audit entries")
        audit.append(self.session, self.at, self.actor, self._entries)
        self._entries.clear()


LOCK_TIMEOUT_MS = BUSY_TIMEOUT_MS
"""How long a save on PostgreSQL waits for a lock another session holds, as SQLite does."""

TEAM = "breach_desk_team"
"""``Session.info`` key: True when the session's database takes changes only through its
functions (see ``UnitOfWork.team``)."""


def is_team(session: Session) -> bool:
    return bool(session.info.get(TEAM))


class Store:
    """A connection to one register database."""

    def __init__(self, url: str, engine: Engine | None = None) -> None:
        self.url = url
        self.parsed = parse_url(url)
        try:
            self.engine = engine if engine is not None else make_engine(url)
        except OSError as exc:
            where = display_location(self.parsed)
            raise StoreError(f"cannot create the register at {where}: {exc.strerror}") from None
        self.engine_name = self.engine.dialect.name
        self.display_location = display_location(self.parsed)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._actor: str | None = None
        self._team: bool | None = None
        self.witness_key = witness.register_key(self.parsed)
        """Which witness file is this register's (``store/witness``)."""

    @property
    def team(self) -> bool:
        """Does the database take changes only through its own functions (PostgreSQL after
        ``db roles``)? Read once per connection to the register."""
        if self._team is None:
            if self.engine_name != "postgresql":
                self._team = False
            else:
                with translate_errors(self.display_location), self.engine.connect() as conn:
                    self._team = pg_workflow.team_mode(conn)
        return self._team

    @property
    def actor(self) -> str:
        if self._actor is None:
            with translate_errors(self.display_location):
                self._actor = current_actor(self.engine)
        return self._actor

    @contextmanager
    def unit(
        self, write: bool = False, snapshot: bool = False, acknowledging: bool = False
    ) -> Iterator[UnitOfWork]:
        """A transaction for one user action: committed if it ends normally, else rolled back.

        A write first checks the log against its witnesses (``store/witness``) and is refused
        while it does not reach them, unless it is the acknowledgement of that break."""
        actor, team = self.actor, self.team
        with translate_errors(self.display_location), self._sessions() as session:
            options: dict[str, Any] = {WRITE: write}
            if snapshot and self.engine_name == "postgresql":
                options["isolation_level"] = "REPEATABLE READ"
            session.connection(execution_options=options)
            if write and self.engine_name == "postgresql":
                # Whoever holds a lock the save needs (the audit head, a row) for longer than
                # SQLite's busy timeout gets the save refused in words, not a hang.
                session.execute(text(f"SET LOCAL lock_timeout = {int(LOCK_TIMEOUT_MS)}"))
            uow = UnitOfWork(session, actor, recorded_now(), now(), team)
            vouched = self._check_witness(session, team, acknowledging) if write else False
            try:
                yield uow
                if write:
                    uow.flush_audit()
                    session.commit()
                    if not acknowledging:  # its caller moves the witness on, keeping history
                        self._witness(session, actor, vouched)
                else:
                    session.rollback()
            except DBAPIError as exc:
                session.rollback()
                if getattr(exc.orig, "sqlstate", None) == "55P03":
                    raise StoreError(self._busy(exc)) from None
                raise
            except BaseException:
                session.rollback()
                raise

    def _busy(self, exc: DBAPIError) -> str:
        """'The register is busy', with who holds it where the database can tell."""
        message = describe_db_error(exc, self.display_location) or "the register is busy"
        try:
            with self.engine.connect() as conn:
                holders = conn.execute(
                    text(
                        "SELECT DISTINCT a.usename, a.state, extract(epoch FROM clock_timestamp()"
                        " - a.state_change)::int FROM pg_locks l JOIN pg_stat_activity a"
                        " ON a.pid = l.pid WHERE l.granted AND l.pid <> pg_backend_pid()"
                        " AND l.mode IN ('RowShareLock', 'RowExclusiveLock')"
                        " AND l.relation IN (to_regclass('audit_head'), to_regclass('breaches'),"
                        " to_regclass('recommendations'))"
                    )
                ).all()
        except DBAPIError:
            return message
        if not holders:
            return message
        named = []
        for login, state, seconds in holders:
            how = f" ({state} for {seconds} s)" if state and seconds is not None else ""
            named.append(f"{login}{how}")
        return f"{message}; it is held by {', '.join(named)}"

    def _check_witness(self, session: Session, team: bool, acknowledging: bool) -> bool:
        """Refuse the write if the log does not reach a witnessed position. Returns whether a
        missing witness may be created afterwards: the log was empty, or a witness vouched for
        it."""
        witnesses = witness.read_all(self.witness_key)
        points = [w.checkpoint for w in witnesses if w.checkpoint is not None]
        broken = audit.witness_break(session, points, team)
        if broken is not None and not acknowledging:
            session.rollback()
            raise audit.AuditBroken(
                f"the audit log is broken ({self.display_location}): {broken}. Nothing was "
                "saved: no change is accepted until an IG officer has looked into it and "
                "recorded it with breach-desk audit acknowledge --reason TEXT"
            )
        if points:
            return True
        found = audit.position(session)
        return found is not None and found[0] == 0

    def _witness(self, session: Session, actor: str, create: bool) -> None:
        """After a change: write down how far the audit chain has got (``store/witness``)."""
        if self.witness_key is None:
            return
        reached = audit.position(session)
        session.rollback()
        if reached is not None:
            witness.write(self.witness_key, *reached, by=actor, create=create)

    def refresh_statistics(self) -> None:
        """After a large import: both planners otherwise guess from what the tables held before.
        PostgreSQL's until autovacuum catches up (a first page in 90 ms instead of 6); SQLite's
        for good, because SQLite gathers statistics only when asked (the tracking views' filter
        then walks the wrong index). On PostgreSQL the recommendations are also vacuumed: until
        a table is, its index cannot answer alone (every row's visibility is read from the
        table), and the register sorted by overdue recommendations took 230 ms instead of 80 at
        100,000 breaches, for as long as autovacuum had not come by (or never, where it is off).
        Best effort on PostgreSQL: a role that does not own the tables gets a warning from the
        server, not an error."""
        tables = "breaches, assessment_versions, people, recipients"
        with translate_errors(self.display_location), self.engine.connect() as conn:
            if self.engine_name == "postgresql":
                # VACUUM runs outside any transaction.
                auto = conn.execution_options(isolation_level="AUTOCOMMIT")
                auto.execute(text("VACUUM (ANALYZE) recommendations"))
                auto.execute(text(f"ANALYZE {tables}"))
            else:
                conn.execute(text("ANALYZE"))
                conn.commit()

    def dispose(self) -> None:
        """Close the register. A SQLite file is checkpointed first, so the main file holds
        everything (not its ``-wal`` beside it) and a copy of that one file is the register."""
        if self.engine_name == "sqlite" and self.parsed.query.get("mode") != "ro":
            with contextlib.suppress(Exception), self.engine.connect() as conn:
                # SQLite's advice for a connection about to close: refresh the planner's
                # statistics where the work since opening shows they are stale (cheap when
                # they are not).
                conn.exec_driver_sql("PRAGMA optimize")
            with contextlib.suppress(Exception), self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()


_SQLITE_MESSAGES = (
    ("database or disk is full", "the disk is full"),
    ("attempt to write a readonly database", "the register is read-only"),
    ("readonly database", "the register is read-only"),
    ("unable to open database file", "the register cannot be opened (is the folder there?)"),
    ("database is locked", "the register is busy: another program kept it locked too long"),
    ("disk i/o error", "the disk reported an error"),
    ("file is not a database", "the file is not a Breach Desk register (or it is damaged)"),
    ("malformed", "the register file is damaged"),
    ("check constraint failed", "the register refused the change: a value it cannot keep"),
)

_PG_STATES = {
    "53100": "the database server's disk is full",
    "53200": "the database server is out of memory",
    "25006": "the database is read-only",
    "42501": "your database role is not allowed to change the register",
    "57P01": "the database server is shutting down",
    "57P03": "the database server is not accepting connections yet",
    "28000": "the database server refused the login",
    "28P01": "the database server refused the password",
    "3D000": "the database does not exist",
    "55P03": "the register is busy: another session kept what this change needs locked too long",
}


_PG_REFUSALS = frozenset(
    {
        "23514",  # check_violation: a value the register cannot read back (migration 0007)
        "23502",  # not_null_violation
        "22001",  # string_data_right_truncation: longer than its column
        "22003",  # numeric_value_out_of_range
        "22007",  # invalid_datetime_format
        "22008",  # datetime_field_overflow
        "22009",  # invalid_time_zone_displacement_value
        "22P02",  # invalid_text_representation
        "22023",  # invalid_parameter_value
        "22021",  # character_not_in_repertoire
        "54000",  # program_limit_exceeded
    }
)
"""Errors the server raises for a value it will not store: refusals, said in its words."""


def describe_db_error(exc: BaseException, location: str) -> str | None:
    """A person's sentence for a database failure, or None when it is a programming error."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    state = getattr(orig, "sqlstate", None)
    first_line = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
    if state == "42501" and not first_line.startswith("permission denied"):
        # A team database's own function refusing, in its words (store/pg_workflow).
        what = f"{_PG_STATES[state]}: {first_line}"
    elif state == "P0001" or state in _PG_REFUSALS:
        what = f"the register refused the change: {first_line}"
    elif state == "42501" and _is_read(exc):
        what = "your database role may not read this part of the register"
    elif state in _PG_STATES:
        what = _PG_STATES[state]
    elif (state or "").startswith("08") or ("connection" in text and "failed" in text):
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else "no answer"
        what = f"cannot reach the database server ({first})"
    elif first_line.startswith("refused: "):
        # A SQLite trigger refusing a value the register cannot read back (migration 0007).
        what = f"the register refused the change: {first_line.removeprefix('refused: ')}"
    else:
        found = [m for needle, m in _SQLITE_MESSAGES if needle in text]
        if not found:
            return None
        what = found[0]
    return f"{what} ({location}): nothing was saved"


def _is_read(exc: BaseException) -> bool:
    statement = str(getattr(exc, "statement", "") or "").lstrip().upper()
    return (
        statement.startswith("SELECT")
        and " FOR UPDATE" not in statement
        and "BD_" not in (statement.split(" FROM ")[0])
    )


@contextmanager
def translate_errors(location: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        message = describe_db_error(exc, location)
        if message is None:
            raise
        raise StoreError(message) from None
