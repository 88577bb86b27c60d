"""Does every stored assessment agree with its facts? Anyone can check.

Each version of a breach keeps its facts and the assessment decided from them, with the method
version that decided it. ``recheck`` recomputes every version from its stored facts (with the
decision moment and the earlier breaches it was matched with, as stored) and reports any whose
severity, likelihood, risk or decisions (report to the ICO, tell the people) differ, naming the
breach and the version; and any breach whose register line disagrees with its latest version.
A version decided by a method version this Breach Desk does not compute is reported as one that
cannot be rechecked, never as a mismatch.

It reads every stored value as text first: a value no method produces ('low' as a risk) is a
finding about that row, never a crash.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from breach_desk.domain.assessment import METHOD_VERSION, Assessment, RepeatMatch
from breach_desk.store.matching import Profile, stored_profiles, with_recorded_risks
from breach_desk.store.models import BreachRow, VersionRow, unpack

_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)
BATCH = 500


@dataclass(frozen=True, slots=True)
class Finding:
    reference: str
    version: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.reference} version {self.version}" if self.version else self.reference
        return f"{where}: {self.problem}"


@dataclass(slots=True)
class RecheckReport:
    checked: int = 0
    mismatches: list[Finding] = field(default_factory=list)
    cannot: list[Finding] = field(default_factory=list)
    """Versions decided by a method version this Breach Desk does not compute."""

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _outcome(d: dict[str, Any]) -> dict[str, Any]:
    """What a stored (or recomputed) assessment decided, as plain values."""
    s = d.get("severity") or {}
    return {
        "severity": s.get("band"),
        "severity score": [s.get("dpc"), s.get("ei"), s.get("cb")],
        "likelihood": d.get("likelihood"),
        "risk": d.get("risk"),
        "report to the ICO": (d.get("ico") or {}).get("report"),
        "telling the people": (d.get("data_subjects") or {}).get("notify"),
    }


def _shown(value: Any) -> str:
    """A stored value in a sentence: 'very high', 'DPC 4, EI 1, CB 0.25', 'yes'."""
    if isinstance(value, list) and len(value) == 3:
        return ", ".join(
            f"{part} {_shown(v)}" for part, v in zip(("DPC", "EI", "CB"), value, strict=True)
        )
    if isinstance(value, list):
        return "/".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("_", " ")


def _differences(stored: dict[str, Any], again: dict[str, Any]) -> list[str]:
    return [
        f"{name} stored {_shown(stored[name])}, recomputed {_shown(again[name])}"
        for name in stored
        if stored[name] != again[name]
    ]


def _number(quarters: int) -> int | float:
    value = quarters / 4
    return int(value) if value.is_integer() else value


def _recomputed(a: Assessment) -> dict[str, Any]:
    """What the method decided, as ``_outcome`` reads it from a stored assessment: straight
    from the assessment, without writing its decision note (most of the cost of a version)."""
    s = a.severity
    return {
        "severity": s.band.value,
        "severity score": [s.dpc, _number(s.ei_quarters), _number(s.cb_quarters)],
        "likelihood": a.likelihood.value,
        "risk": a.risk.value,
        "report to the ICO": a.ico.report,
        "telling the people": a.data_subjects.notify,
    }


def _decoded(stored: Any) -> dict[str, Any] | str:
    """A stored assessment as a dict, or why it cannot be read."""
    try:
        d = json.loads(unpack(stored))
        if not isinstance(d, dict):
            raise ValueError("not an object")
    except (ValueError, TypeError, zlib.error) as exc:
        return str(exc)
    return d


@dataclass(frozen=True, slots=True)
class Deferred:
    """A version whose matched breaches may carry a risk forward: it is rechecked once what the
    register records about them (``Profile``) has been read, in the process that reads."""

    matches: tuple[RepeatMatch, ...]


def recheck_version(
    reference: str,
    number: int,
    facts_text: str,
    stored: Any,
    profiles: Mapping[str, Profile] | None = None,
) -> Finding | Deferred | None:
    """One version: None when its stored outcome is what its facts give under its method.

    ``profiles``: what the register records about the matched breaches (their people, and the
    recipients they recorded as posing a risk). A version's stored matches keep only their
    references, and a risk carried forward from one of them (METHOD.md 2) is part of what
    decided it; without them such a version is ``Deferred``, never judged without them."""
    return _recheck(reference, number, facts_text, _decoded(stored), profiles)


def _recheck(
    reference: str,
    number: int,
    facts_text: str,
    d: dict[str, Any] | str,
    profiles: Mapping[str, Profile] | None,
) -> Finding | Deferred | None:
    from breach_desk.facts_io import facts_from_dict
    from breach_desk.method import assess

    if isinstance(d, str):
        return Finding(reference, number, f"its stored assessment cannot be read ({d})")
    method = d.get("method")
    if method != METHOD_VERSION:
        return Finding(
            reference,
            number,
            f"cannot be rechecked: it was decided by method {method!s}, and this Breach Desk "
            f"computes {METHOD_VERSION}",
        )
    try:
        facts = facts_from_dict(json.loads(facts_text), at=_FAR_FUTURE)
        decided_at = datetime.fromisoformat(str(d["decided_at"]))
        matches = tuple(
            RepeatMatch(m["reference"], m["matched_on"], m.get("title", ""))
            for m in (d.get("repeat") or {}).get("matches", [])
        )
        stored = _outcome(d)
    except Exception as exc:  # any stored value the method cannot take is a finding
        return Finding(reference, number, f"its stored facts cannot be assessed ({exc})")
    if matches and facts.recipients:
        if profiles is None:
            return Deferred(matches)
        matches = tuple(with_recorded_risks(matches, facts, profiles))
    found = _differences(stored, _recomputed(assess(facts, decided_at, matches)))
    if found:
        return Finding(reference, number, "the stored assessment differs: " + "; ".join(found))
    return None


def _rows(session: Session, references: Sequence[str] | None) -> Iterator[Any]:
    query = (
        select(
            BreachRow.reference,
            BreachRow.current_version,
            BreachRow.band,
            BreachRow.likelihood,
            BreachRow.risk,
            BreachRow.ico_report,
            BreachRow.notify_subjects,
            VersionRow.number,
            VersionRow.facts,
            VersionRow.assessment,
        )
        .join(VersionRow, VersionRow.breach_id == BreachRow.id)
        .order_by(BreachRow.id, VersionRow.number)
    )
    if references:
        query = query.where(BreachRow.reference.in_(list(references)))
    yield from session.execute(query.execution_options(yield_per=BATCH))


Line = tuple[str, int, Any, Any, Any, Any, Any, int, str, Any]
"""One version as read: reference, current version, the register line's band, likelihood, risk,
report to the ICO and telling the people; the version's number, facts and stored assessment."""
PARALLEL_FROM = 20_000
"""Rechecks of at least this many versions use helper processes (starting them costs ~1 s)."""


