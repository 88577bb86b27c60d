"""Recording who was told about a breach, as the GUI and the command line use it (issue 11).

Each method is one user action in one transaction, for an IG officer: the record is checked
(``domain/notification``), written with its audit entry, and NOTIFY_ICO / NOTIFY_SUBJECTS
marked done with it as the evidence (``store/notifications``). A refusal names the field and
writes nothing. On a team database the database's own function checks and writes it again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from breach_desk.domain import notification as n
from breach_desk.domain.clock import as_aware, ico_deadline, local_date
from breach_desk.domain.errors import InvalidChange, NotAllowed
from breach_desk.domain.register import Breach, Role
from breach_desk.domain.workflow import Actor
from breach_desk.services.register import Register, _you_are
from breach_desk.store import notifications, queries
from breach_desk.store.notifications import Notifiable
from breach_desk.store.session import UnitOfWork

__all__ = ["NotificationRefused", "Notify"]


class NotificationRefused(InvalidChange):
    """The record cannot be kept as given: ``problems`` name each field. Nothing was written."""

    def __init__(self, reference: str, problems: Sequence[n.Problem]) -> None:
        self.reference = reference
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(f"{reference}: {first.field}: {first.message}")


EXPORT_FORMAT = "breach-desk/notifications/1"
"""The records exported beside the facts (``export -o FILE.json`` writes
``FILE.notifications.json``; ``import FILE.json`` reads it back)."""


def _moment(text: Any) -> datetime:
    moment = as_aware(datetime.fromisoformat(str(text).replace("Z", "+00:00")))
    offset = moment.utcoffset()
    if offset is not None and abs(offset) > timedelta(hours=14):
        raise ValueError(f"{text!s:.40}: an offset from UTC beyond ±14:00")
    return moment


def export_problems(doc: Any) -> list[str]:
    """What makes an exported notifications file unreadable, in words ([] when it is fine)."""
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        return [f"format: not {EXPORT_FORMAT}"]
    entries = doc.get("breaches")
    if not isinstance(entries, list):
        return ["breaches: expected a list"]
    out: list[str] = []
    for i, e in enumerate(entries):
        where = f"breaches[{i}]"
        if not isinstance(e, dict) or not isinstance(e.get("reference"), str):
            out.append(f"{where}.reference: expected text")
            continue
        try:
            if e.get("ico"):
                _moment(e["ico"]["reported_at"])
            for f in e.get("follow_ups") or []:
                _moment(f["at"])
            for x in e.get("ico_responses") or []:
                date.fromisoformat(str(x["at"]))
            for t in e.get("people") or []:
                _moment(t["at"])
                if t.get("count") is not None and not isinstance(t["count"], int):
                    raise ValueError("count")
        except (KeyError, TypeError, ValueError) as exc:
            out.append(f"{where}: a date or time is missing or not ISO 8601 ({exc})")
    return out


class Notify:
    """Recording notifications on one open register."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self._into: UnitOfWork | None = None
        self._demo = False

    def _check_role(self) -> None:
        from breach_desk.services.identity import IdentityError

        what = "records the report to the ICO and the telling of the people"
        try:
            user = self.register.identity
        except IdentityError as exc:
            raise NotAllowed(f"only an IG officer {what}, and {exc}") from None
        if not user.may_assess:
            raise NotAllowed(f"only an IG officer {what}; {_you_are(user)}")

    def _write(
        self,
        reference: str,
        kind: str,
        check: Any,
        values: dict[str, Any],
        evidence: Any = None,
    ) -> Breach:
        """Lock the breach, check the record against it, write it: all or nothing. Inside
        ``importing`` the record joins the import's transaction instead."""
        if self._demo:
            actor: Any = Actor(self.register.user, Role.IG_OFFICER)
        else:
            self._check_role()
            actor = self.register.identity.actor
        if self._into is not None:
            self._write_in(self._into, actor, reference, kind, check, values, evidence)
            return queries.get(self._into.session, reference)
        with self.register.store.unit(write=True) as uow:
            self._write_in(uow, actor, reference, kind, check, values, evidence)
        return self.register.get(reference)

    def _write_in(
        self,
        uow: UnitOfWork,
        actor: Any,
        reference: str,
        kind: str,
        check: Any,
        values: dict[str, Any],
        evidence: Any,
    ) -> None:
        row = notifications.lock(uow.session, reference)
        problems, values = check(uow, row, row.notes, values)
        if problems:
            raise NotificationRefused(reference, problems)
        words = evidence(values) if evidence is not None else None
        notifications.record(uow, row, kind, values, actor, words)

    # --- export and import ----------------------------------------------------------------------

    def export(self) -> dict[str, Any]:
        """Every breach's records, as the export writes them beside the facts."""
        with self.register.store.unit() as uow:
            found = notifications.every(uow.session)
        return {
            "format": EXPORT_FORMAT,
            "breaches": [{"reference": ref} | n.as_dict(notes) for ref, notes in found],
        }

    def check(self, doc: Any) -> None:
        """Refuse an unreadable exported notifications file before an import writes anything
        (InvalidChange, as ``importing`` would)."""
        problems = export_problems(doc)
        if problems:
            raise InvalidChange(problems[0])

    def importing(self, uow: UnitOfWork, doc: Any) -> int:
        """Record the exported records (``export``) in the import's transaction: checked as
        any record is, recorded by the person importing. Returns how many were recorded."""
        problems = export_problems(doc)
        if problems:
            raise InvalidChange(problems[0])
        count = 0
        self._into = uow
        try:
            for entry in doc["breaches"]:
                count += self._import_one(entry)
        finally:
            self._into = None
        return count

    def fill_demo(self, doc: dict[str, Any]) -> int:
        """The demo register's records, written once when it is filled, whatever the user's
        role (as ``Register.fill_empty``): a demo shows a report made on time, one made late
        with its reasons, and a clock still running."""
        self._demo = True
        try:
            with self.register.store.unit(write=True) as uow:
                return self.importing(uow, doc)
        finally:
            self._demo = False

    def _import_one(self, e: dict[str, Any]) -> int:
        ref = str(e["reference"])
        count = 0
        ico = e.get("ico")
        if ico:
            self.record_ico(
                ref,
                at=_moment(ico["reported_at"]),
                how=str(ico.get("how") or "online"),
                ico_reference=ico.get("ico_reference"),
                delay_reason=ico.get("delay_reason"),
                voluntary=bool(ico.get("voluntary")),
            )
            count += 1
        for f in e.get("follow_ups") or []:
            self.add_follow_up(ref, at=_moment(f["at"]), text=str(f.get("text") or ""))
            count += 1
        for x in e.get("ico_responses") or []:
            self.record_response(
                ref,
                on=date.fromisoformat(str(x["at"])),
                outcome=str(x.get("outcome")),
                response_reference=x.get("reference"),
                text=x.get("text"),
            )
            count += 1
        for t in e.get("people") or []:
            self.record_people(
                ref,
                at=_moment(t["at"]),
                how=str(t.get("how")),
                count=t.get("count"),
                letter_text=t.get("letter_text"),
            )
            count += 1
        return count

    # --- the report to the ICO ----------------------------------------------------------------

    def record_ico(
        self,
        reference: str,
        *,
        at: datetime,
        how: str = "online",
        ico_reference: str | None = None,
        delay_reason: str | None = None,
        voluntary: bool = False,
    ) -> Breach:
        """The report to the ICO as it was made. Past the 72 hours the reasons for the delay
        are required: given here, or kept with the assessment (they are then copied into the
        record)."""
        at = as_aware(at)

        def check(
            uow: UnitOfWork, row: Notifiable, notes: n.Notifications, values: dict[str, Any]
        ) -> tuple[list[n.Problem], dict[str, Any]]:
            stored = notifications.stored_delay_reason(uow.session, row.id)
            problems = n.ico_report_problems(
                required=row.ico_report,
                aware_at=row.aware_at,
                reported_at=at,
                delay_reason=delay_reason,
                stored_delay_reason=stored,
                ico_reference=ico_reference,
                voluntary=voluntary,
                already=notes.ico,
                real_now=uow.at,
            )
            if how not in {h.value for h in n.IcoHow}:
                problems.insert(0, n.Problem("how", "must be online, phone or email"))
            late = at > ico_deadline(row.aware_at) and row.ico_report
            reasons = n.clean(delay_reason) or (stored if late else None)
            return problems, values | {
                "delay_reason": reasons if late or n.clean(delay_reason) else None,
                "voluntary": not row.ico_report,
            }

        def evidence(values: dict[str, Any]) -> str:
            return n.ico_evidence(
                n.IcoReport(at, n.IcoHow(how), n.clean(ico_reference), None, False, "", at)
            )

        values = {"at": at, "how": how, "reference": n.clean(ico_reference)}
        return self._write(reference, "ico_report", check, values, evidence)

    def add_follow_up(self, reference: str, *, at: datetime, text: str) -> Breach:
        """More information given to the ICO after the report (Art. 33(4))."""
        at = as_aware(at)

        def check(
            uow: UnitOfWork, row: Notifiable, notes: n.Notifications, values: dict[str, Any]
        ) -> tuple[list[n.Problem], dict[str, Any]]:
            return n.follow_up_problems(report=notes.ico, at=at, text=text, real_now=uow.at), values

        return self._write(reference, "follow_up", check, {"at": at, "text": n.clean(text)})

    def record_response(
        self,
        reference: str,
        *,
        on: date,
        outcome: str,
        response_reference: str | None = None,
        text: str | None = None,
    ) -> Breach:
        """What the ICO decided, on which day, with its reference."""

        def check(
            uow: UnitOfWork, row: Notifiable, notes: n.Notifications, values: dict[str, Any]
        ) -> tuple[list[n.Problem], dict[str, Any]]:
            problems = n.response_problems(
                report=notes.ico,
                on=on,
                outcome=outcome,
                reference=response_reference,
                text=text,
                today=local_date(uow.at),
            )
            return problems, values

        values = {
            "on_date": on,
            "how": outcome,
            "reference": n.clean(response_reference),
            "text": n.clean(text),
        }
        return self._write(reference, "ico_response", check, values)

    # --- telling the people -------------------------------------------------------------------

    def record_people(
        self,
        reference: str,
        *,
        at: datetime,
        how: str,
        count: int | None = None,
        letter_text: str | None = None,
    ) -> Breach:
        """The people affected were told: when, how, how many, and the text they were sent."""
        at = as_aware(at)

        def check(
            uow: UnitOfWork, row: Notifiable, notes: n.Notifications, values: dict[str, Any]
        ) -> tuple[list[n.Problem], dict[str, Any]]:
            problems = n.people_problems(
                aware_at=row.aware_at,
                at=at,
                how=how,
                count=count,
                letter_text=letter_text,
                real_now=uow.at,
            )
            return problems, values

        def evidence(values: dict[str, Any]) -> str:
            told = n.PeopleTold(at, n.PeopleHow(how), count, None, "", at)
            return n.people_evidence(told)

        letter = letter_text if letter_text and letter_text.strip() else None
        values = {"at": at, "how": how, "people_count": count, "letter_text": letter}
        return self._write(reference, "people_told", check, values, evidence)
