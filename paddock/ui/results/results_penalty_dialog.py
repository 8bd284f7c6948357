"""The penalty dialog: one stewards' decision against one car of a session."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
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
from paddock.rules.laptime import parse_time
from paddock.services import results as result_service
from paddock.services.results import PenaltyResult
from paddock.ui.common.dialogs import message_area, show_message
from paddock.ui.common.theme import set_style_property
from paddock.ui.results.results_cars import CarChoice
from paddock.ui.results.results_table import PENALTY_LABELS

if TYPE_CHECKING:
    from paddock.services.database import Database

#: The kinds in the order the stewards use them most.
KIND_ORDER = ("time", "drive-through", "stop-and-go", "delete-lap", "reinstate-lap", "dsq",
              "grid-drop", "warning", "reprimand")
#: The kinds that change no classification: never pending, never a new revision.
NO_REVISION_KINDS = ("grid-drop", "warning", "reprimand")
#: The kinds that name one lap of the car, and what the lap field is called for each.
LAP_KINDS = {"delete-lap": ("&Lap deleted", "The lap whose time no longer counts (track limits)"),
             "reinstate-lap": ("&Lap reinstated",
                               "The deleted lap whose time counts again (deleted in the "
                               "timing system or by an earlier decision)")}


class PenaltyDialog(QDialog):
    """Collects a penalty and records it through ``services.results.add_penalty``.

    The reason is required; the decision number is given by the service when left empty.
    A refusal shows in the message area and the dialog stays open.

    On an official session a decision that changes the classification is kept pending for
    the stewards' bulletin (published with the others as one revision) unless "Publish at
    once" is ticked; on a provisional session the order is simply recomputed.

    Args:
        db: the open database.
        event: the event's number or short name.
        session: the session's code ("R1").
        session_name: the session's name, for the messages ("Race 1").
        cars: the cars to choose from.
        official_revision: the session's official revision, or None while provisional.
        car: the car to preselect.
        kind: the kind to preselect ("time", "reinstate-lap"...).
        seconds: for a time penalty, the seconds to pre-fill (an official confirms them).
        lap: for a lap deletion or reinstatement, the lap to pre-fill.
        context: why the dialog was opened pre-filled, shown above the form.
    """

    def __init__(
        self,
        db: Database,
        *,
        event: str,
        session: str,
        session_name: str,
        cars: Sequence[CarChoice],
        official_revision: int | None = None,
        car: str | None = None,
        kind: str | None = None,
        seconds: int | None = None,
        lap: int | None = None,
        context: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._event = event
        self._session = session
        self._session_name = session_name
        self._official_revision = official_revision
        self.outcome: PenaltyResult | None = None
        self.problems: list[str] = []

        self.setObjectName("penaltyDialog")
        self.setWindowTitle(f"Add penalty – {session_name}")
        self.setModal(True)
        self.setMinimumWidth(520)

        self.car_combo = QComboBox()
        self.car_combo.setObjectName("penaltyCar")
        for choice in cars:
            self.car_combo.addItem(choice.label, choice.number)
        self.car_combo.setCurrentIndex(self.car_combo.findData(car) if car else -1)
        self.car_combo.setPlaceholderText("Choose the car")

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("penaltyKind")
        for value in KIND_ORDER:
            self.kind_combo.addItem(PENALTY_LABELS[value], value)

        self.seconds_edit = QLineEdit()
        self.seconds_edit.setObjectName("penaltySeconds")
        self.seconds_edit.setPlaceholderText("e.g. 5 or 1:00")
        self.seconds_edit.setToolTip("Seconds added to the car's race time")
        self.seconds_edit.setMaximumWidth(140)
        self.served_check = QCheckBox("Served in the race (nothing is added)")
        self.served_check.setObjectName("penaltyServed")
        self.served_check.setToolTip(
            "Not served, it converts to a time penalty (the season's setting)")
        self.places_spin = QSpinBox()
        self.places_spin.setObjectName("penaltyPlaces")
        self.places_spin.setRange(1, 60)
        self.places_spin.setSuffix(" places")
        self.places_spin.setMaximumWidth(140)
        self.lap_spin = QSpinBox()
        self.lap_spin.setObjectName("penaltyLap")
        self.lap_spin.setRange(1, 999)
        self.lap_spin.setPrefix("Lap ")
        self.lap_spin.setMaximumWidth(140)

        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("penaltyReason")
        self.reason_edit.setPlaceholderText("e.g. Track limits, turn 9 (required)")
        self.decision_edit = QLineEdit()
        self.decision_edit.setObjectName("penaltyDecision")
        self.decision_edit.setPlaceholderText("Next number if empty")
        self.decision_edit.setToolTip("The number on the stewards' decision document; "
                                      "left empty, the event's next number")
        self.decision_edit.setMaximumWidth(220)
        self.article_edit = QLineEdit()
        self.article_edit.setObjectName("penaltyArticle")
        self.article_edit.setPlaceholderText("e.g. Sporting Regulations art. 12.3")
        self.article_edit.setToolTip("The regulation article the decision applies "
                                     "(printed on the bulletin)")
        self.publish_now_check = QCheckBox("Publish at once (a revision of its own)")
        self.publish_now_check.setObjectName("penaltyPublishNow")
        self.publish_now_check.setToolTip(
            "Off: the decision waits in the stewards' bulletin, to be previewed and "
            "published with the others as one revision")
        self.publish_now_check.setChecked(False)
        self.publish_now_check.setVisible(official_revision is not None)
        self.publish_now_check.toggled.connect(self.check)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(8)
        self.form.addRow("&Car", self.car_combo)
        self.form.addRow("&Penalty", self.kind_combo)
        self.form.addRow("&Seconds", self.seconds_edit)
        self.form.addRow("", self.served_check)
        self.form.addRow("Grid &drop", self.places_spin)
        self.form.addRow(LAP_KINDS["delete-lap"][0], self.lap_spin)
        self.form.addRow("&Reason", self.reason_edit)
        self.form.addRow("&Article", self.article_edit)
        self.form.addRow("Decision &no.", self.decision_edit)
        if official_revision is not None:
            self.form.addRow("", self.publish_now_check)

        self.messages = message_area()
        self.messages.setMinimumHeight(44)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Record penalty")
        self.ok_button.setProperty("primary", "true")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.context_label = message_area()
        show_message(self.context_label, context, "info")
        self.context_label.setVisible(bool(context))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.context_label)
        layout.addLayout(self.form)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.car_combo.currentIndexChanged.connect(self.check)
        for edit in (self.seconds_edit, self.reason_edit, self.decision_edit,
                     self.article_edit):
            edit.textChanged.connect(self.check)
        if kind is not None:
            self.set_kind(kind)
        if seconds is not None:
            self.seconds_edit.setText(str(seconds))
        if lap is not None:
            self.lap_spin.setValue(lap)
        self._kind_changed()
        if context:
            # Pre-filled: what is left for the official is the stewards' reason.
            self.reason_edit.setFocus()

    # --- reading the form -----------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    def car(self) -> str | None:
        data = self.car_combo.currentData()
        return None if data is None else str(data)

    def seconds_ms(self) -> int | None:
        """The time typed, in milliseconds; None when empty or not a time."""
        try:
            return parse_time(self.seconds_edit.text())
        except ValueError:
            return None

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.form.setRowVisible(self.seconds_edit, kind == "time")
        self.form.setRowVisible(self.served_check, kind in ("drive-through", "stop-and-go"))
        self.form.setRowVisible(self.places_spin, kind == "grid-drop")
        self.form.setRowVisible(self.lap_spin, kind in LAP_KINDS)
        self.reason_edit.setPlaceholderText(
            "e.g. Video: inside the limits (required)" if kind == "reinstate-lap"
            else "e.g. Track limits, turn 9 (required)")
        if kind in LAP_KINDS:
            title, tip = LAP_KINDS[kind]
            label = self.form.labelForField(self.lap_spin)
            if isinstance(label, QLabel):
                label.setText(title)
            self.lap_spin.setToolTip(tip)
        self.adjustSize()
        self.check()

    # --- checking and saving --------------------------------------------------------------

    def check(self) -> None:
        """Show what is still missing, or what recording the penalty will do."""
        missing = []
        if self.car() is None:
            missing.append("the car")
        bad_time = False
        if self.kind() == "time":
            text = self.seconds_edit.text().strip()
            ms = self.seconds_ms()
            bad_time = bool(text) and (ms is None or ms <= 0)
            if not text:
                missing.append("the seconds")
        set_style_property(self.seconds_edit, "invalid", "true" if bad_time else "false")
        if not self.reason_edit.text().strip():
            missing.append("the stewards' reason")
        if bad_time:
            self._show([f"'{self.seconds_edit.text().strip()}' is not a time: "
                        "type seconds (5, 2.5) or m:ss (1:00)"], "problem")
        elif missing:
            self._show(["Still to fill in: " + ", ".join(missing) + "."], "info")
        else:
            self._show([self._consequence()], "ok")

    def _consequence(self) -> str:
        if self._official_revision is None:
            return f"✓  Ready. {self._session_name} is provisional: the order is recomputed."
        if self.kind() == "grid-drop":
            return "✓  Ready. A grid drop applies to the next grid; no new revision."
        if self.kind() in NO_REVISION_KINDS:
            return "✓  Ready. A warning or reprimand changes no classification; no new revision."
        if self.publish_now_check.isChecked():
            return (f"✓  Ready. {self._session_name} is official: recording this publishes "
                    f"revision {self._official_revision + 1} at once.")
        return (f"✓  Ready. {self._session_name} is official: the decision is kept PENDING "
                "for the stewards' bulletin (preview it, then Publish bulletin).")

    def pending(self) -> bool:
        """Whether the decision is to be kept pending (official session, box not ticked)."""
        return self._official_revision is not None and not self.publish_now_check.isChecked()

    def _show(self, problems: list[str], state: str) -> None:
        self.problems = [] if state == "ok" else problems
        self.ok_button.setEnabled(state == "ok")
        if state == "problem" and len(problems) > 1:
            text = "\n".join(["Not recorded:", *(f"•  {p}" for p in problems)])
        else:
            text = problems[0]
        show_message(self.messages, text, state)

    def accept(self) -> None:
        """Record the penalty; on refusal show why and stay open."""
        self.check()
        car = self.car()
        if self.problems or car is None:
            return
        kind = self.kind()
        ms = self.seconds_ms() if kind == "time" else None
        try:
            self.outcome = result_service.add_penalty(
                self._db, event=self._event, session=self._session, car=car, kind=kind,
                reason=self.reason_edit.text(),
                seconds=None if ms is None else ms / 1000,
                places=self.places_spin.value() if kind == "grid-drop" else None,
                lap=self.lap_spin.value() if kind in LAP_KINDS else None,
                served=self.served_check.isChecked()
                if kind in ("drive-through", "stop-and-go") else False,
                decision=self.decision_edit.text().strip(),
                article=self.article_edit.text().strip(), pending=self.pending())
        except RuleViolation as exc:
            self._show(list(exc.problems), "problem")
            self.ok_button.setEnabled(True)
            return
        except PaddockError as exc:
            self._show([exc.message], "problem")
            self.ok_button.setEnabled(True)
            return
        super().accept()
