"""The "Session facts…" dialog: a session's start, length and conditions, as documents print.

The official types the start in the event's local time (the zone is shown), the length
as minutes or laps ("45m", "20L"), the conditions and the temperatures; an empty field
forgets that fact. The dialog only collects the input and calls
`paddock.services.sessions.set_session_facts`; a refusal shows in the dialog, which stays
open, and nothing is changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError, RuleViolation
from paddock.services.sessions import SessionFacts, session_facts, set_session_facts
from paddock.ui.common.dialogs import message_area, show_message

if TYPE_CHECKING:
    from paddock.services.database import Database

#: The conditions as the combo box offers them ("" = not said).
CONDITION_CHOICES = (("Not said", ""), ("Dry", "dry"), ("Wet", "wet"), ("Mixed", "mixed"))


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class SessionFactsDialog(QDialog):
    """Edits one session's facts through the sessions service.

    Args:
        db: the open database.
        event: the event's number or short name.
        session: the session's code ("R1").

    Attributes:
        saved: the facts as stored after OK, None until then.
    """

    def __init__(self, db: Database, *, event: str, session: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._event = event
        self._session = session
        self.saved: SessionFacts | None = None
        facts = session_facts(db, event=event, session=session)
        self._facts = facts

        self.setObjectName("sessionFactsDialog")
        self.setWindowTitle(f"Session facts – {facts.name}")
        self.setModal(True)
        self.setMinimumWidth(420)

        heading = QLabel(f"{facts.name} ({facts.code})")
        heading.setObjectName("placeholderHeading")
        explain = QLabel("Printed in the title block of the session's documents. Times are "
                         f"the event's local time ({facts.time_zone}). An empty field "
                         "forgets that fact.")
        explain.setObjectName("mutedText")
        explain.setWordWrap(True)

        local = facts.local_start
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("factsDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        if local is not None:
            self.date_edit.setDate(QDate(local.year, local.month, local.day))
        else:
            self.date_edit.setDate(QDate.currentDate())
        self.start_edit = QLineEdit(f"{local:%H:%M}" if local else "")
        self.start_edit.setObjectName("factsStart")
        self.start_edit.setPlaceholderText("HH:MM, e.g. 14:05")
        self.length_edit = QLineEdit(facts.length_spec)
        self.length_edit.setObjectName("factsLength")
        self.length_edit.setPlaceholderText("45m (minutes) or 20L (laps)")
        self.conditions_combo = QComboBox()
        self.conditions_combo.setObjectName("factsConditions")
        for label, value in CONDITION_CHOICES:
            self.conditions_combo.addItem(label, value)
        self.conditions_combo.setCurrentIndex(
            max(0, self.conditions_combo.findData(facts.conditions)))
        self.air_edit = QLineEdit(_number(facts.air_c))
        self.air_edit.setObjectName("factsAir")
        self.air_edit.setPlaceholderText("°C")
        self.track_edit = QLineEdit(_number(facts.track_c))
        self.track_edit.setObjectName("factsTrack")
        self.track_edit.setPlaceholderText("°C")

        form = QFormLayout()
        form.addRow("Date", self.date_edit)
        form.addRow("Scheduled start", self.start_edit)
        form.addRow("Length", self.length_edit)
        form.addRow("Conditions", self.conditions_combo)
        form.addRow("Air temperature", self.air_edit)
        form.addRow("Track temperature", self.track_edit)

        self.messages = message_area()
        self.messages.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save")
        self.ok_button.setProperty("primary", "true")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)

    def _temperature(self, edit: QLineEdit, what: str, problems: list[str]) -> float | None:
        text = edit.text().strip().replace(",", ".").removesuffix("°C").strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            problems.append(f"{what} temperature '{edit.text()}': a number of °C, e.g. 24")
            return None

    def accept(self) -> None:
        """Save through the service; on refusal show why and stay open."""
        problems: list[str] = []
        clear = []
        start = self.start_edit.text().strip()
        length = self.length_edit.text().strip()
        conditions = str(self.conditions_combo.currentData() or "")
        air = self._temperature(self.air_edit, "Air", problems)
        track = self._temperature(self.track_edit, "Track", problems)
        if problems:
            self._show("\n".join(problems))
            return
        if not start:
            clear.append("start")
        if not length:
            clear.append("length")
        if not conditions:
            clear.append("conditions")
        if air is None:
            clear.append("air")
        if track is None:
            clear.append("track")
        chosen = self.date_edit.date()
        try:
            self.saved = set_session_facts(
                self._db, event=self._event, session=self._session, start=start or None,
                day=chosen.toPython() if start else None,  # type: ignore[arg-type]
                length=length or None, conditions=conditions or None, air=air, track=track,
                clear=clear)
        except RuleViolation as exc:
            self._show("\n".join(exc.problems))
            return
        except PaddockError as exc:
            self._show(exc.message)
            return
        super().accept()

    def _show(self, text: str) -> None:
        show_message(self.messages, text, "problem")
        self.messages.show()
