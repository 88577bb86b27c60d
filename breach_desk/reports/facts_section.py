"""The facts of a breach in words, shared by the assessment report and the ICO draft."""

from __future__ import annotations

from reportlab.platypus import Flowable

from breach_desk.domain.facts import Facts, Recipient
from breach_desk.reports.markup import Markup, escape, fmt, join, literal
from breach_desk.reports.parts import gap, heading, key_values, text
from breach_desk.reports.styles import day, moment


def words(value: str) -> str:
    """An enum value as words: 'known_recipients' -> 'known recipients'."""
    return value.replace("_", " ")


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def people_words(facts: Facts) -> str:
    s = facts.subjects
    bits = [f"{s.count:,}" + (" (estimate)" if s.count_is_estimate else "")]
    if s.groups:
        bits.append(", ".join(words(g.value) for g in s.groups))
    bits.append("vulnerable" if s.vulnerable else "not recorded as vulnerable")
    if s.already_aware:
        bits.append("already aware of the breach")
    return "; ".join(bits)


def named_people(facts: Facts) -> Markup | None:
    names: list[Markup] = []
    for p in facts.subjects.people:
        label = p.name or p.identifier or p.email or "unnamed"
        extra = [x for x in (p.email, p.identifier) if x and x != label]
        names.append(fmt("{} ({})", label, ", ".join(extra)) if extra else escape(label))
    return join(literal("<br/>"), names) if names else None


def recipient_markup(r: Recipient) -> Markup:
    bits = [words(r.kind.value)]
    if r.poses_risk_to_subject:
        bits.append("POSES A RISK TO THE PERSON" + (f": {r.risk_note}" if r.risk_note else ""))
    bits.append("deletion confirmed" if r.deletion_confirmed else "deletion not confirmed")
    return fmt("<b>{}</b>: {}", r.label or "unnamed recipient", "; ".join(bits))


def loss_words(facts: Facts) -> str:
    loss = facts.loss
    out = (
        f"confidentiality: {words(loss.confidentiality.value)}; integrity: "
        f"{words(loss.integrity.value)}; availability: {words(loss.availability.value)}"
    )
    if loss.outage_hours is not None:
        out += f" ({loss.outage_hours:g} h outage)"
    if loss.essential_service_disrupted:
        out += "; an essential service was disrupted"
    return out


def data_words(facts: Facts) -> str:
    d = facts.data
    out = ", ".join(words(c.value) for c in d.categories)
    out += f"; extent: {d.extent.value}"
    if d.records is not None:
        out += f"; {d.records:,} records"
    if d.unintelligible:
        out += "; unintelligible to others (encrypted, keys safe)"
    if d.publicly_available:
        out += "; already publicly available"
    return out


def facts_story(facts: Facts) -> list[Flowable]:
    recipients = (
        join(literal("<br/>"), [recipient_markup(r) for r in facts.recipients])
        if facts.recipients
        else literal("none recorded")
    )
    pairs: list[tuple[str, str | Markup | None]] = [
        ("Title", facts.title),
        ("Service", facts.service),
        ("Happened", day(facts.occurred_at) if facts.occurred_at else None),
        ("Became aware", moment(facts.aware_at)),
        ("Times it happened", str(facts.occurrences)),
        (
            "Cause",
            words(facts.cause.value) + ("; a cyber incident" if facts.cyber_incident else ""),
        ),
        ("People affected", people_words(facts)),
        ("Named people", named_people(facts)),
        ("Data", data_words(facts)),
        ("Loss", loss_words(facts)),
        ("Recipients", recipients),
        ("Containment", facts.containment),
    ]
    if facts.previous_related_breaches:
        pairs.append(("Linked breaches", ", ".join(facts.previous_related_breaches)))
    story: list[Flowable] = [heading("The facts"), key_values(pairs)]
    if facts.description:
        story += [gap(), heading("What happened", 2), text(facts.description)]
    return story
