"""The tyre desk's dialogs: correct a registration, scrap a tyre, carry tyres over,
register a replacement.

Each dialog calls its service when confirmed; a refusal shows in the dialog, which stays
open with what the official typed, so nothing is lost and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError, RuleViolation
from paddock.rules.tyres import CorrectionWindow, TyreType
from paddock.services import tyres as tyre_service
from paddock.services.tyres import CorrectionResult, TyreView
from paddock.ui.tyres.tyre_models import local_time_text, status_text

if TYPE_CHECKING:
    from paddock.services.database import Database


def _set_property(widget: QWidget, name: str, value: str) -> None:
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class ScanLineEdit(QLineEdit):
    """A barcode field in a dialog: a scanner's Enter moves on instead of confirming."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()
            return
        super().keyPressEvent(event)


class _TyreDialog(QDialog):
    """A form, a message area and a confirm button that runs `submit`."""

    confirm_text = "OK"

    def __init__(self, db: Database, event: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._event = event
        self.problems: list[str] = []
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(8)
        self.messages = QLabel()
        self.messages.setObjectName("checkMessages")
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(Qt.TextFormat.PlainText)
        self.messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.messages.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.confirm_text)
        self.ok_button.setProperty("primary", "true")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def show_problems(self, problems: Sequence[str]) -> None:
        """Say why nothing was written; the dialog stays open."""
        self.problems = list(problems)
        heading = "Nothing was saved:" if len(problems) > 1 else "Nothing was saved –"
        self.messages.setText("\n".join([heading, *(f"•  {p}" for p in problems)]))
        _set_property(self.messages, "state", "problem")
        self.messages.show()

    def submit(self) -> None:
        """Call the service; raise `PaddockError` to refuse."""
        raise NotImplementedError

    def missing(self) -> str:
        """What the official still has to fill in, or ""."""
        return ""

    def accept(self) -> None:
        still = self.missing()
        if still:
            self.show_problems([still])
            return
        try:
            self.submit()
        except RuleViolation as exc:
            self.show_problems(list(exc.problems))
            return
        except PaddockError as exc:
            self.show_problems([exc.message])
            return
        super().accept()


