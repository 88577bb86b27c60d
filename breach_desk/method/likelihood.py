"""Likelihood that the consequences materialise, and the risk matrix (METHOD.md sections 2-3)."""

from __future__ import annotations

from collections.abc import Sequence

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import Factor, RepeatMatch
from breach_desk.domain.enums import (
    Band,
    Cause,
    Confidentiality,
    Likelihood,
    RecipientKind,
    Risk,
)
from breach_desk.domain.facts import Facts
from breach_desk.method.context import Context
from breach_desk.method.records import factor

_TRUSTED = (RecipientKind.INTERNAL_STAFF, RecipientKind.TRUSTED_PROFESSIONAL)
_HOSTILE = (RecipientKind.ATTACKER, RecipientKind.UNKNOWN)
_HOSTILE_WORDS = {RecipientKind.ATTACKER: "an attacker", RecipientKind.UNKNOWN: "not known"}
# Python 3.11 reads a member from its enum class slowly (through the enum metaclass's
# __getattr__): the rules, run on every assessment, use these module constants.
_REMOTE, _POSSIBLE = Likelihood.REMOTE, Likelihood.POSSIBLE
_LIKELY, _OCCURRED = Likelihood.LIKELY, Likelihood.OCCURRED
_NO_CONFIDENTIALITY_LOSS = Confidentiality.NONE
_UNKNOWN_RECIPIENTS = Confidentiality.UNKNOWN_RECIPIENTS
_RULE_SOURCES = f"{v.EDPB_NOTIFICATION}; {v.ICO_GUIDANCE}"
_REPEAT_SOURCES = f"{v.EDPB_EXAMPLES}; {v.OMBUDSMAN}"
_RISK_SOURCES = f"{v.ICO_GUIDANCE}; {v.EDPB_NOTIFICATION}"

RISK_MATRIX: dict[Likelihood, dict[Band, Risk]] = {
    Likelihood.REMOTE: {
        Band.LOW: Risk.UNLIKELY,
        Band.MEDIUM: Risk.UNLIKELY,
        Band.HIGH: Risk.UNLIKELY,
        Band.VERY_HIGH: Risk.UNLIKELY,
    },
    Likelihood.POSSIBLE: {
        Band.LOW: Risk.UNLIKELY,
        Band.MEDIUM: Risk.RISK,
        Band.HIGH: Risk.RISK,
        Band.VERY_HIGH: Risk.HIGH,
    },
    Likelihood.LIKELY: {
        Band.LOW: Risk.RISK,
        Band.MEDIUM: Risk.RISK,
        Band.HIGH: Risk.HIGH,
        Band.VERY_HIGH: Risk.HIGH,
    },
    Likelihood.OCCURRED: {
        Band.LOW: Risk.RISK,
        Band.MEDIUM: Risk.HIGH,
        Band.HIGH: Risk.HIGH,
        Band.VERY_HIGH: Risk.HIGH,
    },
}


def _sentence(text: str) -> str:
    """The officer's note as a sentence of the reason (one line, a full stop at its end)."""
    said = " ".join(text.split())
    return said if said.endswith((".", "!", "?")) else said + "."


# The words the rules put in sentences, looked up once per value rather than on every assessment.
_MALICIOUS_CAUSES = frozenset(c for c in Cause if c.malicious)
_CAUSE_WORDS = {c: v.words(c) for c in Cause}
_KIND_WORDS = {k: v.words(k) for k in RecipientKind}
_LIKELIHOOD_LABEL = {lk: v.label(lk) for lk in Likelihood}
_LIKELIHOOD_WORDS = {lk: v.words(lk) for lk in Likelihood}


