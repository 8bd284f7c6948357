"""Run slow work (PDF renders, imports) on the thread pool, answer on the main thread.

The work function runs on a pool thread and must not touch a widget or share a database
connection with the window: it receives only plain values (such as the database path) and
opens what it needs itself. Its result, or the exception it raised, comes back through a
queued signal, so the callbacks always run on the main thread.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives on the main thread; turns the worker's emission into a main-thread call.

    Signals:
        finished(object, object): (result, error) once the work is over; one is None.
    """

    finished = Signal(object, object)

    def __init__(
        self,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_done: Callable[[_Relay], None],
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_done = on_done
        # The receiver is this main-thread object, so the connection is queued.
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: object, error: object) -> None:
        try:
            if isinstance(error, BaseException):
                self._on_failure(error)
            else:
                self._on_success(result)
        finally:
            self._on_done(self)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay
        # The work sees what the window chose when it was started (the season shown).
        self._context = contextvars.copy_context()

    def run(self) -> None:
        try:
            result = self._context.run(self._work)
        except Exception as exc:  # handed to the main thread, which decides what to show
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class TaskRunner(QObject):
    """Starts work on a thread pool and keeps each task alive until it has answered.

    Signals:
        busy_changed(bool): True when the first task starts, False when the last ends.
    """

    busy_changed = Signal(bool)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool if pool is not None else QThreadPool.globalInstance()
        self._pending: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        """Whether some task has not answered yet."""
        return bool(self._pending)

    def run(
        self,
        work: Callable[[], Any],
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Run ``work()`` on the pool; call ``on_success(result)`` or ``on_failure(error)``.

        Args:
            work: called on a pool thread with no arguments; touches no widget.
            on_success: called on the main thread with what ``work`` returned.
            on_failure: called on the main thread with the exception ``work`` raised.
        """
        relay = _Relay(on_success, on_failure, self._finish)
        was_busy = self.busy
        self._pending.add(relay)
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(_Task(work, relay))

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool's threads are idle (for shutdown and tests)."""
        return self._pool.waitForDone(msecs)

    def _finish(self, relay: _Relay) -> None:
        self._pending.discard(relay)
        relay.deleteLater()
        if not self._pending:
            self.busy_changed.emit(False)
