"""The window's assessment report and evidence pack carry the audit chain's position at the
foot of every page, as the command line's do (``store/witness``)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import text
from tracking_people import SEED_REFERENCE, seed_facts

from breach_desk.domain.clock import now
from breach_desk.domain.register import Role
from breach_desk.reports.document import ReportSettings


def test_the_windows_reports_print_the_audit_position(people) -> None:
    from breach_desk.gui.printing import render_assessment_pdf

    alice = people("ig_alice", Role.IG_OFFICER)
    breach = alice.register.finalise(seed_facts())
    position = alice.register.audit_position()
    assert position is not None
    seq, digest = position
    with alice.store.engine.connect() as conn:
        assert conn.execute(text("SELECT seq, hash FROM audit_head")).one() == (seq, digest)
    footer = f"audit #{seq:,} · {digest[:12]}…"
    for pdf in (
        render_assessment_pdf(breach, "Anytown Council", register=alice.register),
        alice.evidence_pack(
            SEED_REFERENCE, ReportSettings(organisation="Anytown Council", generated_at=now())
        ),
    ):
        pages = PdfReader(io.BytesIO(pdf)).pages
        assert all(footer in page.extract_text() for page in pages)
