"""Editing the season's points scale: points per class position, bonuses, drop rounds.

What the dialog saves goes through ``services.standings.set_points_scale``, the same use
case as ``paddock points-scale``: its refusals (a scale that goes up, a drop rule that
would drop every result) are shown in the dialog, which stays open, and nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError, RuleViolation
from paddock.rules.points import DropRule, PointsScale
from paddock.services import standings as standings_service
from paddock.services.standings import ScaleSetup
from paddock.ui.common.dialogs import message_area, ok_cancel, show_message

if TYPE_CHECKING:
    from paddock.services.database import Database

#: The most bonus points the dialog offers (a bonus is a handful of points, not a race).
MAX_BONUS = 50


def positions_text(scale: PointsScale) -> str:
    return ", ".join(str(p) for p in scale.positions)


class PointsScaleDialog(QDialog):
    """The season's points scale, pole and fastest-lap bonuses and each class's drop rule.

    Args:
        db: the open database.
        year: the season to edit; None for the current one.

    Attributes:
        saved: the scale as saved, None until OK succeeded.
    """

    def __init__(self, db: Database, *, year: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setup: ScaleSetup = standings_service.points_setup(db, year=year)
        self.saved: PointsScale | None = None
        scale = self.setup.scale

        self.setObjectName("pointsScaleDialog")
        self.setWindowTitle(f"Points scale – {self.setup.year} season")
        self.setModal(True)
        self.setMinimumWidth(520)

        heading = QLabel(f"How the {self.setup.year} championship is scored")
        heading.setObjectName("placeholderHeading")

        self.positions_edit = QLineEdit(positions_text(scale))
        self.positions_edit.setObjectName("positionsEdit")
        self.positions_edit.setPlaceholderText("25, 20, 17, 14, …")
        self.positions_edit.setToolTip("Points for class positions 1, 2, 3, … in each race; "
                                       "positions beyond the list score nothing")
        self.pole_spin = self._spin("poleBonusSpin", scale.pole_bonus, MAX_BONUS)
        self.pole_spin.setToolTip("For the car starting each race from its class pole")
        self.fastest_spin = self._spin("fastestLapSpin", scale.fastest_lap_bonus, MAX_BONUS)
        self.fastest_spin.setToolTip("For the fastest lap of each class in each race")
        form = QFormLayout()
        form.addRow("Points by class position", self.positions_edit)
        form.addRow("Class pole bonus", self.pole_spin)
        form.addRow("Class fastest-lap bonus", self.fastest_spin)

        drops_title = QLabel("Drop rounds")
        drops_title.setObjectName("sectionTitle")
        drops_note = QLabel(
            f"The {self.setup.year} calendar has {self.setup.races} race"
            f"{'s' if self.setup.races != 1 else ''}. A class may drop its lowest results "
            "(a race not started counts 0 and may be dropped; a disqualification may not). "
            "The last races of the calendar can be protected.")
        drops_note.setObjectName("mutedText")
        drops_note.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        for column, title in enumerate(("Class", "Drop lowest", "Protect last")):
            label = QLabel(title)
            label.setObjectName("mutedText")
            grid.addWidget(label, 0, column)
        self.drop_spins: dict[str, QSpinBox] = {}
        self.protect_spins: dict[str, QSpinBox] = {}
        rules = {rule.class_name: rule for rule in scale.drops}
        for row, name in enumerate(self.setup.classes, start=1):
            rule = rules.get(name)
            drop = self._spin(f"drop_{name}", rule.count if rule else 0, self.setup.races)
            drop.setSuffix(" results")
            protect = self._spin(f"protect_{name}", rule.protect_last if rule else 0,
                                 self.setup.races)
            protect.setSuffix(" races")
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(drop, row, 1)
            grid.addWidget(protect, row, 2)
            self.drop_spins[name] = drop
            self.protect_spins[name] = protect

        self.messages = message_area()
        self.buttons, self.ok_button = ok_cancel(self, "Save scale")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(drops_title)
        layout.addWidget(drops_note)
        layout.addLayout(grid)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.positions_edit.textChanged.connect(lambda _text: self._ready())
        self._ready()

    @staticmethod
    def _spin(name: str, value: int, most: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, max(most, value))
        spin.setValue(value)
        return spin

    def positions(self) -> list[int] | None:
        """The points typed, None when the text is not a list of whole numbers."""
        parts = [p for p in self.positions_edit.text().replace(" ", "").split(",") if p]
        try:
            return [int(p) for p in parts]
        except ValueError:
            return None

    def drops(self) -> list[DropRule]:
        return [DropRule(name, spin.value(), self.protect_spins[name].value())
                for name, spin in self.drop_spins.items()]

    def _ready(self) -> None:
        if self.positions() is None:
            show_message(self.messages, "Points by class position: write whole numbers "
                         "separated by commas, e.g. 25, 20, 17.", "problem")
            self.ok_button.setEnabled(False)
            return
        self.ok_button.setEnabled(True)
        show_message(self.messages, "Saving recomputes the standings of the "
                     f"{self.setup.year} season at once.", "info")

    def accept(self) -> None:
        """Save through the service; on refusal show every problem and stay open."""
        positions = self.positions()
        if positions is None:
            return
        try:
            self.saved = standings_service.set_points_scale(
                self._db, positions=positions, pole_bonus=self.pole_spin.value(),
                fastest_lap_bonus=self.fastest_spin.value(), drops=self.drops(),
                year=self.setup.year)
        except RuleViolation as exc:
            show_message(self.messages, "\n".join(exc.problems), "problem")
            return
        except PaddockError as exc:
            show_message(self.messages, exc.message, "problem")
            return
        super().accept()
