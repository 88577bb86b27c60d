"""What the register already knows about a recipient, carried forward (METHOD.md 2, v1.1).

A recipient of this breach whom an earlier breach about the same person recorded as posing a
risk poses a risk here too, unless the officer sets it aside in the facts (``false`` given
explicitly, with a ``risk_note`` saying why). Where only the recipient matches (an earlier
breach about someone else), nothing is carried: the match is listed for the officer to judge.
The register's knowledge arrives as ``RepeatMatch.risks``; no I/O here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from breach_desk.domain import vocabulary as v
from breach_desk.domain.assessment import Factor, RecordedRisk, RepeatMatch
from breach_desk.domain.facts import Recipient


def _who(r: Recipient) -> str:
    return r.label or r.email or v.words(r.kind)


def _recorded(found: Sequence[tuple[str, RecordedRisk]]) -> str:
    return "; ".join(v.recorded_risk(risk.people, ref, risk.note) for ref, risk in found)


def carry_forward(
    recipients: Sequence[Recipient], matches: Sequence[RepeatMatch], factors: list[Factor]
) -> tuple[Recipient, ...]:
    """The recipients as the rules read them: a carried risk sets ``poses_risk_to_subject``.
    Each carried, set-aside or recipient-only risk is recorded as a factor."""
    if not matches:  # nothing recorded to carry (most assessments): the recipients as entered
        return tuple(recipients)
    out: list[Recipient] = []
    for r in recipients:
        same: list[tuple[str, RecordedRisk]] = []
        other: list[tuple[str, RecordedRisk]] = []
        for m in matches:
            for risk in m.risks:
                if (risk.label, risk.email) == (r.label, r.email):
                    (same if m.same_person else other).append((m.reference, risk))
        who = _who(r)
        if same:
            refs = ", ".join(dict.fromkeys(ref for ref, _risk in same))
            recorded = _recorded(same)
            if r.poses_risk_to_subject is True:
                factors.append(
                    Factor(
                        "likelihood.carried_risk",
                        f"{who}: poses a risk (as the register already records in {refs})",
                        f"{recorded}. The officer records the same risk in this breach.",
                        v.METHOD_CARRY,
                    )
                )
            elif r.poses_risk_to_subject is False and r.risk_note:
                factors.append(
                    Factor(
                        "likelihood.risk_set_aside",
                        f"{who}: not treated as posing a risk (set aside by the officer)",
                        f"{recorded}. The officer set this aside for this breach: {r.risk_note}",
                        f"{v.METHOD_CARRY}; {v.OFFICER}",
                    )
                )
            else:
                factors.append(
                    Factor(
                        "likelihood.carried_risk",
                        f"{who}: poses a risk (carried forward from {refs})",
                        f"{recorded}. An earlier breach about the same person recorded this "
                        "recipient as posing a risk to them, so every rule reads them as posing "
                        "a risk here too, unless the officer sets it aside with a reason.",
                        f"{v.METHOD_CARRY}; {v.OMBUDSMAN}",
                    )
                )
                note = r.risk_note or recorded
                r = replace(r, poses_risk_to_subject=True, risk_note=note)
        elif other:
            factors.append(
                Factor(
                    "likelihood.recipient_only",
                    f"{who}: not carried forward (a different person)",
                    f"{_recorded(other)}. That breach was about someone else, so the risk is not "
                    "carried forward; it is listed for the officer to judge.",
                    v.METHOD_CARRY,
                )
            )
        out.append(r)
    return tuple(out)
