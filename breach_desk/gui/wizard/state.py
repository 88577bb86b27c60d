"""What the officer has entered so far, as plain data: to facts, from facts, to a draft and back.

The wizard's widgets write into a ``FormState``; everything else (validation, the live panel,
matching, drafts) reads it. It has no Qt in it, so it is tested on its own.
"""

from __future__ import annotations

import copy
import re
from dataclasses import asdict, dataclass, field, fields
from enum import IntEnum
from typing import Any

from breach_desk.domain.declared import declared_fields
from breach_desk.domain.facts import FACTS_FORMAT, Facts


class Page(IntEnum):
    BASICS = 0
    PEOPLE = 1
    DATA = 2
    HAPPENED = 3
    RECIPIENTS = 4
    ASSESSMENT = 5
    DECISIONS = 6
    RECOMMENDATIONS = 7
    SUMMARY = 8


PAGE_TITLES = {
    Page.BASICS: "Basics",
    Page.PEOPLE: "People",
    Page.DATA: "Data",
    Page.HAPPENED: "What happened",
    Page.RECIPIENTS: "Recipients",
    Page.ASSESSMENT: "Assessment",
    Page.DECISIONS: "Decisions",
    Page.RECOMMENDATIONS: "Recommendations",
    Page.SUMMARY: "Summary",
}

_PAGE_NAMED = {
    "basics": Page.BASICS,
    "people": Page.PEOPLE,
    "data": Page.DATA,
    "happened": Page.HAPPENED,
    "recipients": Page.RECIPIENTS,
    "assessment": Page.ASSESSMENT,
    "decisions": Page.DECISIONS,
}
FACT_PAGES: dict[str, Page] = {
    d.top: _PAGE_NAMED[d.page] for d in declared_fields(Facts) if d.page is not None
}
"""The page where each fact is entered, from its declaration (``domain/facts.py``)."""
CHECKED: dict[str, str] = {
    "subjects.count_is_estimate": "count_estimate",
    "subjects.vulnerable": "vulnerable",
    "subjects.already_aware": "already_aware",
    "data.presence_reveals_category": "presence_reveals_category",
    "data.unintelligible": "unintelligible",
    "data.publicly_available": "publicly_available",
    "loss.essential_service_disrupted": "essential_service_disrupted",
    "cyber_incident": "cyber_incident",
    "harm_reported": "harm_reported",
}
"""The answer (``FormState`` attribute) that each yes-or-no fact is held in: its check box is
found by the objectName its declaration gives, and bound by the page (``pages_facts``)."""
_WIZARD_ANSWERS = {
    "ico_delay_reason": Page.DECISIONS,
    "recommendations": Page.RECOMMENDATIONS,
    "reassess_reason": Page.SUMMARY,
}
"""Answers the wizard asks that are not facts of the breach."""
_INDEX = re.compile(r"\[\d*\]")


def page_of(path: str) -> Page:
    """The page where the field a problem names is entered ('recipients[2].kind': Recipients)."""
    parts = _INDEX.sub("", path).split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        page = FACT_PAGES.get(key) or _WIZARD_ANSWERS.get(key)
        if page is not None:
            return page
    return Page.BASICS


