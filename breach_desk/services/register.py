"""The breach register, as the GUI and the command line use it (Art. 33(5): every breach).

``Register.open()`` connects (default: the SQLite file in the user's data folder), brings the
schema up to date (backing up a SQLite file first) and hands out domain values, never database
rows. Each method is one user action in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from breach_desk.domain.assessment import Assessment, RepeatMatch
from breach_desk.domain.clock import local_date, now, recorded_now, today
from breach_desk.domain.errors import (
    ConflictError,
    ImportProblem,
    ImportRejected,
    InvalidChange,
    NotAllowed,
    NotFound,
    RegisterError,
    StoreError,
)
from breach_desk.domain.facts import Facts
from breach_desk.domain.register import (
    AuditEntry,
    AuditReport,
    Breach,
    BreachSummary,
    PlannedRecommendation,
    Role,
)
from breach_desk.services import preparing
from breach_desk.services.identity import IdentityError, User, identify, roles_installed
from breach_desk.services.recommendations import noted, plan
from breach_desk.store import (
    audit,
    breaches,
    importing,
    matching,
    pg_roles,
    queries,
    references,
    runs,
    witness,
)
from breach_desk.store.engine import resolve_url
from breach_desk.store.migrate import UpgradeResult, ensure_schema
from breach_desk.store.prepared import Prepared, Work
from breach_desk.store.queries import ExportRow, Filters
from breach_desk.store.session import Store, UnitOfWork

if TYPE_CHECKING:
    from breach_desk.reports.document import ReportSettings
from breach_desk.store.sources import ImportFile

__all__ = [
    "ConflictError",
    "ImportProblem",
    "ImportRejected",
    "InvalidChange",
    "NotAllowed",
    "NotFound",
    "PlannedRecommendation",
    "Register",
    "RegisterError",
    "StoreError",
    "assess_and_save",
    "resolve_url",
    "resumed_sentence",
]


class Register:
    """One register database. Thread-safe for one worker thread doing one action at a time."""

    def __init__(self, store: Store, upgrade: UpgradeResult | None = None) -> None:
        self.store = store
        self.upgrade = upgrade
        """What ``open`` did to the schema (``upgrade.backup`` is the copy made first)."""
        self._identity: User | None = None
        self.resumed: runs.Resumed | None = None
        """Set by ``import_file`` on a team database when it resumed an unfinished run of the
        same file (``resumed_sentence`` says so)."""

    @classmethod
    def open(cls, url: str | None = None) -> Register:
        """Connect, create or upgrade the schema (backing up a SQLite file first)."""
        try:
            store = Store(resolve_url(url))
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        try:
            result = ensure_schema(store, after=_renew_role_grants)
        except BaseException:
            store.dispose()
            raise
        return cls(store, result)

    def close(self) -> None:
        self.store.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        return self.store.url

    @property
    def engine_name(self) -> str:
        return self.store.engine_name

    @property
    def display_location(self) -> str:
        return self.store.display_location

    @property
    def user(self) -> str:
        """Who the register records as making changes (OS login; database role on PostgreSQL)."""
        return self.store.actor

    @property
    def identity(self) -> User:
        """The user's login, role and services (``services/identity``), read once: the
        database's word on PostgreSQL with ``db roles``, else the person's own setting.
        Raises IdentityError when the setting cannot be read."""
        if self._identity is None:
            self._identity = identify(self.store)
        return self._identity

    def _check_may_assess(self, what: str) -> None:
        """Only an IG officer changes facts and assessments (a service manager moves their
        actions on; an auditor reads). On PostgreSQL with ``db roles`` the database refuses them
        as well; this says so in words first, on SQLite too."""
        try:
            user = self.identity
        except IdentityError as exc:
            raise NotAllowed(f"only an IG officer {what}, and {exc}") from None
        if not user.may_assess:
            raise NotAllowed(f"only an IG officer {what}; {_you_are(user)}")

    # --- assessing --------------------------------------------------------------------------

    def find_matches(self, facts: Facts) -> list[RepeatMatch]:
        """Earlier breaches with the same person or recipient (never the breach itself)."""
        with self.store.unit() as uow:
            return matching.find_matches(uow.session, facts, exclude=facts.reference)

    def assess(self, facts: Facts, at: datetime | None = None) -> Assessment:
        """The method's assessment against the register, not saved."""
        from breach_desk.method import assess

        if at is not None:
            return assess(facts, at, self.find_matches(facts))
        return assess(facts, recorded_now(), self.find_matches(facts), today=now())

    def finalise(
        self,
        facts: Facts,
        *,
        recommendations: Sequence[PlannedRecommendation] | None = None,
        removed: Sequence[tuple[str, str]] = (),
        reason: str | None = None,
        expected_row_version: int | None = None,
        ico_delay_reason: str | None = None,
    ) -> Breach:
        """Store a finalised assessment: a new breach (version 1, reference assigned when
        absent), or version n+1 when ``facts.reference`` is in the register (``reason`` needed).

        ``recommendations`` is the officer's edited list (None: as the method proposed);
        ``removed`` the (code, reason) pairs taken out; ``ico_delay_reason`` the reasons for
        reporting to the ICO after the 72 hours (Art. 33(1)), kept with the version. A stale
        ``expected_row_version`` raises ConflictError naming who saved first; nothing is written
        then.
        """
        from breach_desk.method import assess

        self._check_may_assess("assesses breaches")
        delay = (ico_delay_reason or "").strip() or None
        try:
            with self.store.unit(write=True) as uow:
                session = uow.session
                ref = facts.reference
                if ref is not None and breaches.exists(session, ref):
                    why = _reason(reason, ref)
                    row = breaches.lock(session, ref)
                    breaches.check_current(row, expected_row_version)
                    matches = matching.find_matches(session, facts, exclude=ref)
                    assessment = assess(facts, uow.at, matches, today=uow.now)
                    existing = breaches.tracked(session, row.id)
                    work = plan(assessment, recommendations, removed, existing)
                    assessment = noted(assessment, work, delay)  # the plan as stored, the reasons
                    breaches.reassess(
                        uow, row, facts, assessment, work, why, expected_row_version, delay
                    )
                else:
                    if ref is None:
                        ref = references.reserve(session, local_date(uow.now).year, 1)[0]
                        facts = facts.with_reference(ref)
                    matches = matching.find_matches(session, facts, exclude=ref)
                    assessment = assess(facts, uow.at, matches, today=uow.now)
                    work = plan(assessment, recommendations, removed, {})
                    assessment = noted(assessment, work, delay)  # the plan as stored, the reasons
                    breaches.create(uow, facts, assessment, work, delay)
        except IntegrityError as exc:
            raise self._lost_race(facts.reference, expected_row_version) from exc
        return self.get(ref)

    def reassess(
        self,
        reference: str,
        facts: Facts,
        reason: str,
        expected_row_version: int | None = None,
        *,
        recommendations: Sequence[PlannedRecommendation] | None = None,
        removed: Sequence[tuple[str, str]] = (),
        ico_delay_reason: str | None = None,
    ) -> Breach:
        """Version n+1 of an existing breach, with the reason for reassessing (and, past the
        72 hours, the reasons for the late report to the ICO)."""
        self._check_may_assess("reassesses breaches")
        if facts.reference not in (None, reference):
            raise InvalidChange(
                f"the facts are for {facts.reference}, not {reference}: reassess the right breach"
            )
        with self.store.unit() as uow:
            if not breaches.exists(uow.session, reference):
                raise NotFound(reference)
        return self.finalise(
            facts.with_reference(reference),
            recommendations=recommendations,
            removed=removed,
            reason=_reason(reason, reference),
            expected_row_version=expected_row_version,
            ico_delay_reason=ico_delay_reason,
        )

    def _lost_race(self, reference: str | None, expected: int | None) -> RegisterError:
        if reference is None:
            return StoreError("the register refused the save (a uniqueness rule): try again")
        try:
            current = self.get(reference)
        except NotFound:
            return StoreError("the register refused the save (a uniqueness rule): try again")
        return ConflictError(
            reference, current.updated_by, current.updated_at, current.row_version, expected or 0
        )

    # --- reading ----------------------------------------------------------------------------

    def get(self, reference: str) -> Breach:
        with self.store.unit() as uow:
            return queries.get(uow.session, reference)

    def likely_reference(self) -> str:
        """The reference a new breach saved now will most likely be given (the wizard proposes
        it; nothing is reserved)."""
        with self.store.unit() as uow:
            return references.likely_next(uow.session, local_date(now()).year)

    def list_breaches(
        self,
        *,
        search: str | None = None,
        risk: str | None = None,
        status: str | None = None,
        service: str | None = None,
        services: Sequence[str] | None = None,
        sort: str = "aware_at",
        descending: bool = True,
        offset: int = 0,
        limit: int = 100,
    ) -> list[BreachSummary]:
        """A page of the register, newest first by default. ``search`` looks in the
        reference, title, service, description, people and recipients (case and accents
        ignored); ``services`` keeps the breaches of those services only (a service manager's
        register, where the database does not limit it)."""
        f = _filters(search, risk, status, service, services)
        with self.store.unit() as uow:
            return queries.list_breaches(
                uow.session,
                f,
                today=today(),
                sort=sort,
                descending=descending,
                offset=offset,
                limit=limit,
            )

    def count_breaches(
        self,
        *,
        search: str | None = None,
        risk: str | None = None,
        status: str | None = None,
        service: str | None = None,
        services: Sequence[str] | None = None,
    ) -> int:
        f = _filters(search, risk, status, service, services)
        with self.store.unit() as uow:
            return queries.count_breaches(uow.session, f)

    def services(self) -> list[str]:
        """Every service named in the register, for a filter."""
        with self.store.unit() as uow:
            return queries.services(uow.session)

    # --- import and export ------------------------------------------------------------------

    def import_facts(self, facts_list: Iterable[Facts]) -> list[str]:
        """Store every breach or none; returns the references in order."""
        self._check_may_assess("imports breaches")
        listed = list(facts_list)
        with self.store.unit(write=True) as uow:
            return importing.import_facts(uow, listed, preparing.prepare_facts)

    def fill_empty(self, facts_list: Iterable[Facts]) -> list[str]:
        """Sample breaches for a register that is still empty (the demo register), whatever the
        user's role: it adds nothing to a register in use. Returns the references, or [] when
        the register already holds a breach."""
        listed = list(facts_list)
        with self.store.unit(write=True) as uow:
            if queries.count_breaches(uow.session, Filters()) > 0:
                return []
            return importing.import_facts(uow, listed, preparing.prepare_facts)

    def import_file(
        self,
        path: str | Path,
        helpers: int | None = None,
        *,
        notifications: object = None,
        batch: int = importing.TEAM_BATCH,
    ) -> list[str]:
        """Import a JSON array or JSON lines of facts v1: all or nothing. ImportRejected lists
        every bad record with its line and field path. ``helpers``: processes validating and
        assessing alongside the writer (default: by size and CPUs; 0 for none). ``batch``:
        breaches written per transaction on a team database.
        ``notifications``: the records exported beside the facts, recorded in the same
        transaction (``services/notifications``).

        SQLite, a one-person file: one transaction. A team database: every record checked and
        prepared first, then written a batch per short transaction, the notifications in the
        last, so nobody else waits for more than a moment (``importing.import_in_batches``);
        a run cut short is resumed by importing the same file again (``self.resumed``)."""
        self._check_may_assess("imports breaches")
        source = ImportFile(path)
        at = now()
        self.resumed = None

        # One set of helper processes for the survey and the preparation, started only for a
        # file large enough to be worth it (unless ``helpers`` says how many).
        pool = preparing.Helpers(preparing.helpers_wanted() if helpers is None else helpers)

        def prepare(
            work: Callable[[], Iterator[list[Work]]], count: int, array: bool, compress: bool
        ) -> Iterator[list[Prepared]]:
            if helpers is None and count < preparing.PARALLEL_FROM:
                return preparing.in_helpers(work, at, array, 0, compress)
            return pool.prepare(work, at, array, compress)

        told: importing.Told | None = None
        if notifications is not None:
            told = _told(self, notifications)  # refused before anything is written
        if self.store.team:
            with pool:
                done = importing.import_in_batches(
                    self.store, source, prepare, batch=batch, told=told, survey_with=pool.survey
                )
            refs, self.resumed = done.references, done.resumed
        else:
            with pool, self.store.unit(write=True) as uow:
                refs = importing.import_file(uow, source, prepare, pool.survey)
                if told is not None:
                    told.record(uow, 0, told.count)
        if len(refs) >= preparing.PARALLEL_FROM:
            self.store.refresh_statistics()
        return refs

    def export_records(self) -> Iterator[ExportRow]:
        """Every breach with its latest facts and its register summary, oldest first."""
        with self.store.unit() as uow:
            yield from queries.iter_export(uow.session, today())

    # --- audit ------------------------------------------------------------------------------

    def verify_audit(self, expect: Sequence[witness.Checkpoint] = ()) -> AuditReport:
        """Check the chain, and that it still reaches every position witnessed outside the
        database: the one this user's witness file keeps, and ``expect`` (e.g. copied from a
        report's footer). An intact chain is witnessed in its turn."""
        from breach_desk.services import audit as checks

        return checks.verify(self, expect)

    def audit_position(self) -> tuple[int, str] | None:
        """Where the audit chain is now (entry number, hash): printed on reports so that a
        later truncation shows (``store/witness``)."""
        try:
            with self.store.unit() as uow:
                return audit.position(uow.session)
        except StoreError:
            return None

    def history(self, reference: str) -> list[AuditEntry]:
        """Every audit entry about one breach, oldest first."""
        with self.store.unit() as uow:
            if not breaches.exists(uow.session, reference):
                raise NotFound(reference)
            return audit.history(uow.session, reference)


