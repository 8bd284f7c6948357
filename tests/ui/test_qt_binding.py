"""The Qt binding must not leak references to None or True: the app runs all weekend."""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

CALLS = 2_000


class _Sender(QObject):
    value = Signal(object)


def test_calls_returning_none_keep_none_alive(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on Python 3.11 lost one reference per call and aborted the process."""
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(CALLS):
        label.setText(str(i))
    # A few references may come and go with the interpreter's own work; thousands may not.
    assert sys.getrefcount(None) - before > -CALLS // 2


def test_signals_keep_none_and_true_alive(qtbot: QtBot) -> None:
    sender = _Sender()
    received: list[object] = []
    sender.value.connect(received.append)
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(CALLS):
        sender.value.emit(i)
    assert len(received) == CALLS
    assert sys.getrefcount(None) - before_none > -CALLS // 2
    assert sys.getrefcount(True) - before_true > -CALLS // 2