class ScrapDialog(_TyreDialog):
    """Marks one tyre scrapped, with the reason (it keeps counting against the quota)."""

    confirm_text = "Scrap tyre"

    def __init__(self, db: Database, event: int, barcode: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(db, event, parent)
        self.setWindowTitle("Scrap a tyre")
        self.intro.setText("A scrapped tyre can no longer be used. It still counts against "
                           "its car's quota at the event it was registered for.")
        self.barcode_edit = ScanLineEdit(barcode)
        self.barcode_edit.setObjectName("scrapBarcode")
        self.barcode_edit.setPlaceholderText("Scan or type the barcode")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("scrapReason")
        self.reason_edit.setPlaceholderText("e.g. puncture in FP2, flat spot")
        self.form.addRow("&Barcode", self.barcode_edit)
        self.form.addRow("&Reason", self.reason_edit)
        (self.reason_edit if barcode else self.barcode_edit).setFocus()
        self.scrapped: TyreView | None = None

    def missing(self) -> str:
        if not self.barcode_edit.text().strip():
            return "Scan or type the barcode of the tyre to scrap."
        if not self.reason_edit.text().strip():
            return "Say why the tyre is scrapped: the reason is kept with the tyre."
        return ""

    def submit(self) -> None:
        self.scrapped = tyre_service.scrap_tyre(
            self._db, event=str(self._event), barcode=self.barcode_edit.text(),
            reason=self.reason_edit.text())


class CorrectionDialog(_TyreDialog):
    """Puts a registration right: the tyre moves to another car, or is voided; a reason.

    Allowed until the event's first race starts; the service checks it (and the new car's
    quota) when the correction is written, and its refusal shows here.
    """

    confirm_text = "Correct"

    def __init__(self, db: Database, event: int, barcode: str,
                 cars: Sequence[tuple[str, str]], window: CorrectionWindow,
                 parent: QWidget | None = None) -> None:
        super().__init__(db, event, parent)
        self._drivers = dict(cars)
        self.setWindowTitle("Correct a tyre registration")
        if window.is_open(datetime.now(UTC)):
            when = window.describe()
            self.intro.setText(
                "A tyre registered to the wrong car moves to the right one (it then counts "
                "against that car's quota); a tyre registered by mistake is voided (its "
                f"quota is freed). The reason is kept in the audit trail. {when[:1].upper()}"
                f"{when[1:]}.")
        else:
            self.intro.setText(
                f"{window.race or 'The first race'} started at {window.local_text}: "
                "registrations can no longer be corrected. Scrap the tyre and register a "
                "replacement with the stewards' approval.")
        self.barcode_edit = ScanLineEdit(barcode)
        self.barcode_edit.setObjectName("correctBarcode")
        self.barcode_edit.setPlaceholderText("Scan or type the barcode")
        self.move_radio = QRadioButton("&Move to car")
        self.void_radio = QRadioButton("&Void the registration (registered by mistake)")
        self.move_radio.setChecked(True)
        self.car_edit = QLineEdit()
        self.car_edit.setObjectName("correctCar")
        self.car_edit.setMaxLength(4)
        self.car_edit.setFixedWidth(80)
        self.car_edit.setPlaceholderText("No.")
        self.car_driver = QLabel()
        self.car_driver.setObjectName("correctDriver")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("correctReason")
        self.reason_edit.setPlaceholderText("e.g. scanned to car 77, meant car 7")
        move_row = QHBoxLayout()
        move_row.addWidget(self.move_radio)
        move_row.addWidget(self.car_edit)
        move_row.addWidget(self.car_driver, 1)
        self.form.addRow("&Barcode", self.barcode_edit)
        self.form.addRow("", self._row(move_row))
        self.form.addRow("", self.void_radio)
        self.form.addRow("&Reason", self.reason_edit)
        self.car_edit.textChanged.connect(self._car_changed)
        self.void_radio.toggled.connect(lambda void: self.car_edit.setEnabled(not void))
        self.car_edit.textEdited.connect(lambda _text: self.move_radio.setChecked(True))
        (self.car_edit if barcode else self.barcode_edit).setFocus()
        self.corrected: CorrectionResult | None = None

    @staticmethod
    def _row(layout: QHBoxLayout) -> QWidget:
        holder = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(layout)
        return holder

    def _car_changed(self, text: str) -> None:
        car = text.strip()
        driver = self._drivers.get(car)
        self.car_driver.setText(driver if driver is not None
                                else (f"no car {car} at this event" if car else ""))

    def missing(self) -> str:
        if not self.barcode_edit.text().strip():
            return "Scan or type the barcode of the tyre to correct."
        if self.move_radio.isChecked() and not self.car_edit.text().strip():
            return "Type the number of the car the tyre belongs to."
        if not self.reason_edit.text().strip():
            return "Say why: the reason is kept in the audit trail."
        return ""

    def submit(self) -> None:
        if self.void_radio.isChecked():
            self.corrected = tyre_service.void_tyre(
                self._db, event=str(self._event), barcode=self.barcode_edit.text(),
                reason=self.reason_edit.text())
        else:
            self.corrected = tyre_service.move_tyre(
                self._db, event=str(self._event), barcode=self.barcode_edit.text(),
                to_car=self.car_edit.text().strip(), reason=self.reason_edit.text())


class ReplacementDialog(_TyreDialog):
    """Registers a tyre replacing a damaged one, with the stewards' reason (no quota)."""

    confirm_text = "Register replacement"

    def __init__(self, db: Database, event: int, car: str, driver: str,
                 tyre_type: TyreType = TyreType.SLICK, parent: QWidget | None = None) -> None:
        super().__init__(db, event, parent)
        self._car = car
        self.setWindowTitle(f"Replacement tyre for car {car}")
        self.intro.setText(
            f"Car {car} – {driver}. A tyre damaged beyond use may be replaced with the "
            "stewards' approval: the replacement is outside the quota, and the reason is "
            "recorded with it.")
        self.type_combo = QComboBox()
        for kind in TyreType:
            self.type_combo.addItem(kind.value.capitalize(), kind.value)
        self.type_combo.setCurrentIndex(self.type_combo.findData(tyre_type.value))
        self.barcode_edit = ScanLineEdit()
        self.barcode_edit.setObjectName("replacementBarcode")
        self.barcode_edit.setPlaceholderText("Scan the new tyre")
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("replacementReason")
        self.reason_edit.setPlaceholderText("The stewards' decision, e.g. 'Doc 14: cut tyre, T3'")
        self.form.addRow("&Type", self.type_combo)
        self.form.addRow("&Barcode", self.barcode_edit)
        self.form.addRow("Stewards' &reason", self.reason_edit)
        self.barcode_edit.setFocus()
        self.registered: tyre_service.RegisterResult | None = None

    def missing(self) -> str:
        if not self.barcode_edit.text().strip():
            return "Scan or type the barcode of the replacement tyre."
        if not self.reason_edit.text().strip():
            return "A replacement needs the stewards' reason."
        return ""

    def submit(self) -> None:
        self.registered = tyre_service.register_tyres(
            self._db, event=str(self._event), car=self._car,
            barcodes=[self.barcode_edit.text()], tyre_type=str(self.type_combo.currentData()),
            replacement=True, reason=self.reason_edit.text())


class CarryOverDialog(_TyreDialog):
    """Picks which unused slicks of a car go on to the next event."""

    confirm_text = "Carry over"

    def __init__(self, db: Database, event: int, car: str, driver: str,
                 candidates: Sequence[TyreView], *, limit: int, to_event: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(db, event, parent)
        self._car = car
        self.setWindowTitle(f"Carry over tyres of car {car}")
        self.intro.setText(
            f"Car {car} – {driver}. Tick the unused slicks that go on to {to_event} "
            f"(up to {limit}). They stay counted against this event's quota.")
        self.tyre_list = QListWidget()
        self.tyre_list.setObjectName("carryOverList")
        for tyre in candidates:
            item = QListWidgetItem(
                f"{tyre.barcode}    {status_text(tyre)}    "
                f"{local_time_text(tyre.registered_at)}")
            item.setData(Qt.ItemDataRole.UserRole, tyre.barcode)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.tyre_list.addItem(item)
        self.tyre_list.setMinimumHeight(180)
        self.form.addRow(self.tyre_list)
        self.carried: tuple[TyreView, ...] = ()

    def checked_barcodes(self) -> list[str]:
        items = (self.tyre_list.item(row) for row in range(self.tyre_list.count()))
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def set_checked(self, barcodes: Sequence[str]) -> None:
        wanted = set(barcodes)
        for row in range(self.tyre_list.count()):
            item = self.tyre_list.item(row)
            item.setCheckState(Qt.CheckState.Checked
                               if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)

    def missing(self) -> str:
        return "" if self.checked_barcodes() else "Tick the tyres to carry over."

    def submit(self) -> None:
        self.carried = tyre_service.carry_over_tyres(
            self._db, event=str(self._event), car=self._car, barcodes=self.checked_barcodes())
