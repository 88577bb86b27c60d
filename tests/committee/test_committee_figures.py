"""The committee report's figures, counted by the database, against the same figures worked
out here from the register's rows read breach by breach, on both engines: this period, the
comparison period (previous and a year earlier), a service filter, and an empty period."""

from __future__ import annotations

import io
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from committee_register import AT, Built
from openpyxl import load_workbook

from breach_desk.domain import vocabulary
from breach_desk.domain.clock import local_date
from breach_desk.domain.committee import (
    Compare,
    Period,
    PeriodFigures,
    last_financial_year,
    last_quarter,
)
from breach_desk.domain.enums import BreachStatus, OwnerRole, RecommendationStatus
from breach_desk.domain.notification import hours_after
from breach_desk.domain.register import Breach
from breach_desk.reports import ReportSettings
from breach_desk.reports.committee import committee_xlsx
from breach_desk.services.committee import CommitteeRequest, committee_figures
from breach_desk.services.register import Register
from breach_desk.store.normalise import fold, norm_email, norm_identifier

YEAR = last_financial_year(AT.date())
SETTINGS = ReportSettings(organisation="Anytown", generated_at=AT, marking="OFFICIAL")


def sheet_values(xlsx: bytes) -> dict[str, list[list[Any]]]:
    book = load_workbook(io.BytesIO(xlsx), read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def every_breach(url: str) -> list[Breach]:
    with Register.open(url) as reg:
        refs = [s.reference for s in reg.list_breaches(limit=10_000)]
        return [reg.get(r) for r in refs]


def _within(b: Breach, period: Period) -> bool:
    return period.start <= local_date(b.facts.aware_at) <= period.end


def _keys(b: Breach) -> tuple[set[str], set[str]]:
    person: set[str] = set()
    for p in b.facts.subjects.people:
        person |= {
            f"e:{norm_email(p.email)}" if p.email else "",
            f"i:{norm_identifier(p.identifier)}" if p.identifier else "",
            f"n:{fold(p.name)}" if p.name else "",
        }
    recipient: set[str] = set()
    for r in b.facts.recipients:
        recipient |= {
            f"e:{norm_email(r.email)}" if r.email else "",
            f"l:{fold(r.label)}" if r.label else "",
        }
    return person - {""}, recipient - {""}


@dataclass
class Expected:
    breaches: int = 0
    months: list[int] = field(default_factory=list)
    causes: Counter[str] = field(default_factory=Counter)
    services: Counter[str] = field(default_factory=Counter)
    bands: Counter[str] = field(default_factory=Counter)
    risks: Counter[str] = field(default_factory=Counter)
    matrix: Counter[tuple[str, str]] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    values: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    action_services: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))


def expected(
    breaches: list[Breach], period: Period, services: tuple[str, ...] | None = None
) -> Expected:
    """The figures worked out from the rows, one breach at a time."""
    order = {b.reference: n for n, b in enumerate(breaches)}
    chosen = [
        b
        for b in breaches
        if _within(b, period) and (services is None or b.facts.service in services)
    ]
    e = Expected(breaches=len(chosen))
    months = period.months()
    e.months = [
        sum(1 for b in chosen if first <= local_date(b.facts.aware_at) <= last)
        for first, last in months
    ]
    v: dict[str, Any] = Counter()
    hours: list[int] = []
    for b in chosen:
        a = b.latest.assessment if b.latest else None
        e.causes[b.facts.cause.value] += 1
        e.services[b.facts.service or ""] += 1
        e.bands[a.severity.band.value if a else ""] += 1
        e.risks[a.risk.value if a else ""] += 1
        e.matrix[(a.likelihood.value, a.severity.band.value) if a else ("", "")] += 1
        how = getattr(b.facts, "discovered_how", None)
        e.found[getattr(how, "kind", None) or "" if how else ""] += 1
        needed = bool(a and a.ico.report)
        report = b.notifications.ico
        v["ico_needed"] += needed
        v["people_needed"] += bool(a and a.data_subjects.notify)
        v["still_open"] += b.status is not BreachStatus.CLOSED
        if report is not None and needed:
            v["ico_reported"] += 1
            late = report.reported_at > b.facts.aware_at + timedelta(hours=72)
            v["ico_late" if late else "ico_on_time"] += 1
            hours.append(hours_after(b.facts.aware_at, report.reported_at))
        if report is not None and not needed:
            v["ico_voluntary"] += 1
        if report is not None:
            if b.notifications.responses:
                v["outcome:" + b.notifications.responses[-1].outcome.value] += 1
            else:
                v["ico_awaiting"] += 1
        if b.notifications.people:
            v["people_told"] += 1
            v["people_told_count"] += sum(p.count or 0 for p in b.notifications.people)
        for r in b.recommendations:
            kind = (
                "overdue"
                if r.overdue(AT)
                else "open"
                if r.status in (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS)
                else r.status.value
            )
            e.roles[r.owner_role.value][kind] += 1
            e.roles[r.owner_role.value]["made"] += 1
            service = r.service or b.facts.service or ""
            e.action_services[service][kind] += 1
            e.action_services[service]["made"] += 1
            if (
                r.code == "LESSONS_LEARNED"
                and r.evidence
                and r.status.value in ("done", "verified")
            ):
                v.setdefault("lesson_breaches", set()).add(b.reference)
        # Repeats: a person or recipient of an earlier breach (by awareness, then by number).
        person, recipient = _keys(b)
        earlier = [
            o
            for o in breaches
            if o is not b
            and (o.facts.aware_at, order[o.reference]) < (b.facts.aware_at, order[b.reference])
        ]
        v["repeat_person"] += any(person & _keys(o)[0] for o in earlier)
        v["repeat_recipient"] += any(recipient & _keys(o)[1] for o in earlier)
    same = Counter(
        (b.facts.service or "", b.facts.cause.value)
        for b in chosen
        if b.facts.cause.value != "unknown"
    )
    v["repeat_cause"] = sum(n - 1 for n in same.values() if n > 1)
    v["cause_groups"] = {k: n for k, n in same.items() if n > 1}
    v["ico_not_reported"] = v["ico_needed"] - v["ico_reported"]
    v["ico_median_hours"] = statistics.median(hours) if hours else None
    v["lessons"] = len(v.pop("lesson_breaches", set()))
    e.values = dict(v)
    return e


