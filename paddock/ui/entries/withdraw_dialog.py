"""Withdraw an entry from the season or from one event, with a reason (the entries page).

An entry with tyres or results is evidence and is never deleted: it is withdrawn. It
leaves the events it has not run, so no new tyre registration, classification or grid
takes it; what it ran stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from paddock.errors import PaddockError
from paddock.services.entries import EntryView
from paddock.services.withdrawals import Withdrawal, withdraw_entry

if TYPE_CHECKING:
    from paddock.services.database import Database

#: The scope box's first item: the whole season.
SEASON = "The season (every event not yet run)"


class WithdrawEntryDialog(QDialog):
    """Asks from what (the season or one event) and why; withdraws through the service.

    A refusal (no reason, a car that ran at the event) is shown in the dialog, which stays
    open; ``done_withdrawal`` holds the outcome once accepted.
    """

    def __init__(self, db: Database, entry: EntryView,
                 events: tuple[tuple[int, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._entry = entry
        self.done_withdrawal: Withdrawal | None = None
        self.setObjectName("withdrawEntryDialog")
        self.setWindowTitle("Withdraw entry")

        who = QLabel(f"<b>Car {entry.number}</b> — {entry.driver} ({entry.team}, "
                     f"{entry.class_name})")
        self.scope_box = QComboBox()
        self.scope_box.setObjectName("withdrawScope")
        self.scope_box.addItem(SEASON, None)
        for number, label in events:
            if number not in entry.withdrawn_from:
                self.scope_box.addItem(f"Event {number} — {label}", number)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("withdrawEntryReason")
        self.reason_edit.setPlaceholderText("Why (required), e.g. driver injured")
        self.problem = QLabel()
        self.problem.setObjectName("withdrawProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        note = QLabel("The entry, its tyres and its results stay; it leaves the events it "
                      "has not run.")
        note.setWordWrap(True)
        note.setObjectName("dialogNote")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText("Withdraw")
        ok.setProperty("primary", "true")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Withdraw from:", self.scope_box)
        form.addRow("Reason:", self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        event = self.scope_box.currentData()
        try:
            self.done_withdrawal = withdraw_entry(
                self._db, self._entry.number, reason=self.reason_edit.text(),
                event=None if event is None else str(event))
        except PaddockError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return
        super().accept()