def resumed_sentence(name: str, resumed: runs.Resumed) -> str:
    """'Resumed the import of FILE started on … by …: 40,000 of 100,000 breaches were already
    stored; stored the other 60,000.'"""
    from breach_desk.domain.clock import format_local

    when = format_local(resumed.started_at)  # London time with its zone, as everywhere else
    rest = resumed.records - resumed.already
    return (
        f"Resumed the import of {name} started on {when} by {resumed.started_by}: "
        f"{resumed.already:,} of {resumed.records:,} breaches were already stored; "
        f"stored the other {rest:,}."
    )


def _told(register: Register, doc: Any) -> importing.Told:
    """The notifications exported beside an import's file, checked, to record in parts."""
    import json

    from breach_desk.services.notifications import Notify

    notify = Notify(register)
    notify.check(doc)
    entries = doc["breaches"]

    def record(uow: UnitOfWork, start: int, end: int) -> object:
        return notify.importing(uow, {**doc, "breaches": entries[start:end]})

    key = json.dumps(doc, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return importing.Told(len(entries), record, key)


def with_audit_position(settings: ReportSettings, registers: Sequence[Register]) -> ReportSettings:
    """A report's settings with the audit chain's position of the register it was read from,
    for its footer (unchanged when it was not read from a register)."""
    from dataclasses import replace

    for register in registers[-1:]:
        found = register.audit_position()
        if found is not None:
            return replace(settings, audit_position=witness.footer_text(*found))
    return settings


def _filters(
    search: str | None,
    risk: str | None,
    status: str | None,
    service: str | None,
    services: Sequence[str] | None,
) -> Filters:
    chosen = None if services is None else tuple(dict.fromkeys(services))
    return Filters(search, risk, status, service, chosen)


def _renew_role_grants(conn: Connection) -> None:
    """After an upgrade on PostgreSQL, ``db roles`` again where it was run before: GRANTs and
    policies cover only the tables that existed when it ran, so a new table would otherwise be
    out of everyone's reach but the owner's."""
    if conn.dialect.name == "postgresql" and roles_installed(conn):
        pg_roles.install(conn)


def _you_are(user: User) -> str:
    """'you are a service manager', 'you are an auditor', 'you have no Breach Desk role'."""
    if user.role not in Role.ALL:
        return "you have no Breach Desk role"
    label = user.role_label.lower().replace("ig ", "IG ")
    return f"you are {'an' if label[0] in 'aeiouAEIOU' else 'a'} {label}"


def _reason(reason: str | None, reference: str) -> str:
    """The reason for a new version, kept in the record: words, never a blank, a stray key
    press or invisible characters (zero-width or no-break spaces)."""
    from breach_desk.domain.reasons import reason_problem

    if reason is None or not reason.strip():
        raise InvalidChange(
            f"{reference} is already in the register: reassessing it needs a reason"
        )
    problem = reason_problem(reason)
    if problem is not None:
        raise InvalidChange(f"the reason for reassessing {reference}: {problem}")
    return reason.strip()


def assess_and_save(facts: Facts) -> Assessment:
    """``breach-desk assess FILE --save``: assess against the register and store version 1.

    Raises the register's errors (NotAllowed for a user who is not an IG officer, InvalidChange
    when the reference is already used).
    """
    with Register.open() as register:
        register._check_may_assess("assesses breaches")
        if facts.reference is not None:
            try:
                register.get(facts.reference)
            except NotFound:
                pass
            else:
                raise InvalidChange(
                    f"{facts.reference} is already in the register: to add a new version, "
                    f"run breach-desk reassess {facts.reference} FILE --reason TEXT"
                )
        breach = register.finalise(facts)
    latest = breach.latest
    assert latest is not None
    return latest.assessment
