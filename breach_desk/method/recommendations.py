"""The recommendation catalogue (METHOD.md section 4) and the rules that propose each entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from breach_desk.domain.assessment import IcoDecision, ProposedRecommendation, SubjectsDecision
from breach_desk.domain.clock import local_date
from breach_desk.domain.enums import (
    Availability,
    Cause,
    Confidentiality,
    DataCategory,
    OwnerRole,
    RecipientKind,
    Risk,
)
from breach_desk.domain.facts import Facts
from breach_desk.method.context import Context
from breach_desk.method.records import proposed


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    code: str
    text: str
    owner_role: OwnerRole
    due_days: int
    when: str

    @property
    def why(self) -> str:
        return f"Proposed because {self.when}."


CATALOGUE: dict[str, CatalogueEntry] = {
    e.code: e
    for e in (
        CatalogueEntry(
            "NOTIFY_ICO",
            "Report the breach to the ICO; if past 72 hours, give the reasons for the delay.",
            OwnerRole.IG,
            3,
            "the breach must be reported to the ICO",
        ),
        CatalogueEntry(
            "NOTIFY_SUBJECTS",
            "Tell the affected people what happened, the likely consequences, what is being done "
            "and who to contact.",
            OwnerRole.IG,
            3,
            "the affected people must be told",
        ),
        CatalogueEntry(
            "SAFETY_PLAN",
            "Contact the person about their safety, consider a safeguarding or police referral, "
            'and mark their details "do not disclose".',
            OwnerRole.SERVICE,
            1,
            "a recipient poses a risk to the person",
        ),
        CatalogueEntry(
            "RECALL_DATA",
            "Obtain written confirmation from each recipient that the data was deleted or returned "
            "unread.",
            OwnerRole.SERVICE,
            2,
            "a recipient has not confirmed deletion",
        ),
        CatalogueEntry(
            "APOLOGISE",
            "Apologise to the affected people.",
            OwnerRole.SERVICE,
            14,
            "there is a risk or high risk, or the person already knows",
        ),
        CatalogueEntry(
            "EXPLAIN_DECISION",
            "Write to the people explaining how the breach was assessed and the recommendations "
            "made.",
            OwnerRole.IG,
            28,
            "the people are told or already aware",
        ),
        CatalogueEntry(
            "REVIEW_SEVERITY",
            "Reassess the breach (a new assessment version) in the light of the dispute or the new "
            "facts.",
            OwnerRole.IG,
            14,
            "the person disputes the assessment or new facts arrive",
        ),
        CatalogueEntry(
            "CHECK_CONTACT_DETAILS",
            "Check recipients' contact details before sending personal data.",
            OwnerRole.SERVICE,
            28,
            "the cause was human error and the data went to known recipients",
        ),
        CatalogueEntry(
            "SECURE_EMAIL",
            "Use secure email for personal data wherever possible.",
            OwnerRole.SERVICE,
            28,
            "the cause was human error and the data went to known recipients",
        ),
        CatalogueEntry(
            "CHECK_TRAINING",
            "Confirm the staff involved have completed data-protection training.",
            OwnerRole.SERVICE,
            28,
            "the cause was human error or malicious action by staff",
        ),
        CatalogueEntry(
            "ROOT_CAUSE_REVIEW",
            "Find the root cause of the repeated breach and escalate it to the SIRO.",
            OwnerRole.IG,
            28,
            "it is a repeat breach",
        ),
        CatalogueEntry(
            "REVIEW_POLICIES",
            "Review and update the policies and procedures involved.",
            OwnerRole.SERVICE,
            90,
            "there is a risk or high risk, or it is a repeat breach",
        ),
        CatalogueEntry(
            "RESET_CREDENTIALS",
            "Reset the credentials involved and check what they give access to.",
            OwnerRole.IT,
            1,
            "credentials are involved",
        ),
        CatalogueEntry(
            "RESTORE_AND_BACKUP",
            "Restore the data and review the backups.",
            OwnerRole.IT,
            28,
            "availability was lost",
        ),
        CatalogueEntry(
            "LESSONS_LEARNED",
            "Document the lessons learned and share them with the team.",
            OwnerRole.SERVICE,
            28,
            "every breach has lessons to record",
        ),
        CatalogueEntry(
            "REPORT_BACK",
            "Report back to the information governance team that every action is done.",
            OwnerRole.SERVICE,
            7,
            "every breach needs it, 7 days after the last other action is due",
        ),
    )
}

_CANNOT_CONFIRM = (RecipientKind.ATTACKER, RecipientKind.UNKNOWN)
# Python 3.11 reads a member from its enum class slowly (through the enum metaclass's
# __getattr__): the rules, run on every assessment, use these module constants.
_RISKY = (Risk.RISK, Risk.HIGH)
_HUMAN_ERROR = Cause.HUMAN_ERROR
_KNOWN_RECIPIENTS = Confidentiality.KNOWN_RECIPIENTS
_TRAINING_CAUSES = (Cause.HUMAN_ERROR, Cause.MALICIOUS_INTERNAL)
_CREDENTIALS = DataCategory.CREDENTIALS
_NO_AVAILABILITY_LOSS = Availability.NONE


def _proposed_codes(
    facts: Facts,
    ctx: Context,
    risk: Risk,
    repeat: bool,
    ico: IcoDecision,
    subjects: SubjectsDecision,
) -> list[str]:
    """The codes of the catalogue's entries whose rule fires, in the catalogue's order (each
    rule a plain test: this runs on every assessment)."""
    risky = risk in _RISKY
    already_aware = facts.subjects.already_aware
    cause = facts.cause
    codes = []
    if ico.report:
        codes.append("NOTIFY_ICO")
    if subjects.notify:
        codes.append("NOTIFY_SUBJECTS")
    if ctx.recipient_poses_risk:
        codes.append("SAFETY_PLAN")
    if any([not r.deletion_confirmed and r.kind not in _CANNOT_CONFIRM for r in ctx.recipients]):
        codes.append("RECALL_DATA")
    if risky or already_aware:
        codes.append("APOLOGISE")
    if subjects.notify or already_aware:
        codes.append("EXPLAIN_DECISION")
    if cause is _HUMAN_ERROR and ctx.confidentiality is _KNOWN_RECIPIENTS:
        codes.append("CHECK_CONTACT_DETAILS")
        codes.append("SECURE_EMAIL")
    if cause in _TRAINING_CAUSES:
        codes.append("CHECK_TRAINING")
    if repeat:
        codes.append("ROOT_CAUSE_REVIEW")
    if risky or repeat:
        codes.append("REVIEW_POLICIES")
    if _CREDENTIALS in facts.data.categories:
        codes.append("RESET_CREDENTIALS")
    if facts.loss.availability is not _NO_AVAILABILITY_LOSS:
        codes.append("RESTORE_AND_BACKUP")
    codes.append("LESSONS_LEARNED")
    return codes


def propose(
    facts: Facts,
    ctx: Context,
    risk: Risk,
    repeat: bool,
    ico: IcoDecision,
    subjects: SubjectsDecision,
    decided_at: datetime,
) -> tuple[ProposedRecommendation, ...]:
    # Day numbers (ordinals) rather than timedelta: this runs on every keystroke in the wizard.
    decided_on = local_date(decided_at).toordinal()
    fromordinal = date.fromordinal
    out: list[ProposedRecommendation] = []
    last_days = 0
    for code in _proposed_codes(facts, ctx, risk, repeat, ico, subjects):
        text, owner_role, days, why = _ENTRY[code]
        if code == "NOTIFY_ICO":
            # Due by the statutory deadline, even when it has passed: the plan shows the report
            # late, never a fresh date (METHOD.md 1.1 section 4).
            due = local_date(ico.deadline).toordinal()
            days = max(0, due - decided_on)
        else:
            due = decided_on + days
        if days > last_days:
            last_days = days
        out.append(proposed((code, text, owner_role, days, fromordinal(due), why)))
    text, owner_role, back_days, why = _ENTRY["REPORT_BACK"]
    days = last_days + back_days
    out.append(
        proposed(("REPORT_BACK", text, owner_role, days, fromordinal(decided_on + days), why))
    )
    return tuple(out)


_ENTRY = {code: (e.text, e.owner_role, e.due_days, e.why) for code, e in CATALOGUE.items()}
"""Each entry's text, owner, days and reason, read once (``why`` is worded on each reading)."""
