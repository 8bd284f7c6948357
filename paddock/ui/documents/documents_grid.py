"""The stewards' amendments of a starting grid: the list under the grid, and adding one.

An amendment withdraws a car, sends it to the pit lane, or moves it to a grid position;
the stewards' reason is required and is printed under the grid. Both go through
`services.grids` (one small audited transaction each, on the UI thread).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError
from paddock.services import grids as grid_service
from paddock.services.grids import AdjustmentView, GridSlotView, GridView
from paddock.ui.common.theme import set_style_property as set_state

if TYPE_CHECKING:
    from paddock.services.database import Database

#: The kinds of amendment, as `services.grids.adjust_grid` names them, and as shown.
KINDS = (("withdraw", "Withdraw the car"), ("pit-lane", "Start from the pit lane"),
         ("move", "Move to grid position"))


class GridAmendmentDialog(QDialog):
    """Asks for one amendment of a race's grid and records it.

    The dialog stays open on a refusal (a car already withdrawn, a position off the
    grid) and says why; nothing is written then.

    Args:
        db: the open database.
        event: the event's number.
        race: 1 or 2.
        race_name: "Race 1", for the title.
        slots: the grid as it stands (the cars offered, with their positions).
        car: the car chosen first (default: the first on the grid).
    """

    def __init__(self, db: Database, *, event: int, race: int, race_name: str,
                 slots: Sequence[GridSlotView], car: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._event = event
        self._race = race
        self.outcome: GridView | None = None
        self.setObjectName("gridAmendmentDialog")
        self.setWindowTitle(f"Amend the {race_name} grid")
        self.setModal(True)

        intro = QLabel(f"A stewards' decision changing the {race_name} starting grid. "
                       "The reason is printed under the grid.")
        intro.setObjectName("mutedText")
        intro.setWordWrap(True)
        intro.setFixedWidth(440)

        self.car_combo = QComboBox()
        self.car_combo.setObjectName("gridCarCombo")
        for slot in slots:
            where = "pit lane" if slot.pit_lane else f"P{slot.position}"
            self.car_combo.addItem(f"#{slot.number}  {slot.driver}  ({where})", slot.number)
        if car is not None and (index := self.car_combo.findData(car)) >= 0:
            self.car_combo.setCurrentIndex(index)

        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        kinds = QVBoxLayout()
        kinds.setSpacing(4)
        for kind, text in KINDS:
            button = QRadioButton(text)
            button.setObjectName(f"kind-{kind}")
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            if kind == "move":
                self.position_spin = QSpinBox()
                self.position_spin.setObjectName("gridPositionSpin")
                self.position_spin.setRange(1, max(1, len(slots)))
                self.position_spin.setPrefix("P")
                row = QHBoxLayout()
                row.addWidget(button)
                row.addWidget(self.position_spin)
                row.addStretch(1)
                kinds.addLayout(row)
            else:
                kinds.addWidget(button)
        self.kind_buttons["withdraw"].setChecked(True)
        self.kind_group.buttonToggled.connect(lambda *_a: self._update())

        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("gridReasonEdit")
        self.reason_edit.setPlaceholderText("e.g. Decision 12: gearbox change after qualifying")
        self.reason_edit.textChanged.connect(lambda _t: self._update())

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("Car", self.car_combo)
        form.addRow("Amendment", kinds)
        form.addRow("Reason", self.reason_edit)

        self.message = QLabel()
        self.message.setObjectName("checkMessages")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = QPushButton("Amend grid")
        self.ok_button.setObjectName("amendGridButton")
        self.ok_button.setProperty("primary", "true")
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.amend)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        # The dialog grows to fit a refusal's message instead of squeezing the form.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._update()

    def kind(self) -> str:
        return next(kind for kind, button in self.kind_buttons.items() if button.isChecked())

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def _update(self) -> None:
        self.position_spin.setEnabled(self.kind() == "move")
        ready = bool(self.reason_edit.text().strip()) and self.car_combo.currentIndex() >= 0
        self.ok_button.setEnabled(ready)
        self.ok_button.setToolTip("" if ready else "The stewards' reason is required")

    def amend(self) -> None:
        """Record the amendment; close on success, say why on a refusal."""
        car = self.car_combo.currentData()
        if car is None:
            return
        kind = self.kind()
        try:
            self.outcome = grid_service.adjust_grid(
                self._db, event=str(self._event), race=self._race, kind=kind, car=str(car),
                reason=self.reason_edit.text(),
                position=self.position_spin.value() if kind == "move" else None)
        except PaddockError as exc:
            self.message.setText("Not recorded:\n" + exc.message)
            set_state(self.message, "state", "problem")
            self.message.show()
            return
        self.accept()


class GridAmendments(QGroupBox):
    """The amendments of the grid shown, with Add… and Remove.

    Signals:
        changed(str): an amendment was added or removed (what, in words).
    """

    changed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("Grid amendments", parent)
        self._db = db
        self._event: int | None = None
        self._race: int | None = None
        self._race_name = ""
        self.setObjectName("gridAmendments")

        self.list = QListWidget()
        self.list.setObjectName("amendmentList")
        # One line each, the whole text in the tooltip (and printed under the grid).
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemSelectionChanged.connect(self._update)
        self.empty = QLabel("None: the grid is as the results formed it.")
        self.empty.setObjectName("mutedText")
        self.empty.setWordWrap(True)
        self.add_button = QPushButton("Add amendment…")
        self.add_button.setObjectName("addAmendmentButton")
        self.add_button.setToolTip("Withdraw a car, start it from the pit lane, or move it")
        self.add_button.clicked.connect(lambda: self.add_amendment())
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName("removeAmendmentButton")
        self.remove_button.setToolTip("Take back the selected amendment")
        self.remove_button.clicked.connect(lambda: self.remove_selected())

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self._update()

    def set_grid(self, event: int, race: int, race_name: str) -> None:
        """Show the amendments of ``race``'s grid at ``event``."""
        self._event, self._race, self._race_name = event, race, race_name
        self.setTitle(f"{race_name} grid amendments")
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        if self._event is not None and self._race is not None:
            try:
                adjustments = grid_service.grid_adjustments(
                    self._db, event=str(self._event), race=self._race)
            except PaddockError:
                adjustments = ()
            for adjustment in adjustments:
                text = adjustment.text
                item = QListWidgetItem(text[0].upper() + text[1:])
                item.setData(Qt.ItemDataRole.UserRole, adjustment)
                item.setToolTip(f"{item.text()}\n\nBy {adjustment.created_by}, "
                                f"{adjustment.created_at:%d %b %Y %H:%M} UTC")
                self.list.addItem(item)
        # As tall as its amendments (up to four), so the document list keeps the room.
        shown = min(self.list.count(), 4)
        row = max(self.list.sizeHintForRow(0), self.list.fontMetrics().height() + 6)
        self.list.setFixedHeight(shown * row + 2 * self.list.frameWidth() + 4)
        self.list.setVisible(self.list.count() > 0)
        self.empty.setVisible(self.list.count() == 0)
        self._update()

    def adjustments(self) -> list[AdjustmentView]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.list.count())]

    def _update(self) -> None:
        self.add_button.setEnabled(self._event is not None)
        self.remove_button.setEnabled(bool(self.list.selectedItems()))

    def add_amendment(self) -> GridAmendmentDialog | None:
        """Open the amendment dialog for the grid shown; return it once closed."""
        if self._event is None or self._race is None:
            return None
        try:
            grid = grid_service.starting_grid(self._db, event=str(self._event), race=self._race)
        except PaddockError as exc:
            QMessageBox.warning(self, "Amend the grid", exc.message)
            return None
        dialog = GridAmendmentDialog(self._db, event=self._event, race=self._race,
                                     race_name=self._race_name, slots=grid.slots,
                                     parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.outcome is not None:
            self.reload()
            added = dialog.outcome.adjustments[-1].text if dialog.outcome.adjustments else ""
            self.changed.emit(f"{self._race_name} grid amended: {added}")
        return dialog

    def remove_selected(self) -> bool:
        """Take back the selected amendment after a confirmation; whether it was removed."""
        items = self.list.selectedItems()
        if not items:
            return False
        adjustment: AdjustmentView = items[0].data(Qt.ItemDataRole.UserRole)
        answer = QMessageBox.question(
            self, "Remove amendment",
            f"Take back this amendment of the {self._race_name} grid?\n\n{adjustment.text}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            grid_service.remove_adjustment(self._db, adjustment_id=adjustment.id)
        except PaddockError as exc:
            QMessageBox.warning(self, "Remove amendment", exc.message)
            return False
        self.reload()
        self.changed.emit(f"{self._race_name} grid: amendment taken back ({adjustment.text})")
        return True
