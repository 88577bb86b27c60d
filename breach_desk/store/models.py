"""The register's tables, as SQLAlchemy 2 typed models.

The schema itself is owned by the Alembic migrations in ``store/migrations``; a test checks that
these models and the migrations agree on both engines. Nothing outside ``store`` sees these
classes: repositories turn rows into the domain values of ``domain/register.py``.
"""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from isal import isal_zlib
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Named constraints, so that SQLite batch migrations can find them again (Alembic naming.rst)."""


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on the way in and out, on both engines.

    PostgreSQL keeps ``timestamptz``; SQLite has no time zones, so it stores naive UTC text.
    A naive value is a programming error here, not a guess to make.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the register stores only timezone-aware times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Packed(bytes):
    """Text compressed for SQLite (perhaps by an import's helper process)."""


def pack(text: str) -> Packed:
    """zlib's format, written by ISA-L (``isal``): at its level 1 the same size as zlib's own
    level 1 and about three times as fast (an import compresses an 11 KB assessment for every
    breach; zlib took a fifth of the time spent preparing each record). Any zlib reads it."""
    return Packed(isal_zlib.compress(text.encode("utf-8"), 1))


def packed_for(dialect_name: str, value: str | Packed) -> str | bytes:
    """Long JSON text as the column keeps it. SQLite has no compression of its own, and the
    assessments are most of a register's size: there it is zlib-compressed. PostgreSQL
    compresses long text itself (TOAST), so it keeps plain text that SQL can read."""
    if dialect_name == "sqlite":
        return bytes(value) if isinstance(value, Packed) else bytes(pack(value))
    return unpack(value)


def unpack(value: str | bytes) -> str:
    if isinstance(value, bytes | memoryview):
        return zlib.decompress(value).decode("utf-8")
    return value


PACKED_TEXT = Text().with_variant(LargeBinary(), "sqlite")


def _one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    """The column holds one of ``values``. (On SQLite, migration 0015 writes the list as
    comparisons, which SQLite checks about fifteen times as fast; the values are the same.)"""
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=name)


BREACH_STATUSES = ("draft", "assessed", "closed")
RECOMMENDATION_STATUSES = ("open", "in_progress", "done", "verified", "rejected")
OWNER_ROLES = ("ig", "service", "it")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), date: Date()}


class BreachRow(Base):
    """One breach: the latest facts and outcome, denormalised for the register list."""

    __tablename__ = "breaches"
    __table_args__ = (
        _one_of("status", BREACH_STATUSES, "status"),
        # the method's values only (migrations 0007 on PostgreSQL, 0012 on SQLite)
        *(
            CheckConstraint(
                f"{column} IS NULL OR {column} IN ({', '.join(repr(v) for v in values)})",
                name=f"{column}_known",
            )
            for column, values in (
                ("band", ("low", "medium", "high", "very_high")),
                ("likelihood", ("remote", "possible", "likely", "occurred")),
                ("risk", ("unlikely", "risk", "high")),
            )
        ),
        Index("ix_breaches_aware_at_id", "aware_at", "id"),
        Index("ix_breaches_ico_deadline_id", "ico_deadline", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    title: Mapped[str] = mapped_column(String(200))
    service: Mapped[str | None] = mapped_column(String(200), index=True)
    aware_at: Mapped[datetime]
    band: Mapped[str | None] = mapped_column(String(16))
    likelihood: Mapped[str | None] = mapped_column(String(16))
    risk: Mapped[str | None] = mapped_column(String(16), index=True)
    ico_report: Mapped[bool] = mapped_column(default=False)
    ico_deadline: Mapped[datetime | None]
    notify_subjects: Mapped[bool] = mapped_column(default=False)
    is_repeat: Mapped[bool] = mapped_column(default=False)
    current_version: Mapped[int] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text)
    """Reference, title, service, description, people and recipients, folded for searching."""
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(index=True)
    updated_by: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[str | None] = mapped_column(String(200))
    row_version: Mapped[int] = mapped_column(Integer)
    """Optimistic locking: every change adds one; a save based on an older value is refused."""


class VersionRow(Base):
    """A finalised assessment with the facts it was made from. Never updated."""

    __tablename__ = "assessment_versions"
    __table_args__ = (UniqueConstraint("breach_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breaches.id"))
    number: Mapped[int] = mapped_column(Integer)
    facts: Mapped[str] = mapped_column(Text)
    """Facts format v1, JSON."""
    assessment: Mapped[str | bytes] = mapped_column(PACKED_TEXT)
    """Assessment format v1, JSON (compressed on SQLite)."""
    removed: Mapped[str] = mapped_column(Text, default="[]")
    """Recommendations the officer removed at this version: JSON [{code, reason}]."""
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))
    ico_delay_reason: Mapped[str | None] = mapped_column(Text)
    """The reasons for reporting to the ICO after the 72 hours (Art. 33(1)), when late."""


