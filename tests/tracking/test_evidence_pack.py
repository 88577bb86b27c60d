"""The evidence pack prints what people typed exactly as typed, and every version with its
reason; built from a stored breach on SQLite, read back with pypdf."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader
from tracking_people import CHILDRENS, SEED_REFERENCE, seed_facts

from breach_desk.domain.clock import now
from breach_desk.domain.register import Role
from breach_desk.reports.document import ReportSettings


def text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


def test_user_text_prints_as_typed_and_reassessment_is_in_the_chronology(
    sqlite_people, frozen
) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    bob = sqlite_people("sm_childrens", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    codes = {r.code: r.id for r in alice.breach(SEED_REFERENCE).recommendations}
    tricky = "Sent via S&P <b>secure</b> mail; a <b — see file"
    bob.done(codes["APOLOGISE"], tricky, [("apology <draft>.txt", b"Dear Mr B")])

    frozen("2021-03-20T10:00:00+00:00")
    facts = replace(alice.breach(SEED_REFERENCE).facts, occurrences=4)
    alice.register.reassess(SEED_REFERENCE, facts, "Mr B reported a fourth disclosure")
    settings = ReportSettings(organisation="Anytown Council", generated_at=now())
    text = text_of(alice.evidence_pack(SEED_REFERENCE, settings))
    assert tricky in text
    assert "apology <draft>.txt" in text
    assert "Assessment version 2" in text
    assert "Mr B reported a fourth disclosure" in text
    assert "How many times it happened: 3 → 4" in text
    assert (
        "Recommendations made: Safety plan for the person; Confirm deletion by the recipients;"
        in text
    )  # one line, by name
    chronology = text[text.index("Chronology") : text.index("The facts")]
    order = [chronology.index(s) for s in ("Assessment version 1:", tricky, "version 2:")]
    assert order == sorted(order)


def test_the_reasons_for_a_late_ico_report_are_in_the_pack(sqlite_people, frozen) -> None:
    alice = sqlite_people("ig_alice", Role.IG_OFFICER)
    why = "Confirmed as a breach only on 24 March <after> the S&P review"
    alice.register.finalise(seed_facts(), ico_delay_reason=why)
    settings = ReportSettings(organisation="Anytown Council", generated_at=now())
    text = text_of(alice.evidence_pack(SEED_REFERENCE, settings))
    assert f"Reasons for the late report {why}" in text
