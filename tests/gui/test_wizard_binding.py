"""Every fact the wizard asks is written into its widget and read back from it: any Facts the
wizard can hold, put on the pages and read again from the widgets alone, are the same Facts."""

from __future__ import annotations

import dataclasses
from typing import Any

from facts_strategies import LATER, any_facts
from hypothesis import HealthCheck, given, settings
from PySide6.QtWidgets import QApplication

from breach_desk.domain.facts import Facts
from breach_desk.gui.wizard.state import FormState


def open_wizard(qtbot: Any, desk: Any) -> Any:
    desk.window.commands.actions["new"].trigger()
    wizard = desk.window.commands.wizard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return wizard


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(facts=any_facts(wizard=True))
def test_the_pages_give_back_what_they_were_given(qtbot: Any, desk: Any, facts: Facts) -> None:
    wizard = getattr(desk, "_binding_wizard", None) or open_wizard(qtbot, desk)
    desk._binding_wizard = wizard
    # Not asked by the wizard: the register links earlier breaches.
    facts = dataclasses.replace(facts, previous_related_breaches=())
    given_state = FormState.from_facts(facts)
    for page in wizard.pages:
        page.write(given_state)
    read = FormState()  # nothing carried over: only what the widgets hold
    for page in wizard.pages:
        page.read(read)
    assert read.to_facts(at=LATER) == facts