class PersonRow(Base):
    """An affected person of a breach's latest facts, normalised for repeat matching."""

    __tablename__ = "people"
    # (value, breach) indexes: a lookup reads only the newest few breaches per value.
    __table_args__ = (
        Index("ix_people_name_folded_breach_id", "name_folded", "breach_id"),
        Index("ix_people_email_norm_breach_id", "email_norm", "breach_id"),
        Index("ix_people_identifier_norm_breach_id", "identifier_norm", "breach_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breaches.id"), index=True)
    name_folded: Mapped[str | None] = mapped_column(String(200))
    email_norm: Mapped[str | None] = mapped_column(String(320))
    identifier_norm: Mapped[str | None] = mapped_column(String(100))


class RecipientRow(Base):
    """A recipient of a breach's latest facts, normalised for repeat matching."""

    __tablename__ = "recipients"
    __table_args__ = (
        Index("ix_recipients_label_folded_breach_id", "label_folded", "breach_id"),
        Index("ix_recipients_email_norm_breach_id", "email_norm", "breach_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breaches.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    label_folded: Mapped[str | None] = mapped_column(String(200))
    email_norm: Mapped[str | None] = mapped_column(String(320))


class RecommendationRow(Base):
    """A tracked recommendation (METHOD.md 5). Created at finalise; moved on by its owner."""

    __tablename__ = "recommendations"
    __table_args__ = (
        UniqueConstraint("breach_id", "code"),  # also the index for a breach's list
        _one_of("status", RECOMMENDATION_STATUSES, "status"),
        _one_of("owner_role", OWNER_ROLES, "owner_role"),
        # By status and due date; with the breach, the overdue ones are counted per breach
        # from the index alone (sorting the register by overdue recommendations).
        Index("ix_recommendations_status_due_date_breach_id", "status", "due_date", "breach_id"),
        # The tracking lists walk the due dates in order; their counts per service are read
        # from the second alone (store/action_list).
        Index("ix_recommendations_due_date_id", "due_date", "id"),
        Index(
            "ix_recommendations_service_status_due_date_breach_id",
            "service",
            "status",
            "due_date",
            "breach_id",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breaches.id"))
    code: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    owner_role: Mapped[str] = mapped_column(String(16))
    owner: Mapped[str | None] = mapped_column(String(200), index=True)
    service: Mapped[str | None] = mapped_column(String(200), index=True)
    due_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(16))
    why: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str | None] = mapped_column(Text)
    done_by: Mapped[str | None] = mapped_column(String(200))
    done_at: Mapped[datetime | None]
    verified_by: Mapped[str | None] = mapped_column(String(200))
    verified_at: Mapped[datetime | None]
    removed_reason: Mapped[str | None] = mapped_column(Text)
    """Set when the officer removed it when finalising (it is then rejected from the start)."""
    added_in_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime]
    row_version: Mapped[int] = mapped_column(Integer, default=1)


class TransitionRow(Base):
    """One change of a recommendation's status: who, when, from, to, why, evidence."""

    __tablename__ = "recommendation_transitions"
    __table_args__ = (
        _one_of("to_status", RECOMMENDATION_STATUSES, "to_status"),
        CheckConstraint(
            "from_status IS NULL OR from_status IN "
            "('open', 'in_progress', 'done', 'verified', 'rejected')",
            name="from_status",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), index=True)
    at: Mapped[datetime]
    by: Mapped[str] = mapped_column(String(200))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)


