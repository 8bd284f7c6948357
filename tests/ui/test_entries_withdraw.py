"""The entries page: withdrawing an entry, shown as withdrawn in the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from paddock.services.database import Database
from paddock.services.entries import list_entries
from paddock.ui.entries.entry_models import DRIVER_COLUMN
from paddock.ui.entries.withdraw_dialog import WithdrawEntryDialog
from paddock.ui.main_window import MainWindow

from .helpers import when_modal_opens


def _row_text(window: MainWindow, number: str, role: Qt.ItemDataRole) -> object:
    page = window.entries_page
    row = next(r for r in range(page.model.rowCount()) if page.model.row(r).number == number)
    return page.model.data(page.model.index(row, DRIVER_COLUMN), role)


def test_withdrawing_from_an_event_then_the_season_shows_in_the_list(
        qtbot: QtBot, window: MainWindow, db: Database) -> None:
    page = window.entries_page
    page.select_entry(next(e.id for e in list_entries(db) if e.number == "7"))
    seen: list[str] = []

    def from_event_3(modal: QWidget) -> None:
        assert isinstance(modal, WithdrawEntryDialog)
        modal.accept()  # no reason yet: refused in the dialog, which stays open
        seen.append(modal.problem.text())
        modal.scope_box.setCurrentIndex(modal.scope_box.findData(3))
        modal.reason_edit.setText("Car damaged in testing")
        modal.accept()

    when_modal_opens(from_event_3)
    page.withdraw_button.click()
    assert seen and "needs a reason" in seen[0]
    assert _row_text(window, "7", Qt.ItemDataRole.ToolTipRole) == "Withdrawn from event 3"
    assert "7" not in {e.number for e in list_entries(db, event=3)}

    def from_the_season(modal: QWidget) -> None:
        assert isinstance(modal, WithdrawEntryDialog)
        assert modal.scope_box.findData(3) == -1  # already out of event 3
        modal.reason_edit.setText("Budget")
        modal.accept()

    when_modal_opens(from_the_season)
    page.withdraw_button.click()
    assert _row_text(window, "7", Qt.ItemDataRole.DisplayRole).endswith("(withdrawn)")
    assert _row_text(window, "7", Qt.ItemDataRole.ToolTipRole) == "Withdrawn: Budget"
    assert not page.withdraw_button.isEnabled()
    assert page.summary.text() == "32 entries in the season, 1 withdrawn"
    window.grab().save("/tmp/start/entries-withdrawn.png")