def _base_likelihood(facts: Facts, ctx: Context) -> tuple[Likelihood, str, str]:
    """(likelihood, rule id, reason) from the first rule that matches."""
    harm = facts.harm_reported
    loss = facts.loss
    if harm is not None:
        also = (
            " People were also denied or delayed a service that matters to them."
            if loss.essential_service_disrupted
            else ""
        )
        return (
            _OCCURRED,
            "harm_reported",
            f"Harm has already been reported: {_sentence(harm.note)}{also}",
        )
    if loss.essential_service_disrupted:
        return (
            _OCCURRED,
            "essential_service_disrupted",
            "People were denied or delayed a service that matters to them: the consequences "
            "have occurred.",
        )
    likely: list[str] = []
    recipients = ctx.recipients
    if ctx.confidentiality is _UNKNOWN_RECIPIENTS:
        likely.append("the data went to an unknown number of recipients")
    if recipients:
        hostile = sorted({r.kind for r in recipients if r.kind in _HOSTILE})
        if hostile:
            likely.append(f"a recipient is {' or '.join([_HOSTILE_WORDS[k] for k in hostile])}")
        if ctx.recipient_poses_risk:
            risky = [
                r.label or _KIND_WORDS[r.kind]
                for r in recipients
                if r.poses_risk_to_subject is True
            ]
            likely.append(f"a recipient poses a risk to the person: {' and '.join(risky)}")
    cause = facts.cause
    if cause in _MALICIOUS_CAUSES and ctx.confidentiality is not _NO_CONFIDENTIALITY_LOSS:
        likely.append(f"the cause was {_CAUSE_WORDS[cause]} and the data was disclosed or exposed")
    if likely:
        return _LIKELY, "likely", "Likely: " + "; ".join(likely) + "."
    settled = not ctx.integrity_or_availability_lost
    if (
        settled
        and recipients
        and all([r.kind in _TRUSTED and r.deletion_confirmed for r in recipients])
    ):
        return (
            _REMOTE,
            "remote_trusted_recipients",
            "Remote: every recipient is internal staff or a trusted professional who has confirmed "
            "deletion, and integrity and availability are at most recovered without difficulty.",
        )
    if settled and ctx.confidentiality is _NO_CONFIDENTIALITY_LOSS:
        return (
            _REMOTE,
            "remote_no_confidentiality_loss",
            "Remote: no loss of confidentiality that counts, and integrity and availability are "
            "at most recovered without difficulty.",
        )
    return (
        _POSSIBLE,
        "possible",
        "Possible: none of the rules for occurred, likely or remote applies.",
    )


def assess_likelihood(
    facts: Facts, ctx: Context, matches: Sequence[RepeatMatch], factors: list[Factor]
) -> tuple[Likelihood, str]:
    likelihood, rule, reason = _base_likelihood(facts, ctx)
    factors.append(
        factor(("likelihood.rule", _LIKELIHOOD_LABEL[likelihood], reason, _RULE_SOURCES))
    )
    repeat_reasons = []
    if facts.occurrences > 1:
        repeat_reasons.append(f"it happened {facts.occurrences} times before it was stopped")
    known = [r for r in facts.previous_related_breaches if r]
    if known:
        repeat_reasons.append(f"the officer links it to earlier breaches: {', '.join(known)}")
    if matches:
        repeat_reasons.append(
            "the register holds earlier breaches involving the same person or recipient ("
            + "; ".join([f"{m.reference}: {m.matched_on}" for m in matches])
            + ")"
        )
    if repeat_reasons:
        new, effect = _REPEAT_EFFECT[likelihood]
        factors.append(
            factor(
                (
                    "likelihood.repeat",
                    effect,
                    "Repeat breach: " + "; ".join(repeat_reasons) + ". One step up (a repeat alone "
                    "never makes the consequences 'occurred').",
                    _REPEAT_SOURCES,
                )
            )
        )
        likelihood = new
    return likelihood, rule


def _repeated(likelihood: Likelihood) -> tuple[Likelihood, str]:
    """A repeat breach's likelihood, one step up but never to occurred, and the effect's words."""
    if likelihood in (_REMOTE, _POSSIBLE):
        new = _POSSIBLE if likelihood is _REMOTE else _LIKELY
        return new, f"{v.label(likelihood)} → {v.words(new)}"
    return likelihood, f"{v.label(likelihood)}: no change (a repeat never makes it occurred)"


_REPEAT_EFFECT = {likelihood: _repeated(likelihood) for likelihood in Likelihood}


def assess_risk(band: Band, likelihood: Likelihood, factors: list[Factor]) -> Risk:
    risk, effect, reason = _RISK_FACTOR[likelihood, band]
    factors.append(factor(("risk.matrix", effect, reason, _RISK_SOURCES)))
    return risk


_RISK_FACTOR = {
    (likelihood, band): (
        risk,
        v.label(risk),
        f"Likelihood {v.words(likelihood)} and severity {v.words(band)} give {v.words(risk)}.",
    )
    for likelihood, row in RISK_MATRIX.items()
    for band, risk in row.items()
}
"""The risk matrix's cell, effect and reason for every likelihood and band, written once."""
