"""What the desks' dialogs share: the message area and the OK / Cancel row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton

from paddock.ui.common.theme import set_style_property


def message_area() -> QLabel:
    """The message area dialogs and the page share: info, problem or ok (``#checkMessages``)."""
    label = QLabel()
    label.setObjectName("checkMessages")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def show_message(label: QLabel, text: str, state: str) -> None:
    """Show ``text`` in a message area in ``state`` ("info", "warn", "problem" or "ok")."""
    label.setText(text)
    set_style_property(label, "state", state)


def ok_cancel(dialog: QDialog, ok_text: str = "", *, primary: bool = True,
              ) -> tuple[QDialogButtonBox, QPushButton]:
    """The OK / Cancel row of a dialog, wired to its accept and reject.

    Return:
        The button box and its OK button (named ``ok_text``; the primary look unless told).
    """
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok_button is not None  # asked for above
    if ok_text:
        ok_button.setText(ok_text)
    if primary:
        ok_button.setProperty("primary", "true")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button
