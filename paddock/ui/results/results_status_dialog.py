"""Settling a car that never crossed the line: it did not start (DNS) or it retired (DNF)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError, RuleViolation
from paddock.services import results as result_service
from paddock.services.results import SessionResults
from paddock.ui.common.dialogs import message_area, ok_cancel, show_message

if TYPE_CHECKING:
    from paddock.services.database import Database

STATUS_CHOICES = {
    "dns": "D&NS – did not take the start",
    "dnf": "DN&F – took the start, retired before the first crossing",
}


class CarStatusDialog(QDialog):
    """Asks DNS or DNF, and why, for a car of the grid with no crossing of the line.

    Records it through ``services.results.set_car_status``; the reason is required. A
    refusal shows in the dialog, which stays open.

    Args:
        db: the open database.
        event: the event's number or short name.
        session: the session's code ("R1").
        session_name: the session's name ("Race 1").
        car: the car to settle.
        status: the status chosen first ("dns" or "dnf").
        official_revision: the session's official revision, or None while provisional.
    """

    def __init__(
        self,
        db: Database,
        *,
        event: str,
        session: str,
        session_name: str,
        car: str,
        status: str,
        official_revision: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._event = event
        self._session = session
        self._session_name = session_name
        self._car = car
        self._official_revision = official_revision
        self.saved: SessionResults | None = None

        self.setObjectName("carStatusDialog")
        self.setWindowTitle(f"Car {car} – {session_name}")
        self.setModal(True)
        self.setMinimumWidth(480)

        question = QLabel(f"Car {car}: did it take the start?")
        question.setObjectName("placeholderHeading")
        explain = QLabel(
            f"Car {car} is on the grid of {session_name} but never crossed the line, and "
            "nothing in the timing files says whether it started.")
        explain.setObjectName("mutedText")
        explain.setWordWrap(True)

        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[str, QRadioButton] = {}
        choices = QVBoxLayout()
        choices.setSpacing(4)
        for value, text in STATUS_CHOICES.items():
            button = QRadioButton(text)
            button.setObjectName(f"status_{value}")
            self.status_group.addButton(button)
            self.status_buttons[value] = button
            choices.addWidget(button)
        self.status_buttons.get(status, self.status_buttons["dns"]).setChecked(True)

        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("carStatusReason")
        self.reason_edit.setPlaceholderText(
            "e.g. Stopped on the formation lap (required)")
        self.reason_edit.textChanged.connect(self.check)
        self.status_group.buttonToggled.connect(self.check)

        self.messages = message_area()

        self.buttons, self.ok_button = ok_cancel(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(question)
        layout.addWidget(explain)
        layout.addLayout(choices)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.reason_edit.setFocus()
        self.check()

    def status(self) -> str:
        return next(value for value, button in self.status_buttons.items()
                    if button.isChecked())

    def check(self) -> None:
        """The reason is required; say what recording will do."""
        status = self.status().upper()
        self.ok_button.setText(f"Record {status}")
        if not self.reason_edit.text().strip():
            self.ok_button.setEnabled(False)
            show_message(self.messages, f"Still to fill in: why car {self._car} is {status}.",
                         "info")
            return
        self.ok_button.setEnabled(True)
        if self._official_revision is None:
            text = f"✓  Ready. Car {self._car} is listed {status} in {self._session_name}."
        else:
            text = (f"✓  Ready. {self._session_name} is official: recording this publishes "
                    f"revision {self._official_revision + 1} at once.")
        show_message(self.messages, text, "ok")

    def accept(self) -> None:
        """Record the status; on refusal show why and stay open."""
        try:
            self.saved = result_service.set_car_status(
                self._db, event=self._event, session=self._session, car=self._car,
                status=self.status(), reason=self.reason_edit.text())
        except RuleViolation as exc:
            show_message(self.messages, "\n".join(exc.problems), "problem")
            return
        except PaddockError as exc:
            show_message(self.messages, exc.message, "problem")
            return
        super().accept()