@dataclass
class FormState:
    """Every answer in the wizard. Empty text means 'not given'."""

    title: str = ""
    service: str = ""
    description: str = ""
    occurred_known: bool = False
    occurred: str = ""
    """ISO date (its day, or month, unused when only the year or month is known)."""
    occurred_precision: str = ""
    """'date', 'month' or 'year': how precisely it is known ('' with ``occurred_known``: date)."""
    aware: str = ""
    """ISO date-time, wall-clock London time, no offset."""
    count: int = 1
    count_estimate: bool = False
    groups: list[str] = field(default_factory=list)
    vulnerable: bool = False
    already_aware: bool = False
    people: list[dict[str, str]] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    extent: str = "limited"
    presence_reveals_category: bool = False
    records: int | None = None
    unintelligible: bool = False
    publicly_available: bool = False
    identifiability: str = ""
    confidentiality: str = ""
    integrity: str = "none"
    availability: str = "none"
    cause: str = "unknown"
    occurrences: int = 1
    outage_hours: float | None = None
    essential_service_disrupted: bool = False
    cyber_incident: bool = False
    harm_reported: bool = False
    harm_note: str = ""
    harm_at: str = ""
    """ISO date (or the date-time as given in imported facts), '' when not known."""
    discovered_how: str = ""
    discovered_note: str = ""
    containment: str = ""
    recipients: list[dict[str, Any]] = field(default_factory=list)
    dpc_adjustment: int = 0
    dpc_reason: str = ""
    override: str = ""
    override_reason: str = ""
    art34: str = ""
    art34_reason: str = ""
    ico_delay_reason: str = ""
    reassess_reason: str = ""
    reference: str = ""
    previous_related_breaches: list[str] = field(default_factory=list)

    # --- drafts -------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return copy.deepcopy(asdict(self))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FormState:
        known = {f.name for f in fields(cls)}
        return cls(**{k: copy.deepcopy(v) for k, v in data.items() if k in known})

    # --- facts --------------------------------------------------------------------------------

    def missing(self) -> list[tuple[Page, str]]:
        """Required answers not given yet: the live panel stands in for them until they are."""
        out: list[tuple[Page, str]] = []
        if not self.title.strip():
            out.append((Page.BASICS, "title"))
        if not self.aware:
            out.append((Page.BASICS, "when you became aware"))
        if not self.categories:
            out.append((Page.DATA, "data categories"))
        if not self.confidentiality:
            out.append((Page.HAPPENED, "confidentiality loss"))
        return out

    def to_facts_dict(self, *, stand_ins: bool = False) -> dict[str, Any]:
        """Facts in format v1. With ``stand_ins``, required answers not yet given are replaced by
        neutral values so the rest can be checked and assessed provisionally."""
        subjects: dict[str, Any] = {"count": self.count}
        if self.count_estimate:
            subjects["count_is_estimate"] = True
        if self.groups:
            subjects["groups"] = list(self.groups)
        if self.vulnerable:
            subjects["vulnerable"] = True
        if self.already_aware:
            subjects["already_aware"] = True
        people = [_clean(p) for p in self.people]
        people = [p for p in people if p]
        if people:
            subjects["people"] = people
        data: dict[str, Any] = {"categories": list(self.categories), "extent": self.extent}
        if self.presence_reveals_category:
            data["presence_reveals_category"] = True
        if self.records is not None:
            data["records"] = self.records
        if self.unintelligible:
            data["unintelligible"] = True
        if self.publicly_available:
            data["publicly_available"] = True
        if self.identifiability:
            data["identifiability"] = self.identifiability
        loss: dict[str, Any] = {
            "confidentiality": self.confidentiality,
            "integrity": self.integrity,
            "availability": self.availability,
        }
        if self.outage_hours is not None and self.availability != "none":
            loss["outage_hours"] = self.outage_hours
        if self.essential_service_disrupted:
            loss["essential_service_disrupted"] = True
        out: dict[str, Any] = {
            "format": FACTS_FORMAT,
            "title": self.title,
            "aware_at": self.aware,
            "subjects": subjects,
            "data": data,
            "loss": loss,
            "occurrences": self.occurrences,
            "cause": self.cause,
        }
        if self.reference:
            out["reference"] = self.reference
        for key, text in (
            ("description", self.description),
            ("service", self.service.strip()),
            ("containment", self.containment),
        ):
            if text:
                out[key] = text
        occurred = self.occurred_at()
        if occurred:
            out["occurred_at"] = occurred
        if self.cyber_incident:
            out["cyber_incident"] = True
        if self.harm_reported:
            harm: dict[str, Any] = {"note": self.harm_note}
            if self.harm_at:
                harm["at"] = self.harm_at
            out["harm_reported"] = harm
        if self.discovered_how:
            found: dict[str, Any] = {"kind": self.discovered_how}
            if self.discovered_note.strip():
                found["note"] = self.discovered_note.strip()
            out["discovered_how"] = found
        # An empty row names nobody: it is refused (checks.py), never read as someone.
        recipients = [_recipient(r) for r in self.recipients if not blank_recipient(r)]
        if recipients:
            out["recipients"] = recipients
        if self.previous_related_breaches:
            out["previous_related_breaches"] = list(self.previous_related_breaches)
        assessor: dict[str, Any] = {}
        if self.dpc_adjustment:
            assessor["dpc_adjustment"] = {"value": self.dpc_adjustment, "reason": self.dpc_reason}
        if self.override:
            assessor["severity_override"] = {"band": self.override, "reason": self.override_reason}
        if self.art34:
            assessor["art34_exception"] = {"ground": self.art34, "reason": self.art34_reason}
        if assessor:
            out["assessor"] = assessor
        if stand_ins:
            if not self.title.strip():
                out["title"] = "(untitled)"
            if not data["categories"]:
                data["categories"] = ["other"]
            if not self.confidentiality:
                loss["confidentiality"] = "known_recipients" if recipients else "none"
        return out

    def occurred_at(self) -> str:
        """``occurred_at`` at the precision given: '2022', '2022-06', '2022-06-14' or ''."""
        if not self.occurred_known or not self.occurred:
            return ""
        cut = {"year": 4, "month": 7}.get(self.occurred_precision, 10)
        return self.occurred[:cut]

    @classmethod
    def from_facts_dict(cls, facts: dict[str, Any]) -> FormState:
        """Prefill from stored facts (reassessment)."""
        s, d, loss = facts["subjects"], facts["data"], facts.get("loss", {})
        assessor = facts.get("assessor", {})
        occurred = str(facts.get("occurred_at", ""))
        dpc = assessor.get("dpc_adjustment") or {}
        override = assessor.get("severity_override") or {}
        art34 = assessor.get("art34_exception") or {}
        harm = facts.get("harm_reported")
        found = facts.get("discovered_how") or {}
        return cls(
            title=facts.get("title", ""),
            service=facts.get("service", ""),
            description=facts.get("description", ""),
            occurred_known=bool(occurred),
            occurred=_full_date(occurred),
            occurred_precision=_precision(occurred),
            aware=_naive_london(str(facts.get("aware_at", ""))),
            count=int(s.get("count", 1)),
            count_estimate=bool(s.get("count_is_estimate", False)),
            groups=list(s.get("groups", [])),
            vulnerable=bool(s.get("vulnerable", False)),
            already_aware=bool(s.get("already_aware", False)),
            people=[dict(p) for p in s.get("people", [])],
            categories=list(d.get("categories", [])),
            extent=d.get("extent", "limited"),
            presence_reveals_category=bool(d.get("presence_reveals_category", False)),
            records=d.get("records"),
            unintelligible=bool(d.get("unintelligible", False)),
            publicly_available=bool(d.get("publicly_available", False)),
            identifiability=d.get("identifiability", ""),
            confidentiality=loss.get("confidentiality", ""),
            integrity=loss.get("integrity", "none"),
            availability=loss.get("availability", "none"),
            cause=facts.get("cause", "unknown"),
            occurrences=int(facts.get("occurrences", 1)),
            outage_hours=loss.get("outage_hours"),
            essential_service_disrupted=bool(loss.get("essential_service_disrupted", False)),
            cyber_incident=bool(facts.get("cyber_incident", False)),
            harm_reported=harm is not None,
            harm_note=(harm or {}).get("note", ""),
            harm_at=str((harm or {}).get("at", "")),
            discovered_how=found.get("kind", ""),
            discovered_note=found.get("note", ""),
            containment=facts.get("containment", ""),
            recipients=[_recipient_row(r) for r in facts.get("recipients", [])],
            dpc_adjustment=int(dpc.get("value", 0)),
            dpc_reason=dpc.get("reason", ""),
            override=override.get("band", ""),
            override_reason=override.get("reason", ""),
            art34=art34.get("ground", ""),
            art34_reason=art34.get("reason", ""),
            reference=facts.get("reference", ""),
            previous_related_breaches=list(facts.get("previous_related_breaches", [])),
        )


