"""A second IG officer's approval to close shows wherever closing shows, on both engines: the
evidence pack (read back from the PDF), ``breach-desk show`` in words and as JSON; an approval a
later rejection made void says so. A service manager reads it too, on their own breach."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from tracking_people import CHILDRENS, SEED_REFERENCE, PgPeople, SqlitePeople, pg_url, seed_facts

from breach_desk.domain.clock import now
from breach_desk.domain.description import moment
from breach_desk.domain.register import Breach, Role
from breach_desk.reports.document import ReportSettings

ROOT = Path(__file__).resolve().parents[2]
TOOLS = next(
    (p / "tools" for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
    ROOT.parent / "shared" / "tools",
)
FIRST = "The family's own safety plan covers what the rejected one would have done"
SECOND = "Seen the second rejection too: still covered"


def _text_of(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join((p.extract_text() or "").split()) for p in pages)


def _closed_after_a_void_approval(people):  # type: ignore[no-untyped-def]
    """Alice rejects one recommendation; Dave approves closing; Alice rejects it again (the
    approval is void); Dave approves again; Alice closes."""
    alice = people("ig_alice", Role.IG_OFFICER)
    carol = people("ig_carol", Role.IG_OFFICER)
    dave = people("ig_dave", Role.IG_OFFICER)
    sam = people("sm_sam", Role.SERVICE_MANAGER, CHILDRENS)
    alice.register.finalise(seed_facts())
    first, *rest = [i.recommendation.id for i in alice.actions(reference=SEED_REFERENCE)]
    alice.reject(first, "Not needed: covered by the safeguarding plan")
    for rid in rest:
        carol.done(rid, "Done")
        alice.verify(rid)
    dave.approve_close(SEED_REFERENCE, FIRST)
    alice.reopen(first, "Looked again")
    alice.reject(first, "Still not needed")
    dave.approve_close(SEED_REFERENCE, SECOND)
    alice.close(SEED_REFERENCE, "Closed with Dave's approval")
    return alice, dave, sam


def test_the_breach_read_carries_the_approvals_and_which_is_void(people) -> None:  # type: ignore[no-untyped-def]
    alice, dave, sam = _closed_after_a_void_approval(people)
    for reader in (alice, sam):  # the service manager reads it through their own services
        breach: Breach = reader.register.get(SEED_REFERENCE)
        old, new = breach.close_approvals
        assert (old.reason, new.reason) == (FIRST, SECOND)
        assert old.by == new.by == dave.user.login
        assert old.void
        assert not new.void
        assert old.at < old.void_since < new.at <= breach.closed_at  # type: ignore[operator]


def test_the_evidence_pack_names_the_approver_the_moment_and_the_reason(
    people, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    alice, dave, _sam = _closed_after_a_void_approval(people)
    breach = alice.register.get(SEED_REFERENCE)
    old, new = breach.close_approvals
    settings = ReportSettings(organisation="Anytown Council", generated_at=now())
    pdf = alice.evidence_pack(SEED_REFERENCE, settings)
    text = _text_of(pdf)
    who = dave.user.login
    chronology = text[text.index("Chronology") : text.index("The facts")]
    for ap in (old, new):
        assert moment(ap.at) in chronology
        assert ap.reason in chronology
    assert chronology.count("Closing approved by a second IG officer") == 2
    # A long login wraps in the narrow Who column: read it with the spaces taken out.
    assert chronology.replace(" ", "").count(f"{who}ClosingapprovedbyasecondIGofficer") == 2
    assert f"Void: a recommendation was rejected after it, on {moment(old.void_since)}" in (
        chronology
    )
    assert chronology.count("Void:") == 1  # the second approval stands
    # In time order: the first approval, then the second, then the closing.
    at = [chronology.index(s) for s in (FIRST, SECOND, "Breach closed")]
    assert at == sorted(at)
    # The status line says who closed it and on whose approval.
    assert (
        f"closed by {alice.user.login} on {moment(breach.closed_at)}, with the approval of {who}"
        in text
    )
    if not (TOOLS / "pdf-check").exists() or shutil.which("pdftotext") is None:
        pytest.fail(f"needs {TOOLS / 'pdf-check'} and pdftotext")
    path = tmp_path / "evidence.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [sys.executable, str(TOOLS / "pdf-check"), "--headings", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _show(people, login: str, *args: str) -> str:  # type: ignore[no-untyped-def]
    if isinstance(people, PgPeople):
        env = {"BREACH_DESK_DB": pg_url(people.schema, people.login(login))}
    else:
        assert isinstance(people, SqlitePeople)
        env = {"BREACH_DESK_DB": people.url, **people.env(login)}
    done = subprocess.run(
        [sys.executable, "-m", "breach_desk", "show", SEED_REFERENCE, *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_show_says_in_words_who_approved_closing_when_and_why(people) -> None:  # type: ignore[no-untyped-def]
    alice, dave, _sam = _closed_after_a_void_approval(people)
    breach = alice.register.get(SEED_REFERENCE)
    old, new = breach.close_approvals
    who = dave.user.login
    shown = _show(people, "sm_sam")  # a service manager's read of their own service's breach
    assert (
        f"Closed by {alice.user.login} on {moment(breach.closed_at)}, with the approval of {who}"
        in shown
    )
    assert (
        f"Closing approved by a second IG officer, {who}, on {moment(old.at)}. Void: a "
        f"recommendation was rejected after it, on {moment(old.void_since)}" in shown
    )
    assert f"Closing approved by a second IG officer, {who}, on {moment(new.at)}\n" in shown
    assert f"reason: {FIRST}" in shown
    assert f"reason: {SECOND}" in shown

    data = json.loads(_show(people, "ig_alice", "--json"))
    approvals = data["close_approvals"]
    assert [a["reason"] for a in approvals] == [FIRST, SECOND]
    assert [a["approved_by"] for a in approvals] == [who, who]
    assert [a["void"] for a in approvals] == [True, False]
    assert approvals[0]["void_since"] is not None
    assert approvals[1]["void_since"] is None