class EvidenceFileRow(Base):
    """A file attached as evidence that a recommendation was carried out."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("recommendations.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime]


class CloseApprovalRow(Base):
    """A second IG officer's approval to close a breach on which a recommendation was rejected
    (four eyes, METHOD section 5): void once a recommendation is rejected after it. Never
    updated."""

    __tablename__ = "close_approvals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breaches.id"), index=True)
    approved_by: Mapped[str] = mapped_column(String(200))
    approved_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)


NOTIFICATION_KINDS = ("ico_report", "follow_up", "ico_response", "people_told")


class NotificationRow(Base):
    """Who was told, as recorded (issue 11): the report to the ICO (one per breach), its
    follow-ups, the ICO's responses, and each telling of the people. Never updated."""

    __tablename__ = "notifications"
    __table_args__ = (
        _one_of("kind", NOTIFICATION_KINDS, "kind"),
        Index("ix_notifications_breach_id_kind", "breach_id", "kind"),
        # One report to the ICO per breach; what came after it is a follow-up.
        Index(
            "uq_notifications_breach_id_ico_report",
            "breach_id",
            unique=True,
            sqlite_where=sql_text("kind = 'ico_report'"),
            postgresql_where=sql_text("kind = 'ico_report'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breaches.id"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime | None]
    """When it was reported, followed up, or the people told: the officer's fact, as given."""
    on_date: Mapped[date | None]
    """The date of the ICO's response."""
    how: Mapped[str | None] = mapped_column(String(32))
    reference: Mapped[str | None] = mapped_column(String(100))
    """The ICO's case reference (of the report, or of a response)."""
    text: Mapped[str | None] = mapped_column(Text)
    """What a follow-up added; what the ICO said."""
    delay_reason: Mapped[str | None] = mapped_column(Text)
    voluntary: Mapped[bool] = mapped_column(default=False)
    people_count: Mapped[int | None] = mapped_column(Integer)
    letter_text: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime]


class LogEntryRow(Base):
    """A line of the organisation's old breach log, imported as a breach (issue 22): where it
    came from and what the log recorded, as recorded (JSON: FIELD → value)."""

    __tablename__ = "log_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breaches.id"), unique=True)
    row_key: Mapped[str] = mapped_column(String(80), unique=True)
    source_file: Mapped[str] = mapped_column(String(255))
    sheet: Mapped[str | None] = mapped_column(String(100))
    row_number: Mapped[int] = mapped_column(Integer)
    record: Mapped[str] = mapped_column(Text)
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime]


class AuditRow(Base):
    """The audit log: append-only (triggers refuse UPDATE and DELETE) and hash-chained."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    reference: Mapped[str | None] = mapped_column(String(64), index=True)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The chain's last link. Locking this row serialises writers, so the chain never forks."""

    __tablename__ = "audit_head"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class ReferenceCounterRow(Base):
    """The last number handed out per year for references IG-YYYY-NNNN."""

    __tablename__ = "reference_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


class ImportRunRow(Base):
    """A team import of one file, batch by batch (migration 0014): resumed when the same file
    is imported again before it finished. ``refs``: JSON array, each record's reference in
    order; ``stored``: how many records, from the first, are in the register."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    records: Mapped[int] = mapped_column(Integer)
    refs: Mapped[str] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    reserved_last: Mapped[int | None] = mapped_column(Integer)
    before_id: Mapped[int] = mapped_column(Integer)
    stored: Mapped[int] = mapped_column(Integer)
    told: Mapped[int] = mapped_column(Integer)
    """Entries of the notifications exported beside the file recorded so far (in order)."""
    started_by: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class DraftRow(Base):
    """The wizard's autosaved state: arbitrary JSON, not necessarily valid facts."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    payload: Mapped[str] = mapped_column(Text)
    reference: Mapped[str | None] = mapped_column(String(64))
    """The breach being reassessed, when the draft is a reassessment."""
    created_by: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class DirectoryRow(Base):
    """A person's address for reminders: display name, email; on SQLite their role and services
    too (on PostgreSQL the database's roles decide those)."""

    __tablename__ = "directory"

    login: Mapped[str] = mapped_column(String(200), primary_key=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    role: Mapped[str | None] = mapped_column(String(32))
    services: Mapped[str] = mapped_column(Text, default="[]")
    """JSON list of the services a service manager looks after."""
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(200))


class EscalationRow(Base):
    """Who is copied when one of a service's actions has long been overdue."""

    __tablename__ = "escalation_contacts"

    service: Mapped[str] = mapped_column(String(200), primary_key=True)
    login: Mapped[str] = mapped_column(String(200))


class ReminderMessageRow(Base):
    """One reminder email: reserved before it is sent, marked sent after (the same bytes are
    sent again, under the same Message-ID, if a run died in between)."""

    __tablename__ = "reminder_messages"
    __table_args__ = (_one_of("state", ("reserved", "sent"), "state"),)

    message_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    login: Mapped[str] = mapped_column(String(200))
    recipients: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), index=True)
    reserved_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class ReminderRow(Base):
    """One item of a reminder at one threshold, for one person: never sent twice."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("login", "item", "threshold"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(200))
    item: Mapped[str] = mapped_column(String(80))
    threshold: Mapped[str] = mapped_column(String(40))
    day: Mapped[date]
    message_id: Mapped[str] = mapped_column(
        String(255), ForeignKey("reminder_messages.message_id"), index=True
    )


class ComplaintRow(Base):
    """A complaint received about a breach (DPA 2018 s.164A): acknowledged within 30 days."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breaches.id"), index=True)
    received_on: Mapped[date]
    from_whom: Mapped[str] = mapped_column(Text)
    how: Mapped[str] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text)
    acknowledged_on: Mapped[date | None] = mapped_column(index=True)
    outcome: Mapped[str | None] = mapped_column(Text)
    outcome_on: Mapped[date | None]
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime]
