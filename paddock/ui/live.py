"""Live desks: the window reloads when another desk changed the database.

`LiveRefresh` asks the services' change watcher twice a second, on a thread of its own:
the question goes over the network to a server, which may have gone away (a check then
takes up to ~2 s to fail), and the window must never wait for it. The answer comes back
to the window's thread. A change is passed on as `changed` only when the desk is idle:
not while a modal dialog is open, not while the official is typing (a key pressed in the
last `TYPING_IDLE_MS`); it waits, and goes out once they stop. A database that cannot be
reached is reported at once (`lost`), asked again every `RETRY_MS`, and reported back
(`back`, then `changed`) when it answers.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from time import monotonic
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication

from paddock.errors import DatabaseError

if TYPE_CHECKING:
    from paddock.services.database import Database
    from paddock.services.live import ChangeWatcher

#: How often the watcher is asked.
POLL_MS = 500
#: How often an unreachable database is tried again.
RETRY_MS = 2000
#: A key pressed this recently means the official is typing: the reload waits.
TYPING_IDLE_MS = 1500


class LiveRefresh(QObject):
    """Watches one database for other desks' changes.

    Args:
        db: the open database.
        watcher: what answers "changed?" (default: the services' watcher of ``db``).

    Signals:
        changed(): another desk changed the database and the desk is idle: reload.
        lost(str): the database cannot be reached (the one-line reason).
        back(): it can be reached again.
    """

    changed = Signal()
    lost = Signal(str)
    back = Signal()
    #: A write failed (emitted on the writing thread, delivered on this object's).
    _write_failed = Signal()

    def __init__(self, db: Database, *, watcher: ChangeWatcher | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        if watcher is None:
            from paddock.services.live import watch_changes

            watcher = watch_changes(db)
        self._watcher = watcher
        self._db = db
        # One thread, so the watcher's connection is used by one check at a time and
        # closed after the last. Both are children: deleted with this object, the pool
        # first waits for a check still running, whose answer then goes nowhere.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._answer = _Answer(self)
        self._answer.done.connect(self._answered)
        self._checking = False
        self._again = False
        self._stopped = False
        # The first answer comes from a connection made on the checks' thread while the
        # pages were loading: what another desk committed in between is unknown, so it
        # counts as a change (one reload more than needed, never one less).
        self._first = True
        # A write that fails (on any thread) makes the watcher look at once: a server
        # that went away is then said now, not at the next poll.
        self._write_failed.connect(self.poll)
        self._listener = lambda _exc: self._write_failed.emit()
        db.failure_listeners.append(self._listener)
        self._pending = False
        self._unreachable: str | None = None
        self._last_key = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def unreachable(self) -> str | None:
        """Why the database cannot be reached, or None when it can."""
        return self._unreachable

    @property
    def checking(self) -> bool:
        """Whether a question to the watcher has not been answered yet."""
        return self._checking

    def start(self) -> None:
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self.timer.stop()
        if self._listener in self._db.failure_listeners:
            self._db.failure_listeners.remove(self._listener)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        # Closed on the checks' thread, after a check still running there.
        self._pool.start(_Job(self._watcher.close, None))

    def report_failure(self, message: str) -> None:
        """A write found the database unreachable: say so now and retry from here."""
        if self._unreachable is None:
            self._unreachable = message
            self.timer.setInterval(RETRY_MS)
            self.lost.emit(message)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            self._last_key = monotonic()
        return False

    def busy(self) -> bool:
        """Whether a reload now would disturb the official (a dialog, typing)."""
        if QApplication.activeModalWidget() is not None:
            return True
        return (monotonic() - self._last_key) * 1000 < TYPING_IDLE_MS

    def poll(self) -> None:
        """Ask the watcher, on the checks' thread; the answer comes back to this one.

        Returns at once. A question still unanswered (a server slow to fail) is not asked
        again meanwhile.
        """
        if self._stopped:
            return
        if self._checking:
            # Asked again while a check is out (a write just failed): the answer in flight
            # may predate it, so one more check follows it.
            self._again = True
            return
        self._checking = True
        self._pool.start(_Job(self._watcher.changed, self._answer))

    def _answered(self, changed: object, error: object) -> None:
        """The watcher's answer, back on this thread: pass a change on when the desk is
        idle; say at once that the database cannot be reached."""
        self._checking = False
        if self._stopped:
            return
        if self._again:
            self._again = False
            self.poll()
        if isinstance(error, DatabaseError):
            self.report_failure(error.message)
            return
        if isinstance(error, BaseException):
            raise error  # a bug: shown as one, on the window's thread
        if changed or self._first:
            self._pending = True
        self._first = False
        if self._unreachable is not None:
            self._unreachable = None
            self.timer.setInterval(POLL_MS)
            self._pending = True
            self.back.emit()
        if self._pending and not self.busy():
            self._pending = False
            self.changed.emit()


class _Answer(QObject):
    """Carries a check's answer to the window's thread.

    Signals:
        done(object, object): (the watcher's answer, None) or (None, what it raised).
    """

    done = Signal(object, object)


class _Job(QRunnable):
    """Calls ``work`` on the pool's thread; sends what came of it through ``answer``."""

    def __init__(self, work: Callable[[], object], answer: _Answer | None) -> None:
        super().__init__()
        self._work = work
        self._answer = answer

    def run(self) -> None:
        result: object = None
        error: BaseException | None = None
        try:
            result = self._work()
        except Exception as exc:  # handed to the window's thread, which decides
            error = exc
        if self._answer is not None:
            with suppress(RuntimeError):  # the window was closed meanwhile
                self._answer.done.emit(result, error)
