"""What the breach could mean for the people affected (METHOD.md section 3, 1.2): one rule set.

Each consequence the facts make possible, with the rule that raises it: the cause, the kinds of
data, the recipients as the rules read them (a risk the register recorded carried forward), data
nobody can read, and what was restored. The letter to the people, the ICO draft and the decision
note all read this one list, so they can never disagree, and none of them names a consequence
the facts rule out: nothing about money when the data could not be read or stayed with people
who confirmed its deletion, nothing about a delayed service when it was restored without effect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import RepeatMatch
from breach_desk.domain.enums import (
    SENSITIVE_CATEGORIES,
    Availability,
    Cause,
    Confidentiality,
    DataCategory,
    Integrity,
    RecipientKind,
)
from breach_desk.domain.facts import Facts, Recipient
from breach_desk.method.carried import carry_forward
from breach_desk.method.context import Context, context_for

SAFETY_DATA = (DataCategory.CONTACT_DETAILS, DataCategory.LOCATION, DataCategory.BASIC_IDENTIFIERS)
MONEY_DATA = (DataCategory.FINANCIAL, DataCategory.PAYMENT_CARD)
PHISHING_DATA = (DataCategory.CONTACT_DETAILS, DataCategory.BASIC_IDENTIFIERS)
_CONTAINED_KINDS = (RecipientKind.INTERNAL_STAFF, RecipientKind.TRUSTED_PROFESSIONAL)
_HOSTILE_KINDS = (RecipientKind.ATTACKER, RecipientKind.UNKNOWN)
_MALICIOUS = (Cause.MALICIOUS_INTERNAL, Cause.MALICIOUS_EXTERNAL)


@dataclass(frozen=True, slots=True)
class Consequence:
    """One consequence the facts make possible, said to each reader."""

    key: str
    to_person: str
    """In the letter, to the person: 'you', concrete."""
    for_ico: str
    """On the ICO's form: the kind of harm, about 'the people'."""
    because: str
    """The rule that raises it, from the facts (the decision note prints it)."""
    advice: str | None = None
    """What the person can do about it, in the letter; None: nothing specific."""


