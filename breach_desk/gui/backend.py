"""The GUI's only door to the register: service calls run on the worker, answers come back here.

The register, drafts and tracking services are created on the worker thread and only ever used
there; the GUI holds a plain ``RegisterInfo`` for the status bar. ``call(fn)`` runs
``fn(services)`` on the worker and hands the result to a callback on the GUI thread. The GUI
never imports SQLAlchemy: the services' types are named here for the type checker only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from breach_desk.gui.tasks import ErrorCallback, TaskRunner

if TYPE_CHECKING:
    from breach_desk.domain.register import DraftInfo
    from breach_desk.services.drafts import Drafts
    from breach_desk.services.register import Register
    from breach_desk.services.tracking import Tracking

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RegisterInfo:
    url: str
    engine_name: str
    location: str
    user: str
    """The login."""
    role: str = ""
    """The role's key ('ig_officer', 'service_manager', 'auditor'; '' for none)."""
    role_label: str = ""
    """The role in words ('IG officer')."""
    services: tuple[str, ...] = ()
    """A service manager's services."""
    enforced: bool = False
    """The database itself limits what the role may see and change (PostgreSQL roles)."""
    who: str = ""
    """'jsmith (IG officer)', 'sm (Service manager: Children's Services)' (identity.describe)."""
    identity_problem: str = ""
    """Why the role could not be read (then the user may only read)."""
    demo: bool = False
    may_assess: bool = True
    """Only an IG officer records, assesses and reassesses breaches (services/identity.py)."""

    @property
    def engine_label(self) -> str:
        return "PostgreSQL" if "postgres" in self.engine_name.lower() else "SQLite"

    @property
    def scope(self) -> tuple[str, ...] | None:
        """The services whose breaches this user may see, when the window must limit it (a
        service manager on SQLite); None: everything the database returns."""
        if self.role == "service_manager" and not self.enforced:
            return self.services
        return None


@dataclass
class Services:
    """Lives on the worker thread."""

    register: Register
    drafts: Drafts
    tracking: Tracking
    """Recommendation tracking on this register, for the person using it."""
    info: RegisterInfo


def describe_error(exc: BaseException) -> str:
    """An exception from the services, in words for a person."""
    from breach_desk.domain.errors import ConflictError, NotFound

    text = str(exc).strip()
    if isinstance(exc, ConflictError):
        return (
            "Someone else changed this breach after you opened it; nothing was overwritten. "
            f"Reopen it and reassess from the latest version. ({text})"
        )
    if isinstance(exc, NotFound):
        return (text[:1].upper() + text[1:] + ".") if text else "Not found in the register."
    return text or type(exc).__name__


def with_identity(info: RegisterInfo, register: Register) -> RegisterInfo:
    """``info`` with who the user is to this register (services/identity.py)."""
    from breach_desk.services.identity import IdentityError

    try:
        who = register.identity
    except IdentityError as exc:  # a broken role setting: the register opens, read only
        login = register.user
        return replace(
            info,
            user=login,
            who=f"{login} (role unknown)",
            identity_problem=str(exc),
            may_assess=False,
        )
    return replace(
        info,
        user=who.login,
        role=who.role,
        role_label=who.role_label,
        services=tuple(who.services),
        enforced=who.enforced,
        who=who.describe(),
        may_assess=who.may_assess,
    )


def _open_services(url: str | None, demo: bool) -> Services:
    from breach_desk.services.drafts import Drafts
    from breach_desk.services.register import Register
    from breach_desk.services.tracking import Tracking

    register = Register.open(url)
    if demo:
        from breach_desk.gui.demo import seed_demo

        seed_demo(register)
    info = RegisterInfo(
        url=register.url,
        engine_name=register.engine_name,
        location=register.display_location,
        user=register.user,
        demo=demo,
    )
    return Services(register, Drafts(register), Tracking(register), with_identity(info, register))


class Backend(QObject):
    opened = Signal(object)
    """RegisterInfo, once the register is open on the worker."""
    open_failed = Signal(str)
    changed = Signal()
    """The register's content changed (a breach finalised, imported): views refresh."""
    drafts_changed = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.info: RegisterInfo | None = None
        self._services: Services | None = None

    @property
    def is_open(self) -> bool:
        return self.info is not None

    def open(self, url: str | None = None, *, demo: bool = False) -> None:
        self.info = None
        self.runner.submit(
            lambda: self._install(url, demo), on_done=self._on_opened, on_error=self._on_open_failed
        )

    def _install(self, url: str | None, demo: bool) -> Services:
        # On the worker: later calls, queued behind this one, see the new register at once.
        self._services = None
        services = _open_services(url, demo)
        self._services = services
        return services

    def _on_opened(self, services: Services) -> None:
        self.info = services.info
        self.opened.emit(services.info)
        self.refresh_drafts()

    def _on_open_failed(self, exc: BaseException) -> None:
        self.open_failed.emit(describe_error(exc))

    def call(
        self,
        fn: Callable[[Services], T],
        on_done: Callable[[T], object] | None = None,
        on_error: ErrorCallback | None = None,
        owner: QObject | None = None,
    ) -> int:
        """Run ``fn(services)`` on the worker, after the register has opened."""

        def run() -> T:
            services = self._services
            if services is None:
                raise RuntimeError("The register is not open yet.")
            return fn(services)

        return self.runner.submit(run, on_done=on_done, on_error=on_error, owner=owner)

    def close(self) -> None:
        """On quit: close the register on the worker, after what is queued (a SQLite file is
        checkpointed, so the one file holds the whole register)."""
        if self._services is not None:
            self.call(lambda s: s.register.close())

    # drafts -----------------------------------------------------------------------------------

    def refresh_drafts(self) -> None:
        self.call(lambda s: s.drafts.list(), on_done=self._on_drafts)

    def _on_drafts(self, drafts: list[DraftInfo]) -> None:
        self.drafts_changed.emit(len(drafts))

    def notify_changed(self) -> None:
        self.changed.emit()
        self.refresh_drafts()