def assert_matches(got: PeriodFigures, want: Expected) -> None:
    assert got.breaches == want.breaches
    assert list(got.months) == want.months
    assert got.causes == {k: n for k, n in want.causes.items() if n}
    assert got.services == dict(want.services)
    assert got.bands == dict(want.bands)
    assert got.risks == dict(want.risks)
    assert got.matrix == dict(want.matrix)
    assert got.found == dict(want.found)
    for name in (
        "ico_needed",
        "ico_reported",
        "ico_on_time",
        "ico_late",
        "ico_not_reported",
        "ico_voluntary",
        "ico_awaiting",
        "people_needed",
        "people_told",
        "people_told_count",
        "still_open",
        "repeat_person",
        "repeat_recipient",
        "repeat_cause",
        "lessons",
    ):
        assert getattr(got, name) == want.values.get(name, 0), name
    assert got.ico_median_hours == want.values["ico_median_hours"]
    assert got.cause_groups == want.values["cause_groups"]
    outcomes = {k.split(":", 1)[1]: n for k, n in want.values.items() if k.startswith("outcome:")}
    assert got.ico_outcomes == outcomes
    roles = {role: {k: n for k, n in c.items()} for role, c in want.roles.items()}
    for role, counts in got.actions_by_role.items():
        for kind in ("made", "open", "overdue", "done", "verified", "rejected"):
            assert getattr(counts, kind) == roles[role].get(kind, 0), (role, kind)
    assert set(got.actions_by_role) == set(roles)


@pytest.fixture(scope="module")
def rows(built: Built) -> list[Breach]:
    return every_breach(built.url)


def figures(built: Built, request: CommitteeRequest) -> Any:
    with Register.open(built.url) as reg:
        return committee_figures(reg, request, AT)


def test_a_financial_year_counts_what_the_rows_say(built: Built, rows: list[Breach]) -> None:
    got = figures(built, CommitteeRequest(YEAR, Compare.PREVIOUS))
    want = expected(rows, YEAR)
    assert want.breaches > 30  # the register gives every figure something to count
    assert want.values["ico_late"]
    assert want.values["ico_on_time"]
    assert want.values["repeat_person"]
    assert want.values["repeat_recipient"]
    assert_matches(got.current, want)
    # The comparison: the financial year before, counted the same way.
    assert got.comparison.period == Period(
        YEAR.start.replace(year=2024), YEAR.end.replace(year=2025)
    )
    assert_matches(got.comparison, expected(rows, got.comparison.period))


def test_a_quarter_against_the_same_quarter_a_year_earlier(
    built: Built, rows: list[Breach]
) -> None:
    quarter = last_quarter(AT.date())
    assert quarter == Period(YEAR.end.replace(month=1, day=1), YEAR.end)
    got = figures(built, CommitteeRequest(quarter, Compare.YEAR))
    assert got.comparison.period.start == quarter.start.replace(year=2025)
    assert_matches(got.current, expected(rows, quarter))
    assert_matches(got.comparison, expected(rows, got.comparison.period))


