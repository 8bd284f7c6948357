"""Helpers for driving modal dialogs from a test."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

_WATCHES: set[ModalWatch] = set()


class ModalWatch:
    """Waits for the next modal dialog and runs the test's part on it.

    A modal ``exec()`` blocks the test until the dialog closes, so the test's part is
    scheduled before the call that opens it. The watch gives up after ``timeout`` seconds
    or when cancelled, so it never touches a later test's dialog.
    """

    def __init__(self, act: Callable[[QWidget], None], timeout: float) -> None:
        self._act = act
        self._deadline = time.monotonic() + timeout
        self.active = True
        # Held here while polling: Qt keeps no reference to a plain Python callback's owner.
        _WATCHES.add(self)
        QTimer.singleShot(0, self._poll)

    def cancel(self) -> None:
        self.active = False

    def _poll(self) -> None:
        if not self.active or time.monotonic() > self._deadline:
            self.active = False
            _WATCHES.discard(self)
            return
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            QTimer.singleShot(10, self._poll)
            return
        self.active = False
        _WATCHES.discard(self)
        try:
            self._act(modal)
        except BaseException:
            # Close the dialog so its exec() returns and pytest-qt reports the failure.
            if isinstance(modal, QDialog):
                modal.reject()
            raise


def when_modal_opens(act: Callable[[QWidget], None], timeout: float = 10.0) -> ModalWatch:
    """Run ``act`` on the next modal dialog, once its event loop is running."""
    return ModalWatch(act, timeout)
