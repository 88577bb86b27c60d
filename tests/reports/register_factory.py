"""A synthetic breach register for the monitoring report's tests and benchmark: deterministic,
with every kind of row the report prints (overdue, done, verified, repeats, every band)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.enums import RecommendationStatus
from breach_desk.domain.register import Breach, Transition
from breach_desk.facts_io import facts_from_dict
from breach_desk.reports.view import breach_from_facts

SERVICES = [
    "Children's Services",
    "Adult Social Care",
    "Housing",
    "Revenues & Benefits",
    "Planning",
    "Libraries",
    "Human Resources",
    "Education",
]
CATEGORIES = [
    ["basic_identifiers"],
    ["contact_details"],
    ["financial"],
    ["health"],
    ["contact_details", "mental_health"],
    ["identification_documents"],
    ["location"],
]
KINDS = ["member_of_public", "partner_organisation", "internal_staff", "trusted_professional"]


def _facts(i: int, aware: datetime, rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(KINDS)
    recipient: dict[str, Any] = {"label": f"Recipient {i}", "kind": kind}
    if i % 17 == 0:
        recipient["poses_risk_to_subject"] = True
    return {
        "format": "breach-desk/facts/1",
        "reference": f"IG-{aware.year}-{i:04d}",
        "title": f"Breach {i}: letter sent to the wrong address",
        "aware_at": aware.isoformat(),
        "service": SERVICES[i % len(SERVICES)],
        "subjects": {"count": rng.choice([1, 1, 2, 5, 40, 1200]), "vulnerable": i % 5 == 0},
        "data": {"categories": rng.choice(CATEGORIES)},
        "loss": {"confidentiality": "known_recipients"},
        "cause": rng.choice(["human_error", "human_error", "technical_fault"]),
        "occurrences": 2 if i % 23 == 0 else 1,
        "recipients": [recipient],
    }


def synthetic_register(n: int, at: datetime, seed: int = 14) -> Iterator[Breach]:
    """``n`` breaches spread over the three years before ``at``."""
    rng = random.Random(seed)
    for i in range(1, n + 1):
        aware = at - timedelta(days=rng.randint(3, 3 * 365), hours=rng.randint(0, 20))
        facts = facts_from_dict(_facts(i, aware, rng), at=at)
        matches = [RepeatMatch(f"IG-{i - 7:04d}", "same recipient email")] if i % 19 == 0 else []
        breach = breach_from_facts(facts, aware + timedelta(days=1), matches=matches)
        age = (at - aware).days
        recs = []
        for r in breach.recommendations:
            roll = rng.random()
            if (age > 120 and roll < 0.85) or (age <= 120 and roll < 0.3):
                done_at = aware + timedelta(days=rng.randint(2, 30))
                r = replace(
                    r,
                    status=RecommendationStatus.VERIFIED,
                    evidence="Checked on file",
                    done_by="service.manager",
                    done_at=done_at,
                    verified_by="ig.officer",
                    verified_at=done_at + timedelta(days=2),
                    history=(
                        *r.history,
                        Transition(
                            done_at,
                            "ig.officer",
                            RecommendationStatus.OPEN,
                            RecommendationStatus.VERIFIED,
                        ),
                    ),
                )
            elif roll < 0.9:
                r = replace(r, status=RecommendationStatus.IN_PROGRESS)
            recs.append(r)
        yield replace(breach, recommendations=tuple(recs))
