"""The Entries page driven like an official would: filter, add, edit, delete."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from paddock.services import entries as entry_service
from paddock.services.database import Database
from paddock.ui.entries.entries_page import EntriesPage
from paddock.ui.entries.entry_dialog import EntryDialog
from paddock.ui.entries.entry_models import CLASS_COLUMN, DRIVER_COLUMN, NUMBER_COLUMN, TEAM_COLUMN
from paddock.ui.main_window import MainWindow

from .helpers import when_modal_opens


def _column(page: EntriesPage, column: int) -> list[str]:
    return [page.proxy.index(row, column).data() for row in range(page.proxy.rowCount())]


def _fill(qtbot: QtBot, dialog: EntryDialog, *, number: str, first: str, last: str, born: date,
          team: str, car: str, class_name: str, nationality: str = "USA",
          gentleman: bool = False) -> None:
    dialog.number_edit.setText(number)
    dialog.first_name_edit.setText(first)
    dialog.last_name_edit.setText(last)
    dialog.birth_edit.setDate(QDate(born.year, born.month, born.day))
    dialog.nationality_edit.clear()
    qtbot.keyClicks(dialog.nationality_edit, nationality)  # typed: upper-cased as typed
    dialog.team_combo.setEditText(team)
    dialog.car_combo.setCurrentIndex(dialog.car_combo.findText(car))
    dialog.class_combo.setCurrentIndex(dialog.class_combo.findText(class_name))
    dialog.gentleman_check.setChecked(gentleman)


def test_filter_narrows_the_table(qtbot: QtBot, window: MainWindow) -> None:
    page = window.entries_page
    total = page.proxy.rowCount()

    qtbot.keyClicks(page.filter_edit, "rookie")
    classes = _column(page, CLASS_COLUMN)
    assert 0 < len(classes) < total
    assert set(classes) == {"Rookie"}
    assert f"{len(classes)} of {total} entries shown" == page.summary.text()

    page.filter_edit.setText("Hollenbeck")
    assert _column(page, DRIVER_COLUMN) == ["Marcus Hollenbeck"]

    page.filter_edit.setText("kestrel")
    assert set(_column(page, TEAM_COLUMN)) == {"Kestrel Motorsport"}

    page.filter_edit.setText("no such driver")
    assert page.proxy.rowCount() == 0
    assert page.stack.currentWidget() is page.empty_label
    assert "no such driver" in page.empty_label.text()

    page.filter_edit.clear()
    assert page.proxy.rowCount() == total
    assert page.stack.currentWidget() is page.table


def test_sorting_by_number_is_natural(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    # "2" and "02" are different cars; both must sort by value, side by side.
    entry_service.add_entry(db, entry_service.EntryInput(
        "2", "Nora", "Quist", date(1990, 1, 1), "USA", "Kestrel Motorsport", "992", "Pro"))
    page = window.entries_page
    page.refresh()
    header = page.table.horizontalHeader()

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(page, DRIVER_COLUMN))
    assert header.sortIndicatorSection() == DRIVER_COLUMN
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=_section_centre(page, NUMBER_COLUMN))
    assert header.sortIndicatorSection() == NUMBER_COLUMN
    numbers = _column(page, NUMBER_COLUMN)
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        numbers.reverse()
    assert numbers.index("1") < numbers.index("2") < numbers.index("02") < numbers.index("7")
    assert numbers.index("7") < numbers.index("10") < numbers.index("91")
    assert [int(n) for n in numbers] == sorted(int(n) for n in numbers)


def _section_centre(page: EntriesPage, column: int) -> QPoint:
    header = page.table.horizontalHeader()
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                  header.height() // 2)


def test_adding_an_eligible_entry_adds_a_row(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    page = window.entries_page
    before = page.model.rowCount()
    seen: dict[str, object] = {}

    def fill_and_save(modal: QWidget) -> None:
        assert isinstance(modal, EntryDialog)
        assert not modal.ok_button.isEnabled()  # nothing filled in yet
        _fill(qtbot, modal, number="86", first="Ava", last="Lindqvist", born=date(2003, 5, 17),
              team="Lakeshore GT", car="992", class_name="Rookie", nationality="swe")
        seen["problems"] = list(modal.problems)
        seen["junior"] = modal.is_junior()
        seen["nationality"] = modal.nationality_edit.text()
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    when_modal_opens(fill_and_save)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    assert seen == {"problems": [], "junior": True, "nationality": "SWE"}
    assert page.model.rowCount() == before + 1
    added = page.selected_entry()
    assert added is not None
    assert (added.number, added.driver, added.class_name, added.junior) == (
        "86", "Ava Lindqvist", "Rookie", True)
    assert "86" in [e.number for e in entry_service.list_entries(db)]


@pytest.mark.parametrize(
    ("class_name", "car", "born", "gentleman", "expected"),
    [
        ("Rookie", "992", date(1990, 6, 1), False, ["Rookie", "23 or younger", "is 30"]),
        ("Pro", "991.2", date(1995, 6, 1), False, ["Pro", "requires the 992", "991.2"]),
        ("Pro-Am", "992", date(1970, 6, 1), False, ["gentleman"]),
    ],
)
def test_an_ineligible_entry_shows_the_problem_and_cannot_be_saved(
    qtbot: QtBot, db: Database, class_name: str, car: str, born: date, gentleman: bool,
    expected: list[str],
) -> None:
    dialog = EntryDialog(db, entry_service.entry_choices(db))
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, number="86", first="Ava", last="Lindqvist", born=born, team="Lakeshore GT",
          car=car, class_name=class_name, gentleman=gentleman)

    assert not dialog.ok_button.isEnabled()
    assert dialog.messages.isVisible()
    assert dialog.messages.property("state") == "problem"
    text = dialog.messages.text()
    assert "Car 86 (Ava Lindqvist)" in text
    for part in expected:
        assert part in text

    # Fixing the entry clears the message and enables saving, as the user types.
    dialog.class_combo.setCurrentIndex(dialog.class_combo.findText("Pro-Am"))
    dialog.car_combo.setCurrentIndex(dialog.car_combo.findText("992"))
    dialog.gentleman_check.setChecked(True)
    assert dialog.problems == []
    assert dialog.ok_button.isEnabled()
    assert dialog.messages.property("state") == "ok"


def test_a_taken_number_is_flagged_while_typing(qtbot: QtBot, db: Database) -> None:
    dialog = EntryDialog(db, entry_service.entry_choices(db))
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, number="8", first="Ava", last="Lindqvist", born=date(1995, 6, 1),
          team="Lakeshore GT", car="992", class_name="Pro")
    assert any("already entered" in p for p in dialog.problems)
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClick(dialog.number_edit, Qt.Key.Key_6)  # "86" is free
    assert dialog.problems == []
    assert dialog.ok_button.isEnabled()


def test_a_refusal_at_save_is_shown_and_the_dialog_stays_open(
    qtbot: QtBot, db: Database
) -> None:
    dialog = EntryDialog(db, entry_service.entry_choices(db))
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, number="86", first="Ava", last="Lindqvist", born=date(1995, 6, 1),
          team="Lakeshore GT", car="992", class_name="Pro")
    assert dialog.ok_button.isEnabled()
    # Meanwhile someone else enters car 86 (the CLI, another window).
    entry_service.add_entry(db, entry_service.EntryInput(
        "86", "Other", "Driver", date(1990, 1, 1), "USA", "Kestrel Motorsport", "992", "Pro"))

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.result() != EntryDialog.DialogCode.Accepted
    assert dialog.saved_entry is None
    assert "already entered" in dialog.messages.text()
    assert not dialog.ok_button.isEnabled()


def test_enter_edits_the_selected_entry(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    page = window.entries_page
    target = next(e for e in entry_service.list_entries(db) if e.number == "7")
    assert page.select_entry(target.id)
    seen: dict[str, object] = {}

    def change_team(modal: QWidget) -> None:
        assert isinstance(modal, EntryDialog)
        seen["number"] = modal.number_edit.text()
        seen["enabled"] = modal.ok_button.isEnabled()
        modal.team_combo.setEditText("Redtail Performance")
        qtbot.mouseClick(modal.ok_button, Qt.MouseButton.LeftButton)

    when_modal_opens(change_team)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)

    assert seen == {"number": "7", "enabled": True}
    updated = next(e for e in entry_service.list_entries(db) if e.id == target.id)
    assert updated.team == "Redtail Performance"
    assert page.selected_entry() == updated
    row = page.proxy.mapFromSource(page.model.index(page.model.row_of(target.id) or 0, 0)).row()
    assert page.proxy.index(row, TEAM_COLUMN).data() == "Redtail Performance"


def test_cancel_changes_nothing(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    page = window.entries_page
    before = entry_service.list_entries(db)

    def cancel(modal: QWidget) -> None:
        assert isinstance(modal, EntryDialog)
        modal.number_edit.setText("99")
        modal.reject()

    when_modal_opens(cancel)
    page.add_entry()
    assert entry_service.list_entries(db) == before


@pytest.mark.parametrize("confirm", [True, False])
def test_delete_asks_naming_car_and_driver_then_removes_the_row(
    qtbot: QtBot, window: MainWindow, db: Database, monkeypatch: pytest.MonkeyPatch,
    confirm: bool,
) -> None:
    page = window.entries_page
    target = next(e for e in entry_service.list_entries(db) if e.number == "7")
    assert page.select_entry(target.id)
    before = page.model.rowCount()
    questions: list[str] = []

    def answer(_parent: QWidget, _title: str, text: str, *_args: object
               ) -> QMessageBox.StandardButton:
        questions.append(text)
        return QMessageBox.StandardButton.Yes if confirm else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert len(questions) == 1
    assert "car 7" in questions[0]
    assert target.driver in questions[0]
    numbers = [e.number for e in entry_service.list_entries(db)]
    if confirm:
        assert page.model.rowCount() == before - 1
        assert "7" not in _column(page, NUMBER_COLUMN)
        assert "7" not in numbers
    else:
        assert page.model.rowCount() == before
        assert "7" in numbers


def test_edit_and_delete_need_a_selection(window: MainWindow) -> None:
    page = window.entries_page
    page.table.clearSelection()
    assert not page.edit_button.isEnabled()
    assert not page.delete_button.isEnabled()
    page.table.selectRow(0)
    assert page.edit_button.isEnabled()
    assert page.delete_button.isEnabled()


def test_ctrl_n_adds_only_while_the_entries_page_is_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    opened: list[str] = []

    def note_and_cancel(modal: QWidget) -> None:
        opened.append(modal.windowTitle())
        assert isinstance(modal, EntryDialog)
        modal.reject()

    when_modal_opens(note_and_cancel)
    qtbot.keyClick(window.entries_page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["Add entry"]

    window.show_page(1)
    watch = when_modal_opens(note_and_cancel)
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    watch.cancel()
    assert opened == ["Add entry"]


@pytest.mark.parametrize("typed", ["2001-05-17", "20010517", "2001/5/17"])
def test_the_date_of_birth_can_be_typed_from_not_set(
    qtbot: QtBot, db: Database, typed: str
) -> None:
    dialog = EntryDialog(db, entry_service.entry_choices(db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.birth_edit.text() == "Not set"
    assert dialog.date_of_birth() is None
    assert "date of birth" in dialog.messages.text()

    qtbot.keyClicks(dialog.birth_edit, typed)

    assert dialog.date_of_birth() == date(2001, 5, 17)
    assert dialog.is_junior()
    assert "aged 19 on Jan 1" in dialog.junior_label.text()


def test_filter_enter_enter_edits_the_match(qtbot: QtBot, window: MainWindow) -> None:
    page = window.entries_page
    page.table.clearSelection()
    qtbot.keyClicks(page.filter_edit, "hollenbeck")
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Return)
    selected = page.selected_entry()
    assert selected is not None
    assert selected.driver == "Marcus Hollenbeck"
    titles: list[str] = []

    def note_and_cancel(modal: QWidget) -> None:
        titles.append(modal.windowTitle())
        assert isinstance(modal, EntryDialog)
        modal.reject()

    when_modal_opens(note_and_cancel)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert titles == ["Edit entry – car 1, Marcus Hollenbeck"]


def test_escape_clears_the_filter(qtbot: QtBot, window: MainWindow) -> None:
    page = window.entries_page
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.filter_edit.setFocus()
    qtbot.keyClicks(page.filter_edit, "rookie")
    assert page.proxy.rowCount() < page.model.rowCount()
    qtbot.keyClick(page.filter_edit, Qt.Key.Key_Escape)
    assert page.filter_edit.text() == ""
    assert page.proxy.rowCount() == page.model.rowCount()


def test_a_part_season_entry_is_entered_in_the_events_ticked(qtbot: QtBot, db: Database) -> None:
    dialog = EntryDialog(db, entry_service.entry_choices(db))
    qtbot.addWidget(dialog)
    assert all(not c.isEnabled() and c.isChecked() for c in dialog.event_checks.values())
    dialog.full_season_check.setChecked(False)
    for check in dialog.event_checks.values():
        check.setChecked(False)
    dialog.number_edit.setText("88")
    dialog.first_name_edit.setText("Nora")
    dialog.last_name_edit.setText("Quist")
    dialog.birth_edit.setDate(QDate(1990, 2, 3))
    dialog.nationality_edit.setText("USA")
    dialog.team_combo.setEditText("Kestrel Motorsport")
    dialog.car_combo.setCurrentIndex(dialog.car_combo.findText("992"))
    dialog.class_combo.setCurrentIndex(dialog.class_combo.findText("Pro"))
    assert not dialog.ok_button.isEnabled()
    assert "at least one" in dialog.messages.text()
    dialog.event_checks[1].setChecked(True)
    dialog.event_checks[3].setChecked(True)
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.saved_entry is not None
    assert entry_service.entry_events(db, dialog.saved_entry.id) == [1, 3]
