"""What the window's commands may ask of the window, and nothing more.

The commands (menus, toolbar, keys, the notification dialogs) act on the breach in view and
report back; they never reach into the window's widgets. ``MainWindow`` is one ``Desk``; a test
may be another. Which breach is "in view" is the window's to say: the register's selection while
the register is on screen, nothing while a view of many breaches is (the commands are then
disabled, and say why).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from breach_desk.domain.register import Breach
    from breach_desk.gui.backend import Backend
    from breach_desk.gui.settings import UiSettings
    from breach_desk.gui.views import ViewSpec


class Desk(Protocol):
    backend: Backend
    settings: UiSettings
    specs: list[ViewSpec]

    def parent_widget(self) -> QWidget:
        """The widget dialogs open over."""
        ...

    def breach_in_view(self) -> Breach | None:
        """The one breach the officer is looking at, or None."""
        ...

    def why_no_breach(self) -> str:
        """Why no breach is in view, in words, for a disabled command's tip."""
        ...

    def say(self, text: str, timeout: int = 0) -> None:
        """A passing message in the status bar ('' clears it)."""
        ...

    def refresh(self) -> None:
        """The register changed: read again what is on screen, and the counts."""
        ...

    def open_breach(self, reference: str) -> None:
        """Show that breach in the register, selected."""
        ...

    def show_view(self, key: str) -> None: ...

    def offer_new(self, enabled: bool, why_not: str) -> None:
        """Whether the empty register's 'New assessment' button may be used."""
        ...
