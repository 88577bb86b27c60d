"""Wizard drafts: autosaved, private to their author, offered back after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

import pytest
from store.conftest import People

from breach_desk.services.drafts import DraftNotFound, Drafts
from breach_desk.services.register import Register

PAYLOAD: dict[str, Any] = {
    "page": "recipients",
    "facts": {"title": "Half-typed <b>title</b> & more", "subjects": {"count": None}},
    "recipients": [{"label": "Zoë's neighbour", "kind": None}],
    "notes": "not valid facts yet",
}


def test_save_list_load_and_discard(register: Register) -> None:
    drafts = Drafts(register)
    first = drafts.save(None, PAYLOAD, "Half-typed title")
    assert drafts.load(first) == PAYLOAD
    changed = PAYLOAD | {"page": "decisions"}
    assert drafts.save(first, changed, "  Half-typed   title, more  ") == first
    (info,) = drafts.list()
    assert (info.id, info.title, info.reference_being_reassessed) == (
        first,
        "Half-typed title, more",
        None,
    )
    assert info.updated_at.tzinfo is not None
    assert drafts.load(first) == changed
    drafts.discard(first)
    assert drafts.list() == []
    with pytest.raises(DraftNotFound):
        drafts.load(first)


def test_a_reassessment_draft_names_its_breach(register: Register) -> None:
    drafts = Drafts(register)
    draft = drafts.save(None, {}, "", reference="IG-2026-0007")
    (info,) = drafts.list()
    assert (info.id, info.title, info.reference_being_reassessed) == (
        draft,
        "Untitled breach",
        "IG-2026-0007",
    )


def test_an_autosave_after_a_discard_keeps_the_work(register: Register) -> None:
    drafts = Drafts(register)
    draft = drafts.save(None, PAYLOAD, "t")
    drafts.discard(draft)
    again = drafts.save(draft, PAYLOAD, "t")
    assert drafts.load(again) == PAYLOAD


def test_drafts_are_private_to_their_author(people: People) -> None:
    alice, bob = people.open("alice"), people.open("bob")
    mine = Drafts(alice).save(None, PAYLOAD, "Alice's draft")
    assert Drafts(bob).list() == []
    with pytest.raises(DraftNotFound):
        Drafts(bob).load(mine)
    Drafts(bob).discard(mine)
    assert [d.id for d in Drafts(alice).list()] == [mine]


def test_a_draft_survives_the_app_being_killed(db_url: str) -> None:
    script = (
        "import os, signal\n"
        "from breach_desk.services.register import Register\n"
        "from breach_desk.services.drafts import Drafts\n"
        f"reg = Register.open({db_url!r})\n"
        "Drafts(reg).save(None, {'typed': 'so far'}, 'Before the crash')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=os.environ.copy(), check=False)
    assert done.returncode == -signal.SIGKILL
    with Register.open(db_url) as reg:
        (info,) = Drafts(reg).list()
        assert info.title == "Before the crash"
        assert Drafts(reg).load(info.id) == {"typed": "so far"}
