"""Recommendation tracking, as the GUI and the command line use it (METHOD.md section 5).

A service manager ticks off their actions with evidence, an IG officer who did not do the work
verifies (or rejects, or reopens), and the breach closes when nothing is left open. "My actions",
"Monitoring" and the dashboard read the same records. Each method is one user action in one
transaction; the rules are ``domain/workflow``; on PostgreSQL the database enforces them again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import as_aware, local_date, now
from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.errors import NoSuchAction, NotFound
from breach_desk.domain.lists import BreachLine, ClockRow, Tally
from breach_desk.domain.register import Breach, EvidenceFile, Role
from breach_desk.domain.workflow import (
    MAX_TEXT,
    Action,
    ActionItem,
    Refused,
    attach_refusal,
    check_evidence_file,
    decide,
    is_blank,
    is_mine,
)
from breach_desk.services.identity import User
from breach_desk.services.register import Register
from breach_desk.store import action_list, mine, queries, tracking
from breach_desk.store.session import UnitOfWork
from breach_desk.store.tracking import UNFINISHED

if TYPE_CHECKING:
    from breach_desk.reports.document import ReportSettings

__all__ = ["Action", "ActionItem", "Dashboard", "Refused", "Tracking"]

NO_SERVICE = "No service recorded"


@dataclass(frozen=True, slots=True)
class Timeliness:
    """Recommendations due so far (due day ended, or verified), rejected ones aside."""

    on_time: int = 0
    """Done by the end of the due day, and verified."""
    late: int = 0
    """Verified, but done after the due day."""
    awaiting: int = 0
    """Done, waiting for the IG team to verify."""
    not_done: int = 0
    """Past the due day and not done: overdue."""

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.awaiting + self.not_done

    @property
    def share(self) -> float | None:
        return self.on_time / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Dashboard:
    at: datetime
    open_by_risk: dict[str, int]
    """Open breaches by risk: 'high', 'risk', 'unlikely' (and 'not assessed')."""
    ico_clocks: list[ClockRow]
    """Reportable breaches not yet reported, soonest deadline first."""
    overdue_by_service: list[tuple[str, int]]
    """Overdue recommendations per service, most first."""
    repeats: list[BreachLine]
    timeliness: Timeliness
    ico_clocks_total: int = 0
    """How many ICO clocks are running (``ico_clocks`` lists the soonest)."""
    repeats_total: int = 0
    """How many breaches repeat an earlier one (``repeats`` lists the newest)."""

    @property
    def open_breaches(self) -> int:
        return sum(self.open_by_risk.values())


def _overdue_first(items: Iterable[ActionItem], at: datetime) -> list[ActionItem]:
    return sorted(
        items,
        key=lambda i: (
            not i.recommendation.overdue(at),
            i.recommendation.due_date,
            i.recommendation.breach_reference,
            i.recommendation.id,
        ),
    )


class Tracking:
    """Tracking on one open register, for the person using it."""

    def __init__(self, register: Register, user: User | None = None) -> None:
        self.register = register
        self.store = register.store
        self._user = user

    @classmethod
    def open(cls, url: str | None = None) -> Tracking:
        return cls(Register.open(url))

    def close_register(self) -> None:
        self.register.close()

    # --- who ------------------------------------------------------------------------------------

    @property
    def user(self) -> User:
        if self._user is None:
            self._user = self.register.identity
        return self._user

    @property
    def _services(self) -> list[str] | None:
        """What a service manager may see (on PostgreSQL the database limits it as well)."""
        user = self.user
        return list(user.services) if user.role == Role.SERVICE_MANAGER else None

    # --- moving a recommendation on -------------------------------------------------------------

    def move(
        self,
        action: Action,
        action_id: int,
        *,
        reason: str | None = None,
        evidence: str | None = None,
        files: Sequence[tuple[str, bytes]] = (),
        expected: RecommendationStatus | None = None,
    ) -> ActionItem:
        """Take ``action`` on recommendation ``action_id``; ``Refused`` says why not.

        ``expected``: the status the person saw; if someone changed it since, nothing is done.
        ``files`` (name, content) are attached in the same transaction.
        """
        actor = self.user.actor
        with self.store.unit(write=True) as uow:
            # Judge first on what the person can read, so a refusal comes in the rules' words
            # (on PostgreSQL the lock itself is refused to whoever may not change the row).
            found = tracking.locate(uow.session, action_id, lock=False, services=self._services)
            decide(action, found.subject, actor, uow.at, reason=reason, evidence=evidence)
            found = tracking.locate(uow.session, action_id, lock=True, services=self._services)
            if expected is not None and found.row.status != expected.value:
                raise Refused(
                    "Someone changed it to "
                    f"{vocabulary.words(RecommendationStatus(found.row.status))} after "
                    "you looked: look again before you act."
                )
            change = decide(action, found.subject, actor, uow.at, reason=reason, evidence=evidence)
            tracking.record(uow, found, change)
            for name, content in files:
                self._attach(uow, found, name, content)
        return self.action(action_id)

    def start(self, action_id: int, reason: str | None = None) -> ActionItem:
        return self.move(Action.START, action_id, reason=reason)

    def done(
        self, action_id: int, evidence: str, files: Sequence[tuple[str, bytes]] = ()
    ) -> ActionItem:
        return self.move(Action.DONE, action_id, evidence=evidence, files=files)

    def verify(self, action_id: int, note: str | None = None) -> ActionItem:
        return self.move(Action.VERIFY, action_id, reason=note)

    def reject(self, action_id: int, reason: str) -> ActionItem:
        return self.move(Action.REJECT, action_id, reason=reason)

    def reopen(self, action_id: int, reason: str) -> ActionItem:
        return self.move(Action.REOPEN, action_id, reason=reason)

    def attach(self, action_id: int, name: str, content: bytes) -> EvidenceFile:
        """Add a file of evidence (kept in the database, up to the size limit)."""
        with self.store.unit(write=True) as uow:
            found = tracking.locate(uow.session, action_id, lock=False, services=self._services)
            self._attach_refusal(uow, found, name, content)
            found = tracking.locate(uow.session, action_id, lock=True, services=self._services)
            file_id = self._attach(uow, found, name, content)
            info, _, _ = tracking.file_content(uow.session, file_id)
        return info

    def _attach_refusal(
        self, uow: UnitOfWork, found: tracking.Located, name: str, content: bytes
    ) -> None:
        refusal = attach_refusal(found.subject, self.user.actor)
        if refusal is None:
            already = tracking.count_files(uow.session, found.row.id)
            refusal = check_evidence_file(name, len(content), already)
        if refusal is not None:
            raise Refused(refusal)

    def _attach(self, uow: UnitOfWork, found: tracking.Located, name: str, content: bytes) -> int:
        self._attach_refusal(uow, found, name, content)
        return tracking.add_file(uow, found, name.strip(), content)

    def file(self, file_id: int) -> tuple[EvidenceFile, bytes]:
        with self.store.unit() as uow:
            info, content, _ = tracking.file_content(uow.session, file_id, self._services)
        return info, content

    def close(
        self, reference: str, note: str | None = None, expected_row_version: int | None = None
    ) -> Breach:
        """Close a breach whose recommendations are all verified or rejected (IG officer)."""
        with self.store.unit(write=True) as uow:
            tracking.close(uow, reference, self.user.actor, note, expected_row_version)
        return self.register.get(reference)

    def approve_close(self, reference: str, reason: str) -> Breach:
        """Record, as a second IG officer, the approval for whoever rejected one of the breach's
        recommendations to close it (four eyes, METHOD section 5). Void once a recommendation of
        it is rejected afterwards."""
        if is_blank(reason):
            raise Refused("reason: say why closing is approved; it is kept with the approval.")
        if len(reason.strip()) > MAX_TEXT:
            raise Refused(f"reason: keep it under {MAX_TEXT:,} characters.")
        with self.store.unit(write=True) as uow:
            tracking.approve_close(uow, reference, self.user.actor, reason.strip())
        return self.register.get(reference)

    # --- reading --------------------------------------------------------------------------------

    def action(self, action_id: int) -> ActionItem:
        with self.store.unit() as uow:
            found = tracking.list_actions(
                uow.session,
                statuses=None,
                services=self._services,
                ids=[action_id],
                include_closed=True,
            )
        if not found:
            raise NoSuchAction(action_id)
        return found[0]

    def actions(
        self,
        *,
        mine: bool = False,
        overdue: bool = False,
        service: str | None = None,
        statuses: Iterable[RecommendationStatus] | None = None,
        reference: str | None = None,
        at: datetime | None = None,
    ) -> list[ActionItem]:
        """Recommendations not yet finished (or of ``statuses``), overdue first."""
        at = as_aware(at) if at is not None else now()
        wanted = [s.value for s in statuses] if statuses is not None else list(UNFINISHED)
        actor = self.user.actor
        with self.store.unit() as uow:
            items = tracking.list_actions(
                uow.session,
                statuses=wanted,
                services=self._services,
                reference=reference,
                include_closed=reference is not None,
                mine=actor if mine else None,
            )
        if mine:
            items = [i for i in items if is_mine(i.recommendation, actor)]
        if overdue:
            items = [i for i in items if i.recommendation.overdue(at)]
        if service is not None:
            wanted_service = service.casefold()
            items = [i for i in items if (i.service or "").casefold() == wanted_service]
        return _overdue_first(items, at)

    def my_actions(self, at: datetime | None = None) -> list[ActionItem]:
        return self.actions(mine=True, at=at)

    def badge(self, at: datetime | None = None) -> tuple[int, int]:
        """(how many actions are on my list, how many of them are overdue): the count of
        ``my_actions``, without reading the list."""
        at = as_aware(at) if at is not None else now()
        with self.store.unit() as uow:
            return mine.count_mine(uow.session, self.user.actor, self._services, local_date(at))

    def services(self) -> list[str]:
        found = self.register.services()
        own = self._services
        return found if own is None else [s for s in found if s in own]

    def breach(self, reference: str) -> Breach:
        """A breach in full, if the user may see it."""
        breach = self.register.get(reference)
        own = self._services
        if own is not None and breach.facts.service not in own:
            raise NotFound(reference)
        return breach

    def ready_to_close(self) -> list[BreachLine]:
        """Breaches whose recommendations are all verified or rejected, not yet closed."""
        with self.store.unit() as uow:
            return tracking.ready_to_close(uow.session, self._services)

    def dashboard(self, at: datetime | None = None, limit: int = 100) -> Dashboard:
        """The register at a glance, every figure counted in the database; the lists hold their
        first ``limit`` lines (and say how many there are)."""
        at = as_aware(at) if at is not None else now()
        today = local_date(at)
        services = self._services
        with self.store.unit() as uow:
            by_risk = tracking.open_by_risk(uow.session, services)
            clocks = action_list.ico_clocks(uow.session, services, limit)
            repeats = action_list.repeats(uow.session, services, limit)
            due = action_list.due_counts(uow.session, services, today)
        return Dashboard(
            at=at,
            open_by_risk={(k or "not assessed"): v for k, v in by_risk.items()},
            ico_clocks=clocks.lines,
            overdue_by_service=[(s or NO_SERVICE, n) for s, n in due.overdue_by_service],
            repeats=repeats.lines,
            timeliness=Timeliness(due.on_time, due.late, due.awaiting, due.not_done),
            ico_clocks_total=clocks.total,
            repeats_total=repeats.total,
        )

    # --- lists read a page at a time ------------------------------------------------------------

    def _list_filter(
        self,
        *,
        mine: bool = False,
        words: str = "",
        service: str | None = None,
        status: RecommendationStatus | None = None,
        overdue_only: bool = False,
    ) -> action_list.ActionFilter:
        return action_list.ActionFilter(
            mine=self.user.actor if mine else None,
            visible=tuple(self._services) if self._services is not None else None,
            words=words,
            service=service,
            status=status.value if status is not None else None,
            overdue_only=overdue_only,
        )

    def action_page(
        self,
        *,
        offset: int = 0,
        limit: int = 200,
        sort: str = "overdue",
        descending: bool = True,
        at: datetime | None = None,
        **filters: Any,
    ) -> list[ActionItem]:
        """One page of "My actions" (``mine=True``) or "Monitoring", filtered (``words``,
        ``service``, ``status``, ``overdue_only``), sorted and paged by the database. The items
        carry no history: ``action(id)`` reads one in full."""
        today = local_date(as_aware(at) if at is not None else now())
        with self.store.unit() as uow:
            return action_list.page(
                uow.session,
                self._list_filter(**filters),
                today=today,
                sort=sort,
                descending=descending,
                offset=offset,
                limit=limit,
            )

    def action_tally(
        self,
        at: datetime | None = None,
        stale: Callable[[], bool] | None = None,
        **filters: Any,
    ) -> Tally | None:
        """How many such a list holds, how many overdue, waiting to be verified, and overdue by
        service: counted by the database. None when ``stale()`` said, before the end, that
        nobody waits for the answer any more."""
        today = local_date(as_aware(at) if at is not None else now())
        try:
            with self.store.unit() as uow, action_list.abandon_when(uow.session, stale):
                return action_list.tally(uow.session, self._list_filter(**filters), today)
        except action_list.Abandoned:
            return None

    def prepare_filtering(self) -> None:
        """Read now what filtering the lists by words needs (the register's few wordings)."""
        with self.store.unit() as uow:
            action_list.prepare_words(uow.session)

    def breach_listed(self, reference: str, **filters: Any) -> bool:
        """Is ``reference`` among the breaches the register list shows with these filters
        (``search``, ``risk``, ``status``, ``service``, ``services``)?"""
        with self.store.unit() as uow:
            return queries.is_listed(uow.session, queries.Filters(**filters), reference)

    def action_position(
        self,
        action_id: int,
        *,
        sort: str = "overdue",
        descending: bool = True,
        at: datetime | None = None,
        **filters: Any,
    ) -> int | None:
        """The row of ``action_id`` in such a list, or None when its filters leave it out."""
        today = local_date(as_aware(at) if at is not None else now())
        with self.store.unit() as uow:
            return action_list.position(
                uow.session,
                self._list_filter(**filters),
                action_id,
                today=today,
                sort=sort,
                descending=descending,
            )

    def ready_to_close_first(self, limit: int = 100) -> tuple[list[BreachLine], int]:
        """The first ``limit`` breaches ready to close, oldest first, and how many there are."""
        with self.store.unit() as uow:
            found = action_list.ready_to_close(uow.session, self._services, limit)
        return found.lines, found.total

    def evidence_pack(self, reference: str, settings: ReportSettings) -> bytes:
        """The whole chronology of a breach as one PDF (see ``reports/evidence_pack``)."""
        from breach_desk.reports.evidence_pack import render_evidence_pack
        from breach_desk.services.register import with_audit_position

        breach = self.breach(reference)
        return render_evidence_pack(breach, with_audit_position(settings, [self.register]))
