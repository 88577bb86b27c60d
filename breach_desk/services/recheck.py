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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from breach_desk.domain.assessment import METHOD_VERSION, RepeatMatch
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


def recheck_version(
    reference: str,
    number: int,
    facts_text: str,
    stored: Any,
    profiles: Callable[[Sequence[RepeatMatch]], Mapping[str, Profile]] | None = None,
) -> Finding | None:
    """One version: None when its stored outcome is what its facts give under its method.

    ``profiles`` gives what the register records about the matched breaches (their people, and
    the recipients they recorded as posing a risk): a version's stored matches keep only their
    references, and a risk carried forward from one of them (METHOD.md 2) is part of what
    decided it; without them such a version would be reported as changed outside the method."""
    from breach_desk.assessment_io import assessment_to_dict
    from breach_desk.facts_io import facts_from_dict
    from breach_desk.method import assess

    try:
        d = json.loads(unpack(stored))
        if not isinstance(d, dict):
            raise ValueError("not an object")
    except (ValueError, TypeError, zlib.error) as exc:
        return Finding(reference, number, f"its stored assessment cannot be read ({exc})")
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
    except Exception as exc:  # any stored value the method cannot take is a finding
        return Finding(reference, number, f"its stored facts cannot be assessed ({exc})")
    if profiles is not None and matches:
        matches = tuple(with_recorded_risks(matches, facts, profiles(matches)))
    again = assessment_to_dict(assess(facts, decided_at, matches))
    found = _differences(_outcome(d), _outcome(again))
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


def recheck(session: Session, references: Sequence[str] | None = None) -> RecheckReport:
    """Every version the session may read (or those of ``references``), recomputed."""
    report = RecheckReport()
    for row in _rows(session, references):
        report.checked += 1
        finding = recheck_version(
            row.reference,
            row.number,
            row.facts,
            row.assessment,
            lambda found: stored_profiles(session, found),
        )
        if finding is not None:
            if finding.problem.startswith("cannot be rechecked"):
                report.cannot.append(finding)
            else:
                report.mismatches.append(finding)
        if row.number == row.current_version:
            line = _line_problem(row)
            if line is not None:
                report.mismatches.append(Finding(row.reference, None, line))
    return report


def _line_problem(row: Any) -> str | None:
    """Does the register's line for the breach say what its latest version decided?"""
    try:
        d = json.loads(unpack(row.assessment))
        stored = _outcome(d)
    except (ValueError, TypeError, AttributeError, zlib.error):
        return None  # the version's own finding says so
    line = {
        "severity": row.band,
        "likelihood": row.likelihood,
        "risk": row.risk,
        "report to the ICO": bool(row.ico_report),
        "telling the people": bool(row.notify_subjects),
    }
    wrong = [
        f"{name} {_shown(line[name])} in the register, {_shown(stored[name])} in version "
        f"{row.number}"
        for name in line
        if line[name] != stored[name]
    ]
    if wrong:
        return "the register's line differs from its latest version: " + "; ".join(wrong)
    return None
