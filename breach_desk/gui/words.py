"""The window's names for the vocabulary (``breach_desk.domain.vocabulary``): no wording here.

The combo boxes and tables of the window are filled from the vocabulary's ``Choice`` tuples and
look values up by their string value; every label comes from the one vocabulary.
"""

from __future__ import annotations

from breach_desk.domain import vocabulary as v
from breach_desk.domain.enums import Band, BreachStatus, Likelihood, Risk
from breach_desk.domain.vocabulary import (
    ART34,
    AVAILABILITY,
    CATEGORIES,
    CAUSE,
    CONFIDENTIALITY,
    EXTENT,
    GROUPS,
    IDENTIFIABILITY,
    INTEGRITY,
    OVERRIDE,
    OWNER_ROLE,
    RECIPIENT_KIND,
    Choice,
)

__all__ = [
    "ART34",
    "AVAILABILITY",
    "BANDS",
    "CATEGORIES",
    "CAUSE",
    "CONFIDENTIALITY",
    "EXTENT",
    "GROUPS",
    "IDENTIFIABILITY",
    "INTEGRITY",
    "LIKELIHOOD",
    "OVERRIDE",
    "OWNER_ROLE",
    "RECIPIENT_KIND",
    "RISK",
    "RISK_SHORT",
    "STATUS",
    "Choice",
    "band_label",
    "label",
    "value",
]

BANDS = v.BANDS
LIKELIHOOD = {m.value: v.label(m) for m in Likelihood}
RISK = {m.value: v.label(m) for m in Risk}
RISK_SHORT = {m.value: text for m, text in v.RISK_SHORT.items()}
STATUS = {m.value: v.label(m) for m in BreachStatus}

label = v.choice_label
value = v.choice_value


def band_label(band: str | None) -> str:
    return v.band_caps(Band(band)) if band else "—"