def test_the_service_filter_counts_only_those_services(built: Built, rows: list[Breach]) -> None:
    chosen = ("Housing", "Libraries")
    got = figures(built, CommitteeRequest(YEAR, Compare.PREVIOUS, services=chosen))
    want = expected(rows, YEAR, chosen)
    assert 0 < want.breaches < expected(rows, YEAR).breaches
    assert_matches(got.current, want)
    assert set(got.current.services) == set(chosen)


def test_a_breach_at_half_past_midnight_on_1_april_is_in_april(
    built: Built, rows: list[Breach]
) -> None:
    """In summer time 00:30 on 1 April is 23:30 UTC on 31 March: London's day decides."""
    april = Period(YEAR.end + timedelta(days=1), YEAR.end + timedelta(days=19))
    got = figures(built, CommitteeRequest(april, None))
    want = expected(rows, april)
    assert want.breaches >= 1
    assert_matches(got.current, want)
    assert got.comparison is None


def test_an_empty_period_counts_nothing(built: Built) -> None:
    empty = Period(YEAR.start.replace(year=2030), YEAR.end.replace(year=2031))
    got = figures(built, CommitteeRequest(empty, Compare.PREVIOUS))
    assert got.current.breaches == 0
    assert got.current.months == (0,) * 12
    assert got.current.actions.made == 0


def test_breaches_found_by_a_complaint_or_the_recipient_are_counted(
    built: Built, rows: list[Breach]
) -> None:
    got = figures(built, CommitteeRequest(YEAR, None))
    assert got.current.found.get("complaint", 0) > 0
    assert got.current.found.get("recipient_told_us", 0) > 0


def test_rows_from_an_earlier_log_are_counted_and_marked(
    built: Built, rows: list[Breach], monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    """When the old log's import says which rows are its own (``HISTORIC``), the report
    counts them with the others and says how many there are."""
    from breach_desk.reports import ReportSettings
    from breach_desk.reports.committee import render_committee
    from breach_desk.store import committee as store_committee
    from breach_desk.store.models import BreachRow

    old = [b.reference for b in rows if _within(b, YEAR)][:7]
    monkeypatch.setattr(store_committee, "HISTORIC", lambda: BreachRow.reference.in_(old))
    got = figures(built, CommitteeRequest(YEAR, Compare.PREVIOUS))
    assert got.current.historic == 7
    assert got.comparison.historic == 0
    assert_matches(got.current, expected(rows, YEAR))  # counted like any other breach
    pdf = render_committee(got, ReportSettings(organisation="Anytown", generated_at=AT))
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf)
    import subprocess

    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "7 of this period's breaches were imported from an earlier breach log" in " ".join(
        text.split()
    )


KINDS = ("made", "open", "overdue", "done", "verified", "rejected")


def _action_rows(sheet: list[list[Any]]) -> dict[tuple[str, str], list[Any]]:
    """The rows of a recommendations sheet, by (name, period)."""
    head = sheet[3]
    assert head[:2] == [head[0], "Period"]
    return {(str(r[0]), str(r[1])): list(r[2:]) for r in sheet[4:]}


@pytest.mark.parametrize("compare", [Compare.PREVIOUS, Compare.YEAR])
def test_each_service_and_owner_has_its_comparison_figures(
    built: Built, rows: list[Breach], compare: Compare
) -> None:
    """Every row of the recommendation tables, this period and beneath it the comparison
    period, against the recommendations of each period's breaches counted here breach by
    breach (exact counts asked for, so that every figure can be checked)."""
    for period in (YEAR, last_quarter(AT.date())):
        f = figures(built, CommitteeRequest(period, compare, suppress_small=False))
        assert f.comparison is not None
        sheets = sheet_values(committee_xlsx(f, SETTINGS))
        for key, tally, words in (
            ("Actions by service", "action_services", _service_words),
            ("Actions by owner", "roles", _role_words),
        ):
            got = _action_rows(sheets[key])
            names = set()
            for label, p in (("This period", period), ("Comparison", f.comparison.period)):
                want = getattr(expected(rows, p), tally)
                for k, counts in want.items():
                    assert got[(words(k), label)] == [counts.get(n, 0) for n in KINDS], (
                        key,
                        k,
                        label,
                    )
                    names.add(words(k))
                every = [sum(c.get(n, 0) for c in want.values()) for n in KINDS]
                assert got[("All", label)] == every, (key, label)
            # A service (or owner) with none in one period shows 0 there, beside the other.
            assert {n for n, _ in got} == names | {"All"}
            assert all((n, lab) in got for n in names for lab in ("This period", "Comparison"))


def _service_words(k: str) -> str:
    return " ".join(k.split()) or "No service recorded"


def _role_words(k: str) -> str:
    return vocabulary.label(OwnerRole(k))