def _count(session: Session, references: Sequence[str] | None) -> int:
    query = select(func.count()).select_from(VersionRow)
    if references:
        query = query.join(BreachRow, BreachRow.id == VersionRow.breach_id).where(
            BreachRow.reference.in_(list(references))
        )
    return int(session.execute(query).scalar_one())


Checked = tuple[int, list[Finding], list[Finding], list[tuple[Line, Deferred]]]
"""A batch's result: versions rechecked, mismatches, those that cannot be, those deferred."""


def check_lines(lines: Sequence[Line], profiles: Mapping[str, Profile] | None = None) -> Checked:
    """A batch of versions rechecked: how many, the mismatches, those that cannot be, and
    (without ``profiles``) those that need what the register records about their matches."""
    mismatches: list[Finding] = []
    cannot: list[Finding] = []
    deferred: list[tuple[Line, Deferred]] = []
    for line in lines:
        reference, current, band, likelihood, risk, ico, notify, number, facts, stored = line
        decoded = _decoded(stored)
        finding = _recheck(reference, number, facts, decoded, profiles)
        if isinstance(finding, Deferred):
            deferred.append((line, finding))
            continue
        if finding is not None:
            (cannot if finding.problem.startswith("cannot be rechecked") else mismatches).append(
                finding
            )
        if number == current:
            differs = _line_problem((band, likelihood, risk, ico, notify), number, decoded)
            if differs is not None:
                mismatches.append(Finding(reference, None, differs))
    return len(lines) - len(deferred), mismatches, cannot, deferred


def _batches(session: Session, references: Sequence[str] | None) -> Iterator[list[Line]]:
    batch: list[Line] = []
    for row in _rows(session, references):
        batch.append(tuple(row))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def recheck(
    session: Session, references: Sequence[str] | None = None, workers: int | None = None
) -> RecheckReport:
    """Every version the session may read (or those of ``references``), recomputed: in helper
    processes while this one reads, for a register of more than a few thousand versions
    (``workers``: how many; 0 to recheck here)."""
    if workers is None:
        from breach_desk.services.preparing import helpers_wanted

        many = _count(session, references) >= PARALLEL_FROM
        workers = helpers_wanted() if many else 0
    report = RecheckReport()
    for checked, mismatches, cannot, deferred in _checked(session, references, workers):
        if deferred:
            matched = [m for _, d in deferred for m in d.matches]
            again = check_lines([line for line, _ in deferred], stored_profiles(session, matched))
            checked, mismatches, cannot = (
                checked + again[0],
                mismatches + again[1],
                cannot + again[2],
            )
        report.checked += checked
        report.mismatches += mismatches
        report.cannot += cannot
    return report


def _checked(session: Session, references: Sequence[str] | None, workers: int) -> Iterator[Checked]:
    if workers > 0:
        import os
        from collections import deque
        from concurrent.futures import Future, ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool
        from multiprocessing import get_context

        from breach_desk.services.preparing import start_helper

        pool = ProcessPoolExecutor(
            workers,
            mp_context=get_context("spawn"),
            initializer=start_helper,
            initargs=(os.getpid(),),
        )
        pending: deque[Future[Checked]] = deque()
        started = False
        try:
            for batch in _batches(session, references):
                pending.append(pool.submit(check_lines, batch))
                if len(pending) > 2 * workers:
                    started = True
                    yield pending.popleft().result()
            while pending:
                started = True
                yield pending.popleft().result()
            return
        except BrokenProcessPool:
            # Helpers could not start (a calling script without a __main__ guard): check here,
            # unless some of their findings were already counted.
            if started:
                raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    for batch in _batches(session, references):
        yield check_lines(batch)


def _line_problem(columns: tuple[Any, ...], number: int, d: dict[str, Any] | str) -> str | None:
    """Does the register's line for the breach say what its latest version decided?"""
    try:
        if isinstance(d, str):
            raise ValueError(d)
        stored = _outcome(d)
    except (ValueError, TypeError, AttributeError):
        return None  # the version's own finding says so
    band, likelihood, risk, ico, notify = columns
    line = {
        "severity": band,
        "likelihood": likelihood,
        "risk": risk,
        "report to the ICO": bool(ico),
        "telling the people": bool(notify),
    }
    wrong = [
        f"{name} {_shown(line[name])} in the register, {_shown(stored[name])} in version {number}"
        for name in line
        if line[name] != stored[name]
    ]
    if wrong:
        return "the register's line differs from its latest version: " + "; ".join(wrong)
    return None
