"""Wizard drafts: autosaved on every change, offered back after a crash.

A draft is whatever the wizard holds (it need not be valid facts yet). Each person sees only
their own drafts, on a team database too.
"""

from __future__ import annotations

from typing import Any

from breach_desk.domain.register import DraftInfo
from breach_desk.services.register import Register
from breach_desk.store import drafts
from breach_desk.store.drafts import DraftNotFound

__all__ = ["DraftInfo", "DraftNotFound", "Drafts"]


class Drafts:
    def __init__(self, register: Register) -> None:
        self.register = register

    def save(
        self,
        draft_id: int | None,
        payload: dict[str, Any],
        title: str,
        *,
        reference: str | None = None,
    ) -> int:
        """Create (``draft_id`` None) or replace a draft; returns its id. ``reference`` names
        the breach being reassessed, when it is a reassessment. Saving a draft that was
        discarded meanwhile creates a new one: an autosave never loses the work."""
        with self.register.store.unit(write=True) as uow:
            return drafts.save(uow, draft_id, payload, title, reference)

    def list(self) -> list[DraftInfo]:
        """The current user's drafts, most recently changed first."""
        with self.register.store.unit() as uow:
            return drafts.listing(uow)

    def load(self, draft_id: int) -> dict[str, Any]:
        """The payload as saved. Raises DraftNotFound."""
        with self.register.store.unit() as uow:
            return drafts.load(uow, draft_id)

    def discard(self, draft_id: int) -> None:
        """Forget a draft (after finalising, or when the officer throws it away)."""
        with self.register.store.unit(write=True) as uow:
            drafts.discard(uow, draft_id)
