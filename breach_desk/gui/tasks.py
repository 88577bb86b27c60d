"""Database and PDF work on one worker thread; results back on the GUI thread.

The shape is Anki's ``taskman``: everything that touches the store runs, in order, on a single
worker (SQLite writes are serialised for free). The worker's signals reach a GUI-thread
``TaskRunner`` through bound methods (queued connections); the runner calls the caller's
callbacks and re-emits, so widgets are only ever touched on the GUI thread (pitfall P5) and
tests wait on the runner's signals, never on the worker's.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)

T = TypeVar("T")
V = TypeVar("V")
ErrorCallback = Callable[[BaseException], object]


class _Carrier(Generic[V]):
    """A call, a result or an exception crossing threads. Values are always wrapped: a bare None
    sent through a queued ``Signal(object)`` upsets PySide6's reference counting."""

    __slots__ = ("value",)

    def __init__(self, value: V) -> None:
        self.value = value


class _Worker(QObject):
    """Lives on the worker thread; runs one call at a time."""

    finished = Signal(int, object)
    failed = Signal(int, object)

    @Slot(int, object)
    def run(self, task_id: int, carrier: _Carrier[Callable[[], object]]) -> None:
        try:
            result = carrier.value()
        except BaseException as exc:
            self.failed.emit(task_id, _Carrier(exc))
        else:
            self.finished.emit(task_id, _Carrier(result))


@dataclass
class _Pending:
    # Calls of every result type wait here; ``submit`` pairs each callback with its call.
    on_done: Callable[[Any], object] | None
    on_error: ErrorCallback | None
    owner: QObject | None


class TaskRunner(QObject):
    """Submit calls to the worker; callbacks run on the GUI thread.

    ``owner``: if that object is deleted before the result arrives, the callbacks are dropped.
    """

    _submit = Signal(int, object)
    done = Signal(int, object)
    """(task id, carrier): ``carrier.value`` is the result."""
    error = Signal(int, object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        # Strong references for the life of the runner (pitfall P4).
        self._thread = QThread()
        self._thread.setObjectName("breach-desk-worker")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._thread.start()

    def submit(
        self,
        call: Callable[[], T],
        on_done: Callable[[T], object] | None = None,
        on_error: ErrorCallback | None = None,
        owner: QObject | None = None,
    ) -> int:
        task_id = next(self._ids)
        self._pending[task_id] = _Pending(on_done, on_error, owner)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._submit.emit(task_id, _Carrier(call))
        return task_id

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _take(self, task_id: int) -> _Pending | None:
        pending = self._pending.pop(task_id, None)
        if pending is not None and not self._pending:
            self.busy_changed.emit(False)
        if pending is None or (pending.owner is not None and not isValid(pending.owner)):
            return None
        return pending

    @Slot(int, object)
    def _on_finished(self, task_id: int, carrier: _Carrier[object]) -> None:
        result = carrier.value
        pending = self._take(task_id)
        if pending is not None and pending.on_done is not None:
            pending.on_done(result)
        self.done.emit(task_id, carrier)

    @Slot(int, object)
    def _on_failed(self, task_id: int, carrier: _Carrier[BaseException]) -> None:
        exc = carrier.value
        pending = self._take(task_id)
        if pending is not None and pending.on_error is not None:
            pending.on_error(exc)
        else:
            log.error("background task failed", exc_info=exc)
        self.error.emit(task_id, carrier)

    def shutdown(self) -> None:
        """Finish every call already queued (the last draft save), then stop the thread.

        ``QThread.quit()`` alone would drop queued calls, so the quit is queued behind them."""
        if self._thread.isRunning():
            self._submit.emit(0, _Carrier(self._thread.quit))
            self._thread.wait()
