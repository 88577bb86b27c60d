"""One session per user action, and the audit entries that go with it.

``Store.unit(write=True)`` opens a transaction, collects audit entries while the action runs,
chains them onto the log just before commit, and commits everything or nothing. Database
failures leave as ``StoreError`` with a message a person can act on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from breach_desk.domain.clock import now
from breach_desk.store import audit
from breach_desk.store.engine import WRITE, current_actor, display_location, make_engine, parse_url
from breach_desk.store.errors import StoreError


class UnitOfWork:
    """The session of one user action, with its moment and its audit entries."""

    def __init__(self, session: Session, actor: str, at: datetime) -> None:
        self.session = session
        self.actor = actor
        self.at = at
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

    def flush_audit(self) -> None:
        audit.append(self.session, self.at, self.actor, self._entries)
        self._entries.clear()


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

    @property
    def actor(self) -> str:
        if self._actor is None:
            with translate_errors(self.display_location):
                self._actor = current_actor(self.engine)
        return self._actor

    @contextmanager
    def unit(self, write: bool = False, snapshot: bool = False) -> Iterator[UnitOfWork]:
        """A transaction for one user action: committed if it ends normally, else rolled back."""
        actor = self.actor
        with translate_errors(self.display_location), self._sessions() as session:
            options: dict[str, Any] = {WRITE: write}
            if snapshot and self.engine_name == "postgresql":
                options["isolation_level"] = "REPEATABLE READ"
            session.connection(execution_options=options)
            uow = UnitOfWork(session, actor, now())
            try:
                yield uow
                if write:
                    uow.flush_audit()
                    session.commit()
                else:
                    session.rollback()
            except BaseException:
                session.rollback()
                raise

    def refresh_statistics(self) -> None:
        """After a large import: PostgreSQL's planner otherwise guesses from an empty table
        until autovacuum catches up (a first page in 90 ms instead of 6). Best effort: a role
        that does not own the tables gets a warning from the server, not an error."""
        if self.engine_name != "postgresql":
            return
        with translate_errors(self.display_location), self.engine.connect() as conn:
            conn.execute(
                text("ANALYZE breaches, assessment_versions, people, recipients, recommendations")
            )
            conn.commit()

    def dispose(self) -> None:
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
}


def describe_db_error(exc: BaseException, location: str) -> str | None:
    """A person's sentence for a database failure, or None when it is a programming error."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    state = getattr(orig, "sqlstate", None)
    if state in _PG_STATES:
        what = _PG_STATES[state]
    elif (state or "").startswith("08") or ("connection" in text and "failed" in text):
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else "no answer"
        what = f"cannot reach the database server ({first})"
    else:
        found = [m for needle, m in _SQLITE_MESSAGES if needle in text]
        if not found:
            return None
        what = found[0]
    return f"{what} ({location}): nothing was saved"


@contextmanager
def translate_errors(location: str) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        message = describe_db_error(exc, location)
        if message is None:
            raise
        raise StoreError(message) from None
