"""The typed-result dialog: one car's line typed by hand, for a session without time cards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError, RuleViolation
from paddock.rules.classification import Status
from paddock.rules.laptime import format_laptime, format_racetime, parse_time
from paddock.services import results as result_service
from paddock.services.results import ResultRowView, SessionResults, TypedResult
from paddock.ui.common.dialogs import message_area, show_message
from paddock.ui.common.theme import set_style_property
from paddock.ui.results.results_cars import CarChoice

if TYPE_CHECKING:
    from paddock.services.database import Database

#: The status choices: "" lets the service decide (classified, or DNS without a lap).
STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    ("From the laps (classified; DNS with none)", ""),
    ("Classified", Status.CLASSIFIED.value),
    ("Not classified (NC)", Status.NOT_CLASSIFIED.value),
    ("Did not finish (DNF)", Status.DNF.value),
    ("Did not start (DNS)", Status.DNS.value),
    ("Disqualified (DSQ)", Status.DSQ.value),
)


class TypedResultDialog(QDialog):
    """Adds, corrects or deletes one car's typed result line.

    Choosing a car that already has a line fills the form with it (a correction) and
    offers to delete it. Times are typed as the timekeepers write them ("45:10.100",
    "2:12.300") and checked as they are typed. On an official session a reason is
    required: the change publishes the next revision.

    Args:
        db: the open database.
        event: the event's number or short name.
        session: the session's code ("R1").
        session_name: the session's name ("Race 1").
        race: whether the session is a race (a total time is asked for).
        cars: the cars entered at the event.
        lines: the cars' current lines, by car number.
        official_revision: the session's official revision, or None while provisional.
        car: the car to preselect.
    """

    def __init__(
        self,
        db: Database,
        *,
        event: str,
        session: str,
        session_name: str,
        race: bool,
        cars: Sequence[CarChoice],
        lines: Mapping[str, ResultRowView],
        official_revision: int | None = None,
        car: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._event = event
        self._session = session
        self._session_name = session_name
        self._race = race
        self._lines = dict(lines)
        self._official_revision = official_revision
        self.saved: SessionResults | None = None
        self.deleted = False
        self.problems: list[str] = []
        self._filled_from: str | None = None  # the car whose line fills the form

        self.setObjectName("typedResultDialog")
        self.setWindowTitle(f"Typed result – {session_name}")
        self.setModal(True)
        self.setMinimumWidth(500)

        self.car_combo = QComboBox()
        self.car_combo.setObjectName("typedCar")
        for choice in cars:
            self.car_combo.addItem(choice.label, choice.number)
        self.car_combo.setPlaceholderText("Choose the car")
        self.mode_label = QLabel()
        self.mode_label.setObjectName("mutedText")

        self.laps_spin = QSpinBox()
        self.laps_spin.setObjectName("typedLaps")
        self.laps_spin.setRange(0, 999)
        self.laps_spin.setMaximumWidth(110)
        self.total_edit = QLineEdit()
        self.total_edit.setObjectName("typedTotal")
        self.total_edit.setPlaceholderText("e.g. 45:10.100")
        self.total_edit.setToolTip("Race time at the flag: h:mm:ss.fff or m:ss.fff")
        self.total_edit.setMaximumWidth(160)
        self.best_edit = QLineEdit()
        self.best_edit.setObjectName("typedBest")
        self.best_edit.setPlaceholderText("e.g. 2:12.300")
        self.best_edit.setToolTip("The car's best valid lap: m:ss.fff")
        self.best_edit.setMaximumWidth(160)
        self.best_lap_spin = QSpinBox()
        self.best_lap_spin.setObjectName("typedBestLap")
        self.best_lap_spin.setRange(0, 999)
        self.best_lap_spin.setSpecialValueText("Not known")
        self.best_lap_spin.setMaximumWidth(110)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("typedStatus")
        for label, value in STATUS_CHOICES:
            self.status_combo.addItem(label, value)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("typedReason")
        self.reason_edit.setPlaceholderText("Why the official result changes (required)")

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(8)
        self.form.addRow("&Car", self.car_combo)
        self.form.addRow("", self.mode_label)
        self.form.addRow("&Laps", self.laps_spin)
        self.form.addRow("&Total time", self.total_edit)
        self.form.addRow("&Best lap", self.best_edit)
        self.form.addRow("Best lap &on lap", self.best_lap_spin)
        self.form.addRow("&Status", self.status_combo)
        self.form.addRow("&Reason", self.reason_edit)
        self.form.setRowVisible(self.total_edit, race)
        self.form.setRowVisible(self.reason_edit, official_revision is not None)

        self.messages = message_area()
        self.messages.setMinimumHeight(44)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setProperty("primary", "true")
        self.delete_button = self.buttons.addButton(
            "Delete line", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.setObjectName("typedDelete")
        self.delete_button.clicked.connect(self.delete_line)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addLayout(self.form)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)

        self.car_combo.currentIndexChanged.connect(self._car_changed)
        for edit in (self.total_edit, self.best_edit, self.reason_edit):
            edit.textChanged.connect(self.check)
        self.laps_spin.valueChanged.connect(self.check)
        self.car_combo.setCurrentIndex(self.car_combo.findData(car) if car else -1)
        self._car_changed()

    # --- reading the form -----------------------------------------------------------------

    def car(self) -> str | None:
        data = self.car_combo.currentData()
        return None if data is None else str(data)

    def select_car(self, number: str) -> None:
        self.car_combo.setCurrentIndex(self.car_combo.findData(number))

    def set_status(self, value: str) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData(value))

    def _car_changed(self) -> None:
        """A car with a line fills the form with it: the dialog corrects that line."""
        number = self.car()
        existing = self._lines.get(number) if number is not None else None
        self.delete_button.setVisible(existing is not None)
        if existing is None:
            self.mode_label.setText("New line" if number is not None else "")
            self.ok_button.setText("Add line")
            if self._filled_from is not None:
                # The values shown were another car's line: never save them for this one.
                self.laps_spin.setValue(0)
                self.total_edit.clear()
                self.best_edit.clear()
                self.best_lap_spin.setValue(0)
                self.set_status("")
            self._filled_from = None
        else:
            self._filled_from = number
            row = existing.row
            self.mode_label.setText(f"Correcting car {row.number}'s line")
            self.ok_button.setText("Save line")
            self.laps_spin.setValue(row.laps)
            total = None if row.total_time_ms is None else row.total_time_ms - row.penalty_ms
            self.total_edit.setText(format_racetime(total) if self._race else "")
            self.best_edit.setText(format_laptime(row.best_lap_ms))
            self.best_lap_spin.setValue(row.best_lap_number or 0)
            self.set_status("" if row.status is Status.CLASSIFIED else row.status.value)
        self.check()

    def _time(self, edit: QLineEdit, label: str, problems: list[str]) -> int | None:
        """The time typed in ``edit``; marks the field and notes the problem when wrong."""
        text = edit.text().strip()
        value: int | None = None
        bad = False
        if text:
            try:
                value = parse_time(text)
            except ValueError as exc:
                problems.append(f"{label}: {exc}")
                bad = True
            else:
                if value <= 0:
                    problems.append(f"{label}: must be more than zero")
                    bad = True
        set_style_property(edit, "invalid", "true" if bad else "false")
        return None if bad else value

    def typed_result(self) -> tuple[TypedResult | None, list[str]]:
        """What the form holds, or None and the problems that stop it."""
        problems: list[str] = []
        total = self._time(self.total_edit, "Total time", problems) if self._race else None
        best = self._time(self.best_edit, "Best lap", problems)
        number = self.car()
        if number is None:
            problems.insert(0, "Choose the car.")
        if self._official_revision is not None and not self.reason_edit.text().strip():
            problems.append(f"{self._session_name} is official: give the reason for the "
                            "correction.")
        if problems or number is None:
            return None, problems
        lap = self.best_lap_spin.value() or None
        return TypedResult(number=number, laps=self.laps_spin.value(), total_time_ms=total,
                           best_lap_ms=best, best_lap_number=lap if best else None,
                           status=str(self.status_combo.currentData())), []

    # --- checking and saving --------------------------------------------------------------

    def check(self) -> None:
        """Check the times as they are typed and say what saving will do."""
        _result, problems = self.typed_result()
        self.problems = problems
        self.ok_button.setEnabled(not problems)
        self.delete_button.setEnabled(
            self._official_revision is None or bool(self.reason_edit.text().strip()))
        if problems:
            state = "info" if problems == ["Choose the car."] else "problem"
            text = problems[0] if len(problems) == 1 else "\n".join(f"•  {p}" for p in problems)
            show_message(self.messages, text, state)
            return
        if self._official_revision is not None:
            show_message(self.messages, f"✓  Saving publishes revision "
                         f"{self._official_revision + 1} of {self._session_name}.", "ok")
        else:
            show_message(self.messages, "✓  Ready to save.", "ok")

    def _reason(self) -> str:
        return self.reason_edit.text().strip()

    def accept(self) -> None:
        """Save the line; on refusal show why and stay open."""
        result, _problems = self.typed_result()
        if result is None:
            self.check()
            return
        try:
            self.saved = result_service.set_typed_result(
                self._db, event=self._event, session=self._session, result=result,
                reason=self._reason())
        except RuleViolation as exc:
            self._refused(list(exc.problems))
            return
        except PaddockError as exc:
            self._refused([exc.message])
            return
        super().accept()

    def delete_line(self) -> None:
        """Delete the chosen car's line (typed by mistake)."""
        number = self.car()
        if number is None or number not in self._lines:
            return
        try:
            self.saved = result_service.delete_typed_result(
                self._db, event=self._event, session=self._session, number=number,
                reason=self._reason())
        except PaddockError as exc:
            self._refused([exc.message])
            return
        self.deleted = True
        super().accept()

    def _refused(self, problems: list[str]) -> None:
        text = problems[0] if len(problems) == 1 else "\n".join(f"•  {p}" for p in problems)
        show_message(self.messages, text, "problem")
