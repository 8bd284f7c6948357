"""Helpers for driving modal dialogs from a test."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def when_modal_opens(act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the next modal dialog, once its event loop is running.

    A modal ``exec()`` blocks the test until the dialog closes, so the test's part is
    scheduled before the call that opens it.
    """
    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            QTimer.singleShot(10, poll)
            return
        try:
            act(modal)
        except BaseException:
            # Close the dialog so its exec() returns and pytest-qt reports the failure.
            if isinstance(modal, QDialog):
                modal.reject()
            raise

    QTimer.singleShot(0, poll)
