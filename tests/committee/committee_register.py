"""A small register for the committee report's tests: breaches over two years with every kind
of figure the report counts, and hostile personal text that must never reach the report.

The expected figures are worked out here from the register's own rows, read back breach by
breach (``Register.get``), not from the report's queries."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from builders import facts_dict
from sqlalchemy import create_engine, text

from breach_desk.domain.clock import LONDON, local_date
from breach_desk.domain.facts import Facts
from breach_desk.facts_io import facts_from_dict
from breach_desk.services.notifications import Notify
from breach_desk.services.register import Register

SERVICES = ["Housing", "Adult Social Care", "Revenues & Benefits", "Libraries"]
ODD_SERVICE = "=SUM(1+1) <b>Parks</b>"
"""A service typed like a formula and like markup: printed as typed, never run."""
HOSTILE_PEOPLE = [
    "Zebedee Quartermaine-Hostile",
    "Ottoline <b>Xylophant</b>",
    "Perpetua Snodgrass-Vane",
]
HOSTILE_RECIPIENTS = ["Mr Bartholomew Gribblethorpe", "Landlord Cuthbertine Wobblesworth"]
HOSTILE_WORDS = [
    "Quartermaine",
    "Xylophant",
    "Snodgrass",
    "Gribblethorpe",
    "Wobblesworth",
    "Florimond",  # in every description
    "Trevanion",  # in every title
    "zebedee@example.org",
    "9434765919",
]
LESSON_SAFE = "Check the address against the case file before posting."
LESSON_NAMING = "Remind staff that Zebedee Quartermaine-Hostile must not be written to again."
HOW_KINDS = ["complaint", "recipient_told_us", "staff_reported", "monitoring_or_audit"]
AT = datetime(2026, 4, 20, 10, 0, tzinfo=UTC)
"""When the report is made."""


@dataclass
class Built:
    url: str
    references: list[str] = field(default_factory=list)


def _aware(rng: random.Random, i: int) -> datetime:
    # From April 2024 to mid-April 2026, London times; a few right at a period's edge.
    if i % 29 == 0:
        return datetime(2026, 4, 1, 0, 30, tzinfo=LONDON)  # BST: 23:30 UTC on 31 March
    if i % 31 == 0:
        return datetime(2026, 3, 31, 23, 45, tzinfo=LONDON)
    day = date(2024, 4, 1) + timedelta(days=rng.randrange(745))
    return datetime(day.year, day.month, day.day, rng.randrange(8, 18), tzinfo=LONDON)


def breach_facts(i: int, rng: random.Random) -> Facts:
    aware = _aware(rng, i)
    person = {"name": HOSTILE_PEOPLE[i % 3]} if i % 4 == 0 else {"name": f"Person {i}"}
    if i % 12 == 0:
        person["email"] = "zebedee@example.org"
        person["identifier"] = "9434765919"
    recipient = {
        "label": HOSTILE_RECIPIENTS[i % 2] if i % 5 == 0 else f"Recipient {i}",
        "kind": rng.choice(["member_of_public", "partner_organisation", "internal_staff"]),
    }
    changes: dict[str, Any] = {
        "title": f"Trevanion letter {i}",
        "description": "Florimond's file was sent <i>out</i> & lost",
        "aware_at": aware.isoformat(),
        "service": (SERVICES[i % len(SERVICES)] if i % 13 else ODD_SERVICE) if i % 11 else None,
        "cause": rng.choice(
            ["human_error", "human_error", "technical_fault", "malicious_external", "unknown"]
        ),
        "subjects.count": rng.choice([1, 3, 40]),
        "subjects.people": [person],
        "data.categories": rng.choice([["basic_identifiers"], ["health"], ["financial"]]),
        "recipients": [recipient],
    }
    if i % 7 == 0:
        changes["loss.confidentiality"] = "unknown_recipients"
    if i % 3:
        changes["discovered_how"] = {"kind": HOW_KINDS[i % len(HOW_KINDS)]}
    d = facts_dict(**changes)
    if d.get("service") is None:
        d.pop("service")
    return facts_from_dict(d, at=AT)


def build(url: str, n: int = 90, seed: int = 24) -> Built:
    rng = random.Random(seed)
    built = Built(url)
    with Register.open(url) as reg:
        built.references = reg.import_facts(breach_facts(i, rng) for i in range(1, n + 1))
        notify = Notify(reg)
        for k, ref in enumerate(built.references):
            b = reg.get(ref)
            needed = b.latest is not None and b.latest.assessment.ico.report
            if needed and k % 4 != 3:
                hours = [20, 50, 71, 90, 130][k % 5]
                notify.record_ico(
                    ref,
                    at=b.facts.aware_at + timedelta(hours=hours),
                    delay_reason="Waited for the service" if hours > 72 else None,
                )
                if k % 3 == 0:
                    day = local_date(b.facts.aware_at) + timedelta(days=10)
                    notify.record_response(ref, on=day, outcome="no_further_action")
                    if k % 2 == 0:
                        notify.record_response(ref, on=day + timedelta(days=5), outcome="advice")
            elif not needed and k % 17 == 0:
                notify.record_ico(ref, at=b.facts.aware_at + timedelta(hours=30), voluntary=True)
            told = b.latest is not None and b.latest.assessment.data_subjects.notify
            if told and k % 2 == 0:
                notify.record_people(
                    ref, at=b.facts.aware_at + timedelta(days=2), how="letter", count=k % 7 + 1
                )
    _progress(url)
    return built


def _progress(url: str) -> None:
    """Recommendations in every state; lessons recorded, one of them naming a person."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE recommendations SET status = 'done', done_by = 'sm.kettering', "
                "done_at = created_at, evidence = 'Done.' WHERE id % 6 = 1"
            )
        )
        conn.execute(
            text(
                "UPDATE recommendations SET status = 'verified', done_by = 'sm.kettering', "
                "done_at = created_at, verified_by = 'ig.officer', verified_at = created_at, "
                "evidence = 'Done.' WHERE id % 6 = 2"
            )
        )
        conn.execute(
            text(
                "UPDATE recommendations SET status = 'rejected', removed_reason = 'Not needed' "
                "WHERE id % 6 = 3"
            )
        )
        conn.execute(text("UPDATE recommendations SET status = 'in_progress' WHERE id % 6 = 4"))
        conn.execute(
            text(
                "UPDATE recommendations SET status = 'verified', evidence = :t "
                "WHERE code = 'LESSONS_LEARNED' AND breach_id % 3 = 0"
            ),
            {"t": LESSON_SAFE},
        )
        conn.execute(
            text(
                "UPDATE recommendations SET status = 'done', evidence = :t "
                "WHERE code = 'LESSONS_LEARNED' AND breach_id % 12 = 0"
            ),
            {"t": LESSON_NAMING},
        )
        conn.execute(
            text("UPDATE breaches SET status = 'closed', closed_at = updated_at WHERE id % 5 = 0")
        )
    engine.dispose()
