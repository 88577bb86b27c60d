"""The views listed on the left of the main window, as a registry other packages extend.

The register is built in. Recommendation tracking (issue 6) plugs in from its own packages: each
of ``breach_desk.gui.actions`` and ``breach_desk.gui.dashboard``, if present, defines

    def views() -> list[ViewSpec]: ...

and the main window lists what they return, in ``order``, once it has painted its first frame
(or at once when ``ensure_view(key)`` asks for one of them). A view's widget is created the
first time it is shown, or by ``MainWindow.ensure_view(key)``. If the widget has a
``count_changed(int)`` signal (``Counted``), the list shows the count ("My actions (3)"), and a
spec's ``counter`` (a ``ViewCounter``) gives that count before the view is made. A widget's
``refresh()`` (``Refreshable``) is called when it is shown, and when the register changes while
it is shown.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QWidget

    from breach_desk.gui.backend import Backend
    from breach_desk.gui.settings import UiSettings

log = logging.getLogger(__name__)

PLUGIN_PACKAGES = ("breach_desk.gui.actions", "breach_desk.gui.dashboard")


@dataclass
class ViewContext:
    """What a view gets to work with."""

    backend: Backend
    settings: UiSettings
    open_breach: Callable[[str], None]
    """Show a breach in the register view (select it, show its detail)."""


@runtime_checkable
class Refreshable(Protocol):
    """A view that reads the register again when shown, or when the register changed."""

    def refresh(self) -> None: ...


@runtime_checkable
class Counted(Protocol):
    """A view whose count is shown beside its name."""

    @property
    def count_changed(self) -> SignalInstance: ...


class ViewCounter(QObject):
    """The count beside a view's name before the view itself is made: ``refresh()`` asks for it
    (cheaply, on the worker) and ``count_changed`` brings it; ``reminded`` is a line for the
    status bar."""

    count_changed = Signal(int)
    reminded = Signal(str)

    def refresh(self) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str
    factory: Callable[[ViewContext], QWidget]
    order: int = 100
    icon: str = ""
    """A resource path such as ':/icons/register.svg'."""
    tip: str = ""
    counter: Callable[[ViewContext], ViewCounter] | None = None
    """Makes the count beside the view's name before the view itself is made."""


_REGISTERED: dict[str, ViewSpec] = {}


def register_view(spec: ViewSpec) -> None:
    _REGISTERED[spec.key] = spec


def builtin_views() -> list[ViewSpec]:
    return sorted(_REGISTERED.values(), key=lambda s: (s.order, s.title))


def plugin_views() -> list[ViewSpec]:
    """The views the plug-in packages offer. The main window asks for them once it has painted,
    so their set-up never delays the first frame."""
    specs: dict[str, ViewSpec] = {}
    for name in PLUGIN_PACKAGES:
        if importlib.util.find_spec(name) is None:
            continue
        try:
            module = importlib.import_module(name)
            provided = getattr(module, "views", None)
            for spec in provided() if callable(provided) else []:
                specs[spec.key] = spec
        except Exception:  # a broken view must not stop the register from opening
            log.exception("could not load the views of %s", name)
    return sorted(specs.values(), key=lambda s: (s.order, s.title))
