"""One clock of record: every time the register stores is the real time; ``BREACH_DESK_NOW``
moves only "today" (the day due dates count from, the year of a new reference)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from builders import facts_dict

from breach_desk.domain.clock import LONDON
from breach_desk.facts_io import facts_from_dict
from breach_desk.method.note import decision_note
from breach_desk.services.register import Register

FAR = "2031-01-01T09:00:00+00:00"
SKEW = timedelta(seconds=5)


def _real(moment: datetime, started: datetime) -> None:
    assert started - SKEW <= moment <= datetime.now(UTC) + SKEW, moment


def test_decided_and_every_stamp_are_real_under_a_far_clock(
    register: Register, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BREACH_DESK_NOW", FAR)
    started = datetime.now(UTC)
    facts = facts_from_dict(facts_dict(aware_at="2026-11-01T09:00:00"))
    breach = register.finalise(facts)
    assert breach.reference.startswith("IG-2031-")  # "today" names the year
    reassessed = register.reassess(breach.reference, breach.facts, "New facts arrived")
    path = tmp_path / "more.json"
    path.write_text(json.dumps(facts_dict(title="Imported", aware_at="2026-10-01T09:00:00")))
    (imported_ref,) = register.import_facts([facts_from_dict(json.loads(path.read_text()))])
    imported = register.get(imported_ref)
    for b in (reassessed, imported):
        _real(b.created_at, started)
        _real(b.updated_at, started)
        for version in b.versions:
            _real(version.created_at, started)
            _real(version.assessment.decided_at, started)
            # the note says when it was really assessed, not the far date
            assert "2031" not in decision_note(version.assessment).splitlines()[2]
        for r in b.recommendations:
            for change in r.history:
                _real(change.at, started)
        for entry in register.history(b.reference):
            _real(entry.at, started)
    # due dates count from "today" as the clock shows it: LESSONS_LEARNED is due in 28 days
    lessons = next(r for r in reassessed.recommendations if r.code == "LESSONS_LEARNED")
    far_day = datetime.fromisoformat(FAR).astimezone(LONDON).date()
    assert lessons.due_date == far_day + timedelta(days=28)
    assert lessons.due_date > date(2030, 12, 31)