def _and(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def recipients_as_read(facts: Facts, matches: Sequence[RepeatMatch] = ()) -> tuple[Recipient, ...]:
    """The recipients as every rule reads them: a risk the register records carried forward."""
    return carry_forward(facts.recipients, matches, [])


def _sensitive(facts: Facts) -> list[DataCategory]:
    return [c for c in facts.data.categories if c in SENSITIVE_CATEGORIES]


def _seen(conf: Confidentiality) -> str:
    if conf is Confidentiality.KNOWN_RECIPIENTS:
        return "has been seen by people who should not have seen it"
    if conf is Confidentiality.UNKNOWN_RECIPIENTS:
        return "may have been seen by people who should not have seen it"
    return "could have been seen by people who should not have seen it"


def _contained(ctx: Context) -> bool:
    """Only staff or trusted professionals received it, and every one confirmed deletion."""
    return (
        ctx.confidentiality is Confidentiality.KNOWN_RECIPIENTS
        and bool(ctx.recipients)
        and all(r.kind in _CONTAINED_KINDS and r.deletion_confirmed for r in ctx.recipients)
    )


def _hostile(facts: Facts, ctx: Context) -> bool:
    """Someone who set out to get the data, or nobody knows who has it."""
    return ctx.confidentiality is not Confidentiality.NONE and (
        ctx.confidentiality is Confidentiality.UNKNOWN_RECIPIENTS
        or any(r.kind in _HOSTILE_KINDS for r in ctx.recipients)
        or facts.cause in _MALICIOUS
    )


def consequences(facts: Facts, matches: Sequence[RepeatMatch] = ()) -> tuple[Consequence, ...]:
    """Every consequence the facts make possible for the people, in a fixed order; empty when
    the facts make none possible. ``matches``: the earlier breaches the register found (a risk
    recorded there about a recipient is carried forward, METHOD.md 2)."""
    read = recipients_as_read(facts, matches)
    ctx = context_for(facts, read)
    cats = set(facts.data.categories)
    reached = ctx.confidentiality is not Confidentiality.NONE
    misuse = reached and not _contained(ctx)
    out: list[Consequence] = []

    if facts.harm_reported is not None:
        note = " ".join(facts.harm_reported.note.split())
        out.append(
            Consequence(
                "already_happened",
                "Some harm from this breach has already happened: it has been reported to us.",
                f"Harm has already happened: {note}",
                f"harm has already been reported: {note}",
                "If you think you have been harmed because of this breach, please tell us straight "
                "away.",
            )
        )
    risky = [r for r in ctx.recipients if r.poses_risk_to_subject is True]
    safety = [c for c in facts.data.categories if c in SAFETY_DATA]
    if risky and safety:
        carried = any(
            r.poses_risk_to_subject is True and typed.poses_risk_to_subject is not True
            for r, typed in zip(read, facts.recipients, strict=True)
        )
        out.append(
            Consequence(
                "safety",
                "Someone who has harmed you, or may wish to, now has "
                f"{_and([v.LETTER_DATA[c] for c in safety])}. They could use it to find you or "
                "contact you.",
                "Physical harm: someone who poses a risk to the person affected now has details "
                "that could be used to find or contact them.",
                "a recipient poses a risk to the person"
                + (" (as an earlier breach in the register records)" if carried else "")
                + f" and the data includes {_and([v.words(c) for c in safety])}",
                "If you feel unsafe, call 999 in an emergency, or 101 to speak to the police. You "
                "can also talk to your safety worker or social worker, or to us, about keeping "
                "safe.",
            )
        )
    sensitive = _sensitive(facts)
    if reached and sensitive:
        seen = _seen(ctx.confidentiality)
        kinds = _and([v.words(c) for c in sensitive])
        out.append(
            Consequence(
                "distress",
                f"{_upper(_and([v.LETTER_DATA[c] for c in sensitive]))} {seen}. You may find this "
                "upsetting, and it could be used to embarrass you or treat you unfairly.",
                f"Distress, embarrassment or discrimination: {kinds} {seen}.",
                f"sensitive data {seen}: {kinds}",
                "If this has upset you, you can talk to us, or to your GP or a support service.",
            )
        )
    why_misuse = (
        "the data could be read by people outside our control"
        if ctx.confidentiality is not Confidentiality.KNOWN_RECIPIENTS
        else "recipients who could misuse it have the data (not every recipient is a member "
        "of staff or a trusted professional who confirmed deletion)"
    )
    if misuse and cats & set(MONEY_DATA):
        out.append(
            Consequence(
                "money",
                "Your financial details could be used to try to take money from you.",
                "Financial loss or fraud using the financial details.",
                f"financial details are involved and {why_misuse}",
                "Check your bank and card statements, and tell your bank straight away about "
                "anything you do not recognise.",
            )
        )
    if misuse and DataCategory.IDENTIFICATION_DOCUMENTS in cats:
        out.append(
            Consequence(
                "identity",
                "Your identity documents could be used by someone pretending to be you.",
                "Identity theft using the identity documents.",
                f"identity documents are involved and {why_misuse}",
                "Consider checking your credit file, and tell the office that issued the "
                "document if you think it is being misused.",
            )
        )
    if misuse and DataCategory.CREDENTIALS in cats:
        out.append(
            Consequence(
                "accounts",
                "Your login details could be used to get into your accounts.",
                "Unauthorised access to accounts using the login details.",
                f"login details are involved and {why_misuse}",
                "Change the password of the accounts involved, and anywhere else you use the "
                "same password.",
            )
        )
    if _hostile(facts, ctx) and cats & set(PHISHING_DATA):
        out.append(
            Consequence(
                "phishing",
                "You may receive emails, calls or messages that use your details to seem genuine "
                "and try to trick you (this is called phishing).",
                "Phishing or scams using the contact details.",
                "someone who set out to get the data, or someone unknown, may have contact "
                "details or identifiers",
                "Be careful with unexpected emails, calls or texts, especially any that ask for "
                "personal or bank details.",
            )
        )
    lost = facts.loss.availability in (Availability.TEMPORARY, Availability.PERMANENT)
    if lost or facts.loss.essential_service_disrupted:
        out.append(
            Consequence(
                "service",
                "A service you rely on may have been, or may be, delayed.",
                "Delay to, or loss of, a service the people rely on.",
                "an essential service was disrupted"
                if facts.loss.essential_service_disrupted
                else f"the data's availability: {v.in_sentence(v.label(facts.loss.availability))}",
            )
        )
    if facts.loss.integrity in (Integrity.ALTERED_RECOVERABLE, Integrity.ALTERED_UNRECOVERABLE):
        out.append(
            Consequence(
                "wrong_information",
                "Decisions about you could be taken on wrong information until it is corrected.",
                "Decisions taken on wrong information about the people.",
                f"the data's integrity: {v.in_sentence(v.label(facts.loss.integrity))}",
                "If something we decided about you seems wrong, tell us so that we can check it.",
            )
        )
    return tuple(out)


NO_CONSEQUENCE_TO_PERSON = (
    "We do not expect this to cause you harm, but we want you to know what happened."
)
NO_CONSEQUENCE_FOR_ICO = "No significant consequences for the people are expected."
NO_CONSEQUENCE_RULE = (
    "none: the facts make no consequence for the people possible (nobody outside our control "
    "could read the data, and nothing was lost or changed for long)"
)