def _precision(text: str) -> str:
    if not text:
        return ""
    return {4: "year", 7: "month"}.get(len(text), "date")


def _full_date(text: str) -> str:
    """'2022' -> '2022-01-01', '2022-06' -> '2022-06-01': a day for the date field to show."""
    if len(text) == 4:
        return f"{text}-01-01"
    if len(text) == 7:
        return f"{text}-01"
    return text[:10]


def _recipient_row(recipient: dict[str, Any]) -> dict[str, Any]:
    row = dict(recipient)
    if row.get("poses_risk_to_subject") is False and row.get("risk_note"):
        row["set_aside"] = True
    return row


def blank_recipient(row: dict[str, Any]) -> bool:
    """A recipient row with nothing said in it (added, then left): it names nobody."""
    return not any(str(row.get(k) or "").strip() for k in ("label", "email", "risk_note"))


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() for k, v in row.items() if isinstance(v, str) and v.strip()}


def _recipient(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": row.get("kind") or "unknown"}
    for key in ("label", "risk_note", "email"):
        text = str(row.get(key) or "").strip()
        if text:
            out[key] = text
    if row.get("poses_risk_to_subject"):
        out["poses_risk_to_subject"] = True
    elif row.get("set_aside"):  # a risk the register records, set aside with the reason given
        out["poses_risk_to_subject"] = False
    if row.get("deletion_confirmed"):
        out["deletion_confirmed"] = True
    return out


def _naive_london(text: str) -> str:
    """Stored times carry an offset; the form edits London wall-clock time."""
    if not text:
        return ""
    from datetime import datetime

    from breach_desk.domain.clock import LONDON, as_aware

    try:
        moment = as_aware(datetime.fromisoformat(text)).astimezone(LONDON)
    except ValueError:
        return text
    return moment.replace(tzinfo=None).isoformat(timespec="minutes")
