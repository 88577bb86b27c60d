"""The founding case from assessment to closure (Ombudsman 21 007 914): the recommendations the
council made and never followed up, ticked off by the service manager with evidence, verified by
the IG team, and the breach closed - on SQLite and on PostgreSQL with the database's roles."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader
from tracking_people import CHILDRENS, SEED_REFERENCE, seed_facts

from breach_desk.domain.enums import OwnerRole, RecommendationStatus
from breach_desk.domain.register import Role
from breach_desk.domain.vocabulary import recommendation_title
from breach_desk.domain.workflow import Refused
from breach_desk.reports.document import ReportSettings
from breach_desk.services.tracking import Tracking

S = RecommendationStatus


def by_code(t: Tracking) -> dict[str, int]:
    return {r.code: r.id for r in t.breach(SEED_REFERENCE).recommendations}


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_founding_case_from_assessment_to_closure(people, frozen) -> None:
    alice = people("ig_alice", Role.IG_OFFICER)
    carol = people("ig_carol", Role.IG_OFFICER)
    bob = people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)

    breach = alice.register.finalise(seed_facts())
    assert breach.reference == SEED_REFERENCE
    codes = by_code(alice)
    service_codes = {r.code for r in breach.recommendations if r.owner_role is OwnerRole.SERVICE}
    assert {"SAFETY_PLAN", "RECALL_DATA", "APOLOGISE", "REPORT_BACK"} <= service_codes

    # The service manager sees their own actions, and only theirs: the IG team's are not on it.
    frozen("2021-03-16T09:00:00+00:00")
    mine = {i.recommendation.code for i in bob.my_actions()}
    assert mine == service_codes
    assert bob.badge() == (len(service_codes), 0)

    # They tick them off with evidence; a scanned letter goes with the recall.
    bob.start(codes["SAFETY_PLAN"], "Called Mr B this morning")
    for code in sorted(service_codes):
        files = [("recall-confirmation.pdf", b"%PDF-1.4 signed")] if code == "RECALL_DATA" else []
        bob.done(codes[code], f"{code} carried out: see the case file note", files)
    assert bob.my_actions() == []

    # A service manager cannot verify, not even their own work.
    with pytest.raises(Refused, match="Only an IG officer can verify"):
        bob.verify(codes["SAFETY_PLAN"])

    # The IG team does its own actions; whoever marks one done cannot also verify it.
    for code in ("NOTIFY_ICO", "NOTIFY_SUBJECTS", "EXPLAIN_DECISION", "ROOT_CAUSE_REVIEW"):
        alice.done(codes[code], f"{code}: done, letter on file")
    with pytest.raises(Refused, match="someone else in the IG team must verify"):
        alice.verify(codes["NOTIFY_ICO"])
    with pytest.raises(Refused, match=r"cannot be closed\. 13 recommendations are not yet"):
        alice.close(SEED_REFERENCE)

    # Carol verifies Alice's; Alice verifies the service manager's, but sends one back.
    for code in ("NOTIFY_ICO", "NOTIFY_SUBJECTS", "EXPLAIN_DECISION", "ROOT_CAUSE_REVIEW"):
        carol.verify(codes[code], "Checked the letters on file")
    alice.reopen(codes["RECALL_DATA"], "Only one of the two recipients has confirmed deletion")
    for code in service_codes - {"RECALL_DATA"}:
        alice.verify(codes[code])
    with pytest.raises(Refused, match="1 recommendation is not yet verified"):
        alice.close(SEED_REFERENCE)

    frozen("2021-03-17T10:00:00+00:00")
    assert [i.recommendation.code for i in bob.my_actions()] == ["RECALL_DATA"]
    bob.done(codes["RECALL_DATA"], "Person C confirmed deletion in writing too")
    alice.verify(codes["RECALL_DATA"], "Both confirmations on file")

    frozen("2021-03-18T09:30:00+00:00")
    before = datetime.now(UTC)
    closed = alice.close(SEED_REFERENCE, "Every recommendation verified")
    assert closed.status.value == "closed"
    assert closed.closed_by == alice.user.login
    assert closed.closed_at is not None
    # The frozen clock is the day people see; the register records when it really happened.
    assert before - timedelta(seconds=5) <= closed.closed_at <= datetime.now(UTC)
    assert {r.status for r in closed.recommendations} == {S.VERIFIED}

    # Closed means closed: no more changes, and Monitoring has nothing left from it.
    with pytest.raises(Refused, match="The breach is closed"):
        alice.reopen(codes["APOLOGISE"], "second thoughts")
    assert alice.actions() == []

    # The evidence pack holds every change: who, when, from what, to what, why, and evidence.
    settings = ReportSettings(organisation="Anytown Council", generated_at=closed.closed_at)
    text = pdf_text(alice.evidence_pack(SEED_REFERENCE, settings))
    for r in closed.recommendations:
        for t in r.history[1:]:
            assert t.by in text
            for words in (t.evidence, t.reason):
                if words:
                    assert " ".join(words.split()) in text, words
        # each recommendation is headed by its name, not its code
        assert f"{recommendation_title(r.code, r.text)} (no. {r.id})" in text
    assert "recall-confirmation.pdf" in text
    assert f"closed by {alice.user.login}" in text
    assert "In progress → Done" in text
    assert "Done → Open" in text  # the reopening is there, with its reason
    assert "Report to the ICO" in text
    assert "Tell the people" in text


def test_the_auditor_reads_everything_and_changes_nothing(people) -> None:
    alice = people("ig_alice", Role.IG_OFFICER)
    audrey = people("auditor_audrey", Role.AUDITOR)
    alice.register.finalise(seed_facts())
    codes = by_code(alice)
    assert len(audrey.actions()) == len(codes)
    assert audrey.my_actions() == []
    with pytest.raises(Refused, match="An auditor reads the register but changes nothing"):
        audrey.done(codes["NOTIFY_ICO"], "I did it")
    with pytest.raises(Refused, match="Only an IG officer can close"):
        audrey.close(SEED_REFERENCE)
